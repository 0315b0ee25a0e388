# The committed data and test data the tests read, and small registries built from them.
from __future__ import annotations

import datetime as dt
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
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
    b"partner_id,home_id,status,since,since_precision,decided_by,decision_ref,source_url,"
    b"note_ru,note_en\nbraniewo,,terminated,2022-03-15,day,Rada Miejska,XLII/123/22,,,\n"
)
