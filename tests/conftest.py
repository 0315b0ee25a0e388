# Shared fixtures: paths to the committed data and a helper that writes test files.
from __future__ import annotations

import datetime as dt
import os
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from devtools.postgres import PostgresCluster, postgres_bin
from utils.data.coords import load_coords
from utils.data.places import load_home
from utils.data.record import Record, load_activities, load_status
from utils.data.registry import load_registry

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SEED = ROOT.parent / "shared" / "seed" / "partners_page_ru.txt"
# The seed copy is kept in the repository too, so that the tests do not depend on shared/.
SEED_COPY = ROOT / "tests" / "data" / "partners_page_ru.txt"
# Set by .ci/run: there a missing PostgreSQL is a failure, not a skip.
REQUIRE_POSTGRES_VARIABLE = "REQUIRE_POSTGRES"

HEADER = (
    "partner_id,partner_ru,partner_local,partner_en,level,region_ru,region_en,country_code,"
    "document_type,document_title_ru,signed,signed_precision,source_text_ru"
)
VALID_ROW = (
    "wolin,г. Волин,Wolin,Wolin,city,Западнопоморское воеводство,West Pomeranian Voivodeship,"
    "PL,cooperation_agreement,Соглашение о сотрудничестве,2009-07-31,day,text"
)


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
    """The committed registry as the app reads it: 11 documents of 10 partners, homes filled."""
    frame, problems = load_registry(DATA / "partners.csv", home_id="zelenogradsk")
    assert not problems
    return frame


@pytest.fixture(scope="session")
def registry_as_written():
    """The committed registry as its file has it: no home filled in where it names none."""
    frame, problems = load_registry(DATA / "partners.csv")
    assert not problems
    return frame


@pytest.fixture(scope="session")
def coords():
    """The committed coordinates: the 10 partners and the home."""
    frame, problems = load_coords(DATA / "coords.csv")
    assert not problems
    return frame


@pytest.fixture(scope="session")
def home():
    """The committed home settings (Zelenogradsk)."""
    return load_home(DATA / "home.toml")


# The fixture folder with an invented living record (tests/data/living/README.md).
LIVING = ROOT / "tests" / "data" / "living"
LIVING_TODAY = dt.date(2026, 11, 26)


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
