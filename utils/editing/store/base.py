# What every back-end of the store shares: the interface the app and the command line use,
# the errors an apply ends in, and how an apply's new version is worked out. Each apply is
# one transaction that makes a new version; an apply checked against an older version than
# the latest is refused (StaleVersionError), so no edit is lost.
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Protocol

from utils.data.problems import Problem, ProblemError
from utils.editing.versions import DATA_SETS, Texts, Version, checksum, counts


class StaleVersionError(ProblemError):
    """Raised when an apply was checked against a version another apply has replaced."""


class NothingChangedError(ProblemError):
    """Raised when an apply would make a version equal to the latest one."""


class StoreError(ProblemError):
    """Raised when the database cannot be reached or read: what the reader should check."""


class Store(Protocol):
    """What the app and the command line need from a back-end."""

    def latest(self) -> int:
        """Return the latest version's number (0 before the first apply): a cheap query."""

    def versions(self) -> list[Version]:
        """Return every version, newest first."""

    def texts(self, number: int | None = None) -> dict[str, str]:
        """Return the data sets as version `number` has them (None: as the app shows them)."""

    def apply(
        self,
        changes: Mapping[str, str | None],
        *,
        based_on: int,
        editor: str,
        comment: str,
        restored_from: int | None = None,
    ) -> Version:
        """Make a new version with `changes` (None removes a data set), checked at `based_on`."""


def now_utc() -> dt.datetime:
    """Return the time a version is made, in UTC to the second."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def stale_version(latest: Version | None, based_on: int) -> StaleVersionError:
    """Say that another apply came in between, naming it."""
    params = {
        "checked": based_on,
        "latest": latest.number if latest else 0,
        "editor": latest.editor if latest else "",
        "made_at": latest.made_at.strftime("%Y-%m-%d %H:%M UTC") if latest else "",
    }
    return StaleVersionError(Problem("stale_version", params=params))


def next_version(
    current: Texts,
    changes: Mapping[str, str | None],
    number: int,
    *,
    editor: str,
    comment: str,
    restored_from: int | None = None,
) -> tuple[Version, dict[str, str]]:
    """Work out the version an apply makes, and the data sets as it leaves them."""
    new = {name: text for name, text in {**current, **changes}.items() if text is not None}
    written = tuple(name for name in DATA_SETS if new.get(name) != current.get(name))
    if not written:
        raise NothingChangedError(Problem("nothing_changed"))
    version = Version(
        number,
        now_utc(),
        editor,
        comment,
        *counts(current, new),
        checksum(new),
        written,
        restored_from,
    )
    return version, new


def found_version(number: int, editor: str, texts: Texts, recorded: Texts) -> Version:
    """Record data the app found unrecorded: as found at the first apply, or edited by hand.

    `recorded` is the data as the latest version had it (nothing before the first apply).
    """
    names = tuple(name for name in DATA_SETS if texts.get(name) != recorded.get(name))
    return Version(number, now_utc(), editor, "", *counts(recorded, texts), checksum(texts), names)
