"""Step 2, the network map (filled in by the network-map issue)."""

import streamlit as st

st.title("2 · Network map")
st.info("Coming next: central players, influence over time, and how we are connected.")
