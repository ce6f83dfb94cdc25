"""Step 3, leadership strategy (filled in by the leadership issue)."""

import streamlit as st

st.title("3 · Leadership strategy")
st.info("Coming next: strengths and gaps, boundary spanning, partners and dialogue.")
