"""Shared Value Navigator's core: every piece of data handling and computation, no UI.

The data flows file -> dataset -> map key -> measures -> page, and each folder
is one stage or one step of the method:

============== ==================================================================
contract       the spreadsheet contract: schema, Dataset, validation Report, MapKey
io             reading uploads (the importer and its format readers) and exports
graph          one map as a graph: build, views, layout, measures, communities, focus
business_case  step 1: which challenges stand out under which futures
network_map    step 2: trends over time, our ego network, the whole network
leadership     step 3: position, boundaries, brokerage, partners, convening, brief
workspaces     saved workspaces: the versioned store and its access tokens
cli            ``python -m csvcore``
============== ==================================================================

Nothing here imports Streamlit; ``docs/ARCHITECTURE.md`` draws the flow.
"""
