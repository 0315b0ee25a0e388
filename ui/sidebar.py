# The shared sidebar: language and the filters that apply on every page.
from __future__ import annotations

import streamlit as st

from ui.state import (
    COUNTRIES_KEY,
    DOCUMENT_TYPES_KEY,
    HOMES_KEY,
    LANGUAGE_KEY,
    PRESENT_MODE,
    PRINT_MODE,
    SEARCH_KEY,
    STATUSES_KEY,
    YEARS_KEY,
    enter_mode,
    remember_filters,
    reset_filters,
)
from ui.view import View
from utils.data.record import STATUS_CHOICES
from utils.filters import (
    MAX_SEARCH_LENGTH,
    country_options,
    document_type_options,
    year_bounds,
)
from utils.i18n import LANGUAGES, country_name, language_name, t


def render_sidebar(view: View, home_labels: dict[str, str]) -> None:
    """Draw the language switch and the filters, with a count of what they let through.

    The home filter appears only when the registry has more than one home municipality.
    """
    lang, documents = view.lang, view.registry
    st.radio(
        t("app.language", lang),
        LANGUAGES,
        key=LANGUAGE_KEY,
        format_func=language_name,  # each in its own language: Русский, Polski, Deutsch
        horizontal=True,
    )
    st.header(t("filters.header", lang))
    if len(home_labels) > 1:
        st.multiselect(
            t("filters.homes", lang),
            list(home_labels),
            key=HOMES_KEY,
            on_change=remember_filters,
            format_func=home_labels.get,
            placeholder=t("filters.all", lang),
        )
    first, last = year_bounds(documents)
    if first < last:
        st.slider(
            t("filters.years", lang),
            min_value=first,
            max_value=last,
            key=YEARS_KEY,
            on_change=remember_filters,
        )
    countries, kinds = country_options(documents), document_type_options(documents)
    st.multiselect(
        t("filters.countries", lang),
        countries,
        key=COUNTRIES_KEY,
        on_change=remember_filters,
        format_func=lambda code: country_name(code, lang),
        placeholder=t("filters.all", lang),
    )
    st.multiselect(
        t("filters.document_types", lang),
        kinds,
        key=DOCUMENT_TYPES_KEY,
        on_change=remember_filters,
        format_func=lambda kind: t(f"document_type.{kind}", lang),
        placeholder=t("filters.all", lang),
    )
    st.multiselect(
        t("filters.statuses", lang),
        list(STATUS_CHOICES),
        key=STATUSES_KEY,
        on_change=remember_filters,
        format_func=lambda status: t(f"status.{status}", lang),
        placeholder=t("filters.all", lang),
        help=t("filters.statuses_help", lang),
    )
    st.text_input(
        t("filters.search", lang),
        key=SEARCH_KEY,
        on_change=remember_filters,
        help=t("filters.search_help", lang),
        max_chars=MAX_SEARCH_LENGTH,
    )
    shown = len(view.documents)
    st.caption(t("filters.shown", lang, shown=shown, total=len(documents)))
    st.button(
        t("filters.reset", lang),
        key="reset_filters",
        on_click=reset_filters,
        args=(documents,),
        disabled=shown == len(documents),
    )
    st.caption(t("filters.link", lang))
    st.header(t("mode.header", lang))
    for mode in (PRESENT_MODE, PRINT_MODE):
        st.button(
            t(f"mode.{mode}", lang),
            key=f"enter_{mode}",
            on_click=enter_mode,
            args=(mode,),
            help=t(f"mode.{mode}_help", lang),
            width="stretch",
        )
    problem_count = sum(len(found) for _, found in view.file_problems)
    if problem_count:
        st.warning(t("data.problems_short", lang, count=problem_count))
