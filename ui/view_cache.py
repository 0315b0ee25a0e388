# What pages draw from the view: tables, figures and map layers, cached per view. Each is
# keyed on the View itself (its data, today, filters and language: View.cache_key) and on
# its own settings, so a rerun that does not change the view, or goes back to one, costs
# next to nothing, and nothing is read again.
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
from utils.filters import signed_by_end_of
from utils.map.assets import STATIC_DIR, STATIC_URL_FROM_MAP
from utils.map.build import base_map, layer_element, partner_layer_config
from utils.map.elements import script_json
from utils.map.layer import LayerSettings
from utils.map.layer_files import LAYERS_DIR, layer_file_name, publish_layer
from utils.views.anniversaries import coming_anniversaries, with_statuses
from utils.views.disagreements import Disagreement
from utils.views.disagreements import disagreements as find_disagreements
from utils.views.network import partner_places
from utils.views.profiles import Profile, partner_profiles, sorted_profiles
from utils.views.tables import documents_table, partner_names

MAX_VIEWS = 32  # views kept per cached item: filters a reader goes back and forth between
BY_VIEW = {View: View.cache_key}  # how a cached part hashes the View it is made from
BY_DATA = {View: View.data_cache_key}  # a part of the whole registry: the same for any filter
MAP_PAGE = LayerSettings()  # the map page's layer: framed on the view, no names written


def shown(view: View, year: int | None) -> pd.DataFrame:
    """Return the view's documents (as they stood at the end of `year`)."""
    return view.documents if year is None else signed_by_end_of(view.documents, year)


def record_of(view: View, year: int | None) -> Record:
    """Return the view's living record (as it stood at the end of `year`)."""
    return view.record if year is None else view.record.on(dt.date(year, 12, 31))


@st.cache_data(show_spinner=False, max_entries=MAX_VIEWS, hash_funcs=BY_VIEW)
def table(view: View, *, iso_dates: bool = False) -> pd.DataFrame:
    """Return the documents table of the view in its language (with ISO dates: downloads)."""
    return documents_table(view.documents, view.coords, view.lang, view.record, iso_dates=iso_dates)


@st.cache_data(show_spinner=False, max_entries=MAX_VIEWS, hash_funcs=BY_VIEW)
def profiles(view: View, order: str) -> list[Profile]:
    """Return the Partners page's cards of the view, in `order` (profiles.SORT_ORDERS)."""
    found = partner_profiles(view.documents, view.coords, view.record, view.lang)
    return sorted_profiles(found, order)


@st.cache_data(show_spinner=False, max_entries=MAX_VIEWS, hash_funcs=BY_VIEW)
def disagreements(view: View) -> list[Disagreement]:
    """Return where the public record of the view's partners disagrees with the published table."""
    restatements = view.restatements if view.restatements is not None else view.registry.head(0)
    return find_disagreements(
        view.documents, restatements, changes=view.status, activities=view.activities,
        day=view.until, lang=view.lang,
    )  # fmt: skip


@st.cache_data(show_spinner=False, max_entries=MAX_VIEWS, hash_funcs=BY_VIEW)
def anniversaries(view: View) -> pd.DataFrame:
    """Return the coming anniversaries of the view's documents, with their ties' statuses."""
    coming = coming_anniversaries(view.documents, view.today)
    return with_statuses(coming, view.status, view.until)


@st.cache_data(show_spinner=False, max_entries=MAX_VIEWS, hash_funcs=BY_VIEW)
def timeline(view: View, row_px: int = ROW_HEIGHT_PX, *, on_paper: bool = False) -> go.Figure:
    """Return the timeline figure of the view, each partner's row `row_px` high."""
    return timeline_figure(
        view.documents, view.lang, view.until, view.record, row_px, legend_one_per_row=not on_paper
    )


@st.cache_data(show_spinner=False, max_entries=MAX_VIEWS, hash_funcs=BY_VIEW)
def growth(view: View) -> go.Figure:
    """Return the figure of the view's partners over time."""
    return growth_figure(view.documents, view.lang)


# cache_data, not cache_resource, for map objects: st_folium adds the layer to the map
# object it is given, so a shared map would carry the previous view's layer.
@st.cache_data(show_spinner=False, max_entries=8, hash_funcs=BY_DATA)
def whole_registry_map(view: View, *, fill_frame: bool = False) -> folium.Map:
    """Return the base map framed on the whole registry: the same for every filter."""
    return base_map(view.registry, view.coords, view.home, view.lang, fill_frame=fill_frame)


# The layer's data is an immutable string shared by every session (cache_resource); the
# browser fetches it as a file (utils/map/layer_files.py), so no session holds a copy.
@st.cache_resource(show_spinner=False, max_entries=MAX_VIEWS * 2, hash_funcs=BY_VIEW)
def _layer_data(view: View, settings: LayerSettings, year: int | None) -> tuple[str, str]:
    """Return a view's layer as JSON (as it stood at the end of `year`) and its file's name."""
    config = partner_layer_config(
        shown(view, year),
        view.coords,
        view.home,
        view.lang,
        settings,
        frame_on=view.documents,
        record=record_of(view, year),
    )
    text = script_json(config)
    return layer_file_name(text), text


def partners_layer(
    view: View, settings: LayerSettings = MAP_PAGE, year: int | None = None
) -> folium.FeatureGroup:
    """Return the partners' layer of the view (as it stood at the end of `year`).

    Its data is published as a file the browser fetches; where the static folder cannot be
    written, the data goes inside the layer as before.
    """
    name, text = _layer_data(view, settings, year)
    try:
        publish_layer(STATIC_DIR / LAYERS_DIR, name, text)
    except OSError:
        return layer_element(json.loads(text), view.lang)
    return layer_element({"dataUrl": f"{STATIC_URL_FROM_MAP}/{LAYERS_DIR}/{name}"}, view.lang)


@st.cache_data(show_spinner=False, max_entries=MAX_VIEWS * 2, hash_funcs=BY_VIEW)
def links(view: View, year: int | None = None) -> pd.DataFrame:
    """Return the view's links on the map (as they stood at the end of `year`)."""
    return partner_places(shown(view, year), view.coords)


@st.cache_data(show_spinner=False, max_entries=MAX_VIEWS * 2, hash_funcs=BY_VIEW)
def names(view: View, year: int | None = None) -> dict[str, str]:
    """Return the view's partners by id, named in its language, in order of joining."""
    return partner_names(shown(view, year), view.lang)


# Every cached view, for forget_other_versions.
VIEW_CACHES = (
    table,
    profiles,
    disagreements,
    anniversaries,
    timeline,
    growth,
    whole_registry_map,
    links,
    names,
)
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
