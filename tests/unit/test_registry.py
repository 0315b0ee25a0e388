# Loading and validating the registry: what analysts really hand us, and each kind of problem.
from __future__ import annotations

import csv
import datetime as dt

import pandas as pd
import pytest
from openpyxl import Workbook

from tests.helpers.data import DATA, HEADER, ROOT, VALID_ROW
from utils.__main__ import main as cli
from utils.data.cells import parse_signed
from utils.data.registry import COLUMNS, load_registry, with_home

TODAY = dt.date(2026, 11, 26)


def row_with(**changes: str) -> str:
    """VALID_ROW with some columns changed."""
    values = dict(zip(HEADER.split(","), VALID_ROW.split(","), strict=True))
    values.update(changes)
    return ",".join(values.values())


def load_text(write_file, text: str, encoding: str = "utf-8"):
    return load_registry(write_file("partners.csv", text, encoding), today=TODAY)


def test_committed_registry_is_clean_and_typed():
    frame, problems = load_registry(DATA / "partners.csv", today=TODAY)
    assert problems == []
    assert len(frame) == 11
    assert frame["partner_id"].nunique() == 10
    assert sorted(frame["country_code"].unique()) == ["BY", "DE", "LT", "PL"]
    assert frame["document_type"].dtype == "category"
    assert frame["signed_start"].dtype == "datetime64[ns]"
    # Month and year precision start on the first day of their period, never a made-up day.
    bisztynek = frame.set_index("partner_id").loc["bisztynek"]
    assert (bisztynek["signed"], bisztynek["signed_start"]) == (
        "2009-03",
        pd.Timestamp("2009-03-01"),
    )
    assert frame.loc[frame["partner_id"] == "lepel", "signed_year"].item() == 2009


@pytest.mark.parametrize(
    ("encoding", "separator", "bom"),
    [
        ("utf-8", ",", False),
        ("utf-8", ",", True),  # Excel's "CSV UTF-8" starts with a BOM
        ("cp1251", ";", False),  # Russian Excel's plain "CSV" export
        ("utf-8", ";", True),
        ("utf-8", "\t", False),  # pasted from a spreadsheet
    ],
)
def test_encodings_and_separators_analysts_hand_us(write_file, encoding, separator, bom):
    text = "\r\n".join([HEADER, VALID_ROW]).replace(",", separator)
    data = text.encode(encoding)
    if bom:
        data = b"\xef\xbb\xbf" + data
    frame, problems = load_registry(write_file("p.csv", data), today=TODAY)
    assert problems == []
    assert frame["partner_ru"].tolist() == ["г. Волин"]
    assert frame["region_ru"].tolist() == ["Западнопоморское воеводство"]


def test_windows_1251_file_from_disk():
    # A real Excel export: Windows-1251, ';' separator, CRLF line ends.
    frame, problems = load_registry(ROOT / "tests" / "data" / "partners_cp1251.csv", today=TODAY)
    assert problems == []
    assert frame["partner_ru"].tolist() == ["г. Волин", "г. Лепель"]


