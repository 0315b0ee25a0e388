# Replacing the registry from an uploaded file: read it (CSV or XLSX), check it with the
# registry's loader, and apply it with a backup, so that nothing is ever lost.
from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree.ElementTree import ParseError

import pandas as pd
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from utils.data_files import Problem, ProblemError, count_file_rows
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

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_UPLOAD_ROWS = 50_000
XLSX_SUFFIX = ".xlsx"
# A workbook is a zip of XML parts: what parsing costs is their unpacked size, not the
# upload's (a 307 KB file can unpack one 300 MB shared string, which openpyxl loads
# whole). The zip's directory is checked before anything is unpacked, and zipfile never
# unpacks more of an entry than the directory declares.
MAX_XLSX_UNPACKED_BYTES = 80 * 2**20
MAX_XLSX_PARTS = 1000
# What reading a damaged or hostile workbook raises: a broken zip or deflate stream,
# malformed XML, entities refused by defusedxml (a ValueError), a missing part.
_XLSX_READ_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    ParseError,
    InvalidFileException,
    KeyError,
    ValueError,
    TypeError,
    IndexError,
    EOFError,
    OSError,
)


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


def _cell_text(value: object) -> str:
    """Write a spreadsheet cell as the registry's text: dates as ISO, whole numbers bare."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def check_workbook_size(data: bytes) -> None:
    """Refuse a workbook whose parts would unpack too large, before unpacking any."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except _XLSX_READ_ERRORS as error:
        raise _unreadable(error) from error
    if len(parts) > MAX_XLSX_PARTS:
        params = {"parts": len(parts), "limit": MAX_XLSX_PARTS}
        raise UploadRefusedError(Problem("xlsx_too_many_parts", params=params))
    unpacked = sum(part.file_size for part in parts)
    if unpacked > MAX_XLSX_UNPACKED_BYTES:
        params = {"size": unpacked // 2**20, "limit": MAX_XLSX_UNPACKED_BYTES // 2**20}
        raise UploadRefusedError(Problem("xlsx_too_big_unpacked", params=params))


def _unreadable(error: Exception) -> UploadRefusedError:
    """Say that a workbook cannot be read, naming the fault but no server path."""
    return UploadRefusedError(Problem("xlsx_unreadable", params={"detail": type(error).__name__}))


def xlsx_to_csv(data: bytes) -> bytes:
    """Convert the first sheet of an Excel workbook into UTF-8 CSV bytes."""
    check_workbook_size(data)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            # Damage may show only while the rows are read, not when the workbook opens.
            for count, row in enumerate(workbook.worksheets[0].iter_rows(values_only=True)):
                if count > MAX_UPLOAD_ROWS + 1:  # the header and one row over: refused anyway
                    break
                writer.writerow([_cell_text(value) for value in row])
        finally:
            workbook.close()
    except _XLSX_READ_ERRORS as error:
        raise _unreadable(error) from error
    return buffer.getvalue().encode("utf-8")


def read_upload(data: bytes, file_name: str) -> bytes:
    """Return an upload as CSV bytes, refusing one over the size or row limit."""
    if len(data) > MAX_UPLOAD_BYTES:
        params = {"size": f"{len(data) / 1024 / 1024:.1f}", "limit": MAX_UPLOAD_BYTES // 2**20}
        raise UploadRefusedError(Problem("upload_too_big", params=params))
    csv_bytes = xlsx_to_csv(data) if file_name.lower().endswith(XLSX_SUFFIX) else data
    rows = count_file_rows(csv_bytes)
    if rows > MAX_UPLOAD_ROWS:
        raise UploadRefusedError(
            Problem("upload_too_long", params={"rows": rows, "limit": MAX_UPLOAD_ROWS})
        )
    return csv_bytes


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


def check_upload(data: bytes, file_name: str, current: pd.DataFrame, today: dt.date) -> UploadCheck:
    """Check an uploaded registry and compare it with the current one; raises UploadRefusedError."""
    csv_bytes = read_upload(data, file_name)
    documents, problems = load_registry(csv_bytes, today=today)
    uploaded, existing = _document_keys(documents), _document_keys(current)
    known_partners = set(current[PARTNER_ID].astype(str))
    renamed = renamed_partners(current, documents)
    return UploadCheck(
        documents=documents,
        problems=problems + encoding_losses(renamed),
        file_rows=count_file_rows(csv_bytes),
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
