# What pages draw from the filtered view: tables, figures and map layers, cached per view.
# The key is the data files' modification times, today and the filters, so a rerun that
# does not change the view, or goes back to an earlier one, costs next to nothing, and
# the whole registry is not filtered again on every run.
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import folium
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from ui import data
from ui.state import current_filters
from utils.anniversaries import coming_anniversaries
from utils.charts import timeline_figure
from utils.filters import Filters, signed_by_end_of
from utils.mapping import base_map, partner_layer, partner_places
from utils.tables import documents_table, partner_names

MAX_VIEWS = 32  # views kept per cached item: filters a reader goes back and forth between


@dataclass(frozen=True)
class ViewKey:
    """Everything a view depends on: the data files as they are now, today and the filters."""

    registry: Path
    registry_modified: float
    coords: Path
    coords_modified: float
    home: Path
    home_modified: float
    today: dt.date
    filters: Filters


def view_key() -> ViewKey:
    """Return the key of the reader's current view."""
    folder = data.data_dir()
    registry, coords, home = (folder / name for name in ("partners.csv", "coords.csv", "home.toml"))
    documents, _ = data.registry()
    return ViewKey(
        registry,
        data.modified(registry),
        coords,
        data.modified(coords),
        home,
        data.modified(home),
        data.today(),
        current_filters(documents),
    )


@st.cache_data(show_spinner=False, max_entries=MAX_VIEWS)
def _table(key: ViewKey, lang: str) -> pd.DataFrame:
    return documents_table(
        data.documents_in_view(key.filters), data.coords()[0], data.home().id, lang
    )


def table(lang: str) -> pd.DataFrame:
    """Return the documents table of the current view in `lang`."""
    return _table(view_key(), lang)


@st.cache_data(show_spinner=False, max_entries=MAX_VIEWS)
def _anniversaries(key: ViewKey) -> pd.DataFrame:
    return coming_anniversaries(data.documents_in_view(key.filters), key.today)


def anniversaries() -> pd.DataFrame:
    """Return the coming anniversaries of the current view's documents."""
    return _anniversaries(view_key())


@st.cache_data(show_spinner=False, max_entries=MAX_VIEWS)
def _timeline(key: ViewKey, lang: str, until: dt.date) -> go.Figure:
    return timeline_figure(data.documents_in_view(key.filters), lang, until)


def timeline(lang: str, until: dt.date) -> go.Figure:
    """Return the timeline figure of the current view."""
    return _timeline(view_key(), lang, until)


@st.cache_data(show_spinner=False, max_entries=8)
def _base_map(
    registry_modified: float, coords_modified: float, home_modified: float, *, lang: str, fill: bool
) -> folium.Map:
    del registry_modified, coords_modified, home_modified  # part of the key only
    documents, _ = data.registry()
    return base_map(documents, data.coords()[0], data.home(), lang, fill_frame=fill)


def whole_registry_map(lang: str, *, fill_frame: bool = False) -> folium.Map:
    """Return the base map framed on the whole registry: the same for every filter."""
    key = view_key()
    return _base_map(
        key.registry_modified, key.coords_modified, key.home_modified, lang=lang, fill=fill_frame
    )


@st.cache_data(show_spinner=False, max_entries=MAX_VIEWS * 2)
def _layer(
    key: ViewKey,
    *,
    lang: str,
    year: int | None,
    labels: bool,
    focus: str | None,
    frame: bool,
    fly: bool,
) -> folium.FeatureGroup:
    documents = data.documents_in_view(key.filters)
    shown = documents if year is None else signed_by_end_of(documents, year)
    return partner_layer(
        shown,
        data.coords()[0],
        data.home(),
        lang,
        labels=labels,
        focus=focus,
        frame_on=documents if frame else None,
        fly=fly,
    )


def partners_layer(
    lang: str,
    *,
    year: int | None = None,
    labels: bool = False,
    focus: str | None = None,
    frame: bool = True,
    fly: bool = False,
) -> folium.FeatureGroup:
    """Return the partners' layer of the current view (as it stood at the end of `year`)."""
    return _layer(
        view_key(),
        lang=lang,
        year=year,
        labels=labels,
        focus=focus,
        frame=frame,
        fly=fly,
    )


@st.cache_data(show_spinner=False, max_entries=MAX_VIEWS * 2)
def _links(key: ViewKey, year: int | None) -> pd.DataFrame:
    documents = data.documents_in_view(key.filters)
    shown = documents if year is None else signed_by_end_of(documents, year)
    return partner_places(shown, data.coords()[0], data.home().id)


def links(year: int | None = None) -> pd.DataFrame:
    """Return the current view's links on the map (as they stood at the end of `year`)."""
    return _links(view_key(), year)


@st.cache_data(show_spinner=False, max_entries=MAX_VIEWS * 2)
def _names(key: ViewKey, lang: str, year: int | None) -> dict[str, str]:
    documents = data.documents_in_view(key.filters)
    shown = documents if year is None else signed_by_end_of(documents, year)
    return partner_names(shown, lang)


def names(lang: str, year: int | None = None) -> dict[str, str]:
    """Return the current view's partners by id, named in `lang`, in order of joining."""
    return _names(view_key(), lang, year)
