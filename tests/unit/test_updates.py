# Replacing the registry from an upload: limits, Excel files, the diff, backups, manual coords.
from __future__ import annotations

import csv
import datetime as dt
import io
import math
import tracemalloc
import zipfile

import pytest
from openpyxl import Workbook

from tests.helpers.data import DATA, HEADER
from utils.data.coords import add_manual_coords, check_manual_coords
from utils.data.registry import load_registry
from utils.data.table_files import MAX_FILE_BYTES, MAX_FILE_ROWS, FileRefusedError, read_table_file
from utils.data.workbook_package import MAX_PARTS
from utils.editing.auth import password_matches
from utils.editing.store import replace_keeping_backup
from utils.editing.uploads import (
    check_upload,
    encoding_losses,
    registry_text,
    renamed_partners,
)

TODAY = dt.date(2026, 11, 26)
SHORT_ROW = "p,П,P,P,city,,,PL,cooperation_agreement,С,2009,year,"  # a valid row, short


def rows_file(count: int) -> bytes:
    """A registry file of `count` short data rows."""
    return (HEADER + "\n" + (SHORT_ROW + "\n") * count).encode("utf-8")


@pytest.mark.parametrize(
    ("data", "name", "code"),
    [
        # One byte over 10 MB is refused before anything reads it.
        (b"x" * (MAX_FILE_BYTES + 1), "big.csv", "upload_too_big"),
        # One row over the limit is refused; the limit itself is not (next test).
        (rows_file(MAX_FILE_ROWS + 1), "long.csv", "upload_too_long"),
        # Not a workbook though it is named like one.
        (b"partner_id,partner_ru\n", "fake.xlsx", "xlsx_unreadable"),
    ],
)
def test_uploads_refused_with_a_reason(data, name, code):
    with pytest.raises(FileRefusedError) as refused:
        read_table_file(data, name)
    assert refused.value.problem.code == code
    assert refused.value.problem.message("ru")  # said in the reader's words


def test_upload_at_the_row_limit_is_taken():
    assert len(read_table_file(rows_file(MAX_FILE_ROWS), "limit.csv").records) == MAX_FILE_ROWS


def test_excel_upload_reads_like_the_csv(registry_as_written):
    workbook = Workbook()
    sheet = workbook.active
    lines = (DATA / "partners.csv").read_text(encoding="utf-8").splitlines()
    for cells in csv.reader(lines):
        sheet.append(cells)
    # Excel turns what looks like a number or a date into one: the reader turns them back.
    sheet.cell(row=7, column=11).value = 2009  # Lepel's year, as a number
    sheet.cell(row=2, column=11).value = dt.datetime(1991, 10, 14)  # Pinneberg, as a date
    buffer = io.BytesIO()
    workbook.save(buffer)
    frame, problems = load_registry(
        read_table_file(buffer.getvalue(), "partners.xlsx"), today=TODAY
    )
    assert problems == []
    assert frame["signed"].tolist() == registry_as_written["signed"].tolist()
    assert frame.equals(registry_as_written)


def test_check_upload_counts_what_would_change(documents):
    text = (DATA / "partners.csv").read_text(encoding="utf-8").splitlines()
    new_row = SHORT_ROW.replace("p,П,P,P", "palanga,Паланга,Palanga,Palanga").replace("PL", "LT")
    changed = "\n".join([*text[:-1], new_row]) + "\n"  # Kühlungsborn out, Palanga in
    check = check_upload(changed.encode("utf-8"), "new.csv", documents, TODAY)
    assert (check.file_rows, check.added, check.removed) == (11, 1, 1)
    assert check.new_partners == ["palanga"]
    assert check.can_apply


def test_file_with_problems_cannot_be_applied(documents):
    bad = (DATA / "partners.csv").read_text(encoding="utf-8").replace("2010-08-07", "2010-02-31")
    check = check_upload(bad.encode("utf-8"), "bad.csv", documents, TODAY)
    assert [p.code for p in check.problems] == ["impossible_date"]
    assert not check.can_apply  # applying would lose the row


