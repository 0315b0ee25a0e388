# Where the public record disagrees with the administration's published table, partner by
# partner, each with both sides and their sources: the list the administration needs to
# bring its page up to date. Only what the files say: a document the page lacks or dates
# later, a document the page names otherwise, an end announced or decided while the page
# lists the tie.
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from utils.data.provenance import ORIGIN, PUBLISHED
from utils.data.record import (
    ANNOUNCED_END,
    DATE,
    DATE_PRECISION,
    KIND,
    NOT_LIVE,
    TITLE_EN,
    TITLE_RU,
    status_at,
    until,
)
from utils.data.registry import (
    DOCUMENT_TYPE,
    HOME_ID,
    PARTNER_ID,
    SIGNED,
    SIGNED_PRECISION,
    SIGNED_START,
    SOURCE_TEXT_RU,
)
from utils.i18n import english_data, format_signed, t
from utils.views.record_lines import status_text
from utils.views.sources import Source, source_of
from utils.views.tables import partner_names

# The kinds of disagreement, in the order a partner's are listed.
DISAGREEMENTS = ("type", "earlier_start", "ended", "announced_end", "lacks_documents")


@dataclass(frozen=True)
class Claim:
    """What one side says: a text, and its source (None: the published table, by its cell)."""

    text: str
    source: Source | None = None
    cell: str = ""  # the published table's own words, for its side


@dataclass(frozen=True)
class Disagreement:
    """One point where a partner's public record and the published table differ."""

    partner_id: str
    partner: str  # its name in the reader's language
    kind: str  # one of DISAGREEMENTS
    page: Claim  # what the published table says
    others: tuple[Claim, ...]  # what the other sources say


def _document_claim(row: dict, lang: str) -> Claim:
    """A document as one side states it: its type and date, with its source or cell."""
    text = t(f"document_type.{row[DOCUMENT_TYPE]}", lang)
    date = format_signed(str(row[SIGNED]), str(row[SIGNED_PRECISION]), lang)
    cell = row.get(SOURCE_TEXT_RU)
    return Claim(f"{text}, {date}", source_of(row), cell if isinstance(cell, str) else "")


def _activity_claim(row: dict, lang: str) -> Claim:
    """An announcement as its source states it: its title and date."""
    title = (row[TITLE_EN] if english_data(lang) else "") or row[TITLE_RU]
    date = format_signed(str(row[DATE]), str(row[DATE_PRECISION]), lang)
    return Claim(f"{title}, {date}", source_of(row))


def _records(frame: pd.DataFrame) -> list[dict]:
    return frame.to_dict("records")


def partner_disagreements(
    page: pd.DataFrame,
    other: pd.DataFrame,
    *,
    restatements: pd.DataFrame,
    changes: pd.DataFrame,
    activities: pd.DataFrame,
    lang: str,
) -> list[tuple[str, Claim, tuple[Claim, ...]]]:
    """One partnership's disagreements as (kind, the page's claim, the others' claims).

    `page` and `other` are its documents from the published table and from other sources,
    oldest first; `changes` its changes of status and `activities` its activities.
    """
    if page.empty:
        return []  # a tie the page does not list cannot disagree with it
    found = []
    first, latest = _records(page.head(1))[0], _records(page.tail(1))[0]
    for restated in _records(restatements):
        same = page[page[SIGNED].astype(str) == str(restated[SIGNED])]
        if not same.empty:
            own = _document_claim(_records(same.head(1))[0], lang)
            found.append(("type", own, (_document_claim(restated, lang),)))
    earlier = other[other[SIGNED_START] < first[SIGNED_START]]
    if not earlier.empty:
        claims = tuple(_document_claim(row, lang) for row in _records(earlier))
        found.append(("earlier_start", _document_claim(first, lang), claims))
    latest_change = changes.tail(1)
    if not latest_change.empty and str(latest_change.iloc[0]["status"]) in NOT_LIVE:
        change = _records(latest_change)[0]
        claim = Claim(status_text(change, None, lang), source_of(change))
        found.append(("ended", _document_claim(latest, lang), (claim,)))
    ends = activities[activities[KIND].astype(str) == ANNOUNCED_END]
    if not ends.empty:
        claims = tuple(_activity_claim(row, lang) for row in _records(ends))
        found.append(("announced_end", _document_claim(latest, lang), claims))
    lacking = other[other[SIGNED_START] >= first[SIGNED_START]]
    if not lacking.empty:
        claims = tuple(_document_claim(row, lang) for row in _records(lacking))
        found.append(("lacks_documents", _document_claim(latest, lang), claims))
    return found


def disagreements(
    documents: pd.DataFrame,
    restatements: pd.DataFrame,
    *,
    changes: pd.DataFrame,
    activities: pd.DataFrame,
    day: dt.date,
    lang: str,
) -> list[Disagreement]:
    """Return every point where the record of the documents' partners disagrees with the page.

    Statuses and activities are those known by `day`; partners in order of joining.
    """
    if documents.empty:
        return []
    ordered = documents.sort_values(SIGNED_START, kind="stable")
    names = partner_names(ordered, lang)
    current = status_at(changes, day).reset_index()
    known = until(activities, day)
    listed = []
    for (home, partner), own in ordered.groupby([HOME_ID, PARTNER_ID], sort=False, observed=True):
        published = own[own[ORIGIN] == PUBLISHED]
        mine = (restatements[PARTNER_ID] == partner) & (restatements[HOME_ID] == home)
        change = current[(current[PARTNER_ID] == partner) & (current[HOME_ID] == home)]
        done = known[(known[PARTNER_ID] == partner) & (known[HOME_ID] == home)]
        for kind, page, others in partner_disagreements(
            published, own[own[ORIGIN] != PUBLISHED], restatements=restatements[mine],
            changes=change, activities=done, lang=lang,
        ):  # fmt: skip
            listed.append(Disagreement(str(partner), names[str(partner)], kind, page, others))
    return listed
