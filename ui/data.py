# One cached loader per data set. The cache key includes each file's modification time,
# so an updated file is read again without restarting the server.
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pandas as pd
import streamlit as st

from ui.state import current_filters
from utils.assets import BASEMAP_NAME, STATIC_DIR
from utils.assets import publish_assets as publish
from utils.filters import Filters, apply_filters, view_end
from utils.places import Home, load_coords, load_home
from utils.registry import HOME_ID, Problem, load_registry, with_default_home
from utils.strategy import load_strategy

# Another municipality (or a test) points the app at its own data folder.
DATA_DIR_VARIABLE = "PARTNERS_DATA_DIR"
# Fixes the app's "today" (YYYY-MM-DD): tests, and rehearsing a meeting set for a later day.
TODAY_VARIABLE = "PARTNERS_TODAY"
DEFAULT_DATA_DIR = Path(__file__).resolve().parent.parent / "data"


STRATEGY_FILE = "strategy.csv"


def data_dir() -> Path:
    """Return the folder the app reads its data files from."""
    return Path(os.environ.get(DATA_DIR_VARIABLE, DEFAULT_DATA_DIR))


def today() -> dt.date:
    """Return today's date, or the date PARTNERS_TODAY fixes."""
    fixed = os.environ.get(TODAY_VARIABLE)
    return dt.date.fromisoformat(fixed) if fixed else dt.date.today()


def modified(path: Path) -> float:
    """Return a file's modification time, or 0 when it is missing (the loader then says so)."""
    return path.stat().st_mtime if path.exists() else 0.0


@st.cache_data(show_spinner=False)
def _registry(
    path: Path, modified: float, today: dt.date, home_id: str
) -> tuple[pd.DataFrame, list[Problem]]:
    del modified  # part of the cache key only
    # Today is a parameter: a date rejected as future becomes valid when its day comes.
    documents, problems = load_registry(path, today=today)
    return with_default_home(documents, home_id), problems


@st.cache_data(show_spinner=False)
def _coords(path: Path, modified: float) -> tuple[pd.DataFrame, list[Problem]]:
    del modified
    return load_coords(path)


@st.cache_data(show_spinner=False)
def _home(path: Path, modified: float) -> Home:
    del modified
    return load_home(path)


def registry() -> tuple[pd.DataFrame, list[Problem]]:
    """Return the partner registry and the problems found in its file."""
    path = data_dir() / "partners.csv"
    return _registry(path, modified(path), today(), home().id)


def coords() -> tuple[pd.DataFrame, list[Problem]]:
    """Return the coordinates of the places and the problems found in their file."""
    path = data_dir() / "coords.csv"
    return _coords(path, modified(path))


@st.cache_data(show_spinner=False)
def _strategy(path: Path, modified: float) -> tuple[pd.DataFrame, list[Problem]]:
    del modified
    return load_strategy(path)


def strategy() -> tuple[pd.DataFrame, list[Problem]]:
    """Return the strategy's directions of cooperation and the problems found in their file."""
    path = data_dir() / STRATEGY_FILE
    return _strategy(path, modified(path))


def home() -> Home:
    """Return the home municipality's settings (raises HomeConfigError if unusable)."""
    path = data_dir() / "home.toml"
    return _home(path, modified(path))


@st.cache_data(show_spinner=False)
def _in_view(
    path: Path, modified: float, today: dt.date, home_id: str, filters: Filters
) -> pd.DataFrame:
    documents, _ = _registry(path, modified, today, home_id)
    return apply_filters(documents, filters)


def documents_in_view(filters: Filters | None = None) -> pd.DataFrame:
    """Return the documents that the filters (the sidebar's by default) let through, cached."""
    documents, _ = registry()
    path = data_dir() / "partners.csv"
    chosen = current_filters(documents) if filters is None else filters
    return _in_view(path, modified(path), today(), home().id, chosen)


def view_until() -> dt.date:
    """Return where the time axes end for the current filters: today or their last year."""
    documents, _ = registry()
    return view_end(current_filters(documents), documents, today())


def registry_homes() -> int:
    """Return how many home municipalities the registry's documents have."""
    return int(registry()[0][HOME_ID].nunique())


def registry_size() -> int:
    """Return how many documents the registry holds before any filter."""
    return len(registry()[0])


def basemap_path() -> Path:
    """Return the basemap of the data folder, or the default one if it has none."""
    own = data_dir() / BASEMAP_NAME
    return own if own.exists() else DEFAULT_DATA_DIR / BASEMAP_NAME


@st.cache_resource(show_spinner=False)
def _published(basemap: Path, modified: float) -> list[str]:
    del modified
    return publish(STATIC_DIR, basemap)


def publish_assets() -> list[str]:
    """Copy the map's front-end files into static/, once per server and basemap version."""
    basemap = basemap_path()
    return _published(basemap, modified(basemap))
