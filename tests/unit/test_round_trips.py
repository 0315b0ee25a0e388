# The round trip as a property: any table the checker accepts, written by the app and read
# again, is the same table, for every data file the app writes (registry, coordinates,
# status, activities, strategy) and for the downloads that mark formula-like cells.
from __future__ import annotations

import csv
import datetime as dt
import io

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from utils.data.coords import COORDS_COLUMNS, load_coords, read_coords_rows, write_coords_rows
from utils.data.registry import COLUMNS, DOCUMENT_TYPES, LEVELS, load_registry
from utils.data.strategy import STRATEGY_COLUMNS, load_strategy
from utils.data.writing import csv_text
from utils.editing.record_uploads import check_record_upload
from utils.editing.store import FileStore
from utils.editing.uploads import registry_text
from utils.editing.versions import DATA_SETS
from utils.exports import inert_csv

TODAY = dt.date(2026, 11, 26)
ROUND_TRIP = settings(deadline=None, max_examples=60, suppress_health_check=[HealthCheck.too_slow])
# Pieces of text that have broken a CSV writer or reader somewhere: separators, quotes, line
# breaks of each kind (a bare CR is refused by the checker; the property then says nothing),
# tabs, formula starts and the apostrophe that marks a cell as text, letters of each script.
PIECES = (
    "a", "Я", "ą", "ü", "ė", " ", ",", ";", '"', "'", "=", "+", "-", "@", "\t", "\n", "\r\n",
    "\r", "|", "\\", "`", "<b>", "https://x.example/?q=1", "1,5", "0", "",
)  # fmt: skip
cell = st.lists(st.sampled_from(PIECES), min_size=1, max_size=8).map("".join)


def csv_bytes(header: tuple[str, ...], rows: list[dict[str, str]]) -> bytes:
    """Write rows as an analyst's tool would: quoted where needed, CRLF line ends."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(header), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


@st.composite
def registry_rows(draw) -> list[dict[str, str]]:
    """Registry rows whose free-text cells are drawn from PIECES; one row per partner."""
    count = draw(st.integers(min_value=1, max_value=4))
    rows = []
    for index in range(count):
        year = draw(st.integers(min_value=1946, max_value=TODAY.year - 1))
        rows.append(
            {
                "partner_id": f"p{index}",
                "partner_ru": "П" + draw(cell),  # a name is required: never blank
                "partner_local": draw(cell),
                "partner_en": draw(cell),
                "level": draw(st.sampled_from(LEVELS)),
                "region_ru": draw(cell),
                "region_en": draw(cell),
                "country_code": draw(st.sampled_from(["DE", "LT", "PL", "BY"])),
                "document_type": draw(st.sampled_from(DOCUMENT_TYPES)),
                "document_title_ru": draw(cell),
                "signed": str(year),
                "signed_precision": "year",
                "source_text_ru": draw(cell),
            }
        )
    return rows


def accepted_registry(data: bytes):
    """The registry the checker accepts from these bytes (the example is skipped otherwise)."""
    frame, problems = load_registry(data, today=TODAY)
    assume(not problems)
    return frame


@ROUND_TRIP
@given(registry_rows())
def test_a_registry_the_checker_accepts_reads_back_the_same_after_the_app_writes_it(rows):
    accepted = accepted_registry(csv_bytes(COLUMNS, rows))
    # As applied (partners.csv), and as the Data page's download marks it.
    for written in (registry_text(accepted).encode("utf-8"), inert_csv(registry_text(accepted))):
        again, problems = load_registry(written, today=TODAY)
        assert problems == []
        assert again.equals(accepted)


@ROUND_TRIP
@given(st.lists(cell, min_size=1, max_size=4))
def test_coordinates_the_checker_accepts_read_back_the_same_after_the_app_writes_them(
    tmp_path_factory, queries
):
    rows = [
        {"place_id": f"p{index}", "query": query, "lat": "54.5", "lon": "20.5",
         "source": "manual", "updated": "2026-11-26"}
        for index, query in enumerate(queries)
    ]  # fmt: skip
    accepted, problems = load_coords(csv_bytes(COORDS_COLUMNS, rows))
    assume(not problems)
    path = tmp_path_factory.mktemp("coords") / "coords.csv"
    path.write_bytes(csv_bytes(COORDS_COLUMNS, rows))
    write_coords_rows(path, read_coords_rows(path))  # what every geocoding or typed place does
    again, problems = load_coords(path)
    assert problems == []
    assert again.equals(accepted)


def committed_registry():
    """A one-partner registry the record files are checked against."""
    rows = [
        {"partner_id": "p0", "partner_ru": "П", "partner_local": "", "partner_en": "",
         "level": "city", "region_ru": "", "region_en": "", "country_code": "PL",
         "document_type": "cooperation_agreement", "document_title_ru": "", "signed": "2001",
         "signed_precision": "year", "source_text_ru": "", "home_id": "home"}
    ]  # fmt: skip
    return accepted_registry(csv_bytes((*COLUMNS, "home_id"), rows))


def source(publisher: str, quote: str) -> dict[str, str]:
    """A fact's source: an address, the publisher (any text) and a quotation (any text)."""
    return {
        "source_url": "https://example.org/a?b=c", "source_publisher": "P" + publisher,
        "source_date": "2003", "source_quote": quote[:300], "source_language": "pl",
    }  # fmt: skip


