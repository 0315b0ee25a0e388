# The partner registry: its schema and vocabularies, reading the files analysts hand us,
# validation with row-level problems, and the `python -m utils.data.registry check PATH` report.
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pandas as pd

from utils.data.problems import Problem
from utils.data.reading import RawTable, read_rows
from utils.i18n import DEFAULT_LANGUAGE, is_country_code, t

PARTNER_ID = "partner_id"
PARTNER_RU = "partner_ru"
PARTNER_LOCAL = "partner_local"
PARTNER_EN = "partner_en"
LEVEL = "level"
REGION_RU = "region_ru"
REGION_EN = "region_en"
COUNTRY_CODE = "country_code"
DOCUMENT_TYPE = "document_type"
DOCUMENT_TITLE_RU = "document_title_ru"
SIGNED = "signed"
SIGNED_PRECISION = "signed_precision"
SOURCE_TEXT_RU = "source_text_ru"

COLUMNS = (
    PARTNER_ID,
    PARTNER_RU,
    PARTNER_LOCAL,
    PARTNER_EN,
    LEVEL,
    REGION_RU,
    REGION_EN,
    COUNTRY_CODE,
    DOCUMENT_TYPE,
    DOCUMENT_TITLE_RU,
    SIGNED,
    SIGNED_PRECISION,
    SOURCE_TEXT_RU,
)
# Optional: the home municipality of the document, a place id in coords.csv. Empty or
# absent means the configured home (data/home.toml); a regional registry fills it in.
HOME_ID = "home_id"
# Optional links: the document's text or scan, and the partner's official site.
DOCUMENT_URL = "document_url"
PARTNER_URL = "partner_url"
URL_COLUMNS = (DOCUMENT_URL, PARTNER_URL)
OPTIONAL_COLUMNS = (HOME_ID, *URL_COLUMNS)
ALL_COLUMNS = (*COLUMNS, *OPTIONAL_COLUMNS)
REQUIRED_VALUES = (
    PARTNER_ID,
    PARTNER_RU,
    LEVEL,
    COUNTRY_CODE,
    DOCUMENT_TYPE,
    SIGNED,
    SIGNED_PRECISION,
)
# Columns that describe the partner, not the document: equal on all rows of one partner.
PARTNER_COLUMNS = (
    PARTNER_RU, PARTNER_LOCAL, PARTNER_EN, LEVEL, REGION_RU, REGION_EN, COUNTRY_CODE, PARTNER_URL,
)  # fmt: skip

# Derived on loading, never stored.
SIGNED_START = "signed_start"  # first day of the day, month or year that `signed` names
SIGNED_YEAR = "signed_year"

LEVELS = ("city", "municipality", "district")
DOCUMENT_TYPES = (
    "cooperation_agreement",
    "cooperation_treaty",
    "protocol_of_intent",
    "partnership_agreement",
    "declaration_of_intent",
)
PRECISIONS = ("day", "month", "year")
# Town twinning began after the Second World War; an earlier date is a typing error.
EARLIEST_SIGNED = dt.date(1946, 1, 1)
VOCABULARIES = {LEVEL: LEVELS, DOCUMENT_TYPE: DOCUMENT_TYPES, SIGNED_PRECISION: PRECISIONS}
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


def validate_row(row: dict, today: dt.date) -> list[Problem]:
    """Check one registry row on its own: filled, known vocabulary, a real date."""
    line = row["_row"]
    problems = [
        Problem("missing_value", row=line, column=column)
        for column in REQUIRED_VALUES
        if not row[column]
    ]
    problems += check_id(row, PARTNER_ID) + check_id(row, HOME_ID)
    code = row[COUNTRY_CODE]
    if code and not is_country_code(code):
        problems.append(
            Problem("unknown_country", row=line, column=COUNTRY_CODE, params={"value": code})
        )
    for column, allowed in VOCABULARIES.items():
        if row[column] and row[column] not in allowed:
            problems.append(
                Problem(
                    "unknown_value",
                    row=line,
                    column=column,
                    params={"value": row[column], "allowed": ", ".join(allowed)},
                )
            )
    problems.extend(check_date(row, SIGNED, SIGNED_PRECISION, today))
    for column in URL_COLUMNS:
        problems.extend(check_url(row, column))
    return problems


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


