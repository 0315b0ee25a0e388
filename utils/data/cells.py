# The checks every data file's cells share: ids, dates written at their precision, and web
# addresses (the only links the app makes).
from __future__ import annotations

import datetime as dt
import re

from utils.data.problems import Problem

PRECISIONS = ("day", "month", "year")

# Town twinning began after the Second World War; an earlier date is a typing error.
EARLIEST_SIGNED = dt.date(1946, 1, 1)

DATE_FORMATS = {"day": "YYYY-MM-DD", "month": "YYYY-MM", "year": "YYYY"}

# ASCII digits only: Python's \d also takes Arabic-Indic or full-width digits, which
# would let the same date in by two spellings.
_DATE_PATTERNS = {
    "day": re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})"),
    "month": re.compile(r"([0-9]{4})-([0-9]{2})"),
    "year": re.compile(r"([0-9]{4})"),
}

_PARTNER_ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

# Only these become links: a `javascript:` or `data:` address in a cell is a problem.
_WEB_URL_PATTERN = re.compile(r"https?://[^\s/?#]+[^\s]*", re.IGNORECASE)


def is_web_url(value: object) -> bool:
    """Tell whether a value is an http(s) address, the only kind the app makes into a link."""
    return isinstance(value, str) and _WEB_URL_PATTERN.fullmatch(value) is not None


def check_url(row: dict, column: str) -> list[Problem]:
    """Report a filled link cell that is not an http(s) address."""
    value = row.get(column, "")
    if not value or is_web_url(value):
        return []
    return [Problem("bad_url", row=row["_row"], column=column, params={"value": value})]


def rejects_row(problems: list[Problem], row: dict) -> bool:
    """Tell whether a row's problems leave it out; a bad link only loses the link."""
    for problem in problems:
        if problem.code == "bad_url" and problem.column is not None:
            row[problem.column] = ""
    return any(problem.code != "bad_url" for problem in problems)


def check_id(row: dict, column: str) -> list[Problem]:
    """Report a filled id cell that is not lower-case Latin letters, digits and hyphens."""
    value = row.get(column, "")
    if not value or _PARTNER_ID_PATTERN.fullmatch(value):
        return []
    return [Problem("bad_partner_id", row=row["_row"], column=column, params={"value": value})]


def parse_signed(signed: str, precision: str) -> dt.date:
    """Return the first day of the period a stored date names; ValueError if it is impossible."""
    match = _DATE_PATTERNS[precision].fullmatch(signed)
    if match is None:
        raise ValueError(signed)
    year, month, day = (int(part) for part in [*match.groups(), "1", "1"][:3])
    return dt.date(year, month, day)


def check_date(row: dict, column: str, precision_column: str, today: dt.date) -> list[Problem]:
    """Check that a date is written at its precision, exists and has passed."""
    value, precision, line = row[column], row[precision_column], row["_row"]
    if not value or precision not in PRECISIONS:
        return []
    if not _DATE_PATTERNS[precision].fullmatch(value):
        params = {"value": value, "precision": precision, "expected": DATE_FORMATS[precision]}
        return [Problem("date_format", row=line, column=column, params=params)]
    try:
        start = parse_signed(value, precision)
    except ValueError:
        return [Problem("impossible_date", row=line, column=column, params={"value": value})]
    if start > today:
        return [Problem("future_date", row=line, column=column, params={"value": value})]
    if start < EARLIEST_SIGNED:
        params = {"value": value, "earliest": EARLIEST_SIGNED.year}
        return [Problem("too_early_date", row=line, column=column, params=params)]
    return []
