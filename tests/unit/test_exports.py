# Downloads of the table view: CSV for Russian Excel, and XLSX.
from __future__ import annotations

import csv
import io
import zipfile

import openpyxl
import pandas as pd

from utils.exports import csv_bytes, xlsx_bytes

TABLE = pd.DataFrame(
    {"Партнёр": ["г. Волин", "Гмина г. Бранёво"], "Дата подписания": ["31 июля 2009", "2009 г."]}
)


def test_csv_starts_with_a_bom_and_keeps_cyrillic():
    data = csv_bytes(TABLE)
    assert data.startswith(b"\xef\xbb\xbf")  # without it Excel reads the text as cp1251
    text = data.decode("utf-8-sig")
    assert text.splitlines() == [
        "Партнёр,Дата подписания",
        "г. Волин,31 июля 2009",
        "Гмина г. Бранёво,2009 г.",
    ]
    assert pd.read_csv(io.BytesIO(data), encoding="utf-8-sig").equals(TABLE)


def test_xlsx_holds_the_same_cells():
    workbook = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(TABLE, "Документы")))
    sheet = workbook["Документы"]
    assert [[cell.value for cell in row] for row in sheet.iter_rows()] == [
        ["Партнёр", "Дата подписания"],
        ["г. Волин", "31 июля 2009"],
        ["Гмина г. Бранёво", "2009 г."],
    ]
    assert sheet.freeze_panes == "A2"


def test_xlsx_sheet_name_is_cut_to_excels_limit():
    workbook = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(TABLE, "x" * 40)))
    assert workbook.sheetnames == ["x" * 31]


HOSTILE = [
    '=HYPERLINK("http://evil.example","click")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",  # a leading tab or carriage return also starts a formula in some spreadsheets
]


def test_csv_cells_a_spreadsheet_would_run_are_made_text():
    table = pd.DataFrame({"Партнёр": [*HOSTILE, "г. Волин"], "km": [1.0] * 6})
    rows = list(csv.reader(io.StringIO(csv_bytes(table).decode("utf-8-sig"))))
    assert [row[0] for row in rows[1:]] == [f"'{text}" for text in HOSTILE] + ["г. Волин"]
    assert [row[1] for row in rows[1:]] == ["1.0"] * 6  # numbers are not text


def test_xlsx_keeps_formula_like_names_as_text():
    table = pd.DataFrame({"Партнёр": [*HOSTILE, "г. Волин"]})
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(table, "Документы")))["Документы"]
    cells = [row[0] for row in sheet.iter_rows(min_row=2)]
    # Written as text: the reader sees the name, and no formula is stored to run.
    assert [cell.value for cell in cells] == [*HOSTILE, "г. Волин"]
    assert {cell.data_type for cell in cells} == {"s"}
    assert all(cell.quotePrefix for cell in cells[:5])
    archive = zipfile.ZipFile(io.BytesIO(xlsx_bytes(table, "Документы")))
    assert b"<f>" not in archive.read("xl/worksheets/sheet1.xml")
