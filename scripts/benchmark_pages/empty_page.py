"""Benchmark reference: the emptiest Streamlit page, the framework's own floor.

Run by scripts/benchmark.py in AppTest and with `streamlit run`; not part of the dashboard."""

import streamlit as st

st.title("Empty page")
