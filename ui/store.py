# Which back-end holds the data (utils/editing/store/): the data folder's files by default, or
# the database named in secrets as [connections.registry] (st.connection, type "sql").
# Each run asks the store for its latest version number, one small query, so a replica
# shows another replica's apply on its next rerun.
from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

import sqlalchemy as sa
import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError

from ui.loaders import data_folder
from utils.audit import audit
from utils.data.folder import DataFolder
from utils.data.problems import Problem
from utils.editing.readiness import note_shown
from utils.editing.store import FileStore, SqlStore, Store, StoreError, materialise
from utils.editing.store.settings import ENGINE_OPTIONS, STORE_URL_VARIABLE

CONNECTION_NAME = "registry"  # [connections.registry] in .streamlit/secrets.toml
STORE_DOWN_KEY = "_store_down"  # this run shows the last version read: why, and which
# Where a database's versions are written out as files for the loaders, one folder each.
MATERIALISED_ROOT = Path(tempfile.gettempdir()) / "partners-store"


def connection_settings() -> dict[str, object]:
    """Return [connections.registry] from secrets, else PARTNERS_STORE_URL; empty if neither."""
    try:
        connections = st.secrets.get("connections") or {}
    except (StreamlitSecretNotFoundError, FileNotFoundError):
        connections = {}
    section = dict(connections.get(CONNECTION_NAME) or {})
    if not section and os.environ.get(STORE_URL_VARIABLE):
        section = {"url": os.environ[STORE_URL_VARIABLE]}
    return section


def database_configured() -> bool:
    """Tell whether secrets name a database for the data."""
    return bool(connection_settings())


def database_engine() -> sa.Engine:
    """Return the database's engine (made without connecting)."""
    # The section is passed on as arguments: st.connection reads the same settings from a
    # secrets.toml itself, but not from secrets given any other way (AppTest's, for one).
    settings = {**ENGINE_OPTIONS, **connection_settings()}
    return st.connection(CONNECTION_NAME, type="sql", **settings).engine


def database_store() -> SqlStore:
    """Return the database's store, its tables created on first use (once per database)."""
    engine = database_engine()
    return _sql_store(database_key(engine), engine)


def database_key(engine: sa.Engine) -> str:
    """Name a database by its URL's digest: secrets changed to another one name another."""
    url = engine.url.render_as_string(hide_password=False)
    return hashlib.sha256(url.encode()).hexdigest()[:12]


@st.cache_resource(show_spinner=False)
def _sql_store(database: str, _engine: sa.Engine) -> SqlStore:
    """Return the store of the database `database` names (the engine is not hashed)."""
    del database
    return SqlStore(_engine, seed=data_folder().root)


def store() -> Store:
    """Return the store of the data: the database when configured, else the data folder."""
    return database_store() if database_configured() else FileStore(data_folder().root)


@st.cache_resource(show_spinner=False, max_entries=8)
def _materialised(database: str, number: int) -> Path:
    """Write version `number` of the database out as a data folder (once per server)."""
    texts = database_store().texts(number)
    return materialise(texts, number, data_folder().root, MATERIALISED_ROOT / database)


@st.cache_resource(show_spinner=False)
def _last_read() -> dict[str, tuple[Path, int]]:
    """The version each database last showed, by database: shown again while it is down."""
    return {}


@st.cache_resource(show_spinner=False)
def _outages() -> dict[str, bool]:
    """The databases this process found down and has not read since, by database."""
    return {}


def current_folder() -> tuple[DataFolder, int]:
    """Return the folder the loaders read this run, and the version it holds.

    Raises StoreError when the database cannot be read and this server never read it.
    """
    if not database_configured():
        files = FileStore(data_folder().root)
        note_shown(number := files.latest())
        return data_folder(), number
    key = database_key(database_engine())
    try:
        database = database_store()
        number = database.latest()
        st.session_state.pop(STORE_DOWN_KEY, None)
        if _outages().pop(key, False):
            audit("store_back", version=number)
        if number == 0 and database.is_empty():  # the data folder until the first apply
            _last_read()[key] = (data_folder().root, 0)
            note_shown(0)
            return data_folder(), 0
        folder = _materialised(key, number)
        if not folder.exists():  # removed since (a temp cleaner, or KEPT_FOLDERS newer ones)
            _materialised.clear()
            folder = _materialised(key, number)
    except StoreError as error:
        if not _outages().get(key):
            _outages()[key] = True
            audit("store_down", reason=error.problem.code, details=error.problem.params)
        last = _last_read().get(key)
        if last is None or not last[0].exists():
            raise
        # A meeting goes on while the database is down: the last version read, said so.
        st.session_state[STORE_DOWN_KEY] = (error.problem, last[1])
        return DataFolder(last[0]), last[1]
    _last_read()[key] = (folder, number)
    note_shown(number)
    return DataFolder(folder), number


def store_down() -> tuple[Problem, int] | None:
    """Return why the database is not read this run and the version shown instead, if so."""
    return st.session_state.get(STORE_DOWN_KEY)


def storage_name() -> str:
    """Name the back-end for the History section: the database's dialect or "files"."""
    return database_store().engine.dialect.name if database_configured() else "files"


def storage_key() -> str:
    """Name the store for caches: the database's digest, or the data folder's path."""
    if database_configured():
        return database_key(database_store().engine)
    return str(data_folder().root)
