# What pages draw from the view: tables, figures and map layers, cached per view. A cached
# item is keyed on the data folder's key, today, the filters and its own settings, and is
# made from the run's View (`_view`, not hashed: the key names it), so nothing is read
# again and a rerun that does not change the view, or goes back to one, costs next to nothing.
from __future__ import annotations

import datetime as dt
import json
import threading

import folium
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from ui.loaders import documents_in_view
from ui.view import View
from utils.charts.growth import growth_figure
from utils.charts.layout import ROW_HEIGHT_PX
from utils.charts.timeline import timeline_figure
from utils.data.folder import DataKey
from utils.data.record import Record
from utils.filters import Filters, signed_by_end_of
from utils.map.assets import STATIC_DIR, STATIC_URL_FROM_MAP
from utils.map.build import base_map, layer_element, partner_layer_config
from utils.map.elements import script_json
from utils.map.layer_files import LAYERS_DIR, layer_file_name, publish_layer
from utils.map.network import partner_places
from utils.views.anniversaries import coming_anniversaries, with_statuses
from utils.views.profiles import Profile, partner_profiles, sorted_profiles
from utils.views.tables import documents_table, partner_names

MAX_VIEWS = 32  # views kept per cached item: filters a reader goes back and forth between


def _shown(view: View, year: int | None) -> pd.DataFrame:
    """Return the view's documents (as they stood at the end of `year`)."""
    return view.documents if year is None else signed_by_end_of(view.documents, year)


def record_of(view: View, year: int | None) -> Record:
    """Return the view's living record (as it stood at the end of `year`)."""
    return view.record if year is None else view.record.on(dt.date(year, 12, 31))


@st.cache_data(show_spinner=False, max_entries=MAX_VIEWS)
def _table(
    key: DataKey, today: dt.date, filters: Filters, lang: str, *, iso: bool, _view: View
) -> pd.DataFrame:
    documents, coords = _view.documents, _view.coords
    return documents_table(documents, coords, lang, _view.record, iso_dates=iso)


def table(view: View, *, iso_dates: bool = False) -> pd.DataFrame:
    """Return the documents table of the view in its language (with ISO dates: downloads)."""
    return _table(view.key, view.today, view.filters, view.lang, iso=iso_dates, _view=view)


@st.cache_data(show_spinner=False, max_entries=MAX_VIEWS)
def _profiles(
    key: DataKey, today: dt.date, filters: Filters, lang: str, order: str, _view: View
) -> list[Profile]:
    found = partner_profiles(_view.documents, _view.coords, _view.record, lang)
    return sorted_profiles(found, order)


def profiles(view: View, order: str) -> list[Profile]:
    """Return the Partners page's cards of the view, in `order` (profiles.SORT_ORDERS)."""
    return _profiles(view.key, view.today, view.filters, view.lang, order, view)


@st.cache_data(show_spinner=False, max_entries=MAX_VIEWS)
def _anniversaries(key: DataKey, today: dt.date, filters: Filters, _view: View) -> pd.DataFrame:
    coming = coming_anniversaries(_view.documents, today)
    return with_statuses(coming, _view.status, _view.until)


def anniversaries(view: View) -> pd.DataFrame:
    """Return the coming anniversaries of the view's documents, with their ties' statuses."""
    return _anniversaries(view.key, view.today, view.filters, view)


@st.cache_data(show_spinner=False, max_entries=MAX_VIEWS)
def _timeline(
    key: DataKey,
    today: dt.date,
    filters: Filters,
    lang: str,
    until: dt.date,
    *,
    row_px: int,
    _view: View,
) -> go.Figure:
    return timeline_figure(_view.documents, lang, until, _view.record, row_px)


def timeline(view: View, row_px: int = ROW_HEIGHT_PX) -> go.Figure:
    """Return the timeline figure of the view, each partner's row `row_px` high."""
    return _timeline(
        view.key, view.today, view.filters, view.lang, view.until, row_px=row_px, _view=view
    )


@st.cache_data(show_spinner=False, max_entries=MAX_VIEWS)
def _growth(
    key: DataKey, today: dt.date, filters: Filters, lang: str, until: dt.date, _view: View
) -> go.Figure:
    return growth_figure(_view.documents, lang, until)


def growth(view: View) -> go.Figure:
    """Return the figure of the view's partners over time."""
    return _growth(view.key, view.today, view.filters, view.lang, view.until, view)


