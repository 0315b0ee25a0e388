# Property-based tests: the parsers and the loader on text nobody thought of.
from __future__ import annotations

import csv
import datetime as dt
import io
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from utils.data.reading import garbled_code, unmarked
from utils.data.registry import (
    COLUMNS,
    DOCUMENT_TYPES,
    LEVELS,
    load_registry,
)
from utils.i18n import CATALOGUE
from utils.sources.importer import parse_published
from utils.sources.published_cells import PublishedTableError, parse_date_phrase

STORED_DATE = {"day": r"\d{4}-\d{2}-\d{2}", "month": r"\d{4}-\d{2}", "year": r"\d{4}"}

TODAY = dt.date(2026, 11, 26)
# No per-example deadline: on a busy 2-core CI machine a slow example is not a failure.
settings.register_profile("ci", deadline=None)
settings.load_profile("ci")
# Text a spreadsheet cell may hold: any printable characters, Cyrillic and Polish included,
# but not the marks of letters lost to an encoding (U+FFFD, "Ã¼"-style pairs, a "?" between
# letters), which the loader reports as problems by design (tests/data/bad/partners/); nor
# an apostrophe before a formula's first character ('=...), the mark by which a spreadsheet
# and the app's downloads say "text", which the loader reads as =... by design.
cell_text = (
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=30)
    .map(str.strip)
    .filter(bool)
    .filter(lambda text: garbled_code(text) is None)
    .filter(lambda text: unmarked(text) == text)
)


@given(st.text(max_size=80))
def test_date_phrase_parser_never_raises(phrase):
    parsed = parse_date_phrase(phrase)
    if parsed is not None:
        # Always written as the registry stores it; whether the day exists (31.02) is
        # checked later, by the importer and the loader, which report it.
        signed, precision = parsed
        assert re.fullmatch(STORED_DATE[precision], signed)


@given(st.text(max_size=400))
@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
def test_published_table_parser_raises_only_its_own_error(text):
    # Any other exception fails the test; the loader's own error must say what is wrong.
    problems = []
    try:
        parse_published(text)
    except PublishedTableError as error:
        problems = error.problems
        assert problems, "a PublishedTableError without problems"


@given(st.binary(max_size=600))
def test_loader_never_raises_and_every_problem_can_be_said(data):
    frame, problems = load_registry(data, today=TODAY)
    for problem in problems:
        assert f"problem.{problem.code}" in CATALOGUE
        problem.describe("ru")
        problem.describe("en")
    assert set(COLUMNS) <= set(frame.columns)


@st.composite
def valid_rows(draw):
    """A valid registry row as text cells, with its date at a drawn precision."""
    precision = draw(st.sampled_from(["day", "month", "year"]))
    day = draw(st.dates(min_value=dt.date(1946, 1, 1), max_value=TODAY))
    signed = {"day": day.isoformat(), "month": day.isoformat()[:7], "year": str(day.year)}
    return {
        "partner_id": draw(st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,8})?", fullmatch=True)),
        "partner_ru": draw(cell_text),
        "partner_local": draw(cell_text),
        "partner_en": draw(cell_text),
        "level": draw(st.sampled_from(LEVELS)),
        "region_ru": draw(cell_text),
        "region_en": draw(cell_text),
        "country_code": draw(st.sampled_from(["DE", "LT", "PL", "BY", "SE"])),
        "document_type": draw(st.sampled_from(DOCUMENT_TYPES)),
        "document_title_ru": draw(cell_text),
        "signed": signed[precision],
        "signed_precision": precision,
        "source_text_ru": draw(cell_text),
    }


@given(st.lists(valid_rows(), min_size=1, max_size=5, unique_by=lambda row: row["partner_id"]))
def test_valid_rows_survive_a_write_read_round_trip(rows):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(COLUMNS), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    frame, problems = load_registry(buffer.getvalue().encode("utf-8"), today=TODAY)
    assert problems == []
    loaded = frame[list(COLUMNS)].astype(str).to_dict("records")
    assert loaded == rows
