# Counts behind the summary strip, the breakdowns and the growth chart.
from __future__ import annotations

import datetime as dt

import pytest

from utils.views.stats import (
    counts_by_country,
    counts_by_decade,
    counts_by_document_type,
    partners_over_time,
    summarise,
)

TODAY = dt.date(2026, 11, 26)


def test_summary_counts_partners_and_documents_apart(documents):
    summary = summarise(documents, TODAY)
    assert (summary.partners, summary.countries, summary.documents) == (10, 4, 11)
    assert (summary.first["partner_id"], summary.first["signed"]) == ("pinneberg", "1991-10-14")
    assert (summary.latest["partner_id"], summary.latest["signed"]) == (
        "elblag-county",
        "2016-04-21",
    )
    assert summary.years_of_cooperation == 35


def test_summary_of_nothing(documents):
    summary = summarise(documents.iloc[0:0], TODAY)
    assert (summary.partners, summary.documents, summary.first) == (0, 0, None)


def rows(counts):
    return [tuple(row) for row in counts.itertuples(index=False)]


def test_counts_by_country(documents):
    # Poland: 5 partners but 6 documents (Braniewo has two).
    assert rows(counts_by_country(documents)) == [
        ("PL", 5, 6),
        ("DE", 3, 3),
        ("BY", 1, 1),
        ("LT", 1, 1),
    ]


def test_counts_by_document_type_in_vocabulary_order(documents):
    assert rows(counts_by_document_type(documents)) == [
        ("cooperation_agreement", 4, 4),
        ("cooperation_treaty", 2, 2),
        ("protocol_of_intent", 3, 3),
        ("partnership_agreement", 1, 1),
        ("declaration_of_intent", 1, 1),
    ]


def test_counts_by_decade(documents):
    # Braniewo signed in the 2000s and the 2010s: it counts as a partner in both.
    assert rows(counts_by_decade(documents)) == [(1990, 2, 2), (2000, 4, 4), (2010, 5, 5)]
    partners_counted = counts_by_decade(documents)["partners"].sum()
    assert partners_counted == 11  # one more than the 10 partners


def test_no_document_lost_in_any_breakdown(documents):
    for counts in (
        counts_by_country(documents),
        counts_by_document_type(documents),
        counts_by_decade(documents),
    ):
        assert counts["documents"].sum() == len(documents)


def test_partners_over_time(documents):
    growth = partners_over_time(documents)
    assert list(growth["partners_so_far"]) == list(range(1, 11))
    assert list(growth["partner_id"][:3]) == ["pinneberg", "neringa", "braniewo"]
    # Braniewo joins with its first document (2004), not its second.
    assert growth.loc[2, "signed"] == "2004-08-07"
    assert growth["date"].is_monotonic_increasing


@pytest.mark.parametrize("column", ["partners", "documents"])
def test_counts_are_whole_numbers(documents, column):
    assert counts_by_country(documents)[column].dtype == "int64"
