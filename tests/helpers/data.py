# The committed data and test data the tests read, and small registries built from them.
from __future__ import annotations

import datetime as dt
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# The committed data: the published page and the public record found since (data/SOURCES.md).
COMMITTED = ROOT / "data"
BASEMAP = COMMITTED / "basemap.geojson"
# The published page alone (tests/data/page/README.md): what the feature tests read, the
# app too unless a test points it elsewhere (tests/conftest.py).
PAGE = ROOT / "tests" / "data" / "page"
DATA = PAGE
DATA_FILES = ("partners.csv", "coords.csv", "home.toml", "strategy.csv")


def copy_data(folder: Path) -> Path:
    """Copy the tests' data folder (with the basemap) into `folder`, for a test to change."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in DATA_FILES:
        (folder / name).write_bytes((DATA / name).read_bytes())
    (folder / BASEMAP.name).write_bytes(BASEMAP.read_bytes())
    return folder


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


# The fixture folder with an invented living record (tests/data/living/README.md).
LIVING = ROOT / "tests" / "data" / "living"
LIVING_TODAY = dt.date(2026, 11, 26)
NEW_ROW = (
    "palanga,Паланга,Palanga,Palanga,city,Клайпедский уезд,Klaipėda County,LT,"
    "cooperation_agreement,Соглашение о сотрудничестве,2025-06-01,day,"
)


def registry_with_palanga() -> bytes:
    return (DATA / "partners.csv").read_bytes() + (NEW_ROW + "\n").encode("utf-8")


# The living record's files: checked with the `check DIR` rules, applied whole, kept.
LIVING_STATUS = (
    b"partner_id,home_id,status,since,since_precision,decided_by,decision_ref,note_ru,note_en,"
    b"source_url,source_publisher,source_date,source_quote,source_language\n"
    b"braniewo,,terminated,2022-03-15,day,Rada Miejska,XLII/123/22,,,"
    b"https://example.org/uchwala,Rada Miejska,2022-03-16,Uchwala o rozwiazaniu umowy.,pl\n"
)
