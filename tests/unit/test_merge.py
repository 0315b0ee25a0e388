# The three-way merge of a late editor's file (utils/editing/merge.py), row by row: what
# each editor changed is kept, a row both changed differently is a conflict to settle.
from __future__ import annotations

import pytest

from utils.editing.merge import MINE, THEIRS, merge_data_set

NAME = "coords.csv"  # keyed by place_id: short rows for the table below
HEADER = "place_id,lat,lon\n"


def text(*rows: str) -> str:
    return HEADER + "".join(f"{row}\n" for row in rows)


BASE = text("a,1,1", "b,2,2", "c,3,3")


@pytest.mark.parametrize(
    ("theirs", "mine", "merged", "kept", "applied", "conflicts"),
    [
        # Each added a different row: both kept, theirs first, then the late file's.
        (text("a,1,1", "b,2,2", "c,3,3", "t,9,9"), text("a,1,1", "b,2,2", "c,3,3", "m,8,8"),
         text("a,1,1", "b,2,2", "c,3,3", "t,9,9", "m,8,8"), ["t"], ["m"], []),
        # They changed a, I changed b: both changes.
        (text("a,5,5", "b,2,2", "c,3,3"), text("a,1,1", "b,6,6", "c,3,3"),
         text("a,5,5", "b,6,6", "c,3,3"), ["a"], ["b"], []),
        # I removed c, they changed nothing: c goes.
        (BASE, text("a,1,1", "b,2,2"), text("a,1,1", "b,2,2"), [], ["c"], []),
        # They removed c, my file still has it unchanged: their removal stands.
        (text("a,1,1", "b,2,2"), BASE, text("a,1,1", "b,2,2"), ["c"], [], []),
        # Both made the same change: no conflict.
        (text("a,7,7", "b,2,2", "c,3,3"), text("a,7,7", "b,2,2", "c,3,3"),
         text("a,7,7", "b,2,2", "c,3,3"), [], ["a"], []),
        # Both changed a differently: a conflict, theirs kept until the editor chooses.
        (text("a,5,5", "b,2,2", "c,3,3"), text("a,6,6", "b,2,2", "c,3,3"),
         text("a,5,5", "b,2,2", "c,3,3"), [], [], ["a"]),
        # They changed c, I removed it: a conflict too (never a silent loss of their edit).
        (text("a,1,1", "b,2,2", "c,4,4"), text("a,1,1", "b,2,2"),
         text("a,1,1", "b,2,2", "c,4,4"), [], [], ["c"]),
    ],
)  # fmt: skip
def test_each_editors_changes_are_kept(theirs, mine, merged, kept, applied, conflicts):
    done = merge_data_set(NAME, BASE, theirs, mine)
    assert done.text == merged
    assert (done.kept_theirs, done.applied_mine) == (kept, applied)
    assert [conflict.key for conflict in done.conflicts] == conflicts
    assert done.clean is not conflicts


@pytest.mark.parametrize(("choice", "row"), [(MINE, "a,6,6"), (THEIRS, "a,5,5")])
def test_a_conflict_is_settled_by_the_editors_choice(choice, row):
    theirs, mine = text("a,5,5", "b,2,2", "c,3,3"), text("a,6,6", "b,2,2", "c,3,3")
    done = merge_data_set(NAME, BASE, theirs, mine, choices={"a": choice})
    assert done.text == text(row, "b,2,2", "c,3,3")
    assert [conflict.key for conflict in done.conflicts] == ["a"]  # still listed, now chosen


def test_the_registry_is_merged_by_document():
    header = "partner_id,home_id,document_type,signed,partner_ru\n"
    base = header + "x,,cooperation_agreement,2001,Икс\n"
    theirs = base + "y,,cooperation_agreement,2002,Игрек\n"  # the first editor's new document
    mine = base + "z,,declaration_of_intent,2003,Зет\n"  # the late editor's
    done = merge_data_set("partners.csv", base, theirs, mine)
    assert done.text.splitlines()[1:] == [
        "x,,cooperation_agreement,2001,Икс",
        "y,,cooperation_agreement,2002,Игрек",
        "z,,declaration_of_intent,2003,Зет",
    ]
    assert (done.kept_theirs, done.applied_mine) == (
        ["y · cooperation_agreement · 2002"], ["z · declaration_of_intent · 2003"],
    )  # fmt: skip
