# Directions of cooperation named by the municipality's strategy (data/strategy.csv),
# and the documents that serve each one. A direction with no document is open.
from __future__ import annotations

from pathlib import Path

import pandas as pd

from utils.data.problems import Problem
from utils.data.reading import read_rows
from utils.data.record import NOT_LIVE, SUSPENDED, UNRECORDED, link_keys
from utils.data.registry import COUNTRY_CODE, PARTNER_ID, SIGNED_START
from utils.i18n import is_country_code, own_columns

DIRECTION_ID = "direction_id"
NAME_RU = "name_ru"
NAME_EN = "name_en"
KIND = "kind"  # what the target names: one partner or every partner in a country
TARGET = "target"
STRATEGY_COLUMNS = (DIRECTION_ID, NAME_RU, NAME_EN, KIND, TARGET)
# Optional: the direction's name for readers of the other Latin-script languages, who read
# name_en where it is empty.
NAME_BY_LANGUAGE = own_columns("name")
STRATEGY_ALL_COLUMNS = (*STRATEGY_COLUMNS, *NAME_BY_LANGUAGE.values())
KIND_PARTNER = "partner"
KIND_COUNTRY = "country"
KINDS = (KIND_PARTNER, KIND_COUNTRY)
# Columns of the coverage table, one row per direction.
DOCUMENT_COUNT = "documents"
PARTNER_COUNT = "partners"
IS_OPEN = "is_open"
# How a direction stands: "served" by a tie not suspended or ended (or with no status
# recorded), only by "suspended" or only by "ended" ties, or "open" (no document at all).
STANDING = "standing"
SERVED, ONLY_SUSPENDED, ONLY_ENDED, OPEN = "served", "suspended", "ended", "open"


def _check_direction(row: dict, seen: dict[str, int]) -> list[Problem]:
    """Check one direction: every value filled, a known kind, a real country code, a new id."""
    line = row["_row"]
    problems = [
        Problem("missing_value", row=line, column=column)
        for column in STRATEGY_COLUMNS
        if row[column] == ""
    ]
    if row[KIND] and row[KIND] not in KINDS:
        params = {"value": row[KIND], "allowed": ", ".join(KINDS)}
        problems.append(Problem("unknown_value", row=line, column=KIND, params=params))
    if row[KIND] == KIND_COUNTRY and row[TARGET] and not is_country_code(row[TARGET]):
        problems.append(
            Problem("unknown_country", row=line, column=TARGET, params={"value": row[TARGET]})
        )
    if row[DIRECTION_ID] in seen:
        params = {"value": row[DIRECTION_ID], "other_row": seen[row[DIRECTION_ID]]}
        problems.append(Problem("duplicate_id", row=line, column=DIRECTION_ID, params=params))
    return problems


def load_strategy(source: Path | bytes) -> tuple[pd.DataFrame, list[Problem]]:
    """Load the strategy's directions: valid rows, and a problem for each row left out."""
    rows, problems = read_rows(source, STRATEGY_ALL_COLUMNS, STRATEGY_COLUMNS)
    valid: list[dict] = []
    seen: dict[str, int] = {}
    for row in rows or []:
        row_problems = _check_direction(row, seen)
        problems.extend(row_problems)
        if not row_problems:
            seen[row[DIRECTION_ID]] = row["_row"]
            valid.append(row)
    frame = pd.DataFrame(valid, columns=list(STRATEGY_ALL_COLUMNS)).astype("string")
    return frame, problems


def documents_serving(direction: pd.Series | dict, documents: pd.DataFrame) -> pd.DataFrame:
    """Return the documents that serve a direction, oldest first."""
    column = PARTNER_ID if direction[KIND] == KIND_PARTNER else COUNTRY_CODE
    serving = documents[documents[column].astype(str) == str(direction[TARGET])]
    return serving.sort_values(SIGNED_START, kind="stable")


def _statuses_of(rows: pd.DataFrame, statuses: dict[tuple[str, str], str]) -> set[str]:
    """Return the statuses of the ties the documents belong to."""
    return {statuses.get(link, UNRECORDED) for link in link_keys(rows)}


def _standing(statuses: set[str]) -> str:
    """Say how a direction stands from the statuses of the ties serving it."""
    if not statuses:
        return OPEN
    if statuses - set(NOT_LIVE):
        return SERVED
    return ONLY_SUSPENDED if SUSPENDED in statuses else ONLY_ENDED


def strategy_coverage(
    strategy: pd.DataFrame,
    documents: pd.DataFrame,
    statuses: dict[tuple[str, str], str] | None = None,
) -> pd.DataFrame:
    """Count the documents and partners serving each direction, and say how it stands.

    `statuses` gives each tie's status by (home, partner), none recorded where it is
    silent; a direction served only by suspended or ended ties is not served. No document
    at all means it is open.
    """
    statuses = statuses or {}
    coverage = strategy.copy()
    serving = [documents_serving(direction, documents) for _, direction in strategy.iterrows()]
    coverage[DOCUMENT_COUNT] = [len(rows) for rows in serving]
    coverage[PARTNER_COUNT] = [rows[PARTNER_ID].nunique() for rows in serving]
    coverage[IS_OPEN] = coverage[DOCUMENT_COUNT] == 0
    coverage[STANDING] = [_standing(_statuses_of(rows, statuses)) for rows in serving]
    return coverage.reset_index(drop=True)