def cross_check_rows(rows: list[dict]) -> list[Problem]:
    """Find repeated documents and partners described differently on different rows."""
    problems = []
    first_document: dict[tuple[str, str, str, str], int] = {}
    first_partner: dict[str, dict] = {}
    for row in rows:
        line = row["_row"]
        key = (row[PARTNER_ID], row[DOCUMENT_TYPE], row[SIGNED], row[HOME_ID])
        if key in first_document:
            problems.append(
                Problem("duplicate_row", row=line, params={"other_row": first_document[key]})
            )
            continue
        first_document[key] = line
        earlier = first_partner.setdefault(row[PARTNER_ID], row)
        for column in PARTNER_COLUMNS:
            if row[column] != earlier[column]:
                params = {
                    "partner_id": row[PARTNER_ID],
                    "value": row[column],
                    "other_row": earlier["_row"],
                    "other_value": earlier[column],
                }
                problems.append(
                    Problem("inconsistent_partner", row=line, column=column, params=params)
                )
    return problems


def registry_frame(rows: list[dict]) -> pd.DataFrame:
    """Build the typed registry DataFrame from validated rows."""
    frame = pd.DataFrame(rows, columns=[*ALL_COLUMNS, "_row"]).drop(columns="_row")
    frame = frame.astype(dict.fromkeys(ALL_COLUMNS, "string"))
    for column, allowed in VOCABULARIES.items():
        frame[column] = pd.Categorical(frame[column], categories=allowed)
    frame[SIGNED_START] = pd.to_datetime(
        [
            parse_signed(signed, precision)
            for signed, precision in zip(frame[SIGNED], frame[SIGNED_PRECISION], strict=True)
        ]
    ).astype("datetime64[ns]")
    frame[SIGNED_YEAR] = frame[SIGNED_START].dt.year.astype("int64")
    return frame.reset_index(drop=True)


def load_registry(
    source: Path | bytes | RawTable, today: dt.date | None = None, home_id: str | None = None
) -> tuple[pd.DataFrame, list[Problem]]:
    """Load a registry file: the typed rows that are valid, and a problem for each one left out.

    With `home_id`, a document that names no home is the configured home's: what every
    view reads (the app's loader). Without it, the rows are as written (an upload, which
    is written back as it came).
    """
    today = today or dt.date.today()
    rows, problems = read_rows(source, ALL_COLUMNS, REQUIRED_VALUES)
    if rows is None:
        frame = registry_frame([])
        return (frame if home_id is None else with_home(frame, home_id)), problems
    valid = []
    for row in rows:
        row_problems = validate_row(row, today)
        problems.extend(row_problems)
        if not rejects_row(row_problems, row):
            valid.append(row)
    cross_problems = cross_check_rows(valid)
    problems.extend(cross_problems)
    rejected = {problem.row for problem in cross_problems}
    valid = [row for row in valid if row["_row"] not in rejected]
    problems.sort(
        key=lambda problem: (
            problem.row or 0,
            ALL_COLUMNS.index(problem.column) if problem.column in ALL_COLUMNS else -1,
        )
    )
    frame = registry_frame(valid)
    return (frame if home_id is None else with_home(frame, home_id)), problems


def with_home(frame: pd.DataFrame, home_id: str) -> pd.DataFrame:
    """Fill in the configured home where a row (a document, a status, a contact) names none."""
    return frame.assign(
        **{HOME_ID: frame[HOME_ID].fillna("").replace("", home_id).astype("string")}
    )


def summary(frame: pd.DataFrame, lang: str = DEFAULT_LANGUAGE) -> str:
    """One line on what a clean registry holds."""
    return t(
        "report.clean",
        lang,
        documents=len(frame),
        partners=frame[PARTNER_ID].nunique(),
        countries=frame[COUNTRY_CODE].nunique(),
    )
