# Where the command line and the app find the database: an explicit URL, else the
# environment (PARTNERS_STORE_URL), else the secrets file's [connections.registry] url, so
# a password need never be typed on a command line (ps, shell history). Engines check a
# pooled connection before use: one broken by a database restart is replaced, not reported.
from __future__ import annotations

import os
import tomllib
from pathlib import Path

import sqlalchemy as sa

from utils.data.problems import Problem, ProblemError

STORE_URL_VARIABLE = "PARTNERS_STORE_URL"
DEFAULT_SECRETS = Path(".streamlit") / "secrets.toml"
CONNECTION_SECTION = "registry"  # [connections.registry]
ENGINE_OPTIONS = {"pool_pre_ping": True}


def secrets_url(path: Path) -> str | None:
    """Return [connections.registry] url from a secrets file, None if it names none."""
    if not path.is_file():
        return None
    try:
        secrets = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        params = {"file": str(path), "detail": type(error).__name__}
        raise ProblemError(Problem("secrets_unreadable", params=params)) from error
    section = (secrets.get("connections") or {}).get(CONNECTION_SECTION) or {}
    url = section.get("url") if isinstance(section, dict) else None
    return str(url) if url else None


def store_url(explicit: str | None, secrets: Path = DEFAULT_SECRETS) -> str | None:
    """Return the database's URL: given, from the environment, or from secrets; else None."""
    return explicit or os.environ.get(STORE_URL_VARIABLE) or secrets_url(secrets)


def make_engine(url: str) -> sa.Engine:
    """Return an engine for the store's database (it connects on first use)."""
    try:
        return sa.create_engine(url, **ENGINE_OPTIONS)
    except (sa.exc.ArgumentError, ValueError, ImportError) as error:
        detail = type(error).__name__
        raise ProblemError(Problem("store_url_invalid", params={"detail": detail})) from error
