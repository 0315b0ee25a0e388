# The dashboard's pages, defined once for the navigation menu and the overview's links.
from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from ui.state import PRESENT_MODE, PRINT_MODE
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
    PageInfo("partners", "pages/partners.py"),
    PageInfo("timeline", "pages/timeline.py"),
    PageInfo("breakdowns", "pages/breakdowns.py"),
    PageInfo("table", "pages/table.py"),
    PageInfo("anniversaries", "pages/anniversaries.py"),
    PageInfo("strategy", "pages/strategy.py"),
    PageInfo("data", "pages/data.py"),
)
DEFAULT_PAGE = PAGES[0]
PAGE_SCRIPTS = {page.key: page.script for page in PAGES}  # a page's script by its key
# The default page is served at "/"; its own path stays reserved, so it gets one nobody
# types, and "/overview" (which readers guess, as every other page has a path) is an
# alias that goes to it.
DEFAULT_PAGE_PATH = "home"
# What runs in presentation and print mode, whichever page's URL the mode was asked on.
MODE_SCRIPTS = {PRESENT_MODE: "pages/present.py", PRINT_MODE: "pages/print.py"}


def navigation_pages(lang: str, mode: str | None = None) -> list[st.Page]:
    """Build the st.Page list in `lang`; the first page is the default.

    In a mode, every page's URL runs the mode's script instead: the URL stays as it was,
    so leaving the mode (dropping ?mode=) returns to the page the reader came from.
    """
    return [
        st.Page(
            MODE_SCRIPTS[mode] if mode else page.script,
            title=t(f"page.{page.key}", lang),
            url_path=DEFAULT_PAGE_PATH if page == DEFAULT_PAGE else page.key,
            default=page == DEFAULT_PAGE,
        )
        for page in PAGES
    ]


def default_page_alias(default: st.Page) -> st.Page:
    """Return a page at the default page's own path ("/overview") that goes to it."""

    def go_to_default() -> None:
        st.switch_page(default)

    return st.Page(go_to_default, title=default.title, url_path=DEFAULT_PAGE.key)


def page_menu(pages: list[st.Page]) -> None:
    """Draw the menu of pages; Streamlit's own is off (client.showSidebarNavigation).

    Streamlit's menu lists the pages/ folder's file names to the first visitor after a
    restart, before the frame has run: a menu of our own shows only the real titles.
    """
    with st.container(key="page_menu"):
        for page in pages:
            st.page_link(page)
    st.divider()