@ROUND_TRIP
@given(st.lists(st.tuples(cell, cell), min_size=1, max_size=3))
def test_status_and_activities_the_checker_accepts_read_back_the_same(texts):
    documents = committed_registry()
    status_rows = [
        {"partner_id": "p0", "home_id": "", "status": "active", "since": str(2002 + index),
         "since_precision": "year", "decided_by": first, "decision_ref": "",
         "note_ru": second, "note_en": first, **source(first, second)}
        for index, (first, second) in enumerate(texts)
    ]  # fmt: skip
    activity_rows = [
        {"partner_id": "p0", "home_id": "", "date": str(2002 + index), "date_precision": "year",
         "kind": "meeting", "title_ru": "Т" + first, "title_en": second, **source(second, first)}
        for index, (first, second) in enumerate(texts)
    ]  # fmt: skip
    for file_name, rows in (("status.csv", status_rows), ("activities.csv", activity_rows)):
        uploaded = csv_bytes(tuple(rows[0]), rows)
        check = check_record_upload(
            uploaded, file_name, file_name=file_name, documents=documents, home_id="home",
            today=TODAY,
        )  # fmt: skip
        assume(check.can_apply)
        again = check_record_upload(
            check.text.encode("utf-8"), file_name, file_name=file_name, documents=documents,
            home_id="home", today=TODAY,
        )  # fmt: skip
        assert again.problems == []
        assert again.rows.equals(check.rows)
        assert again.text == check.text


@ROUND_TRIP
@given(st.lists(st.tuples(cell, cell), min_size=1, max_size=3))
def test_a_strategy_and_every_data_set_survive_a_version_of_the_store(tmp_path_factory, names):
    rows = [
        {"direction_id": f"d{index}", "name_ru": "Н" + ru, "name_en": "N" + en,
         "kind": "country", "target": "PL"}
        for index, (ru, en) in enumerate(names)
    ]  # fmt: skip
    accepted, problems = load_strategy(csv_bytes(STRATEGY_COLUMNS, rows))
    assume(not problems)
    text = csv_text(STRATEGY_COLUMNS, ([row[c] for c in STRATEGY_COLUMNS] for row in rows))
    folder = tmp_path_factory.mktemp("store")
    store = FileStore(folder)
    store.apply({"strategy.csv": text}, based_on=0, editor="test", comment="")
    assert set(store.texts(1)) <= set(DATA_SETS)
    again, problems = load_strategy(store.texts(1)["strategy.csv"].encode("utf-8"))
    assert problems == []
    assert again.equals(accepted)
    assert load_strategy(folder / "strategy.csv")[0].equals(accepted)
