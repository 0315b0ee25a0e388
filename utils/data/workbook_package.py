# The package around a workbook's first sheet, read within bounds: the zip's directory
# checked before anything is unpacked, each XML part streamed through expat (no DTD, no
# entities) in chunks, the relationships that lead to the first sheet, its shared strings
# (at most MAX_SHARED_STRINGS, each cut one character past MAX_CELL_CHARS) and which cell
# formats are dates.
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

from utils.data.problems import Problem, ProblemError
from utils.data.reading import MAX_CELL_CHARS

# Excel's two date systems, as openpyxl names them (openpyxl.utils.datetime): its package is
# imported only when a workbook is read, not by every page that imports this module.
CALENDAR_WINDOWS_1900 = dt.datetime(1899, 12, 30)
CALENDAR_MAC_1904 = dt.datetime(1904, 1, 1)
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


# A cell's text escapes characters XML cannot hold as _xHHHH_ (ECMA-376, ST_Xstring).
_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")


KEPT_CHARS = MAX_CELL_CHARS + 1  # enough to tell a cell is too long


# What a broken zip or deflate stream, bad XML or a forbidden construct raises here.
_READ_ERRORS = (zipfile.BadZipFile, zlib.error, expat.ExpatError, KeyError, EOFError, OSError)


class WorkbookRefusedError(ProblemError):
    """Raised when a workbook cannot be read within the limits, or at all."""


def refused(code: str, row: int | None = None, **params: object) -> WorkbookRefusedError:
    """Make the refusal the reader sees (at a sheet's row, where there is one)."""
    return WorkbookRefusedError(Problem(code, row=row, params=params))


def _local(name: str) -> str:
    """Return an XML name without its namespace ("{ns}row" -> "row")."""
    return name.rsplit(" ", 1)[-1]


def secure_parser(
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


def parse_part(archive: zipfile.ZipFile, name: str, parser: expat.XMLParserType) -> None:
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
        parse_part(archive, rels_name, secure_parser(start, lambda _: None))
    return found


@dataclass(frozen=True)
class WorkbookInfo:
    """The first sheet's part and what it needs: the shared strings, styles, date system."""

    sheet: str
    shared_strings: str | None
    styles: str | None
    epoch: dt.datetime = CALENDAR_WINDOWS_1900


def workbook_info(archive: zipfile.ZipFile) -> WorkbookInfo:
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

    parse_part(archive, documents[0], secure_parser(start, lambda _: None))
    if not sheets or sheets[0] not in by_id:
        raise refused("xlsx_unreadable", detail="no worksheet")
    return WorkbookInfo(
        sheet=by_id[sheets[0]],
        shared_strings=by_kind.get(SHARED_STRINGS),
        styles=by_kind.get(STYLES),
        epoch=epoch[0],
    )


def shared_strings(archive: zipfile.ZipFile, part: str | None) -> list[str]:
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

    parse_part(archive, part, secure_parser(start, end, text))
    return strings


def date_styles(archive: zipfile.ZipFile, part: str | None) -> set[int]:
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

    parse_part(archive, part, secure_parser(start, end))
    from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format  # noqa: PLC0415 - slow

    return {
        index
        for index, number in enumerate(formats)
        if is_date_format(custom.get(number) or BUILTIN_FORMATS.get(number) or "")
    }


def unescaped(text: str) -> str:
    """Read a cell's _xHHHH_ escapes as the characters they stand for (_x000D_: a CR)."""
    return _ESCAPED.sub(lambda match: chr(int(match.group(1), 16)), text) if "_x" in text else text


@contextmanager
def opened(data: bytes) -> Iterator[zipfile.ZipFile]:
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
