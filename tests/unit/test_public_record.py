# The public record as committed in data/: the published table's eleven documents kept
# exactly as published, other sources' documents and activities beside them, each with a
# source a reader can open, and the disagreements they make with the page.
from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from tests.helpers.data import COMMITTED, PAGE
from utils.data.cells import is_web_url
from utils.data.provenance import (
    MAX_QUOTE_CHARS,
    ORIGIN,
    PUBLISHED,
    PUBLISHED_TABLE,
    SOURCE_PUBLISHER,
    SOURCE_QUOTE,
    SOURCE_URL,
    check_provenance,
    from_other_sources,
)
from utils.data.record import empty_status, load_activities
from utils.data.registry import COUNTRY_CODE, PARTNER_ID, SIGNED, SIGNED_PRECISION, load_registry
from utils.data.restatements import split_restatements
from utils.filters import FILTERS, apply_filters, default_filters, with_value
from utils.views.disagreements import disagreements

TODAY = dt.date(2026, 12, 2)
HOME = "zelenogradsk"


@pytest.fixture(scope="module")
def committed():
    registry, problems = load_registry(COMMITTED / "partners.csv", TODAY, home_id=HOME)
    assert problems == []
    documents, restatements = split_restatements(registry)
    activities, problems = load_activities(COMMITTED / "activities.csv", documents, HOME, TODAY)
    assert problems == []
    return documents, restatements, activities


def test_the_published_rows_are_the_page_unchanged(committed):
    documents, _, _ = committed
    page, _ = load_registry(PAGE / "partners.csv", TODAY, home_id=HOME)
    published = documents[documents[ORIGIN] == PUBLISHED]
    columns = [PARTNER_ID, "document_type", SIGNED, SIGNED_PRECISION]
    assert published[columns].reset_index(drop=True).equals(page[columns].reset_index(drop=True))
    assert len(published) == 11


def test_the_published_table_filter_gives_todays_numbers(committed):
    documents, _, _ = committed
    record = next(spec for spec in FILTERS if spec.field == "record")
    shown = apply_filters(
        documents, with_value(default_filters(documents), record, PUBLISHED_TABLE)
    )
    assert (len(shown), shown[PARTNER_ID].nunique(), shown[COUNTRY_CODE].nunique()) == (11, 10, 4)
    assert not from_other_sources(shown).any()


def test_every_fact_beyond_the_page_names_a_source_to_open(committed):
    documents, restatements, activities = committed
    for frame in (documents[from_other_sources(documents)], restatements, activities):
        assert not frame.empty
        assert frame[SOURCE_URL].map(is_web_url).all()
        assert (frame[SOURCE_PUBLISHER].astype(str).str.len() > 0).all()
        assert (frame[SOURCE_QUOTE].astype(str).str.len() <= MAX_QUOTE_CHARS).all()


def test_the_1991_agreement_restated_by_pinneberg_is_kept_apart(committed):
    _, restatements, _ = committed
    assert restatements[[PARTNER_ID, SIGNED]].values.tolist() == [["pinneberg", "1991-10-14"]]


def test_where_the_record_disagrees_with_the_page(committed):
    documents, restatements, activities = committed
    found = disagreements(
        documents, restatements, changes=empty_status(),
        activities=activities, day=TODAY, lang="en",
    )  # fmt: skip
    kinds = Counter((item.partner_id, item.kind) for item in found)
    assert set(kinds) == {
        ("pinneberg", "type"),  # the page: a cooperation agreement; the district: partnership
        ("pinneberg", "lacks_documents"),  # four partnership protocols, 2009–2018
        ("kuhlungsborn", "earlier_start"),  # the press: a partnership since December 2003
        ("rostock-district", "announced_end"),  # July 2015: old partnerships not continued
        ("elblag-county", "lacks_documents"),  # the agreement of 2 March 2017
    }
    pinneberg = next(item for item in found if item.kind == "lacks_documents"
                     and item.partner_id == "pinneberg")  # fmt: skip
    assert len(pinneberg.others) == 4
    assert all(claim.source is not None for item in found for claim in item.others)
    assert all(item.page.source is None for item in found)  # the page's side is the page


def row(**cells: str) -> dict:
    """A fact's source cells, all valid unless a case says otherwise."""
    return {
        "_row": 2, SOURCE_URL: "https://example.org/a", SOURCE_PUBLISHER: "Example Gazette",
        "source_date": "2018-09", SOURCE_QUOTE: "Signed.", "source_language": "de", **cells,
    }  # fmt: skip


@pytest.mark.parametrize(
    ("cells", "codes"),
    [
        ({}, []),
        ({SOURCE_URL: ""}, ["source_missing"]),
        ({SOURCE_URL: "javascript:alert(1)"}, ["bad_source_url"]),
        ({SOURCE_URL: "data:text/html,<b>x</b>"}, ["bad_source_url"]),
        ({SOURCE_URL: "example.org/page"}, ["bad_source_url"]),  # a bare domain is no link
        ({SOURCE_URL: "ftp://example.org/a"}, ["bad_source_url"]),
        ({SOURCE_PUBLISHER: ""}, ["source_publisher_missing"]),
        ({SOURCE_QUOTE: "x" * MAX_QUOTE_CHARS}, []),  # at the limit: kept
        ({SOURCE_QUOTE: "x" * (MAX_QUOTE_CHARS + 1)}, ["quote_too_long"]),
        ({"source_date": "2018"}, []),  # a year is a date a source may give
        ({"source_date": "18.09.2018"}, ["source_date_format"]),
        ({"source_date": "2026-12-03"}, ["future_source_date"]),  # the day after TODAY
        ({"source_date": ""}, []),  # a source need not date itself
        ({"source_language": "xx-nope"}, ["unknown_language"]),
        ({"source_language": ""}, []),
    ],
)
def test_a_fact_source_is_checked_cell_by_cell(cells, codes):
    problems = check_provenance(row(**cells), TODAY)
    assert [problem.code for problem in problems] == codes
    assert all(problem.row == 2 for problem in problems)
