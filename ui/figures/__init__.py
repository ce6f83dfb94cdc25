"""Plotly figure builders: tidy frames in, a ``go.Figure`` out, one style; no Streamlit.

One small function per chart, in the manner of plotly express, grouped by the
step of the method that shows it; the style (palette, fonts, axes, how "us"
is drawn) is decided once in :mod:`ui.figures.style`. Pages call them and
hand the figure to ``st.plotly_chart``; tests/test_figures.py checks each one's
traces, axes and escaped text without Streamlit.

============== ===================================================================
style          palette, fonts, margins, period axes, "(us)", escaping, graph styling
business_case  materiality matrix, rank per scenario
network_map    top players, trends, rank over time, whole-network panels, overview
leadership     self-assessment gaps, E-I index over time, brokerage roles
map_svg        the home page's static map preview (SVG text)
============== ===================================================================
"""
