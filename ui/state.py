# View state that lives in the URL (st.query_params), so that a link reproduces a view.
# On a session's first run it is taken from the URL; after that the reader's edits change
# it, and every run writes it into the widgets and back into the URL.
from __future__ import annotations

import pandas as pd
import streamlit as st

from utils.filters import (
    CHOICES,
    FILTER_LINK_PARAMETERS,
    FILTER_PARAMS,
    FILTERS,
    Filters,
    FilterSpec,
    default_filters,
    filters_from_params,
    filters_to_params,
    fit_filters,
    value_of,
    with_value,
    year_bounds,
)
from utils.i18n import DEFAULT_LANGUAGE, LANGUAGES
from utils.links import Parameter, ReadLink, is_identifier, one_of, read_link
from utils.views.profiles import SORT_ALIASES, SORT_ORDERS

# Widget keys: each filter's widget has its field's name (utils/filters.py FILTERS). The
# language's key is also its query parameter.
LANGUAGE_KEY = "lang"
PARTNER_KEY = "partner"  # the partner whose card the map page shows; also its parameter
MODE_PARAM = "mode"  # ?mode=present or ?mode=print: the whole app shown another way
PRESENT_MODE = "present"
PRINT_MODE = "print"
MODES = (PRESENT_MODE, PRINT_MODE)
MAP_CLICK_SEEN_KEY = "map_click_seen"  # the count of the map's last click acted on
PARTNERS_SORT_KEY = "partners_sort"  # the Partners page's order; also its parameter
# Parameters a page keeps in the URL beside the filters and the language.
PAGE_PARAMS = (PARTNER_KEY, MODE_PARAM, PARTNERS_SORT_KEY)
# Every parameter a link may carry, and the values each takes (utils/links.py).
LINK_PARAMETERS = (
    *FILTER_LINK_PARAMETERS,
    Parameter(LANGUAGE_KEY, one_of(LANGUAGES)),
    Parameter(MODE_PARAM, one_of(MODES)),
    Parameter(PARTNER_KEY, is_identifier),
    Parameter(PARTNERS_SORT_KEY, one_of((*SORT_ORDERS, *SORT_ALIASES))),
)
OPENING_LINK_KEY = "_opening_link"  # the link this session opened with, as read
LINK_NOTE_KEY = "_link_ignored"  # the parameters of that link that were left out


def current_link() -> ReadLink:
    """Read the URL's parameters as they are now, each through its parameter's rule."""
    params = {name: st.query_params.get_all(name) for name in st.query_params}
    return read_link(params, LINK_PARAMETERS)


def opening_link() -> ReadLink:
    """Return the link this session opened with, read once; what it left out is noted."""
    if OPENING_LINK_KEY not in st.session_state:
        read = st.session_state[OPENING_LINK_KEY] = current_link()
        if read.ignored:
            st.session_state[LINK_NOTE_KEY] = read.ignored
    return st.session_state[OPENING_LINK_KEY]


def link_value(name: str) -> str | None:
    """Return a parameter's value in the URL now, if it is one the parameter takes."""
    return next(iter(current_link().values.get(name, [])), None)


def ignored_link_parameters() -> tuple[str, ...]:
    """Return (once) the parameters of the opening link that were left out, to say so."""
    return st.session_state.pop(LINK_NOTE_KEY, ())


def init_language() -> str:
    """Take the language from the URL on a session's first run and return the current one."""
    if LANGUAGE_KEY not in st.session_state:
        requested = opening_link().values.get(LANGUAGE_KEY, [DEFAULT_LANGUAGE])
        st.session_state[LANGUAGE_KEY] = requested[0]
    else:
        # Written on every run, like the filters (see KEPT_FILTERS_KEY).
        st.session_state[LANGUAGE_KEY] = language()
    return language()


def language() -> str:
    """Return the language the reader has chosen."""
    chosen = st.session_state.get(LANGUAGE_KEY)
    return chosen if chosen in LANGUAGES else DEFAULT_LANGUAGE


# The filters as the reader last set them; only a widget's own on_change (a real edit)
# changes them. They are written into the widgets on every run, so that every run tells
# the browser the widgets' values: on the first session after a server restart, the
# switch out of Streamlit's legacy pages/ mode left the browser holding an empty filter
# widget, which it sent back when the map's component reported in, silently dropping a
# filter the reader had set (tests/browser: test_filters_follow_the_reader_across_pages).
KEPT_FILTERS_KEY = "_filters_kept"
KEPT_BOUNDS_KEY = "_filters_bounds"  # the registry's year range the kept filters were set in


def _widget_value(spec: FilterSpec, filters: Filters) -> object:
    """Return a filter's value as its widget holds it: a (from, to) pair, a list, a text."""
    value = value_of(filters, spec)
    return list(value) if spec.kind == CHOICES else value


