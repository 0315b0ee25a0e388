# Reading the first sheet of an Excel workbook (.xlsx) with a bound on the work, whatever
# the file declares: only cells that exist are read (a declared dimension of A1:XFD50000
# costs nothing), at most MAX_COLUMNS columns and `max_records` data rows, at most
# MAX_SHARED_STRINGS shared strings, and of each cell one character more than
# MAX_CELL_CHARS (the row check then reports it); reading stops at the first limit
# passed. The XML is streamed through expat in chunks, with no DTD and no entities, so a
# few hundred kilobytes can never unpack into minutes and gigabytes.
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from utils.data.reading import MAX_COLUMNS, RawTable
from utils.data.workbook_package import (
    KEPT_CHARS,
    date_styles,
    opened,
    parse_part,
    refused,
    secure_parser,
    shared_strings,
    unescaped,
    workbook_info,
)

_CELL_REFERENCE = re.compile(r"([A-Z]{1,3})([0-9]{1,7})")


class _TooManyRecords(Exception):  # noqa: N818 - a signal to stop reading, not an error
    """Raised inside the sheet's parser once one data row more than allowed has been read."""


def _column_index(letters: str) -> int:
    """Turn a column's letters into its index: A -> 0, Z -> 25, AA -> 26."""
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - 64
    return index - 1


def number_text(value: str, date_style: bool, epoch: dt.datetime) -> str:  # noqa: FBT001
    """Write a number cell as the registry's text: dates as ISO, whole numbers bare."""
    try:
        number = float(value)
    except ValueError:
        return value.strip()
    if date_style:
        from openpyxl.utils.datetime import from_excel  # noqa: PLC0415 - slow, workbooks only

        try:
            moment = from_excel(number, epoch)
        except (ValueError, OverflowError):
            return value.strip()
        if isinstance(moment, dt.datetime):
            return moment.date().isoformat()
        if isinstance(moment, dt.date):
            return moment.isoformat()
    if number.is_integer() and abs(number) < 1e15:
        return str(int(number))
    return repr(number)


# The sheet's elements the reader acts on, by their names as expat gives them (namespace,
# a space, the local name), in both of SpreadsheetML's namespaces; a dict lookup per element
# instead of string work: a 26,000-row sheet has a million elements.
SHEET_NAMESPACES = (
    "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "http://purl.oclc.org/ooxml/spreadsheetml/main",  # ISO 29500 Strict
)
ROW, CELL, VALUE, TEXT = "row", "c", "v", "t"
_SHEET_NAMES = {
    f"{namespace} {local}": local
    for namespace in SHEET_NAMESPACES
    for local in (ROW, CELL, VALUE, TEXT)
}
_DIGITS = "0123456789"