@pytest.mark.parametrize(
    ("changes", "code", "column"),
    [
        ({"country_code": "XX"}, "unknown_country", "country_code"),
        ({"country_code": "pl"}, "unknown_country", "country_code"),  # codes are upper-case
        ({"country_code": "EU"}, "unknown_country", "country_code"),  # a union, not a country
        ({"document_type": "memorandum"}, "unknown_value", "document_type"),
        ({"level": "village"}, "unknown_value", "level"),
        ({"signed_precision": "week"}, "unknown_value", "signed_precision"),
        ({"signed": "2010-02-31"}, "impossible_date", "signed"),
        ({"signed": "2010-13-01"}, "impossible_date", "signed"),
        ({"signed": "2009-03"}, "date_format", "signed"),  # month written, day claimed
        ({"signed": "14.10.1991"}, "date_format", "signed"),  # not ISO
        ({"signed": "2030-01-01"}, "future_date", "signed"),
        ({"partner_id": ""}, "missing_value", "partner_id"),
        ({"partner_id": "Волин"}, "bad_partner_id", "partner_id"),
        ({"partner_id": "wolin city"}, "bad_partner_id", "partner_id"),
        ({"partner_ru": ""}, "missing_value", "partner_ru"),
        ({"signed": ""}, "missing_value", "signed"),
    ],
)
def test_each_kind_of_row_problem_names_row_and_column(write_file, changes, code, column):
    good = row_with(partner_id="lepel", partner_ru="г. Лепель")
    frame, problems = load_text(write_file, "\n".join([HEADER, good, row_with(**changes)]))
    assert [(p.code, p.row, p.column) for p in problems] == [(code, 3, column)]
    # The valid row still loads; the bad one is left out.
    assert frame["partner_id"].tolist() == ["lepel"]


@pytest.mark.parametrize(
    ("signed", "precision"),
    [("2009", "year"), ("2009-03", "month"), ("2009-03-31", "day"), ("2024-02-29", "day")],
)
def test_valid_dates_at_each_precision(write_file, signed, precision):
    frame, problems = load_text(
        write_file, "\n".join([HEADER, row_with(signed=signed, signed_precision=precision)])
    )
    assert problems == []
    assert frame["signed"].tolist() == [signed]


def test_problem_messages_in_both_languages(write_file):
    _, problems = load_text(write_file, "\n".join([HEADER, row_with(country_code="XX")]))
    assert problems[0].describe("ru") == (
        "Строка 2, столбец «country_code»: неизвестный код страны «XX» "
        "(нужен код ISO 3166-1 из двух букв, например PL)"
    )
    assert problems[0].describe("en").startswith("Row 2, column “country_code”: unknown country")


def test_duplicate_document_is_reported_and_loaded_once(write_file):
    frame, problems = load_text(write_file, "\n".join([HEADER, VALID_ROW, VALID_ROW]))
    assert [(p.code, p.row, p.params) for p in problems] == [("duplicate_row", 3, {"other_row": 2})]
    assert len(frame) == 1


def test_partner_described_differently_on_two_rows(write_file):
    second = row_with(document_type="cooperation_treaty", country_code="DE")
    frame, problems = load_text(write_file, "\n".join([HEADER, VALID_ROW, second]))
    assert [(p.code, p.row, p.column) for p in problems] == [
        ("inconsistent_partner", 3, "country_code")
    ]
    assert len(frame) == 1


@pytest.mark.parametrize(
    ("content", "codes"),
    [
        ("", ["file_empty"]),
        ("\n\n  \n", ["file_empty"]),
        (HEADER + "\n", ["no_rows"]),  # header only
        ("partner_id,partner_ru\nwolin,Волин\n", ["missing_columns"]),
        (b"\x98\x98\xff\xfe", ["bad_encoding"]),  # 0x98 is undefined in Windows-1251 too
    ],
)
def test_file_level_problems(write_file, content, codes):
    frame, problems = load_registry(write_file("p.csv", content), today=TODAY)
    assert [p.code for p in problems] == codes
    assert problems[0].row is None
    assert frame.empty
    assert list(frame.columns[:13]) == list(COLUMNS)


def test_missing_file_is_a_problem_not_a_crash(tmp_path):
    frame, problems = load_registry(tmp_path / "absent.csv", today=TODAY)
    assert [p.code for p in problems] == ["file_unreadable"]
    assert "absent.csv" in problems[0].describe("en")
    assert frame.empty


def test_unknown_extra_column_is_reported_but_rows_load(write_file):
    frame, problems = load_text(write_file, "\n".join([HEADER + ",notes", VALID_ROW + ",hello"]))
    assert [(p.code, p.params) for p in problems] == [("unknown_columns", {"columns": "notes"})]
    assert len(frame) == 1


