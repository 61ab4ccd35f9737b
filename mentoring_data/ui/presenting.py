"""What the slide page needs besides the slide model: its URL parameters and its look."""

from __future__ import annotations

import streamlit as st

KIOSK_MIN_SECONDS = 2
KIOSK_MAX_SECONDS = 3600


def parse_kiosk(raw: str | None) -> tuple[int | None, bool]:
    """Seconds per slide from ?kiosk=, or None for no kiosk; True when the value was unusable.
    Too short a value would redraw faster than a projector audience can read."""
    if raw is None or raw == "":
        return None, False
    try:
        seconds = int(raw)
    except ValueError:
        return None, True
    if seconds < KIOSK_MIN_SECONDS or seconds > KIOSK_MAX_SECONDS:
        return None, True
    return seconds, False


def parse_slide_number(raw: str | None, total: int) -> tuple[int, bool]:
    """The 1-based slide from ?slide=, clamped to the deck; True when the value was unusable."""
    if raw is None or raw == "":
        return 1, False
    try:
        number = int(raw)
    except ValueError:
        return 1, True
    if number < 1:
        return 1, True
    if number > total:
        return total, True
    return number, False


# Projector look: no Streamlit chrome, large type, the theme's own colours (so both light and
# dark keep their contrast), the counter and buttons big enough to find from a lectern.
_STYLE = """
<style>
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stSidebar"],
[data-testid="stSidebarCollapsedControl"], [data-testid="stDecoration"],
[data-testid="stStatusWidget"], footer { display: none !important; }
.block-container, [data-testid="stMainBlockContainer"] {
  padding: 2.5vh 4vw 1.5vh 4vw !important; max-width: 100% !important; }
[data-testid="stMain"] h1 { font-size: clamp(2.6rem, 5.2vw, 5.5rem) !important;
  line-height: 1.1 !important; font-weight: 700 !important; padding-bottom: 0.4em; }
[data-testid="stMain"] h3 { font-size: clamp(1.6rem, 2.8vw, 3rem) !important;
  font-weight: 500 !important; }
[data-testid="stMain"] li, [data-testid="stMain"] p { font-size: clamp(1.3rem, 2.1vw, 2.3rem); }
[data-testid="stMetricValue"], [data-testid="stMetricValue"] p {
  font-size: clamp(3.2rem, 6.5vw, 7rem) !important; font-weight: 700 !important;
  line-height: 1.1 !important; height: auto !important; }
[data-testid="stMetricLabel"] { height: auto !important; min-height: 0 !important; }
[data-testid="stMetricLabel"] p { font-size: clamp(1.3rem, 2vw, 2.3rem) !important;
  line-height: 1.2 !important; margin: 0 !important; }
/* the controls stay at the foot of the screen whatever the slide's height */
.st-key-present_controls { position: fixed; left: 0; right: 0; bottom: 0; z-index: 999;
  padding: 1vh 4vw 1.5vh 4vw; background: BACKGROUND; }
[data-testid="stMain"] { padding-bottom: 11vh; }
[data-testid="stMain"] button p { font-size: clamp(1.1rem, 1.6vw, 1.8rem) !important; }
[data-testid="stMain"] [data-testid="stCaptionContainer"] p {
  font-size: clamp(0.95rem, 1.3vw, 1.5rem); }
.slide-counter { text-align: center; font-size: clamp(1.4rem, 2.2vw, 2.4rem) !important;
  font-weight: 700; margin: 0; }
</style>
"""


def presentation_style() -> None:
    mode = "dark" if st.context.theme.type == "dark" else "light"
    background = st.get_option(f"theme.{mode}.backgroundColor") or "Canvas"
    st.html(_STYLE.replace("BACKGROUND", background))