def test_apply_keeps_the_old_registry_and_writes_the_new(tmp_path, documents):
    (tmp_path / "partners.csv").write_bytes((DATA / "partners.csv").read_bytes())
    fewer = documents[documents["country_code"] == "PL"]
    now = dt.datetime(2026, 11, 26, 15, 4, 5, 6)
    backup = replace_keeping_backup(tmp_path, "partners.csv", registry_text(fewer), now)
    assert backup == tmp_path / "history" / "partners-20261126-150405-000006.csv"
    assert backup.read_bytes() == (DATA / "partners.csv").read_bytes()
    written = (tmp_path / "partners.csv").read_text(encoding="utf-8")
    assert written == registry_text(fewer)
    reloaded, problems = load_registry(tmp_path / "partners.csv", today=TODAY)
    assert problems == []
    assert len(reloaded) == 6


def test_registry_text_round_trips_the_committed_file(registry_as_written):
    assert registry_text(registry_as_written) == (DATA / "partners.csv").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("lat", "lon", "columns"),
    [
        (54.5, 20.5, []),
        (95.0, 20.5, ["lat"]),  # beyond the pole
        (54.5, -181.0, ["lon"]),
        (math.nan, 20.5, ["lat"]),  # an empty number field
    ],
)
def test_manual_coordinates_in_range(lat, lon, columns):
    assert [p.column for p in check_manual_coords(lat, lon)] == columns


