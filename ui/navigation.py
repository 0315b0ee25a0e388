# The dashboard's pages, defined once for the navigation menu and the overview's links.
from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from utils.i18n import t


@dataclass(frozen=True)
class PageInfo:
    """A page: its URL path (also the catalogue key "page.<key>") and its script.

    No icons: Streamlit fetches Material icons from a font CDN, which a closed
    meeting-room network does not reach.
    """

    key: str
    script: str


PAGES = (
    PageInfo("overview", "pages/overview.py"),
    PageInfo("map", "pages/map.py"),
    PageInfo("timeline", "pages/timeline.py"),
    PageInfo("breakdowns", "pages/breakdowns.py"),
    PageInfo("table", "pages/table.py"),
)
DEFAULT_PAGE = PAGES[0]


def navigation_pages(lang: str) -> list[st.Page]:
    """Build the st.Page list in `lang`; the first page is the default."""
    return [
        st.Page(
            page.script,
            title=t(f"page.{page.key}", lang),
            url_path=page.key,
            default=page == DEFAULT_PAGE,
        )
        for page in PAGES
    ]