# cache_data, not cache_resource, for map objects: st_folium adds the layer to the map
# object it is given, so a shared map would carry the previous view's layer.
@st.cache_data(show_spinner=False, max_entries=8)
def _base_map(key: DataKey, today: dt.date, lang: str, *, fill: bool, _view: View) -> folium.Map:
    return base_map(_view.registry, _view.coords, _view.home, lang, fill_frame=fill)


def whole_registry_map(view: View, *, fill_frame: bool = False) -> folium.Map:
    """Return the base map framed on the whole registry: the same for every filter."""
    return _base_map(view.key, view.today, view.lang, fill=fill_frame, _view=view)


# The layer's data is an immutable string shared by every session (cache_resource); the
# browser fetches it as a file (utils/map/layer_files.py), so no session holds a copy.
@st.cache_resource(show_spinner=False, max_entries=MAX_VIEWS * 2)
def _layer_data(
    key: DataKey,
    today: dt.date,
    filters: Filters,
    *,
    lang: str,
    year: int | None,
    labels: bool,
    label_font_px: int | None,
    legend_open: bool | None,
    focus: str | None,
    frame: bool,
    fly: bool,
    _view: View,
) -> tuple[str, str]:
    extra = {} if label_font_px is None else {"label_font_px": label_font_px}
    config = partner_layer_config(
        _shown(_view, year),
        _view.coords,
        _view.home,
        lang,
        labels=labels,
        legend_open=legend_open,
        focus=focus,
        frame_on=_view.documents if frame else None,
        fly=fly,
        record=record_of(_view, year),
        **extra,
    )
    text = script_json(config)
    return layer_file_name(text), text


def partners_layer(
    view: View,
    *,
    year: int | None = None,
    labels: bool = False,
    label_font_px: int | None = None,
    legend_open: bool | None = None,
    focus: str | None = None,
    frame: bool = True,
    fly: bool = False,
) -> folium.FeatureGroup:
    """Return the partners' layer of the view (as it stood at the end of `year`).

    Its data is published as a file the browser fetches; where the static folder cannot be
    written, the data goes inside the layer as before.
    """
    name, text = _layer_data(
        view.key,
        view.today,
        view.filters,
        lang=view.lang,
        year=year,
        labels=labels,
        label_font_px=label_font_px,
        legend_open=legend_open,
        focus=focus,
        frame=frame,
        fly=fly,
        _view=view,
    )
    try:
        publish_layer(STATIC_DIR / LAYERS_DIR, name, text)
    except OSError:
        return layer_element(json.loads(text), view.lang)
    return layer_element({"dataUrl": f"{STATIC_URL_FROM_MAP}/{LAYERS_DIR}/{name}"}, view.lang)


@st.cache_data(show_spinner=False, max_entries=MAX_VIEWS * 2)
def _links(
    key: DataKey, today: dt.date, filters: Filters, year: int | None, _view: View
) -> pd.DataFrame:
    return partner_places(_shown(_view, year), _view.coords)


def links(view: View, year: int | None = None) -> pd.DataFrame:
    """Return the view's links on the map (as they stood at the end of `year`)."""
    return _links(view.key, view.today, view.filters, year, view)


@st.cache_data(show_spinner=False, max_entries=MAX_VIEWS * 2)
def _names(
    key: DataKey, today: dt.date, filters: Filters, lang: str, year: int | None, _view: View
) -> dict[str, str]:
    return partner_names(_shown(_view, year), lang)


def names(view: View, year: int | None = None) -> dict[str, str]:
    """Return the view's partners by id, named in its language, in order of joining."""
    return _names(view.key, view.today, view.filters, view.lang, year, view)


# Every cached view, for forget_other_versions.
VIEW_CACHES = (_table, _profiles, _anniversaries, _timeline, _growth, _base_map, _links, _names)
_last_shown = {"key": None}  # the data this server's runs last showed
_last_shown_lock = threading.Lock()


def forget_other_versions(key: DataKey) -> None:
    """Drop every cached view of other data once the data changes: memory stays one version's.

    The views are keyed on the data's key, so none would be wrong; but each version's views
    would stay until pushed out, a registry's worth each at scale.
    """
    with _last_shown_lock:
        changed = _last_shown["key"] is not None and _last_shown["key"] != key
        _last_shown["key"] = key
    if changed:
        for cached in VIEW_CACHES:
            cached.clear()
        _layer_data.clear()
        documents_in_view.clear()
