# Small files that cost a careless reader minutes and gigabytes: workbooks whose XML
# declares or holds far more than a registry, and a CSV of millions of short rows. Built
# in memory by the tests (tests/unit/test_hostile_uploads.py) and by bench/hostile.py.
from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable
from xml.sax.saxutils import escape

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
SHEET_TYPE = f"{REL_NS}/worksheet"
STRINGS_TYPE = f"{REL_NS}/sharedStrings"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    "</Types>"
)
PACKAGE_RELS = (
    f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PACKAGE_REL_NS}">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK = (
    f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN_NS}" xmlns:r="{REL_NS}">'
    '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PACKAGE_REL_NS}">'
    f'<Relationship Id="rId1" Type="{SHEET_TYPE}" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{STRINGS_TYPE}" Target="sharedStrings.xml"/>'
    "</Relationships>"
)


def column_letters(index: int) -> str:
    """Name a column as a spreadsheet does: 0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def workbook(sheet_xml: str | bytes, shared_strings_xml: str | bytes = "") -> bytes:
    """Pack a sheet's XML (and shared strings) into the smallest workbook Excel opens."""
    strings = shared_strings_xml or f'<sst xmlns="{MAIN_NS}" count="0" uniqueCount="0"/>'
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", PACKAGE_RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        archive.writestr("xl/worksheets/sheet1.xml", sheet_xml)
        archive.writestr("xl/sharedStrings.xml", strings)
    return buffer.getvalue()


def inline_row(number: int, values: Iterable[str]) -> str:
    """A row of inline-string cells."""
    cells = "".join(
        f'<c r="{column_letters(index)}{number}" t="inlineStr"><is><t>{escape(value)}</t></is></c>'
        for index, value in enumerate(values)
    )
    return f'<row r="{number}">{cells}</row>'


def sheet(rows: Iterable[str], dimension: str | None = None) -> str:
    """A worksheet of rows, declaring `dimension` (Excel's A1:XFD50000) if given."""
    declared = f'<dimension ref="{dimension}"/>' if dimension else ""
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN_NS}">{declared}'
        f"<sheetData>{''.join(rows)}</sheetData></worksheet>"
    )


HEADER = ("partner_id", "partner_ru", "country_code")


def declared_dimension_bomb(rows: int = 3, dimension: str = "A1:XFD50000") -> bytes:
    """A few real cells under a dimension of 16,384 columns by 50,000 rows (0.2 MB at most).

    One cell stands in the dimension's last row: a reader that fills the rows between with
    the declared width builds 16,384 cells for each of 50,000 rows.
    """
    last_row = int(dimension.rsplit(":", 1)[-1].lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    body = [inline_row(1, HEADER)] + [
        inline_row(number, (f"p{number}", f"Партнёр {number}", "PL"))
        for number in range(2, rows + 2)
    ]
    body.append(inline_row(last_row, ("corner",)))
    return workbook(sheet(body, dimension))


def wide_row(cells: int = 1_500_000) -> bytes:
    """One row of `cells` numeric cells: a few hundred kilobytes packed."""
    row = "".join(f"<c><v>{index % 10}</v></c>" for index in range(cells))
    return workbook(sheet([inline_row(1, HEADER), f'<row r="2">{row}</row>']))


def huge_shared_string(megabytes: int = 79) -> bytes:
    """One shared string of `megabytes` MB, used by one cell."""
    text = "a" * (megabytes * 2**20)
    strings = f'<sst xmlns="{MAIN_NS}" count="1" uniqueCount="1"><si><t>{text}</t></si></sst>'
    cell = '<row r="2"><c r="A2" t="s"><v>0</v></c></row>'
    return workbook(sheet([inline_row(1, HEADER), cell]), strings)


def many_shared_strings(count: int = 4_600_000, *, declare: bool = True) -> bytes:
    """`count` tiny shared strings (one character each), used by one cell.

    Excel declares how many there are; a hostile file need not (`declare` False).
    """
    items = "<si><t>a</t></si>" * count
    declared = f' count="{count}" uniqueCount="{count}"' if declare else ""
    strings = f'<sst xmlns="{MAIN_NS}"{declared}>{items}</sst>'
    cell = '<row r="2"><c r="A2" t="s"><v>0</v></c></row>'
    return workbook(sheet([inline_row(1, HEADER), cell]), strings)


def long_csv(rows: int = 2_600_000) -> bytes:
    """A CSV of `rows` short rows: about 10 MB, under the upload's size limit."""
    return b"a,b\n" + b"1,2\n" * rows