class _SheetReader:
    """Streams a sheet's rows into records, stopping at the first limit passed."""

    def __init__(
        self,
        strings: list[str],
        date_styles: set[int],
        epoch: dt.datetime,
        *,
        max_records: int,
    ) -> None:
        self.strings, self.date_styles, self.epoch = strings, date_styles, epoch
        self.max_records = max_records
        self.rows: list[tuple[int, list[str]]] = []
        self.row_number = 0
        self.cells: dict[int, str] = {}
        self.cells_in_row = 0
        self.columns: dict[str, int] = {}  # a cell reference's letters -> the column's index
        # The cell being read: its column, type and style, and its text so far.
        self.in_cell = self.in_value = self.in_inline_text = False
        self.column, self.kind, self.style = 0, "n", 0
        self.parts: list[str] = []
        self.text_length = 0

    def start(self, name: str, attributes: dict[str, str]) -> None:
        local = _SHEET_NAMES.get(name)
        if local is CELL:
            self.cells_in_row += 1
            if self.cells_in_row > MAX_COLUMNS:
                raise refused("too_many_columns", row=self.row_number, limit=MAX_COLUMNS)
            self.in_cell = True
            self.column = self._column(attributes.get("r"))
            self.kind = attributes.get("t", "n")
            style = attributes.get("s")
            self.style = int(style) if style and style.isdigit() else 0
            self.parts = []
            self.text_length = 0
        elif local is VALUE:
            self.in_value = self.in_cell
        elif local is TEXT:
            self.in_inline_text = self.in_cell and self.kind == "inlineStr"
        elif local is ROW:
            number = attributes.get("r", "")
            self.row_number = int(number) if number.isdigit() else self.row_number + 1
            self.cells, self.cells_in_row = {}, 0

    def _column(self, reference: str | None) -> int:
        """Return the column a cell reference names (B7 -> 1), or the next one without it."""
        if not reference:
            return len(self.cells)
        letters = reference.rstrip(_DIGITS)
        column = self.columns.get(letters)
        if column is None:
            match = _CELL_REFERENCE.fullmatch(reference)
            column = _column_index(match.group(1)) if match else len(self.cells)
            if match:
                self.columns[letters] = column
        return column

    def text(self, data: str) -> None:
        if not (self.in_value or self.in_inline_text):
            return
        if self.text_length < KEPT_CHARS:
            self.parts.append(data[: KEPT_CHARS - self.text_length])
        self.text_length += len(data)

    def end(self, name: str) -> None:
        local = _SHEET_NAMES.get(name)
        if local is VALUE:
            self.in_value = False
        elif local is TEXT:
            self.in_inline_text = False
        elif local is CELL:
            self.in_cell = False
            value = self._value("".join(self.parts))
            if value:
                if self.column >= MAX_COLUMNS:
                    raise refused("too_many_columns", row=self.row_number, limit=MAX_COLUMNS)
                self.cells[self.column] = value
        elif local is ROW and self.cells:
            width = max(self.cells) + 1
            self.rows.append(
                (self.row_number, [self.cells.get(index, "") for index in range(width)])
            )
            if len(self.rows) > self.max_records + 1:  # the header, and one row over
                raise _TooManyRecords

    def _value(self, raw: str) -> str:
        """Return the cell's text as the registry stores it (a value's or an inline text)."""
        kind = self.kind
        if kind == "s":
            if not raw.strip().isdigit() or int(raw) >= len(self.strings):
                raise refused("xlsx_unreadable", detail=f"shared string {raw[:12]!r}")
            return self.strings[int(raw)].strip()
        if kind in {"inlineStr", "str", "e"}:
            return unescaped(raw).strip()
        if kind == "b":
            return "TRUE" if raw.strip() == "1" else "FALSE"
        if kind == "d":
            return raw.strip()[:10]
        return number_text(raw, self.style in self.date_styles, self.epoch) if raw else ""


@dataclass(frozen=True)
class SheetTable:
    """The first sheet as a table, and whether reading stopped at the row limit."""

    table: RawTable
    over_limit: bool  # more than max_records data rows: the rest was not read


def read_workbook(data: bytes, *, max_records: int) -> SheetTable:
    """Read the first sheet of a workbook as text cells, each record with its sheet row.

    Raises WorkbookRefusedError for a workbook that is damaged, too large unpacked, or has
    too many parts, shared strings or columns. A sheet with more than `max_records` data
    rows is read to one over.
    """
    with opened(data) as archive:
        info = workbook_info(archive)
        reader = _SheetReader(
            shared_strings(archive, info.shared_strings),
            date_styles(archive, info.styles),
            info.epoch,
            max_records=max_records,
        )
        over = False
        try:
            parse_part(archive, info.sheet, secure_parser(reader.start, reader.end, reader.text))
        except _TooManyRecords:
            over = True
    if not reader.rows:
        return SheetTable(RawTable(header=[], records=[]), over_limit=False)
    (_, header), *rows = reader.rows
    # A sheet leaves out empty cells at a row's end: each row is as wide as the header,
    # and a row wider than the header (a cell in an unnamed column) is said as in a CSV.
    width = len(header)
    records = [(number, cells + [""] * (width - len(cells))) for number, cells in rows]
    return SheetTable(RawTable(header=header, records=records), over_limit=over)