def test_row_with_wrong_number_of_fields(write_file):
    frame, problems = load_text(write_file, "\n".join([HEADER, VALID_ROW + ",extra", VALID_ROW]))
    assert [(p.code, p.row) for p in problems] == [("field_count", 2)]
    assert len(frame) == 1


def test_rows_are_numbered_as_a_spreadsheet_shows_them(write_file):
    quoted = row_with(source_text_ru='"line one\nline two"')
    text = "\n".join([HEADER, "", quoted, row_with(partner_id="x y", signed="2009-01-02")])
    _, problems = load_text(write_file, text)
    # Header row 1, a blank row 2, row 3 with a line break inside a cell (lines 3-4 of
    # the file, one row in Excel): the bad row is row 4, where Excel shows it.
    assert [(p.code, p.row) for p in problems] == [("bad_partner_id", 4)]


@pytest.mark.parametrize(
    ("signed", "precision", "expected"),
    [
        ("1991-10-14", "day", dt.date(1991, 10, 14)),
        ("2009-03", "month", dt.date(2009, 3, 1)),
        ("2009", "year", dt.date(2009, 1, 1)),
    ],
)
def test_parse_signed(signed, precision, expected):
    assert parse_signed(signed, precision) == expected


def test_check_cli_clean_file_exits_0_with_summary(capsys):
    assert cli(["check", str(DATA / "partners.csv")]) == 0
    out = capsys.readouterr().out.strip()
    assert out == "Ошибок нет. Документов: 11, партнёров: 10, стран: 4."


def test_check_cli_broken_file_exits_1_with_row_messages(write_file, capsys):
    path = write_file("p.csv", "\n".join([HEADER, VALID_ROW, row_with(signed="2010-02-31")]))
    assert cli(["check", str(path), "--lang", "en"]) == 1
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines == [
        "Row 3, column “signed”: no such date: “2010-02-31”",
        "Problems found: 1. Rows loaded: 1 of 2.",
    ]


def test_check_cli_reads_a_workbook_as_the_data_page_does(tmp_path, capsys):
    # A workbook of the committed registry: "unknown text encoding" before, now the same
    # reader and limits as an upload.
    workbook = Workbook()
    for cells in csv.reader((DATA / "partners.csv").read_text(encoding="utf-8").splitlines()):
        workbook.active.append(cells)
    workbook.save(tmp_path / "partners.xlsx")
    assert cli(["check", str(tmp_path / "partners.xlsx"), "--lang", "en"]) == 0
    assert (
        capsys.readouterr().out.strip() == "No problems. Documents: 11, partners: 10, countries: 4."
    )


def test_check_cli_says_a_lost_letter_in_a_file_checked_alone(write_file, capsys):
    path = write_file("p.csv", "\n".join([HEADER, row_with(partner_local="Mr?gowo")]))
    assert cli(["check", str(path), "--lang", "en"]) == 1
    assert capsys.readouterr().out.startswith(
        "Row 2, column “partner_local”: “Mr?gowo”: a “?” between two letters"
    )


def test_check_cli_missing_file_is_a_usage_error(tmp_path, capsys):
    assert cli(["check", str(tmp_path / "absent.csv")]) == 2
    assert "no such file or folder" in capsys.readouterr().err


def test_home_id_is_optional_and_checked(write_file):
    path = write_file(
        "partners.csv",
        f"{HEADER},home_id\n{VALID_ROW},\n{VALID_ROW},baltiysk\n{VALID_ROW},Bad Home\n",
    )
    frame, problems = load_registry(path, today=dt.date(2026, 11, 26))
    # The same document with another home is another link, not a repeat.
    assert frame["home_id"].tolist() == ["", "baltiysk"]
    assert [(p.code, p.row, p.column) for p in problems] == [("bad_partner_id", 4, "home_id")]
    assert with_home(frame, "zelenogradsk")["home_id"].tolist() == [
        "zelenogradsk",
        "baltiysk",
    ]
