"""Pieces that several pages draw: cached charts, the network map, flash messages, source
lists, and data text made safe for markdown."""

from __future__ import annotations

import streamlit as st

from mentoring_data.format.validation import MAX_FILE_BYTES
from mentoring_data.locale_format import format_megabytes
from mentoring_data.messages import current_language, t
from mentoring_data.ui.page_frame import link_params
from mentoring_data.views import charts, dashboard
from mentoring_data.views.formatting import known


@st.cache_resource(show_spinner=False, max_entries=128)
def _built_chart(name: str, data_key: tuple, language: str, selection: tuple, _build):
    return _build()


def chart_key(name: str, selection: tuple) -> tuple:
    """What a cached chart depends on: its name, the data version, the language (titles, axes,
    legends and tooltips are words) and the selection."""
    return name, dashboard.data_key(), current_language(), selection


def cached_chart(name: str, selection: tuple, build):
    """A chart built once per data version, language and selection: figures and decks cost
    tens of milliseconds to build, a look-up costs none. `build` makes it on a miss."""
    return _built_chart(*chart_key(name, selection), build)


def network_map(
    programme_id: str | None, key: str, height: int, width_px: int, interactive: bool = True
) -> None:
    """The mentoring network on the offline map; a click on a pair or city opens the pair,
    except on a slide (`interactive` False), where a click must not leave the presentation."""
    view = dashboard.network_view(programme_id)
    if view.links.empty and view.places.empty:
        st.info(t("map.empty"))
        return
    dark = st.context.theme.type == "dark"
    if view.by_country:
        st.info(t("map.by_country", pairs=dashboard.pair_count(programme_id)))
        deck = cached_chart(
            "country_flows",
            (programme_id, dark, width_px, height),
            lambda: charts.country_flow_deck(view.links, view.places, dark, width_px, height),
        )
        st.pydeck_chart(deck, key=key, height=height)
        return
    if view.links.empty:
        st.info(t("map.no_pairs"))
    deck = cached_chart(
        "network",
        (programme_id, dark, width_px, height),
        lambda: charts.network_deck(view.links, view.places, dark, width_px, height),
    )
    if not interactive:
        st.pydeck_chart(deck, key=key, height=height)
        st.caption(t("map.legend"))
        return
    event = st.pydeck_chart(
        deck, key=key, on_select="rerun", selection_mode="single-object", height=height
    )
    picked = event["selection"]["objects"] if event else {}
    if picked.get("arcs"):
        arc = picked["arcs"][0]
        st.switch_page(
            "pages/pairs.py",
            query_params=link_params(programme=arc["programme_id"], pair=arc["pair_id"]),
        )
    if picked.get("cities"):
        st.switch_page(
            "pages/pairs.py",
            query_params=link_params(programme=None, place=picked["cities"][0]["id"]),
        )
    st.caption(t("map.legend") + " " + t("map.click_hint"))


def flash(kind: str, message: str) -> None:
    """A message that survives st.rerun()."""
    st.session_state["flash"] = (kind, message)


def show_flash() -> None:
    if "flash" in st.session_state:
        kind, message = st.session_state.pop("flash")
        getattr(st, kind)(message)


def sources_list(urls: list[str], heading_key: str = "common.sources") -> None:
    """Sources as links the reader can follow; text is never rendered as markup."""
    if not urls:
        return
    st.markdown(f"**{t(heading_key)}**")
    for url in urls:
        st.markdown(f"- [{_link_text(url)}]({url})")


def plain(text: object) -> str:
    """Data text shown inside markdown: its markdown characters are escaped, never rendered."""
    if not known(text):
        return ""
    special = "\\`*_{}[]()#+-.!|<>~$"
    return "".join("\\" + ch if ch in special else ch for ch in str(text))


def _link_text(url: str) -> str:
    shown = url.split("://", 1)[-1]
    shown = shown if len(shown) <= 80 else shown[:77] + "…"
    return shown.replace("[", "(").replace("]", ")").replace("*", "\\*").replace("_", "\\_")


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def file_uploader(label: str, types: list[str], **options):
    """st.file_uploader with its own words in the reader's language. Streamlit writes its
    button ("Upload") and its size line ("10MB per file") in English whatever the page's
    language; the style below hides those two texts and draws the catalogue's instead (CSS
    generated text, which screen readers read as the button's name)."""
    limit = t(
        "admin.upload_limit",
        size=format_megabytes(MAX_FILE_BYTES // (1024 * 1024)),
        types=", ".join(x.upper() for x in types),
    )
    st.html(
        "<style>"
        '[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"],'
        '[data-testid="stFileUploaderDropzoneInstructions"] span { display: none; }'
        '[data-testid="stFileUploaderDropzone"] button [data-has-shortcut]::after'
        f" {{ content: {_css_string(t('admin.upload_button'))}; }}"
        '[data-testid="stFileUploaderDropzoneInstructions"] > div::after'
        f" {{ content: {_css_string(limit)}; }}"
        "</style>"
    )
    return st.file_uploader(label, type=types, **options)
