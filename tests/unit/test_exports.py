# Downloads of the table view: CSV for Russian Excel, and XLSX.
from __future__ import annotations

import io

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
