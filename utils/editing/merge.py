# A late editor's file merged onto what another editor applied meanwhile (a three-way
# merge, row by row): what the late file changed against the version its editor checked
# is applied onto the newest version, so neither editor's work is dropped. Where both
# changed the same row differently, it is a conflict for the late editor to settle.
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from utils.editing.versions import ROW_KEYS, keyed_rows, row_key_text, same_row, table_rows

Row = dict[str, str]
MINE, THEIRS = "mine", "theirs"  # a conflict's two sides: the late file's, the newest version's


@dataclass(frozen=True)
class Conflict:
    """A row both editors changed, differently: its key, and each side (None: removed)."""

    key: str
    base: Row | None
    theirs: Row | None
    mine: Row | None


@dataclass(frozen=True)
class Merge:
    """The merged data set, and what went into it from each side."""

    text: str
    kept_theirs: list[str] = field(default_factory=list)  # rows the other editor changed
    applied_mine: list[str] = field(default_factory=list)  # rows the late file changed
    conflicts: list[Conflict] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        """Tell whether no row needs the late editor's choice."""
        return not self.conflicts


def _equal(first: Row | None, second: Row | None) -> bool:
    if first is None or second is None:
        return first is second
    return same_row(first, second)


def _write(columns: list[str], rows: list[Row], newline: str) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(
        buffer, fieldnames=columns, lineterminator=newline, extrasaction="ignore"
    )
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def merge_data_set(
    name: str,
    base: str | None,
    theirs: str | None,
    mine: str,
    choices: dict[str, str] | None = None,
) -> Merge:
    """Apply what `mine` changed against `base` onto `theirs`, row by row (keys: ROW_KEYS).

    A row both changed differently is a conflict: settled by `choices` (its key → MINE or
    THEIRS), and until then kept as `theirs` has it, listed. Rows stay in `theirs`' order,
    the late file's new rows after them in its own order.
    """
    choices = choices or {}
    base_columns, base_rows = table_rows(base)
    their_columns, their_rows = table_rows(theirs)
    my_columns, my_rows = table_rows(mine)
    old, new, own = (
        keyed_rows(name, base_rows),
        keyed_rows(name, their_rows),
        keyed_rows(name, my_rows),
    )
    kept, applied, conflicts = [], [], []
    merged: dict[tuple[str, ...], Row | None] = {}
    for key in dict.fromkeys([*new, *own, *old]):
        b, th, me = old.get(key), new.get(key), own.get(key)
        label = row_key_text(key)
        if _equal(me, b):  # the late file left it alone: the newest version's row stands
            merged[key] = th
            if not _equal(th, b):
                kept.append(label)
        elif _equal(th, b) or _equal(th, me):  # only the late file changed it (or both alike)
            merged[key] = me
            applied.append(label)
        else:
            conflicts.append(Conflict(label, b, th, me))
            merged[key] = me if choices.get(label) == MINE else th
    columns = list(dict.fromkeys([*their_columns, *my_columns, *base_columns]))
    ordered = [merged[key] for key in dict.fromkeys([*new, *own]) if merged.get(key) is not None]
    newline = "\r\n" if (theirs or mine).count("\r\n") else "\n"
    return Merge(_write(columns, ordered, newline), kept, applied, conflicts)


def merge_texts(
    base: dict[str, str],
    theirs: dict[str, str],
    mine: dict[str, str],
    choices: dict[str, str] | None = None,
) -> tuple[dict[str, str], dict[str, Merge]]:
    """Merge each data set the late editor changes; return the changes and each merge."""
    merges = {
        name: merge_data_set(name, base.get(name), theirs.get(name), text, choices)
        for name, text in mine.items()
        if name in ROW_KEYS
    }
    return {name: merge.text for name, merge in merges.items()}, merges
