# Counts over the (filtered) registry: the summary strip, breakdowns and growth over time.
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from utils.data.provenance import from_other_sources
from utils.data.record import link_keys
from utils.data.registry import (
    COUNTRY_CODE,
    DOCUMENT_TYPE,
    DOCUMENT_TYPES,
    HOME_ID,
    PARTNER_ID,
    SIGNED_START,
    SIGNED_YEAR,
)

# Columns of the breakdown tables.
GROUP = "group"
PARTNERS = "partners"
DOCUMENTS = "documents"
DECADE = "decade"
# Columns of the growth table.
DATE = "date"
PARTNERS_SO_FAR = "partners_so_far"


@dataclass(frozen=True)
class Summary:
    """The figures of the overview's summary strip."""

    partners: int
    countries: int
    homes: int
    documents: int
    first: pd.Series | None  # the earliest document's row
    latest: pd.Series | None  # the most recent document's row
    years_of_cooperation: int


def summarise(documents: pd.DataFrame, today: dt.date) -> Summary:
    """Count partners, countries and documents, and find the first and latest document."""
    if documents.empty:
        return Summary(0, 0, 0, 0, None, None, 0)
    ordered = documents.sort_values(SIGNED_START, kind="stable")
    first, latest = ordered.iloc[0], ordered.iloc[-1]
    return Summary(
        partners=documents[PARTNER_ID].nunique(),
        countries=documents[COUNTRY_CODE].nunique(),
        homes=documents[HOME_ID].nunique(),
        documents=len(documents),
        first=first,
        latest=latest,
        years_of_cooperation=today.year - int(first[SIGNED_YEAR]),
    )


@dataclass(frozen=True)
class RecordCounts:
    """What the view holds by source: the published table's documents and what others add."""

    published: int  # documents of the published table
    other_documents: int  # documents from other sources
    other_facts: int  # changes of status and activities: the page records none


def record_counts(
    documents: pd.DataFrame, changes: pd.DataFrame, activities: pd.DataFrame
) -> RecordCounts:
    """Count the view's documents by source, and the record's facts about its partnerships."""
    other = from_other_sources(documents)
    links = set(link_keys(documents))
    facts = sum(link in links for link in link_keys(changes)) + sum(
        link in links for link in link_keys(activities)
    )
    return RecordCounts(int((~other).sum()), int(other.sum()), facts)


def counts_by(documents: pd.DataFrame, column: str) -> pd.DataFrame:
    """Count documents and distinct partners per value of `column`, largest first.

    A partner counts once in every group where it has at least one document, so the
    partner counts of several groups can add up to more than the number of partners.
    """
    grouped = documents.groupby(documents[column].astype(str), observed=True)
    counts = pd.DataFrame(
        {PARTNERS: grouped[PARTNER_ID].nunique(), DOCUMENTS: grouped.size()}
    ).rename_axis(GROUP)
    counts = counts.reset_index().sort_values(
        [DOCUMENTS, PARTNERS, GROUP], ascending=[False, False, True], kind="stable"
    )
    return counts.reset_index(drop=True).astype({PARTNERS: "int64", DOCUMENTS: "int64"})


def counts_by_country(documents: pd.DataFrame) -> pd.DataFrame:
    """Count documents and partners per country code, largest first."""
    return counts_by(documents, COUNTRY_CODE)


def counts_by_document_type(documents: pd.DataFrame) -> pd.DataFrame:
    """Count documents and partners per document type, in the vocabulary's order."""
    counts = counts_by(documents, DOCUMENT_TYPE)
    order = {kind: position for position, kind in enumerate(DOCUMENT_TYPES)}
    return counts.sort_values(GROUP, key=lambda kinds: kinds.map(order)).reset_index(drop=True)


def counts_by_decade(documents: pd.DataFrame) -> pd.DataFrame:
    """Count documents and partners per decade of signing (1990 for 1990–1999), in order."""
    with_decade = documents.assign(**{DECADE: documents[SIGNED_YEAR] // 10 * 10})
    counts = counts_by(with_decade, DECADE)
    counts[GROUP] = counts[GROUP].astype(int)
    return counts.sort_values(GROUP).reset_index(drop=True)


def partners_over_time(documents: pd.DataFrame) -> pd.DataFrame:
    """Return the number of partners so far at each partner's first document, in date order."""
    firsts = documents.sort_values(SIGNED_START, kind="stable").drop_duplicates(PARTNER_ID)
    growth = firsts.reset_index(drop=True)
    growth[DATE] = growth[SIGNED_START]
    growth[PARTNERS_SO_FAR] = range(1, len(growth) + 1)
    return growth
