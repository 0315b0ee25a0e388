# A corpus of broken registry files (tests/data/bad/partners), each with the report it
# must produce: `python -m utils check FILE` in English, on a fixed day.
# To add a case, put FILE.csv there and its expected report in FILE.txt.
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from utils.data.check import file_report
from utils.data.coords import load_coords

CORPUS = Path(__file__).resolve().parent.parent / "data" / "bad" / "partners"
TODAY = dt.date(2026, 11, 26)
CASES = sorted(CORPUS.glob("*.csv"))


def test_the_corpus_covers_every_case():
    names = {path.stem for path in CASES}
    assert names >= {
        "empty", "header_only", "missing_columns", "extra_columns", "wrong_separator",
        "windows_1251_semicolon", "mixed_line_endings", "bom", "duplicated_rows",
        "unknown_country_and_type", "impossible_date", "future_and_too_early_dates",
        "precision_mismatch", "inconsistent_partner", "wrong_field_count",
        # Hostile input: control and bidi characters, a repeated header, non-ASCII digits.
        "control_characters", "repeated_column", "non_ascii_digits",
        # Letters lost to an encoding: UTF-8 read as Windows-1252, and U+FFFD; a "?" where
        # a Windows-1251 save lost ą or ü (said by the lone check too, the row kept).
        "mojibake", "lost_letter",
        # A bare carriage return in a cell, which the CSV module writes unquoted and then
        # reads as the end of the row: a registry split in two on apply.
        "bare_carriage_return",
        # A document from another source whose source cannot be opened or trusted, and a
        # published row that names another source (it would overwrite the page).
        "hostile_sources",
    }  # fmt: skip
    assert all(path.with_suffix(".txt").exists() for path in CASES)


@pytest.mark.parametrize("path", CASES, ids=[path.stem for path in CASES])
def test_each_bad_file_gives_its_report(path):
    expected = path.with_suffix(".txt").read_text(encoding="utf-8").rstrip("\n")
    code, _, report = expected.partition("\n")
    text, exit_code = file_report(path, "en", TODAY)
    assert (exit_code, text) == (int(code), report)


# The coordinates file's corpus: each FILE.txt holds the rows loaded, then the problems.
COORDS_CORPUS = CORPUS.parent / "coords"
COORDS_CASES = sorted(COORDS_CORPUS.glob("*.csv"))


def test_the_coords_corpus_covers_every_case():
    assert {path.stem for path in COORDS_CASES} >= {
        "out_of_range", "swapped_lat_lon", "not_numbers", "duplicate_place", "unknown_source",
        "non_ascii_digits",
    }  # fmt: skip


@pytest.mark.parametrize("path", COORDS_CASES, ids=[path.stem for path in COORDS_CASES])
def test_each_bad_coords_file_gives_its_report(path):
    loaded, _, report = path.with_suffix(".txt").read_text(encoding="utf-8").partition("\n")
    frame, problems = load_coords(path)
    assert len(frame) == int(loaded)
    assert "\n".join(problem.describe("en") for problem in problems) + "\n" == report
