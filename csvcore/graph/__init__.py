"""One map as a graph, and what is measured on it.

=========== ==============================================================
build       roster, tie selection, merged edges, direction (one graph per period)
views       the undirected view of a directed map
layout      fixed positions, the same in every period
measures    node measures and the composite influence score
communities Louvain communities and modularity
focus       which organizations a drawing shows, as node and edge tables
style       the dashboard's colours and sizes, for pages and exported files
=========== ==============================================================
"""
