# The shared sidebar: language, the filters that apply on every page (each drawn from its
# definition in utils/filters.py), and the presentation and print modes.
from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from ui.state import (
    LANGUAGE_KEY,
    PRESENT_MODE,
    PRINT_MODE,
    enter_mode,
    remember_filters,
    reset_filters,
)
from ui.view import View
from utils.filters import (
    CHOICES,
    FILTERS,
    MAX_SEARCH_LENGTH,
    ONE,
    YEARS,
    FilterSpec,
    year_bounds,
)
from utils.i18n import LANGUAGES, language_name, t


def filter_widget(spec: FilterSpec, view: View, names: Mapping[str, str]) -> None:
    """Draw one filter's widget, if the registry offers it a choice (its key: its field)."""
    lang, registry = view.lang, view.registry
    help_text = t(spec.help, lang) if spec.help else None
    if spec.kind == YEARS:
        first, last = year_bounds(registry)
        if first < last:
            st.slider(
                t(spec.label, lang), min_value=first, max_value=last, key=spec.field,
                on_change=remember_filters, help=help_text,
            )  # fmt: skip
        return
    if spec.kind == CHOICES:
        options = spec.options(registry)
        if len(options) < spec.shown_from:
            return
        st.multiselect(
            t(spec.label, lang),
            options,
            key=spec.field,
            on_change=remember_filters,
            format_func=lambda value: names.get(value) or spec.option_text(value, lang),
            placeholder=t("filters.all", lang),
            help=help_text,
        )
        return
    if spec.kind == ONE:
        st.radio(
            t(spec.label, lang),
            spec.options(registry),
            key=spec.field,
            on_change=remember_filters,
            format_func=lambda value: spec.option_text(value, lang),
            help=help_text,
        )
        return
    st.text_input(
        t(spec.label, lang), key=spec.field, on_change=remember_filters, help=help_text,
        max_chars=MAX_SEARCH_LENGTH,
    )  # fmt: skip


def render_sidebar(view: View, home_labels: Mapping[str, str]) -> None:
    """Draw the language switch and the filters, with a count of what they let through.

    `home_labels` names the homes (the home filter appears only with more than one).
    """
    lang, registry = view.lang, view.registry
    st.radio(
        t("app.language", lang),
        LANGUAGES,
        key=LANGUAGE_KEY,
        format_func=language_name,  # each in its own language: Русский, Polski, Deutsch
        horizontal=True,
    )
    st.header(t("filters.header", lang))
    for spec in FILTERS:
        filter_widget(spec, view, home_labels)
    shown = len(view.documents)
    st.caption(t("filters.shown", lang, shown=shown, total=len(registry)))
    st.button(
        t("filters.reset", lang),
        key="reset_filters",
        on_click=reset_filters,
        args=(registry,),
        disabled=shown == len(registry),
    )
    st.caption(t("filters.link", lang))
    modes(lang)
    problem_count = sum(len(found) for _, found in view.file_problems)
    if problem_count:
        st.warning(t("data.problems_short", lang, count=problem_count))


def modes(lang: str) -> None:
    """Offer the presentation and print modes, which keep the filters."""
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