def test_manual_coordinates_that_cannot_be_written_are_a_problem(tmp_path, monkeypatch):
    coords = tmp_path / "coords.csv"
    coords.write_bytes((DATA / "coords.csv").read_bytes())
    before = coords.read_bytes()

    def disk_full(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("utils.data.writing.tempfile.mkstemp", disk_full)
    problems = add_manual_coords(coords, "palanga", "Palanga", lat=55.9, lon=21.06, today=TODAY)
    assert [(p.code, p.params["file"]) for p in problems] == [("not_writable", "coords.csv")]
    assert (
        problems[0].message("en").startswith("could not write coords.csv: No space left on device.")
    )
    assert coords.read_bytes() == before


def test_manual_coordinates_are_added_never_replaced(tmp_path):
    coords = tmp_path / "coords.csv"
    coords.write_bytes((DATA / "coords.csv").read_bytes())
    before = coords.read_text(encoding="utf-8")
    problems = add_manual_coords(coords, "lepel", "Lepel", lat=54.9, lon=28.7, today=TODAY)
    assert [p.code for p in problems] == ["place_known"]
    assert coords.read_text(encoding="utf-8") == before
    assert add_manual_coords(coords, "palanga", "Palanga", lat=55.9, lon=21.06, today=TODAY) == []
    assert coords.read_text(encoding="utf-8") == (
        before + "palanga,Palanga,55.9,21.06,manual,2026-11-26\n"
    )


@pytest.mark.parametrize(
    ("given", "expected", "matches"),
    [
        ("секрет-1", "секрет-1", True),
        ("секрет-1", "секрет-2", False),
        ("", "секрет", False),
        ("секрет ", "секрет", False),  # no trimming: the password is what was typed
    ],
)
def test_password_matches(given, expected, matches):
    assert password_matches(given, expected) is matches


def workbook_bytes(rows: list[list[object]]) -> bytes:
    """A real workbook of these rows."""
    workbook = Workbook()
    for cells in rows:
        workbook.active.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def rewritten(data: bytes, part: str, write) -> bytes:
    """The workbook with one part replaced by what `write(stream)` writes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename == part:
                with target.open(part, "w", force_zip64=True) as stream:
                    write(stream)
            else:
                target.writestr(info, source.read(info.filename))
    return buffer.getvalue()


def flipped(data: bytes, part: str) -> bytes:
    """The workbook with bytes flipped in the middle of one part's compressed data."""
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo(part)
    # The local header: 30 bytes, then the name and the extra field, then the data.
    name_length = int.from_bytes(data[info.header_offset + 26 : info.header_offset + 28], "little")
    extra_length = int.from_bytes(data[info.header_offset + 28 : info.header_offset + 30], "little")
    start = info.header_offset + 30 + name_length + extra_length + info.compress_size // 3
    end = start + max(info.compress_size // 3, 1)
    return data[:start] + bytes(byte ^ 0x5A for byte in data[start:end]) + data[end:]


def test_a_zip_bomb_is_refused_before_it_is_unpacked():
    # One cell of 90 MB of "A": about 90 KB packed, far under the upload limit.
    def bomb(stream) -> None:
        stream.write(b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/')
        stream.write(b'spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr">')
        stream.write(b"<is><t>")
        for _ in range(90):
            stream.write(b"A" * 2**20)
        stream.write(b"</t></is></c></row></sheetData></worksheet>")

    plain = workbook_bytes([["partner_id", "partner_ru"], ["p", "text"]])
    data = rewritten(plain, "xl/worksheets/sheet1.xml", bomb)
    assert len(data) < MAX_FILE_BYTES / 10
    tracemalloc.start()
    try:
        with pytest.raises(FileRefusedError) as refused:
            read_table_file(data, "bomb.xlsx")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert refused.value.problem.code == "xlsx_too_big_unpacked"
    assert refused.value.problem.message("en") == (
        "the Excel workbook unpacks to 90 MB; at most 80 MB is accepted"
    )
    assert peak < 5 * 2**20  # nothing was unpacked: a few MB at most, not ~10,000x the file


@pytest.mark.parametrize(
    ("case", "damage"),
    [
        # The sheet's XML cut off in the middle: openpyxl fails only while reading rows.
        ("truncated sheet", lambda data: rewritten(
            data, "xl/worksheets/sheet1.xml",
            lambda s: s.write(zipfile.ZipFile(io.BytesIO(data)).read(
                "xl/worksheets/sheet1.xml")[:300]),
        )),
        # A damaged deflate stream: bytes flipped inside the sheet's compressed data (the
        # reader reads only the parts it needs: a damaged part it does not read loses nothing).
        ("damaged deflate", lambda data: flipped(data, "xl/worksheets/sheet1.xml")),
        # Entity expansion ("billion laughs"): defusedxml refuses the entity declarations.
        ("entity expansion", lambda data: rewritten(
            data, "xl/worksheets/sheet1.xml",
            lambda s: s.write(
                b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
                b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
                b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol2;</t></is></c>'
                b"</row></sheetData></worksheet>"
            ),
        )),
    ],
)  # fmt: skip
def test_a_damaged_workbook_is_a_problem_not_a_traceback(case, damage):
    data = damage(workbook_bytes([["partner_id", "partner_ru"]] + [["p", "x" * 40]] * 30))
    with pytest.raises(FileRefusedError) as refused:
        read_table_file(data, f"{case}.xlsx")
    problem = refused.value.problem
    assert problem.code == "xlsx_unreadable", case
    assert problem.message("en").startswith("the file cannot be read as an Excel workbook")
    assert "/" not in problem.message("en")  # no server path in what the reader sees


@pytest.mark.parametrize(
    ("before", "after", "lost"),
    [
        ("Mrągowo", "Mr?gowo", True),  # ą is not in Windows-1251
        ("Kühlungsborn", "K?hlungsborn", True),
        ("Mrągowo", "Mragowo", False),  # a real rename (or a typo): listed, not refused
        ("Что?", "Что?", False),  # a question mark that was there before
        ("г. Волин", "г. Волин", False),  # Cyrillic survives Windows-1251
        ("Neringa", "Nering?", False),  # nothing to lose in the old name: a change, not a loss
    ],
)
def test_letters_lost_in_windows_1251_are_told_from_renames(before, after, lost):
    renamed = [("p", "partner_local", before, after)]
    assert bool(encoding_losses(renamed)) is lost


def test_renamed_partners_lists_each_changed_name(documents):
    changed = documents.copy()
    changed["partner_en"] = changed["partner_en"].astype(object)
    changed.loc[changed["partner_id"] == "wolin", "partner_en"] = "Wolin Town"
    assert renamed_partners(documents, changed) == [("wolin", "partner_en", "Wolin", "Wolin Town")]
    assert renamed_partners(documents, documents) == []


def test_every_changed_field_of_a_known_partner_is_listed_not_only_names(documents):
    # A level or a country changed by a careless edit is shown before applying too.
    changed = documents.astype({"level": object, "country_code": object})
    changed.loc[changed["partner_id"] == "lepel", ["level", "country_code"]] = ["district", "LT"]
    assert renamed_partners(documents, changed) == [
        ("lepel", "level", "city", "district"),
        ("lepel", "country_code", "BY", "LT"),
    ]


def test_a_workbook_of_too_many_parts_is_refused_before_reading():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for index in range(MAX_PARTS + 1):
            archive.writestr(f"xl/part{index}.xml", "<a/>")
    with pytest.raises(FileRefusedError) as refused:
        read_table_file(buffer.getvalue(), "parts.xlsx")
    assert refused.value.problem.message("en") == (
        "the Excel workbook has 1001 parts; at most 1000 are accepted"
    )
