# Reading the first sheet of an Excel workbook (.xlsx) with a bound on the work, whatever
# the file declares: only cells that exist are read (a declared dimension of A1:XFD50000
# costs nothing), at most MAX_COLUMNS columns and `max_records` data rows, at most
# MAX_SHARED_STRINGS shared strings, and of each cell one character more than
# MAX_CELL_CHARS (the row check then reports it); reading stops at the first limit
# passed. The XML is streamed through expat in chunks, with no DTD and no entities, so a
# few hundred kilobytes can never unpack into minutes and gigabytes.
from __future__ import annotations

import datetime as dt
import io
import posixpath
import re
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from xml.parsers import expat

from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel

from utils.data.problems import Problem, ProblemError
from utils.data.reading import MAX_CELL_CHARS, MAX_COLUMNS, RawTable

# A workbook is a zip of XML parts: the zip's directory is checked before anything is
# unpacked, and zipfile never unpacks more of an entry than the directory declares.
MAX_UNPACKED_BYTES = 80 * 2**20
MAX_PARTS = 1000
# Distinct texts a registry of 50,000 rows holds, with room (its names, titles and sources
# repeat over a partner's rows; Excel keeps only the texts in use): four a row.
MAX_SHARED_STRINGS = 200_000
MAX_STYLES = 65_536  # cell formats (Excel's own limit is 64,000)
CHUNK_BYTES = 64 * 1024
# Where a workbook's parts are found (ECMA-376 Part 2, relationships).
PACKAGE_RELS = "_rels/.rels"
OFFICE_DOCUMENT = "officeDocument"
SHARED_STRINGS = "sharedStrings"
STYLES = "styles"
_CELL_REFERENCE = re.compile(r"([A-Z]{1,3})([0-9]{1,7})")
# A cell's text escapes characters XML cannot hold as _xHHHH_ (ECMA-376, ST_Xstring).
_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")
KEPT_CHARS = MAX_CELL_CHARS + 1  # enough to tell a cell is too long
# What a broken zip or deflate stream, bad XML or a forbidden construct raises here.
_READ_ERRORS = (zipfile.BadZipFile, zlib.error, expat.ExpatError, KeyError, EOFError, OSError)


class WorkbookRefusedError(ProblemError):
    """Raised when a workbook cannot be read within the limits, or at all."""


class _TooManyRecords(Exception):  # noqa: N818 - a signal to stop reading, not an error
    """Raised inside the sheet's parser once one data row more than allowed has been read."""


def refused(code: str, row: int | None = None, **params: object) -> WorkbookRefusedError:
    """Make the refusal the reader sees (at a sheet's row, where there is one)."""
    return WorkbookRefusedError(Problem(code, row=row, params=params))


def _local(name: str) -> str:
    """Return an XML name without its namespace ("{ns}row" -> "row")."""
    return name.rsplit(" ", 1)[-1]


def _secure_parser(
    start: Callable[[str, dict[str, str]], None],
    end: Callable[[str], None],
    text: Callable[[str], None] | None = None,
) -> expat.XMLParserType:
    """An expat parser that refuses DTDs and entities (what defusedxml refuses) and streams."""

    def forbidden(*_: object) -> None:
        raise refused("xlsx_unreadable", detail="DTD or entity")

    # A space separates a namespace from the local name: "{ns} row" becomes "ns row".
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartDoctypeDeclHandler = forbidden
    parser.EntityDeclHandler = forbidden
    parser.UnparsedEntityDeclHandler = forbidden
    parser.ExternalEntityRefHandler = forbidden
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    if text is not None:
        parser.CharacterDataHandler = text
    parser.buffer_text = True
    return parser


def _parse_part(archive: zipfile.ZipFile, name: str, parser: expat.XMLParserType) -> None:
    """Feed one part of the workbook to a parser in chunks; handlers may stop it by raising."""
    with archive.open(name) as part:
        while chunk := part.read(CHUNK_BYTES):
            parser.Parse(chunk, False)  # noqa: FBT003 - expat's isfinal is positional
    parser.Parse(b"", True)  # noqa: FBT003


@dataclass(frozen=True)
class _Relationship:
    """A link from one part of the package to another."""

    id: str
    kind: str  # the relationship type's last segment: "worksheet", "sharedStrings", ...
    target: str  # the target part's name inside the zip


def _relationships(archive: zipfile.ZipFile, rels_name: str, base: str) -> list[_Relationship]:
    """Read a part's relationships to other parts, in document order."""
    found: list[_Relationship] = []

    def start(name: str, attributes: dict[str, str]) -> None:
        if _local(name) == "Relationship" and attributes.get("TargetMode") != "External":
            target = attributes.get("Target", "")
            path = target.lstrip("/") if target.startswith("/") else posixpath.join(base, target)
            kind = attributes.get("Type", "").rsplit("/", 1)[-1]
            found.append(_Relationship(attributes.get("Id", ""), kind, posixpath.normpath(path)))

    if rels_name in archive.NameToInfo:
        _parse_part(archive, rels_name, _secure_parser(start, lambda _: None))
    return found


@dataclass(frozen=True)
class _WorkbookInfo:
    """The first sheet's part and what it needs: the shared strings, styles, date system."""

    sheet: str
    shared_strings: str | None
    styles: str | None
    epoch: dt.datetime = CALENDAR_WINDOWS_1900


