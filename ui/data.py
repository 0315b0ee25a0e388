# One cached loader per data set, and the View: what one run of the app reads, built once
# by the frame (app.py) and handed to the page. Caches are keyed on the data folder's key
# (each file's modification time), so an updated file is read again without a restart,
# and a cached body reads only what its key names.
from __future__ import annotations

import datetime as dt
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import streamlit as st

from utils.data.coords import load_coords
from utils.data.folder import (
    ACTIVITIES_FILE,
    COORDS_FILE,
    DEFAULT_DATA_DIR,
    REGISTRY_FILE,
    STATUS_FILE,
    DataFolder,
    DataKey,
    modified,
)
from utils.data.places import Home, load_home
from utils.data.reading import Problem
from utils.data.record import (
    Record,
    empty_activities,
    empty_status,
    keep_statuses,
    load_activities,
    load_status,
)
from utils.data.registry import HOME_ID, load_registry
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
    shown = apply_filters(_documents, filters)
    return keep_statuses(shown, _status, view_end(filters, _documents, today), filters.statuses)


@dataclass(frozen=True, eq=False)
class View:
    """What one run shows: the language, the data as read once, the filters and their result."""

    lang: str
    key: DataKey
    today: dt.date
    home: Home
    registry: pd.DataFrame  # the whole registry, before any filter
    problems: list[Problem]
    coords: pd.DataFrame
    coord_problems: list[Problem]
    filters: Filters
    documents: pd.DataFrame  # what the filters let through
    status: pd.DataFrame  # every change of status (utils/data/record.py), oldest first
    activities: pd.DataFrame  # every contact and joint work, oldest first
    record_problems: tuple[list[Problem], list[Problem]] = ([], [])  # status, activities
    version: int = 0  # the store's version this run shows; 0 before any apply

    @property
    def file_problems(self) -> list[tuple[str, list[Problem]]]:
        """Each data file's problems, by file name."""
        status_problems, activity_problems = self.record_problems
        return [
            (REGISTRY_FILE, self.problems),
            (COORDS_FILE, self.coord_problems),
            (STATUS_FILE, status_problems),
            (ACTIVITIES_FILE, activity_problems),
        ]

    @property
    def until(self) -> dt.date:
        """Where the time axes end for the filters: today or their last year."""
        return view_end(self.filters, self.registry, self.today)

    @property
    def record(self) -> Record:
        """The living record as of the view's last day (statuses, contacts)."""
        return Record(self.until, self.today, self.status, self.activities)

    @property
    def homes(self) -> int:
        """How many home municipalities the registry's documents have."""
        return int(self.registry[HOME_ID].nunique())


def build_view(
    key: DataKey,
    *,
    lang: str,
    day: dt.date,
    registry_read: tuple[pd.DataFrame, list[Problem]],
    filters: Filters,
    version: int = 0,
) -> View:
    """Put together what a run shows: the data as read once (from the caches), filtered."""
    documents, problems = registry_read
    coordinates, coord_problems = coords(key)
    changes, status_problems = status(key, day)
    contacts, activity_problems = activities(key, day)
    return View(
        lang=lang,
        key=key,
        today=day,
        home=home(key),
        registry=documents,
        problems=problems,
        coords=coordinates,
        coord_problems=coord_problems,
        filters=filters,
        documents=documents_in_view(key, day, filters, documents, changes),
        status=changes,
        activities=contacts,
        record_problems=(status_problems, activity_problems),
        version=version,
    )


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
