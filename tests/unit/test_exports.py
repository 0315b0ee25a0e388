# Downloads of the table view: CSV for Russian Excel, and XLSX.
from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile

import openpyxl
import pandas as pd
import pytest

from utils.data.reading import is_formula_like
from utils.data.registry import load_registry
from utils.editing.uploads import registry_text
from utils.exports import about_rows, csv_bytes, export_name, inert_csv, xlsx_bytes
from utils.filters import FILTERS, Filters
from utils.i18n import t
from utils.views.tables import documents_table

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


def test_a_downloaded_data_file_marks_formulas_and_reads_back_as_it_was(documents):
    # The Data page's partners.csv: formula-like names marked as text for a spreadsheet,
    # and the same file uploaded again gives the registry it came from.
    hostile = documents.copy()
    # Each as a registry holds it: the loader strips a cell's surrounding blanks and tabs.
    held = [text.strip() for text in HOSTILE]
    names = dict(zip(hostile["partner_id"].unique(), held, strict=False))
    hostile["partner_en"] = hostile["partner_id"].map(names).fillna(hostile["partner_en"])
    text = registry_text(hostile)
    downloaded = inert_csv(text)
    cells = [cell for row in csv.reader(io.StringIO(downloaded.decode())) for cell in row]
    assert not [cell for cell in cells if is_formula_like(cell)]
    assert f"'{HOSTILE[0]}" in cells
    reread, problems = load_registry(downloaded)
    assert problems == []
    assert reread["partner_en"].tolist() == hostile["partner_en"].tolist()
    assert registry_text(reread) == text


@pytest.mark.parametrize(
    ("value", "formula"),
    [
        ("=1+1", True),
        ("-2+3", True),
        ("- a note", True),  # a leading minus before text is still read as a formula
        ("-2.5", False),  # a negative longitude is a number
        ("+7", False),
        ("г. Волин", False),
    ],
)
def test_what_counts_as_formula_like(value, formula):
    assert is_formula_like(value) is formula


@pytest.mark.parametrize(
    ("lang", "separator", "decimal"),
    [("ru", ";", ","), ("pl", ";", ","), ("de", ";", ","), ("lt", ";", ","), ("en", ",", ".")],
)
def test_csv_follows_the_readers_excel(lang, separator, decimal):
    # Russian Excel splits on ";" and reads "1,5" as a number: a comma-separated file with
    # "1.5" opened as one column of text. The convention comes from CLDR's decimal mark.
    table = pd.DataFrame({"Партнёр": ["г. Волин"], "km": [1.5], "whole": pd.array([712], "Int64")})
    text = csv_bytes(table, lang).decode("utf-8-sig")
    assert text.splitlines()[1] == separator.join(["г. Волин", f"1{decimal}5", "712"])


def test_the_download_carries_an_iso_date_beside_the_date_in_words(documents, coords):
    table = documents_table(documents, coords, "ru", iso_dates=True)
    columns = list(table.columns)
    assert columns[columns.index("Дата подписания") + 1] == "Дата (ISO)"
    dates = dict(zip(table["Партнёр"], table["Дата (ISO)"], strict=False))
    # At the date's precision, so that a spreadsheet sorts them: 2009 < 2009-03 < 2009-07-31.
    assert (dates["г. Лепель"], dates["г. Биштынек"], dates["г. Волин"]) == (
        "2009", "2009-03", "2009-07-31",
    )  # fmt: skip
    assert table["Расстояние, км"].tolist()[0] == 712  # a whole number, never "712.0"
    assert "Дата (ISO)" not in documents_table(documents, coords, "ru").columns


def test_the_workbook_says_what_view_it_is_on_a_second_sheet():
    filters = Filters(2005, 2016, countries=("PL",), search='=HYPERLINK("http://x","y")')
    rows = about_rows(
        filters, Filters(1991, 2016), "en", rows=2, data_version="2026-01-01T00:00:00+00:00 · "
        "sha256 abc", made_at=dt.datetime(2026, 11, 27, 9, 30, tzinfo=dt.UTC),
    )  # fmt: skip
    workbook = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(TABLE, "Documents", ("About", rows))))
    assert workbook.sheetnames == ["Documents", "About"]
    about = {row[0].value: row[1] for row in workbook["About"].iter_rows()}
    assert about["Exported"].value == "2026-11-27T09:30:00+00:00"
    assert about["Countries"].value == "Poland"
    assert about["Years signed"].value == "2005–2016"
    assert about["This view's link parameters"].value.startswith("?from=2005&country=PL&q=")
    # A search typed as a formula is written as text there too: nothing runs.
    assert about["Find a partner"].data_type == "s"
    assert about["Find a partner"].quotePrefix


def test_the_about_sheet_names_every_filter_set_the_homes_by_their_names():
    # The home filter was once left out: every filter of FILTERS that is set is named.
    filters = Filters(1991, 2016, document_types=("protocol_of_intent",), homes=("baltiysk",),
                      statuses=("active",))  # fmt: skip
    rows = dict(
        about_rows(
            filters, Filters(1991, 2016), "en", rows=1, data_version="v1",
            made_at=dt.datetime(2026, 11, 27, tzinfo=dt.UTC), names={"baltiysk": "Baltiysk"},
        )
    )  # fmt: skip
    assert {t(spec.label, "en") for spec in FILTERS} <= set(rows)
    assert rows["Home municipalities"] == "Baltiysk"
    assert rows["Document types"] == "Protocol of intent"
    assert rows["Status of the tie"] == "active"
    assert rows["Countries"] == "All"
    link = "?home=baltiysk&type=protocol_of_intent&status=active"
    assert rows["This view's link parameters"] == link


def test_a_csv_is_named_after_its_view():
    day = dt.date(2026, 11, 27)
    assert export_name("partner_documents", {}, day) == "partner_documents_2026-11-27"
    params = {"country": ["PL", "LT"], "from": ["2005"], "q": ["Mrągowo / ../x"]}
    assert export_name("partner_documents", params, day) == (
        "partner_documents_country-PL+LT_from-2005_q-Mrągowo-..-x_2026-11-27"
    )
