# Reading the CSV files analysts hand us, whatever their encoding and separator, and the
# checks every data file's cells pass (control characters, lost letters, length).
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from utils.data.problems import Problem, ProblemError

# Characters no text field may hold: C0 controls but tab and line breaks (which a cell
# may hold), and DEL: a NUL or Word's soft line break U+000B breaks the Excel export and
# the page; a carriage return that is not half of a CRLF line break, which the CSV
# module writes unquoted and then reads as the end of the row; and bidi embeddings,
# overrides and isolates, which turn the app's own text around a name backwards.
FORBIDDEN_CHARACTERS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]|\r(?!\n)"
)
# Letters lost on the way: U+FFFD is what a decoder puts where it could not read a byte,
# and UTF-8 read as Windows-1252 or Latin-1 turns each non-ASCII letter into a pair that
# starts with Ã, Â, Ä, Å, Ð or Ñ (Mrągowo -> MrÄ…gowo, Зеленоград -> Ð—ÐµÐ»...).
REPLACEMENT_CHARACTER = "\ufffd"
# A letter a file's encoding lacked, saved as "?" (Mrągowo in Windows-1251: Mr?gowo): a
# question mark between two letters, outside web addresses (…/page?id=…).
LOST_LETTER = re.compile(r"(?<=[^\W\d_])\?(?=[^\W\d_])")
WEB_ADDRESS = re.compile(r"https?://\S+", re.IGNORECASE)
LOST_LETTER_CODE = "lost_letter"
MOJIBAKE = re.compile(
    "[ÃÂÄÅÐÑ][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192"
    "\u02c6\u02dc\u2013-\u203a\u20ac\u2122]"
)
ENCODINGS = ("utf-8-sig", "cp1251")  # UTF-8 with or without BOM; Russian Excel's export
SEPARATORS = (",", ";", "\t")
# What one row and one cell of any data file may hold: far more than a registry needs,
# far less than what makes reading a small hostile file cost minutes and gigabytes.
MAX_COLUMNS = 64
MAX_CELL_CHARS = 10_000
_CELL_LIMIT = {"limit": MAX_CELL_CHARS}
_FIRST_LINE = re.compile("[^\r\n]*")
_BLANK = re.compile(r"\s*")


class TableReadError(ProblemError):
    """Raised when a file cannot be read as a table at all."""


class TooManyRowsError(TableReadError):
    """Raised as soon as a table has one data row more than it may: the rest is not read."""


@dataclass(frozen=True)
class RawTable:
    """A CSV table as text cells, each record with the file row it started on."""

    header: list[str]
    records: list[tuple[int, list[str]]]


def decode_text(data: bytes) -> str:
    """Decode UTF-8 (with or without BOM) or Windows-1251 bytes."""
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise TableReadError(Problem("bad_encoding"))


def read_source(source: Path | bytes) -> bytes:
    """Return the bytes of a file, or the bytes themselves; a missing file is a problem.

    Only a regular file is read: a folder or a named pipe (which would block the reader
    for ever) in a data file's place is a problem too.
    """
    if isinstance(source, bytes):
        return source
    path = Path(source)
    if path.exists() and not path.is_file():
        raise TableReadError(Problem("not_a_regular_file", params={"file": path.name}))
    try:
        return path.read_bytes()
    except OSError as error:
        detail = error.strerror or type(error).__name__
        raise TableReadError(
            Problem("file_unreadable", params={"detail": f"{source}: {detail}"})
        ) from error


def read_text_file(path: Path) -> str:
    """Return a data file's text as the loaders read it: UTF-8 or Windows-1251, no BOM."""
    return decode_text(read_source(path)).lstrip("\ufeff")


def sniff_separator(header_line: str) -> str:
    """Pick the separator that occurs most often in the header line (comma on a tie)."""
    counts = {separator: header_line.count(separator) for separator in SEPARATORS}
    best = max(SEPARATORS, key=lambda separator: counts[separator])
    return best if counts[best] > 0 else ","


# A cell that starts with one of these is a formula to Excel and LibreOffice: a partner
# named =HYPERLINK(...) or +cmd|' /C calc'!A0 would run when an analyst opens the file.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# The mark a spreadsheet reads as "this cell is text": downloads put it before such cells.
TEXT_MARK = "'"


# A signed number (a longitude of -2.5) is a number to a spreadsheet, never a formula.
SIGNED_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?")


def is_formula_like(value: object) -> bool:
    """Tell whether a spreadsheet would read this text cell as a formula."""
    return (
        isinstance(value, str)
        and value.startswith(FORMULA_STARTS)
        and not SIGNED_NUMBER.fullmatch(value)
    )


def unmarked(cell: str) -> str:
    """Read a cell a download marked as text ('=...) as what it says (=...)."""
    return cell[1:] if cell.startswith(TEXT_MARK) and is_formula_like(cell[1:]) else cell


