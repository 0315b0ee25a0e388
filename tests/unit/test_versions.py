# What a version changed (utils/editing/versions.py): documents, partners and rows, field by field.
from __future__ import annotations

import datetime as dt

import pytest

from tests.helpers.data import DATA
from utils.data.folder import COORDS_FILE, REGISTRY_FILE, STATUS_FILE
from utils.editing.versions import (
    ADDED,
    CHANGED,
    DOCUMENT,
    PARTNER,
    REMOVED,
    ROW,
    Change,
    Version,
    changes_frame,
    checksum,
    counts,
    diff,
    versions_frame,
)

REGISTRY = (DATA / REGISTRY_FILE).read_text(encoding="utf-8")
LINES = REGISTRY.splitlines(keepends=True)
HEADER, PINNEBERG, NERINGA = LINES[0], LINES[1], LINES[2]
WOLIN = PINNEBERG.replace("pinneberg", "wolin").replace("1991-10-14", "2009-07-31")
STATUS_HEADER = "partner_id,home_id,status,since,since_precision\n"


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        # A new partner's document: the document and the partner are both new.
        (
            HEADER + PINNEBERG,
            HEADER + PINNEBERG + WOLIN,
            [
                Change(
                    REGISTRY_FILE, DOCUMENT, "wolin · cooperation_agreement · 2009-07-31", ADDED
                ),
                Change(REGISTRY_FILE, PARTNER, "wolin", ADDED),
            ],
        ),
        # A partner dropped with its only document.
        (
            HEADER + PINNEBERG + NERINGA,
            HEADER + PINNEBERG,
            [
                Change(
                    REGISTRY_FILE, DOCUMENT, "neringa · cooperation_treaty · 1996-02-08", REMOVED
                ),
                Change(REGISTRY_FILE, PARTNER, "neringa", REMOVED),
            ],
        ),
        # A renamed partner is said once, as the partner's field, not on each document.
        (
            HEADER + PINNEBERG,
            HEADER + PINNEBERG.replace("Крайс Пиннеберг", "Район Пиннеберг"),
            [
                Change(
                    REGISTRY_FILE,
                    PARTNER,
                    "pinneberg",
                    CHANGED,
                    "partner_ru",
                    "Крайс Пиннеберг",
                    "Район Пиннеберг",
                )
            ],
        ),
        # A document's own field (its title) is said on the document.
        (
            HEADER + PINNEBERG,
            HEADER + PINNEBERG.replace(",Соглашение о сотрудничестве,", ",Соглашение,", 1),
            [
                Change(
                    REGISTRY_FILE,
                    DOCUMENT,
                    "pinneberg · cooperation_agreement · 1991-10-14",
                    CHANGED,
                    "document_title_ru",
                    "Соглашение о сотрудничестве",
                    "Соглашение",
                )
            ],
        ),
        # Rows in another order say the same: no change.
        (HEADER + PINNEBERG + NERINGA, HEADER + NERINGA + PINNEBERG, []),
    ],
)
def test_registry_changes(before, after, expected):
    assert diff({REGISTRY_FILE: before}, {REGISTRY_FILE: after}) == expected


def test_a_new_file_is_all_rows_added_and_a_column_of_empty_cells_changes_nothing():
    status = STATUS_HEADER + "pinneberg,,active,1991-10-14,day\n"
    assert diff({}, {STATUS_FILE: status}) == [
        Change(STATUS_FILE, ROW, "pinneberg · 1991-10-14", ADDED)
    ]
    # An optional column added with nothing in it: the rows say what they said.
    widened = status.replace("since_precision\n", "since_precision,note_ru\n").replace(
        "day\n", "day,\n"
    )
    assert diff({STATUS_FILE: status}, {STATUS_FILE: widened}) == []
    assert counts({STATUS_FILE: status}, {STATUS_FILE: widened}) == (0, 0, 0)


def test_counts_rows_across_files_and_a_row_with_two_changed_fields_once():
    coords = "place_id,query,lat,lon\na,A,1,2\nb,B,3,4\n"
    moved = "place_id,query,lat,lon\na,A,1.5,2.5\nc,C,5,6\n"
    before = {REGISTRY_FILE: HEADER + PINNEBERG, COORDS_FILE: coords}
    after = {REGISTRY_FILE: HEADER + PINNEBERG + WOLIN, COORDS_FILE: moved}
    # Added: Wolin's document and place c; removed: place b; changed: place a (lat and lon).
    assert counts(before, after) == (2, 1, 1)


def test_checksum_does_not_depend_on_the_order_of_files():
    assert checksum({"a": "1", "b": "2"}) == checksum({"b": "2", "a": "1"})
    assert checksum({"a": "1"}) != checksum({"a": "1", "b": ""})  # an empty file is a file


def test_history_tables_say_who_in_words_and_what_was_restored():
    made = dt.datetime(2026, 11, 27, 9, 5, tzinfo=dt.UTC)
    versions = [
        Version(2, made, "password", "", 0, 0, 1, "f" * 64, (REGISTRY_FILE,), restored_from=0),
        Version(1, made, "a@example.org", "Wolin", 1, 0, 0, "e" * 64, (REGISTRY_FILE,)),
        Version(0, made, "as-found", "", 3, 0, 0, "d" * 64, (REGISTRY_FILE, COORDS_FILE)),
    ]
    table = versions_frame(versions, "ru")
    assert table["Кто"].tolist() == ["общий пароль", "a@example.org", "данные как найдены"]
    assert table["Комментарий"].tolist() == ["восстанавливает версию 0", "Wolin", ""]
    assert table["Когда (UTC)"].tolist()[0] == "2026-11-27 09:05"
    assert table["Файлы"].tolist()[2] == "partners.csv, coords.csv"
    change = Change(REGISTRY_FILE, PARTNER, "pinneberg", CHANGED, "partner_ru", "A", "B")
    row = changes_frame([change], "en").iloc[0].tolist()
    assert row == ["partners.csv", "partner", "pinneberg", "changed", "partner_ru", "A", "B"]
