# The partner registry: its schema and vocabularies, reading the files analysts hand us,
# validation with row-level problems, and the `python -m utils.data.registry check PATH` report.
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from utils.data.cells import PRECISIONS, check_date, check_id, check_url, parse_signed, rejects_row
from utils.data.problems import Problem
from utils.data.provenance import (
    ORIGIN,
    ORIGINS,
    OTHER_SOURCE,
    PROVENANCE_COLUMNS,
    PUBLISHED,
    SOURCE_URL,
    check_provenance,
    has_provenance,
)
from utils.data.reading import RawTable, read_rows
from utils.i18n import DEFAULT_LANGUAGE, is_country_code, own_columns, t

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
# Optional: a document from a source other than the published table names that source
# (utils/data/provenance.py); a row without one is the published table's.
# Optional: the region's name for readers of the other Latin-script languages, who read
# region_en where it is empty.
REGION_BY_LANGUAGE = own_columns("region")
REGION_TRANSLATIONS = tuple(REGION_BY_LANGUAGE.values())
OPTIONAL_COLUMNS = (HOME_ID, *URL_COLUMNS, *PROVENANCE_COLUMNS, *REGION_TRANSLATIONS)
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
    PARTNER_RU, PARTNER_LOCAL, PARTNER_EN, LEVEL, REGION_RU, REGION_EN, *REGION_TRANSLATIONS,
    COUNTRY_CODE, PARTNER_URL,
)  # fmt: skip

# Derived on loading, never stored.
SIGNED_START = "signed_start"  # first day of the day, month or year that `signed` names
SIGNED_YEAR = "signed_year"

LEVELS = ("city", "municipality", "district")
# The kinds of document the published table names.
PUBLISHED_TYPES = (
    "cooperation_agreement",
    "cooperation_treaty",
    "protocol_of_intent",
    "partnership_agreement",
    "declaration_of_intent",
)
# Kinds only other sources name.
OTHER_SOURCE_TYPES = (
    "partnership_protocol",  # a protocol of the partnership, continued every few years
    "unnamed_document",  # a source dates a partnership without naming its document
)
DOCUMENT_TYPES = (*PUBLISHED_TYPES, *OTHER_SOURCE_TYPES)
VOCABULARIES = {LEVEL: LEVELS, DOCUMENT_TYPE: DOCUMENT_TYPES, SIGNED_PRECISION: PRECISIONS}


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
    if has_provenance(row):
        problems.extend(check_provenance(row, today))
        if row[SOURCE_TEXT_RU]:
            # A source confirming or contradicting a published row is a row of its own:
            # the published row stays exactly as published.
            problems.append(Problem("published_cell_with_source", row=line, column=SOURCE_TEXT_RU))
    return problems


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
    other = frame[SOURCE_URL].fillna("").astype(str) != ""
    frame[ORIGIN] = pd.Categorical(
        other.map({True: OTHER_SOURCE, False: PUBLISHED}), categories=ORIGINS
    )
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