def read_table(source: Path | bytes | RawTable, max_records: int | None = None) -> RawTable:
    """Read a CSV file or bytes into header and records, whatever the encoding and separator.

    A table already read is returned as it is. Reading stops with TooManyRowsError at the
    first data record past `max_records`, and with TableReadError at a row of more than
    MAX_COLUMNS cells: a hostile file costs what a file at the limit costs.
    """
    if isinstance(source, RawTable):
        return source
    text = decode_text(read_source(source))
    if _BLANK.fullmatch(text):
        raise TableReadError(Problem("file_empty"))
    first_line = _FIRST_LINE.match(text.lstrip("\ufeff")).group()
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_separator(first_line))
    try:
        header = [cell.strip().lstrip("\ufeff") for cell in next(reader)]
        records: list[tuple[int, list[str]]] = []
        # Rows numbered as a spreadsheet shows them: one per record, the header row 1,
        # blank rows counted, a line break inside a quoted cell not.
        for row_number, cells in enumerate(reader, start=2):  # the header is row 1
            if len(cells) > MAX_COLUMNS:
                params = {"limit": MAX_COLUMNS}
                raise TableReadError(Problem("too_many_columns", row=row_number, params=params))
            if any(cell.strip() for cell in cells):
                if max_records is not None and len(records) == max_records:
                    raise TooManyRowsError(
                        Problem("upload_too_long", params={"limit": max_records})
                    )
                # A data file downloaded from the app and uploaded again reads as it was.
                records.append((row_number, [unmarked(cell.strip()).strip() for cell in cells]))
    except csv.Error as error:
        raise TableReadError(
            Problem("file_unreadable", row=reader.line_num, params={"detail": str(error)})
        ) from error
    return RawTable(header=header, records=records)


def check_columns(
    header: list[str], expected: tuple[str, ...], required: tuple[str, ...]
) -> list[Problem]:
    """Report required columns that are missing and unknown ones that will be ignored."""
    problems = []
    repeated = sorted({column for column in header if column and header.count(column) > 1})
    if repeated:
        # The second copy would silently replace the first: the file cannot be used.
        problems.append(Problem("repeated_columns", params={"columns": ", ".join(repeated)}))
    missing = [column for column in required if column not in header]
    if missing:
        problems.append(Problem("missing_columns", params={"columns": ", ".join(missing)}))
    unknown = [column for column in header if column and column not in expected]
    if unknown:
        problems.append(Problem("unknown_columns", params={"columns": ", ".join(unknown)}))
    return problems


def table_rows(table: RawTable, columns: tuple[str, ...]) -> tuple[list[dict], list[Problem]]:
    """Turn records into dicts of the known columns; records of the wrong width are problems."""
    rows, problems = [], []
    for row_number, cells in table.records:
        if len(cells) != len(table.header):
            problems.append(
                Problem(
                    "field_count",
                    row=row_number,
                    params={"found": len(cells), "expected": len(table.header)},
                )
            )
            continue
        record = dict(zip(table.header, cells, strict=True))
        row = {column: record.get(column, "") for column in columns}
        too_long = [
            Problem("cell_too_long", row=row_number, column=column, params=_CELL_LIMIT)
            for column in columns
            if len(row[column]) > MAX_CELL_CHARS
        ]
        if too_long:
            problems.extend(too_long)
            continue
        forbidden = [
            Problem(
                "forbidden_character",
                row=row_number,
                column=column,
                params={"code": f"U+{ord(found.group()):04X}"},
            )
            for column in columns
            if (found := FORBIDDEN_CHARACTERS.search(row[column]))
        ]
        if forbidden:
            problems.extend(forbidden)
            continue
        garbled = [
            Problem(code, row=row_number, column=column, params={"value": row[column]})
            for column in columns
            if (code := garbled_code(row[column]))
        ]
        problems.extend(garbled)
        # Text in pieces (U+FFFD, mojibake) leaves the row out; a lost letter ("?") is said
        # but keeps the row: the rest of it stands, and an upload names the old letter.
        if any(problem.code != LOST_LETTER_CODE for problem in garbled):
            continue
        row["_row"] = row_number
        rows.append(row)
    return rows, problems


def garbled_code(text: str) -> str | None:
    """Name how a text lost letters on the way, if it did: U+FFFD, mojibake, or a "?"."""
    if REPLACEMENT_CHARACTER in text:
        return "replacement_character"
    if MOJIBAKE.search(text):
        return "mojibake"
    if "?" in text and LOST_LETTER.search(WEB_ADDRESS.sub(" ", text)):
        return LOST_LETTER_CODE
    return None


def read_rows(
    source: Path | bytes | RawTable, columns: tuple[str, ...], required: tuple[str, ...]
) -> tuple[list[dict] | None, list[Problem]]:
    """Read a table's rows of the known columns, with the problems of the file and its shape.

    The rows are None when the file cannot be used at all: unreadable, required columns
    missing, or no data rows.
    """
    try:
        table = read_table(source)
    except TableReadError as error:
        return None, [error.problem]
    problems = check_columns(table.header, columns, required)
    if any(problem.code in {"missing_columns", "repeated_columns"} for problem in problems):
        return None, problems
    if not table.records:
        return None, [*problems, Problem("no_rows")]
    rows, shape_problems = table_rows(table, columns)
    return rows, problems + shape_problems


def count_file_rows(source: Path | bytes | RawTable) -> int:
    """Count the data records of a file that reads as a table, 0 for one that does not."""
    try:
        return len(read_table(source).records)
    except TableReadError:
        return 0