def _store(filters: Filters) -> None:
    """Make filters the kept state and put them into the widgets."""
    st.session_state[KEPT_FILTERS_KEY] = filters
    for spec in FILTERS:
        st.session_state[spec.field] = _widget_value(spec, filters)


def _widget_filters() -> Filters:
    """Read the filters from the widgets' state; a widget not drawn keeps its kept value."""
    filters = st.session_state.get(KEPT_FILTERS_KEY) or Filters(year_from=0, year_to=0)
    for spec in FILTERS:
        if spec.field in st.session_state:
            filters = with_value(filters, spec, st.session_state[spec.field])
    return filters


def remember_filters() -> None:
    """Keep what the reader has just set in a filter widget (the widgets' on_change)."""
    st.session_state[KEPT_FILTERS_KEY] = _widget_filters()


def init_filters(documents: pd.DataFrame) -> None:
    """Fill the filter widgets from the URL on a session's first run, then from the kept state.

    The kept state is fitted to the data first: widget values outside the current options
    would make Streamlit raise, e.g. after a new data file drops a country.
    """
    kept = st.session_state.get(KEPT_FILTERS_KEY)
    made_for = st.session_state.get(KEPT_BOUNDS_KEY)
    st.session_state[KEPT_BOUNDS_KEY] = year_bounds(documents)
    if kept is None:
        params = {name: opening_link().values.get(name, []) for name in FILTER_PARAMS}
        _store(filters_from_params(params, documents))
        return
    # Written on every run, so every run tells the browser the widgets' values.
    _store(fit_filters(kept, documents, made_for))


def current_filters(documents: pd.DataFrame) -> Filters:
    """Return the filters the reader has set in the sidebar."""
    return st.session_state.get(KEPT_FILTERS_KEY) or default_filters(documents)


def reset_filters(documents: pd.DataFrame) -> None:
    """Show the whole registry again (a button's callback)."""
    _store(default_filters(documents))


def sync_url(documents: pd.DataFrame) -> None:
    """Rewrite the URL's parameters from the language and the filters, if they differ."""
    wanted = filters_to_params(current_filters(documents), default_filters(documents))
    wanted[LANGUAGE_KEY] = [language()]
    taken = current_link().values
    for kept in PAGE_PARAMS:
        if kept in taken:
            wanted[kept] = taken[kept]
    present = {name: st.query_params.get_all(name) for name in st.query_params}
    if present != wanted:
        st.query_params.from_dict(wanted)


def init_partner(choices: list[str]) -> None:
    """Choose the partner whose card is shown: from the URL at first, none if filtered out."""
    if PARTNER_KEY not in st.session_state:
        requested = link_value(PARTNER_KEY)
        st.session_state[PARTNER_KEY] = requested if requested in choices else None
    elif st.session_state[PARTNER_KEY] not in choices:
        st.session_state[PARTNER_KEY] = None


def take_map_click(count: int, partner: str | None) -> None:
    """Show the card of a partner just clicked on the map (ui.maps.clicked_partner).

    The map reports its last click on every rerun; only a new click (its count grew)
    changes the choice, so a partner picked in the list afterwards is not overridden.
    """
    if count != st.session_state.get(MAP_CLICK_SEEN_KEY):
        st.session_state[MAP_CLICK_SEEN_KEY] = count
        if partner:
            st.session_state[PARTNER_KEY] = partner


def set_partner_param(partner_id: str | None) -> None:
    """Put the partner whose card is shown into the URL, or take it out."""
    if partner_id:
        st.query_params[PARTNER_KEY] = partner_id
    elif PARTNER_KEY in st.query_params:
        del st.query_params[PARTNER_KEY]


def view_mode() -> str | None:
    """Return the mode the URL asks for (presentation or print), or None for the dashboard."""
    return link_value(MODE_PARAM)


def enter_mode(mode: str) -> None:
    """Switch to presentation or print mode (a button's callback); the filters are kept."""
    st.query_params[MODE_PARAM] = mode


def leave_mode() -> None:
    """Go back to the dashboard from presentation or print mode (a button's callback)."""
    if MODE_PARAM in st.query_params:
        del st.query_params[MODE_PARAM]


def selected_partner(choices: list[str]) -> str | None:
    """Return the partner the URL names, if it is among the choices."""
    chosen = link_value(PARTNER_KEY)
    return chosen if chosen in choices else None


def step_partner(choices: list[str], step: int) -> None:
    """Move the presenter to the next or previous partner (a button's callback).

    Stepping past either end comes back to the whole network first.
    """
    current = selected_partner(choices)
    position = -1 if current is None else choices.index(current)
    position += step
    if current is None and step < 0:
        position = len(choices) - 1
    set_partner_param(choices[position] if 0 <= position < len(choices) else None)