def _workbook_info(archive: zipfile.ZipFile) -> _WorkbookInfo:
    """Find the first sheet of the workbook and the parts it needs."""
    documents = [
        r.target for r in _relationships(archive, PACKAGE_RELS, "") if r.kind == OFFICE_DOCUMENT
    ]
    if not documents:
        raise refused("xlsx_unreadable", detail="no workbook part")
    folder, name = posixpath.split(documents[0])
    links = _relationships(archive, posixpath.join(folder, "_rels", f"{name}.rels"), folder)
    by_id = {link.id: link.target for link in links}
    by_kind: dict[str, str] = {}
    for link in links:
        by_kind.setdefault(link.kind, link.target)
    sheets: list[str] = []
    epoch = [CALENDAR_WINDOWS_1900]

    def start(element: str, attributes: dict[str, str]) -> None:
        local = _local(element)
        if local == "sheet":  # its r:id, whatever prefix the namespace has
            sheets.append(next((v for k, v in attributes.items() if _local(k) == "id"), ""))
        elif local == "workbookPr" and attributes.get("date1904") in {"1", "true"}:
            epoch[0] = CALENDAR_MAC_1904

    _parse_part(archive, documents[0], _secure_parser(start, lambda _: None))
    if not sheets or sheets[0] not in by_id:
        raise refused("xlsx_unreadable", detail="no worksheet")
    return _WorkbookInfo(
        sheet=by_id[sheets[0]],
        shared_strings=by_kind.get(SHARED_STRINGS),
        styles=by_kind.get(STYLES),
        epoch=epoch[0],
    )


def _shared_strings(archive: zipfile.ZipFile, part: str | None) -> list[str]:
    """Read the shared strings: the text of each <si>, its phonetic runs left out."""
    strings: list[str] = []
    if part is None or part not in archive.NameToInfo:
        return strings
    state = {"depth_t": 0, "phonetic": 0}
    current: list[str] = []
    length = [0]

    def start(name: str, attributes: dict[str, str]) -> None:
        local = _local(name)
        if local == "sst":
            declared = attributes.get("uniqueCount") or attributes.get("count") or "0"
            if declared.isdigit() and int(declared) > MAX_SHARED_STRINGS:
                raise refused("xlsx_too_many_strings", count=declared, limit=MAX_SHARED_STRINGS)
        elif local == "si":
            current.clear()
            length[0] = 0
        elif local == "t" and not state["phonetic"]:
            state["depth_t"] += 1
        elif local == "rPh":
            state["phonetic"] += 1

    def end(name: str) -> None:
        local = _local(name)
        if local == "si":
            strings.append(unescaped("".join(current)))
            if len(strings) > MAX_SHARED_STRINGS:
                raise refused(
                    "xlsx_too_many_strings", count=f"> {MAX_SHARED_STRINGS}",
                    limit=MAX_SHARED_STRINGS,
                )  # fmt: skip
        elif local == "t" and state["depth_t"]:
            state["depth_t"] -= 1
        elif local == "rPh":
            state["phonetic"] -= 1

    def text(data: str) -> None:
        if state["depth_t"] and length[0] < KEPT_CHARS:
            current.append(data[: KEPT_CHARS - length[0]])
            length[0] += len(data)

    _parse_part(archive, part, _secure_parser(start, end, text))
    return strings


def _date_styles(archive: zipfile.ZipFile, part: str | None) -> set[int]:
    """Return the indices of the cell formats (cellXfs) that show a number as a date."""
    if part is None or part not in archive.NameToInfo:
        return set()
    custom: dict[int, str] = {}
    formats: list[int] = []
    inside = {"cellXfs": False}

    def start(name: str, attributes: dict[str, str]) -> None:
        local = _local(name)
        if local == "numFmt":
            number = attributes.get("numFmtId", "")
            if number.isdigit():
                custom[int(number)] = attributes.get("formatCode", "")
        elif local == "cellXfs":
            inside["cellXfs"] = True
        elif local == "xf" and inside["cellXfs"]:
            number = attributes.get("numFmtId", "0")
            formats.append(int(number) if number.isdigit() else 0)
            if len(formats) > MAX_STYLES:
                raise refused("xlsx_unreadable", detail="too many cell formats")

    def end(name: str) -> None:
        if _local(name) == "cellXfs":
            inside["cellXfs"] = False

    _parse_part(archive, part, _secure_parser(start, end))
    return {
        index
        for index, number in enumerate(formats)
        if is_date_format(custom.get(number) or BUILTIN_FORMATS.get(number) or "")
    }


def unescaped(text: str) -> str:
    """Read a cell's _xHHHH_ escapes as the characters they stand for (_x000D_: a CR)."""
    return _ESCAPED.sub(lambda match: chr(int(match.group(1), 16)), text) if "_x" in text else text


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


@contextmanager
def _opened(data: bytes) -> Iterator[zipfile.ZipFile]:
    """Open a workbook's zip, refusing one whose parts would unpack too large."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
            if len(parts) > MAX_PARTS:
                raise refused("xlsx_too_many_parts", parts=len(parts), limit=MAX_PARTS)
            unpacked = sum(part.file_size for part in parts)
            if unpacked > MAX_UNPACKED_BYTES:
                raise refused(
                    "xlsx_too_big_unpacked",
                    size=unpacked // 2**20,
                    limit=MAX_UNPACKED_BYTES // 2**20,
                )
            yield archive
    except _READ_ERRORS as error:
        raise refused("xlsx_unreadable", detail=type(error).__name__) from error


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
    with _opened(data) as archive:
        info = _workbook_info(archive)
        reader = _SheetReader(
            _shared_strings(archive, info.shared_strings),
            _date_styles(archive, info.styles),
            info.epoch,
            max_records=max_records,
        )
        over = False
        try:
            _parse_part(archive, info.sheet, _secure_parser(reader.start, reader.end, reader.text))
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
