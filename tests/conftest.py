# Shared fixtures: paths to the committed data and a helper that writes test files.
from __future__ import annotations

from pathlib import Path

import pytest

from utils.coords_file import load_coords
from utils.places import load_home
from utils.registry import load_registry

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SEED = ROOT.parent / "shared" / "seed" / "partners_page_ru.txt"
# The seed copy is kept in the repository too, so that the tests do not depend on shared/.
SEED_COPY = ROOT / "tests" / "data" / "partners_page_ru.txt"

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
    """The committed registry: 11 documents of 10 partners."""
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
