# View state that lives in the URL (st.query_params), so that a link reproduces a view.
# On a session's first run the widgets' state is taken from the URL; on every run after
# that the widgets own it and the URL is rewritten from them.
from __future__ import annotations

import pandas as pd
import streamlit as st

from utils.filters import (
    FILTER_PARAMS,
    Filters,
    country_options,
    default_filters,
    document_type_options,
    filters_from_params,
    filters_to_params,
    fit_filters,
)
from utils.i18n import DEFAULT_LANGUAGE, LANGUAGES

# Widget keys. The language's key is also its query parameter.
LANGUAGE_KEY = "lang"
YEARS_KEY = "years"
COUNTRIES_KEY = "countries"
DOCUMENT_TYPES_KEY = "types"
SEARCH_KEY = "search"
PARTNER_KEY = "partner"  # the partner whose card the map page shows; also its parameter
FILTER_KEYS = (YEARS_KEY, COUNTRIES_KEY, DOCUMENT_TYPES_KEY, SEARCH_KEY)


def init_language() -> str:
    """Take the language from the URL on a session's first run and return the current one."""
    if LANGUAGE_KEY not in st.session_state:
        requested = st.query_params.get(LANGUAGE_KEY, DEFAULT_LANGUAGE)
        st.session_state[LANGUAGE_KEY] = requested if requested in LANGUAGES else DEFAULT_LANGUAGE
    return language()


def language() -> str:
    """Return the language the reader has chosen."""
    chosen = st.session_state.get(LANGUAGE_KEY)
    return chosen if chosen in LANGUAGES else DEFAULT_LANGUAGE


def _store(filters: Filters) -> None:
    """Put filters into the widgets' state."""
    st.session_state[YEARS_KEY] = (filters.year_from, filters.year_to)
    st.session_state[COUNTRIES_KEY] = list(filters.countries)
    st.session_state[DOCUMENT_TYPES_KEY] = list(filters.document_types)
    st.session_state[SEARCH_KEY] = filters.search


def init_filters(documents: pd.DataFrame) -> None:
    """Fill the filter widgets' state from the URL, or fit it to the data if that changed.

    Widget values outside the current options would make Streamlit raise, so a state
    kept from an older data file is brought back inside the registry's range.
    """
    if any(key not in st.session_state for key in FILTER_KEYS):
        params = {name: st.query_params.get_all(name) for name in FILTER_PARAMS}
        _store(filters_from_params(params, documents))
        return
    kept = current_filters(documents)
    fitted = fit_filters(kept, documents)
    if fitted != kept:
        _store(fitted)


def current_filters(documents: pd.DataFrame) -> Filters:
    """Return the filters the reader has set in the sidebar."""
    defaults = default_filters(documents)
    year_from, year_to = st.session_state.get(YEARS_KEY, (defaults.year_from, defaults.year_to))
    return Filters(
        year_from=int(year_from),
        year_to=int(year_to),
        countries=tuple(st.session_state.get(COUNTRIES_KEY, ())),
        document_types=tuple(st.session_state.get(DOCUMENT_TYPES_KEY, ())),
        search=str(st.session_state.get(SEARCH_KEY, "")),
    )


def reset_filters(documents: pd.DataFrame) -> None:
    """Show the whole registry again (a button's callback)."""
    _store(default_filters(documents))


def filter_options(documents: pd.DataFrame) -> tuple[list[str], list[str]]:
    """Return the countries and document types the sidebar offers."""
    return country_options(documents), document_type_options(documents)


def sync_url(documents: pd.DataFrame) -> None:
    """Rewrite the URL's parameters from the language and the filters, if they differ."""
    wanted = filters_to_params(current_filters(documents), default_filters(documents))
    wanted[LANGUAGE_KEY] = [language()]
    if PARTNER_KEY in st.query_params:
        wanted[PARTNER_KEY] = st.query_params.get_all(PARTNER_KEY)
    present = {name: st.query_params.get_all(name) for name in st.query_params}
    if present != wanted:
        st.query_params.from_dict(wanted)


def set_partner_param(partner_id: str | None) -> None:
    """Put the partner whose card is shown into the URL, or take it out."""
    if partner_id:
        st.query_params[PARTNER_KEY] = partner_id
    elif PARTNER_KEY in st.query_params:
        del st.query_params[PARTNER_KEY]
