# Round anniversaries of the documents, at the precision of their dates: a document
# signed "in 2009" has its 20th anniversary "in 2029", not on a made-up day.
from __future__ import annotations

import datetime as dt

import pandas as pd

from utils.data.record import STATUS, TERMINATED, statuses_on
from utils.data.registry import PARTNER_ID, SIGNED, SIGNED_PRECISION, SIGNED_START

ROUND_YEARS = 5  # every 5th year is a round anniversary
HORIZON_YEARS = 10  # how far ahead the list looks by default
# Columns added to each document row.
YEARS = "years"  # how many years the anniversary marks
ANNIVERSARY = "anniversary"  # written like `signed`, at its precision: 2029-08-07, 2029-03, 2029
ANNIVERSARY_START = "anniversary_start"  # first day of the anniversary's day, month or year
ANNIVERSARY_YEAR = "anniversary_year"

_STORED_DATE_LENGTH = {"day": 10, "month": 7, "year": 4}


def _anniversary_start(signed_start: dt.date, years: int) -> dt.date:
    """Return the date `years` after `signed_start`; 29 February falls on the 28th."""
    try:
        return signed_start.replace(year=signed_start.year + years)
    except ValueError:
        return signed_start.replace(year=signed_start.year + years, day=28)


def _has_passed(start: dt.date, precision: str, today: dt.date) -> bool:
    """Tell whether the day, month or year that begins on `start` is over by `today`."""
    if precision == "year":
        return start.year < today.year
    if precision == "month":
        return (start.year, start.month) < (today.year, today.month)
    return start < today


def coming_anniversaries(
    documents: pd.DataFrame,
    today: dt.date,
    horizon_years: int = HORIZON_YEARS,
    round_years: int = ROUND_YEARS,
) -> pd.DataFrame:
    """List each document's round anniversaries from today to the horizon's year, nearest first."""
    last_year = today.year + horizon_years
    columns = [*documents.columns, YEARS, ANNIVERSARY_START, ANNIVERSARY, ANNIVERSARY_YEAR]
    signed_years = documents[SIGNED_START].dt.year
    found = []
    # One round number of years at a time, over the documents it brings into the window:
    # earlier years have passed whatever the day, later ones are beyond the horizon.
    earliest = int(signed_years.min()) if len(documents) else last_year
    for years in range(round_years, last_year - earliest + 1, round_years):
        landing = signed_years + years
        candidates = documents[(landing >= today.year) & (landing <= last_year)]
        if candidates.empty:
            continue
        starts = [_anniversary_start(start.date(), years) for start in candidates[SIGNED_START]]
        precisions = [str(precision) for precision in candidates[SIGNED_PRECISION]]
        coming = [
            not _has_passed(start, precision, today)
            for start, precision in zip(starts, precisions, strict=True)
        ]
        kept = candidates[coming]
        starts = [start for start, keep in zip(starts, coming, strict=True) if keep]
        precisions = [p for p, keep in zip(precisions, coming, strict=True) if keep]
        found.append(
            kept.assign(
                **{
                    YEARS: years,
                    ANNIVERSARY_START: pd.to_datetime(starts),
                    ANNIVERSARY: [
                        start.isoformat()[: _STORED_DATE_LENGTH[precision]]
                        for start, precision in zip(starts, precisions, strict=True)
                    ],
                    ANNIVERSARY_YEAR: [start.year for start in starts],
                }
            )
        )
    if not found:
        return pd.DataFrame(columns=columns)
    anniversaries = pd.concat(found, ignore_index=True)[columns]
    return anniversaries.sort_values(
        [ANNIVERSARY_START, PARTNER_ID, SIGNED], kind="stable"
    ).reset_index(drop=True)


def anniversary_years(anniversaries: pd.DataFrame) -> list[int]:
    """Return the years that have at least one anniversary, in order."""
    return sorted({int(year) for year in anniversaries[ANNIVERSARY_YEAR]})


def anniversaries_in(anniversaries: pd.DataFrame, year: int) -> pd.DataFrame:
    """Return the anniversaries that fall in `year`, nearest first."""
    return anniversaries[anniversaries[ANNIVERSARY_YEAR] == year].reset_index(drop=True)


def with_statuses(anniversaries: pd.DataFrame, changes: pd.DataFrame, day: dt.date) -> pd.DataFrame:
    """Add each anniversary's tie's status on `day` (utils/data/record.py) as a STATUS column."""
    return anniversaries.assign(**{STATUS: statuses_on(anniversaries, changes, day)})


def proposed(anniversaries: pd.DataFrame) -> pd.DataFrame:
    """Return the anniversaries worth celebrating: not those of a tie that has ended."""
    return anniversaries[anniversaries[STATUS] != TERMINATED].reset_index(drop=True)
