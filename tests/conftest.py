# Shared fixtures: paths to the committed data and a helper that writes test files.
from __future__ import annotations

import os
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from devtools.postgres import PostgresCluster, postgres_bin
from tests.helpers.data import DATA, LIVING, LIVING_TODAY, REQUIRE_POSTGRES_VARIABLE
from utils.data.coords import load_coords
from utils.data.places import load_home
from utils.data.record import Record, load_activities, load_status
from utils.data.registry import load_registry

# The app under test (AppTest, and every server a browser test starts) reads the published
# page alone unless a test points it elsewhere (tests/data/page/README.md).
os.environ.setdefault("PARTNERS_DATA_DIR", str(DATA))


@pytest.fixture
def write_file(tmp_path: Path):
    """Write text (or bytes) to a file in a temporary folder and return its path."""

    def write(name: str, content: str | bytes, encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        data = content if isinstance(content, bytes) else content.encode(encoding)
        path.write_bytes(data)
        return path

    return write


@pytest.fixture(scope="session")
def documents():
    """The published page as the app reads it: 11 documents of 10 partners, homes filled."""
    frame, problems = load_registry(DATA / "partners.csv", home_id="zelenogradsk")
    assert not problems
    return frame


@pytest.fixture(scope="session")
def registry_as_written():
    """The published page's registry as its file has it: no home filled where it names none."""
    frame, problems = load_registry(DATA / "partners.csv")
    assert not problems
    return frame


@pytest.fixture(scope="session")
def coords():
    """The coordinates of the 10 partners and the home."""
    frame, problems = load_coords(DATA / "coords.csv")
    assert not problems
    return frame


@pytest.fixture(scope="session")
def home():
    """The home settings (Zelenogradsk)."""
    return load_home(DATA / "home.toml")


@pytest.fixture(scope="session")
def living():
    """The fixture's registry (home filled in) and its record as of LIVING_TODAY."""
    home_id = load_home(LIVING / "home.toml").id
    documents, problems = load_registry(LIVING / "partners.csv", LIVING_TODAY, home_id)
    assert not problems
    changes, status_problems = load_status(LIVING / "status.csv", documents, home_id, LIVING_TODAY)
    contacts, activity_problems = load_activities(
        LIVING / "activities.csv", documents, home_id, LIVING_TODAY
    )
    assert not status_problems + activity_problems
    return documents, Record(LIVING_TODAY, LIVING_TODAY, changes, contacts)


@pytest.fixture(scope="session")
def postgres_cluster() -> Iterator[PostgresCluster]:
    """A PostgreSQL server of the tests' own, for the session (skipped where none is installed)."""
    if postgres_bin() is None:
        reason = "PostgreSQL is not installed (apt-get install postgresql)"
        if os.environ.get(REQUIRE_POSTGRES_VARIABLE) == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    # Under /tmp, not pytest's own folder: the server's user must be able to reach it.
    cluster = PostgresCluster(Path(tempfile.mkdtemp(prefix="partners-pg-")))
    yield cluster
    cluster.stop()


@pytest.fixture
def postgres_url(postgres_cluster: PostgresCluster) -> str:
    """The URL of an empty database of its own for one test."""
    return postgres_cluster.create_database(f"test_{uuid.uuid4().hex[:12]}")
