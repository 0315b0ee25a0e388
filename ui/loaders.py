# One cached loader per data set, and the View: what one run of the app reads, built once
# by the frame (app.py) and handed to the page. Caches are keyed on the data folder's key
# (each file's modification time), so an updated file is read again without a restart,
# and a cached body reads only what its key names.
from __future__ import annotations

import datetime as dt
import hashlib
import os
from pathlib import Path

import pandas as pd
import streamlit as st

from utils.data.coords import load_coords
from utils.data.folder import (
    DEFAULT_DATA_DIR,
    DataFolder,
    DataKey,
    modified,
)
from utils.data.places import Home, load_home
from utils.data.problems import Problem
from utils.data.record import (
    empty_activities,
    empty_status,
    keep_statuses,
    load_activities,
    load_status,
)
from utils.data.registry import load_registry
from utils.data.restatements import split_restatements
from utils.data.strategy import load_strategy
from utils.filters import Filters, apply_filters, view_end
from utils.map.assets import STATIC_DIR
from utils.map.assets import publish_assets as publish

# Another municipality (or a test) points the app at its own data folder.
DATA_DIR_VARIABLE = "PARTNERS_DATA_DIR"
# Fixes the app's "today" (YYYY-MM-DD): tests, and rehearsing a meeting set for a later day.
TODAY_VARIABLE = "PARTNERS_TODAY"
# Versions of each data set a server keeps read: the one shown and a few a replica or a
# session may still be on. An unbounded cache grew by a registry per version on disk.
KEPT_VERSIONS = 4


def data_folder() -> DataFolder:
    """Return the folder the app reads its data files from."""
    return DataFolder(Path(os.environ.get(DATA_DIR_VARIABLE, DEFAULT_DATA_DIR)))


def today() -> dt.date:
    """Return today's date, or the date PARTNERS_TODAY fixes."""
    fixed = os.environ.get(TODAY_VARIABLE)
    return dt.date.fromisoformat(fixed) if fixed else dt.date.today()


@st.cache_data(show_spinner=False, max_entries=KEPT_VERSIONS)
def home(key: DataKey) -> Home:
    """Return the home municipality's settings (raises HomeConfigError if unusable)."""
    return load_home(DataFolder(key.folder).home)


@st.cache_data(show_spinner=False, max_entries=KEPT_VERSIONS)
def registry(key: DataKey, today: dt.date) -> tuple[pd.DataFrame, list[Problem]]:
    """Return the partner registry and the problems found in its file."""
    # Today is a parameter: a date rejected as future becomes valid when its day comes.
    return load_registry(DataFolder(key.folder).registry, today=today, home_id=home(key).id)


@st.cache_data(show_spinner=False, max_entries=KEPT_VERSIONS)
def registry_parts(key: DataKey, today: dt.date) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return the registry's documents, and apart from them restatements of published ones."""
    return split_restatements(registry(key, today)[0])


@st.cache_data(show_spinner=False, max_entries=KEPT_VERSIONS)
def coords(key: DataKey) -> tuple[pd.DataFrame, list[Problem]]:
    """Return the coordinates of the places and the problems found in their file."""
    return load_coords(DataFolder(key.folder).coords)


@st.cache_data(show_spinner=False, max_entries=KEPT_VERSIONS)
def strategy(key: DataKey) -> tuple[pd.DataFrame, list[Problem]]:
    """Return the strategy's directions of cooperation and the problems found in their file."""
    return load_strategy(DataFolder(key.folder).strategy)


@st.cache_data(show_spinner=False, max_entries=KEPT_VERSIONS)
def data_version(key: DataKey, number: int = 0) -> str:
    """Name the data's version: its number in History, or the registry file's time; its hash.

    A versioned registry is named by its number alone: its file's time on a database's
    replica is when that replica wrote it out, not when the data changed.
    """
    path = DataFolder(key.folder).registry
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:12] if path.exists() else "-"
    if number:
        return f"v{number} · sha256 {digest}"
    stamp = dt.datetime.fromtimestamp(key.registry_modified, tz=dt.UTC)
    return f"{stamp.isoformat(timespec='seconds')} · sha256 {digest}"


@st.cache_data(show_spinner=False, max_entries=KEPT_VERSIONS)
def status(key: DataKey, today: dt.date) -> tuple[pd.DataFrame, list[Problem]]:
    """Return the partnerships' changes of status (none without status.csv) and their problems."""
    folder = DataFolder(key.folder)
    if not folder.status.exists():
        return empty_status(), []
    return load_status(folder.status, registry(key, today)[0], home(key).id, today)


@st.cache_data(show_spinner=False, max_entries=KEPT_VERSIONS)
def activities(key: DataKey, today: dt.date) -> tuple[pd.DataFrame, list[Problem]]:
    """Return the contacts and joint work (none without activities.csv) and their problems."""
    folder = DataFolder(key.folder)
    if not folder.activities.exists():
        return empty_activities(), []
    return load_activities(folder.activities, registry(key, today)[0], home(key).id, today)


@st.cache_data(show_spinner=False, max_entries=64)
def documents_in_view(
    key: DataKey,
    today: dt.date,
    filters: Filters,
    _documents: pd.DataFrame,
    _status: pd.DataFrame,
) -> pd.DataFrame:
    """Return the documents of the registry that the filters let through.

    `_documents` and `_status` are read for `key` and `today`; they are not hashed (the
    leading underscore), the key names them. Statuses are those on the view's last day.
    """
    del key  # the cache's key only
    shown = apply_filters(_documents, filters)
    return keep_statuses(shown, _status, view_end(filters, _documents, today), filters.statuses)


def basemap_path() -> Path:
    """Return the basemap of the data folder, or the default one if it has none."""
    own = data_folder().basemap
    return own if own.exists() else DataFolder(DEFAULT_DATA_DIR).basemap


@st.cache_resource(show_spinner=False)
def _published(basemap: Path, modified: float) -> list[str]:
    del modified
    return publish(STATIC_DIR, basemap)


def publish_assets() -> list[str]:
    """Copy the map's front-end files into static/, once per server and basemap version."""
    basemap = basemap_path()
    return _published(basemap, modified(basemap))
