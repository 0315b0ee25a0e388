# `python -m utils check DIR`: the committed data folder is clean, and each broken
# status or activities file (tests/data/bad/status, tests/data/bad/activities), put beside
# the fixture registry (tests/data/living), gives exactly the report in its FILE.txt.
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from utils.__main__ import main
from utils.data.check import folder_report
from utils.data.folder import ACTIVITIES_FILE, STATUS_FILE, DataFolder

TESTS_DATA = Path(__file__).resolve().parent.parent / "data"
LIVING = TESTS_DATA / "living"
COMMITTED = TESTS_DATA.parent.parent / "data"
PAGE = TESTS_DATA / "page"
TODAY = dt.date(2026, 11, 26)
CASES = [(STATUS_FILE, path) for path in sorted((TESTS_DATA / "bad" / "status").glob("*.csv"))] + [
    (ACTIVITIES_FILE, path) for path in sorted((TESTS_DATA / "bad" / "activities").glob("*.csv"))
]


def test_the_committed_data_folder_is_clean():
    text, code = folder_report(DataFolder(COMMITTED), "en", TODAY)
    assert code == 0, text
    assert text.startswith("No problems: ")
    # The published table's eleven documents, the rest from other sources, each named.
    assert "from the published table: 11; from other sources: " in text


def test_the_published_page_alone_records_no_status_and_no_contact():
    text, code = folder_report(DataFolder(PAGE), "en", TODAY)
    summary = (
        "No problems: 11 documents, 10 partners, 11 places with coordinates, "
        "0 changes of status, 0 activities."
    )
    assert (code, text) == (0, summary)


def test_the_fixture_folder_is_clean_and_counts_its_records():
    text, code = folder_report(DataFolder(LIVING), "en", TODAY)
    summary = (
        "No problems: 11 documents, 10 partners, 11 places with coordinates, "
        "6 changes of status, 5 activities."
    )
    assert (code, text) == (0, summary)


def test_the_corpus_covers_every_rule():
    names = {f"{file}/{path.stem}" for file, path in CASES}
    assert names >= {
        "status.csv/unknown_partner_and_home", "status.csv/unknown_status_and_precision",
        "status.csv/impossible_future_and_mismatched_dates", "status.csv/before_first_document",
        "status.csv/two_changes_same_date", "status.csv/links_not_http",
        "status.csv/duplicated_rows", "activities.csv/unknown_partner_and_kind",
        "activities.csv/duplicated_rows", "activities.csv/future_and_impossible_dates",
        "activities.csv/link_not_http", "activities.csv/missing_title",
        # A bare carriage return in a cell: checked clean once, then a row split on apply.
        "status.csv/bare_carriage_return",
        # Sources a reader could not open or trust: none, javascript:, data:, a bare domain,
        # a page-long quotation, a date to come or not a date, no publisher, no language.
        "status.csv/hostile_sources", "activities.csv/hostile_sources",
    }  # fmt: skip
    assert all(path.with_suffix(".txt").exists() for _, path in CASES)


@pytest.mark.parametrize(
    ("file_name", "path"), CASES, ids=[f"{file}-{path.stem}" for file, path in CASES]
)
def test_each_bad_file_gives_its_report(tmp_path, file_name, path):
    folder = tmp_path / "data"
    shutil.copytree(LIVING, folder)
    shutil.copy(path, folder / file_name)
    expected = path.with_suffix(".txt").read_text(encoding="utf-8").rstrip("\n")
    code, _, report = expected.partition("\n")
    text, exit_code = folder_report(DataFolder(folder), "en", TODAY)
    assert (exit_code, text) == (int(code), report)


def test_the_command_checks_a_folder_and_still_a_single_file(capsys):
    assert main(["check", str(LIVING), "--lang", "en"]) == 0
    assert capsys.readouterr().out.startswith("No problems: 11 documents")
    assert main(["check", str(LIVING / "partners.csv"), "--lang", "en"]) == 0
    assert capsys.readouterr().out.startswith("No problems. Documents: 11")


REPORTS = {
    "pl": (
        "Brak błędów: 11 dokumentów, 10 partnerów, 11 miejsc ze współrzędnymi, "
        "0 zmian statusu, 0 wpisów o kontaktach."
    ),
    "de": (
        "Keine Fehler: 11 Dokumente, 10 Partner, 11 Orte mit Koordinaten, "
        "0 Statusänderungen, 0 Kontakteinträge."
    ),
    "lt": (
        "Klaidų nėra: 11 dokumentų, 10 partnerių, 11 vietų su koordinatėmis, "
        "0 būsenos pakeitimų, 0 įrašų apie kontaktus."
    ),
}


@pytest.mark.parametrize(("lang", "expected"), REPORTS.items())
def test_the_report_speaks_the_readers_language(lang, expected):
    assert folder_report(DataFolder(PAGE), lang, TODAY) == (expected, 0)


def test_a_problem_in_german_says_where_and_what(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(LIVING, folder)
    shutil.copy(TESTS_DATA / "bad" / "status" / "links_not_http.csv", folder / STATUS_FILE)
    text, code = folder_report(DataFolder(folder), "de", TODAY)
    assert code == 1
    assert text.splitlines()[0] == (
        "status.csv:2: source_url: „javascript:alert(1)“ ist keine http(s)://…-Adresse: "
        "eine Angabe braucht eine Quelle, die der Leser öffnen kann"
    )
    assert text.splitlines()[-1] == "Gefundene Fehler: 3."
