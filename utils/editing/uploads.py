# Replacing the registry from an uploaded file: read it (CSV or XLSX), check it with the
# registry's loader, and apply it with a backup, so that nothing is ever lost.
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from utils.data.problems import Problem
from utils.data.reading import LOST_LETTER_CODE
from utils.data.registry import (
    COLUMNS,
    DOCUMENT_TYPE,
    OPTIONAL_COLUMNS,
    PARTNER_COLUMNS,
    PARTNER_ID,
    SIGNED,
    load_registry,
)
from utils.data.table_files import read_table_file
from utils.data.writing import csv_text


@dataclass(frozen=True)
class UploadCheck:
    """An uploaded registry as the loader sees it, and what applying it would change."""

    documents: pd.DataFrame  # the valid rows
    problems: list[Problem]
    file_rows: int
    added: int  # documents in the upload that the current registry lacks
    removed: int  # documents of the current registry that the upload lacks
    new_partners: list[str]
    # Names that the upload changes: (partner id, column, before, after).
    renamed: list[tuple[str, str, str, str]] = field(default_factory=list)

    @property
    def can_apply(self) -> bool:
        """Tell whether the file may replace the registry: every row valid, nothing ignored."""
        return not self.problems and self.file_rows > 0


def _document_keys(documents: pd.DataFrame) -> set[tuple[str, str, str]]:
    """Identify documents by partner, type and date."""
    return {
        (str(partner), str(kind), str(signed))
        for partner, kind, signed in zip(
            documents[PARTNER_ID], documents[DOCUMENT_TYPE], documents[SIGNED], strict=True
        )
    }


# Every field that describes a partner: a change to any of them is shown before applying.
COMPARED_COLUMNS = PARTNER_COLUMNS


def renamed_partners(
    current: pd.DataFrame, uploaded: pd.DataFrame
) -> list[tuple[str, str, str, str]]:
    """List each field of a known partner the upload changes: (id, column, before, after)."""
    before = current.drop_duplicates(PARTNER_ID).set_index(PARTNER_ID)
    after = uploaded.drop_duplicates(PARTNER_ID).set_index(PARTNER_ID)
    return [
        (str(partner), column, str(before.at[partner, column]), str(after.at[partner, column]))
        for partner in after.index.intersection(before.index)
        for column in COMPARED_COLUMNS
        if str(before.at[partner, column]) != str(after.at[partner, column])
    ]


def as_saved_in_cp1251(text: str) -> str:
    """Return text as Windows-1251 keeps it: every letter it lacks (ą, ü, ė) becomes "?"."""
    return text.encode("cp1251", errors="replace").decode("cp1251")


def encoding_losses(renamed: list[tuple[str, str, str, str]]) -> list[Problem]:
    """Report names whose letters a Windows-1251 save turned into "?" (Mrągowo -> Mr?gowo)."""
    return [
        Problem(
            "encoding_loss", column=column, params={"partner": pid, "before": old, "after": new}
        )
        for pid, column, old, new in renamed
        if "?" not in old and old != as_saved_in_cp1251(old) == new
    ]


def explained_elsewhere(problems: list[Problem], losses: list[Problem]) -> list[Problem]:
    """Leave out a cell's lost letter where a partner's loss names the old letter itself."""
    explained = {(loss.column, loss.params["after"]) for loss in losses}
    return [
        problem
        for problem in problems
        if problem.code != LOST_LETTER_CODE
        or (problem.column, problem.params.get("value")) not in explained
    ]


def check_upload(data: bytes, file_name: str, current: pd.DataFrame, today: dt.date) -> UploadCheck:
    """Check an uploaded registry and compare it with the current one; raises FileRefusedError."""
    table = read_table_file(data, file_name)
    documents, problems = load_registry(table, today=today)
    uploaded, existing = _document_keys(documents), _document_keys(current)
    known_partners = set(current[PARTNER_ID].astype(str))
    renamed = renamed_partners(current, documents)
    losses = encoding_losses(renamed)
    return UploadCheck(
        documents=documents,
        problems=explained_elsewhere(problems, losses) + losses,
        file_rows=len(table.records),
        added=len(uploaded - existing),
        removed=len(existing - uploaded),
        new_partners=sorted(set(documents[PARTNER_ID].astype(str)) - known_partners),
        renamed=renamed,
    )


def registry_text(documents: pd.DataFrame) -> str:
    """Write documents as the registry's CSV: UTF-8, comma-separated, the agreed columns.

    An optional column (home_id, the links) is written only when some document fills it.
    """
    filled = [
        column
        for column in OPTIONAL_COLUMNS
        if column in documents and (documents[column].fillna("") != "").any()
    ]
    columns = (*COLUMNS, *filled)
    table = documents[list(columns)]
    rows = table.astype(object).where(table.notna(), "")
    return csv_text(columns, rows.itertuples(index=False))
