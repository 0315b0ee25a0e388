# Replacing the registry from an uploaded file: read it (CSV or XLSX), check it with the
# registry's loader, and apply it with a backup, so that nothing is ever lost.
from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from utils.data_files import (
    LOST_LETTER_CODE,
    Problem,
    ProblemError,
    RawTable,
    TableReadError,
    TooManyRowsError,
    read_table,
)
from utils.data_folder import HISTORY_DIR
from utils.files import csv_text, write_text_atomic, writing
from utils.registry import (
    COLUMNS,
    DOCUMENT_TYPE,
    OPTIONAL_COLUMNS,
    PARTNER_COLUMNS,
    PARTNER_ID,
    SIGNED,
    load_registry,
)
from utils.workbook import WorkbookRefusedError, read_workbook

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_UPLOAD_ROWS = 50_000
XLSX_SUFFIX = ".xlsx"


class UploadRefusedError(ProblemError):
    """Raised when an uploaded file cannot be considered at all: too big, too long, unreadable."""


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


def read_table_file(data: bytes, file_name: str, max_records: int = MAX_UPLOAD_ROWS) -> RawTable:
    """Read a CSV or XLSX file as a table, within the limits; raises UploadRefusedError.

    The Data page's uploads and the command line's `check` read through here: a workbook's
    first sheet, or a CSV in UTF-8 or Windows-1251; more than `max_records` data rows are
    refused as soon as the one over is read.
    """
    try:
        if file_name.lower().endswith(XLSX_SUFFIX):
            sheet = read_workbook(data, max_records=max_records)
            if sheet.over_limit:
                raise UploadRefusedError(Problem("upload_too_long", params={"limit": max_records}))
            return sheet.table
        return read_table(data, max_records=max_records)
    except (WorkbookRefusedError, TooManyRowsError, TableReadError) as error:
        raise UploadRefusedError(error.problem) from error


def read_upload(data: bytes, file_name: str) -> RawTable:
    """Read an upload as a table, refusing one over the size or row limit or unreadable."""
    if len(data) > MAX_UPLOAD_BYTES:
        params = {"size": f"{len(data) / 1024 / 1024:.1f}", "limit": MAX_UPLOAD_BYTES // 2**20}
        raise UploadRefusedError(Problem("upload_too_big", params=params))
    return read_table_file(data, file_name)


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
    """Check an uploaded registry and compare it with the current one; raises UploadRefusedError."""
    table = read_upload(data, file_name)
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


def replace_keeping_backup(
    data_dir: Path, file_name: str, text: str, now: dt.datetime
) -> Path | None:
    """Replace a data file with `text`, first keeping the old one in history/, timestamped.

    Returns the backup's path (None if there was no file to keep). Nothing is replaced
    unless the backup was written; the new file goes in whole or not at all.
    """
    target = data_dir / file_name
    backup = None
    with writing(target):
        if target.exists():
            history = data_dir / HISTORY_DIR
            history.mkdir(parents=True, exist_ok=True)
            backup = history / f"{target.stem}-{now:%Y%m%d-%H%M%S-%f}.csv"
            shutil.copy2(target, backup)
        write_text_atomic(target, text)
    return backup
