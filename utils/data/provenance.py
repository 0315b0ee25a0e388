# Where a fact comes from. The administration's published table is one source: its rows carry
# the published cell (source_text_ru) and nothing else. Every other fact (a document a
# partner's press release reports, a change of status, a visit) names its own source: an
# http(s) address, the publisher, the source's date and a short quotation in its language.
from __future__ import annotations

import datetime as dt

import pandas as pd
from babel import Locale, UnknownLocaleError

from utils.data.cells import is_web_url, parse_signed
from utils.data.problems import Problem

SOURCE_URL = "source_url"
SOURCE_PUBLISHER = "source_publisher"
SOURCE_DATE = "source_date"  # YYYY-MM-DD, YYYY-MM or YYYY: the date the source gives itself
SOURCE_QUOTE = "source_quote"  # what the source says, in its own words: a sentence at most
SOURCE_LANGUAGE = "source_language"  # the quotation's language (ISO 639-1: de, pl, lt, ru, en)
PROVENANCE_COLUMNS = (SOURCE_URL, SOURCE_PUBLISHER, SOURCE_DATE, SOURCE_QUOTE, SOURCE_LANGUAGE)
# A reader sees what the source says without opening it; a paragraph is no longer a quotation.
MAX_QUOTE_CHARS = 300

# Derived on loading: where a registry row comes from.
ORIGIN = "origin"
PUBLISHED = "published"  # the administration's published table
OTHER_SOURCE = "other"  # another public source, named on the row
ORIGINS = (PUBLISHED, OTHER_SOURCE)

# What the record filter shows (utils/filters.py): everything known, or the page alone.
WHOLE_RECORD = "whole"
PUBLISHED_TABLE = PUBLISHED  # the filter keeps the rows of this origin
RECORD_VIEWS = (WHOLE_RECORD, PUBLISHED_TABLE)

_SOURCE_DATE_PRECISIONS = {10: "day", 7: "month", 4: "year"}  # by the length of the date


def has_provenance(row: dict) -> bool:
    """Tell whether a row names a source of its own (any provenance cell filled)."""
    return any(row.get(column) for column in PROVENANCE_COLUMNS)


def source_date_precision(value: str) -> str | None:
    """Return the precision a source's date is written at ("day", "month", "year"), if any."""
    return _SOURCE_DATE_PRECISIONS.get(len(value))


def check_provenance(row: dict, today: dt.date) -> list[Problem]:
    """Check the source of a fact outside the published table; every problem leaves it out.

    A fact without a source a reader can open is not shown: unlike a document's own link,
    an address that is not http(s) takes its row with it.
    """
    line = row["_row"]
    found: list[tuple[str, str, dict]] = []  # (code, column, params)
    url = row.get(SOURCE_URL, "")
    if not url:
        found.append(("source_missing", SOURCE_URL, {}))
    elif not is_web_url(url):
        found.append(("bad_source_url", SOURCE_URL, {"value": url}))
    if not row.get(SOURCE_PUBLISHER, ""):
        found.append(("source_publisher_missing", SOURCE_PUBLISHER, {}))
    quote = row.get(SOURCE_QUOTE, "")
    if len(quote) > MAX_QUOTE_CHARS:
        found.append(
            ("quote_too_long", SOURCE_QUOTE, {"length": len(quote), "limit": MAX_QUOTE_CHARS})
        )
    date = row.get(SOURCE_DATE, "")
    start = source_date_start(date)
    if date and start is None:
        found.append(("source_date_format", SOURCE_DATE, {"value": date}))
    elif start is not None and start > today:
        found.append(("future_source_date", SOURCE_DATE, {"value": date}))
    language = row.get(SOURCE_LANGUAGE, "")
    if language and not _is_language(language):
        found.append(("unknown_language", SOURCE_LANGUAGE, {"value": language}))
    return [Problem(code, row=line, column=column, params=params) for code, column, params in found]


def source_date_start(value: str) -> dt.date | None:
    """Return the first day a source's date names, or None if it is not a real date."""
    precision = source_date_precision(value)
    if precision is None:
        return None
    try:
        return parse_signed(value, precision)
    except ValueError:
        return None


def _is_language(code: str) -> bool:
    """Tell whether a code names a language Babel knows (lower-case ISO 639-1 or -3)."""
    if not (code.isascii() and code.isalpha() and code.islower() and len(code) in (2, 3)):
        return False
    try:
        Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        return False
    return True


def from_other_sources(frame: pd.DataFrame) -> pd.Series:
    """Tell, row by row, whether a registry row comes from a source other than the page."""
    return frame[ORIGIN].astype(str) == OTHER_SOURCE
