# What the app says about each partnership's living record, in the reader's language: its
# status with date, decision and source, its last contact, its next anniversary. The map's
# cards, the side panel, the Partners page and the print view all say these same lines.
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from utils.data.cells import is_web_url
from utils.data.provenance import SOURCE_URL
from utils.data.record import (
    DECIDED_BY,
    DECISION_REF,
    FACT_DATE,
    FACT_KIND,
    FACT_PRECISION,
    FACT_WHAT,
    KIND,
    NOTE_EN,
    NOTE_RU,
    SINCE,
    SINCE_PRECISION,
    START,
    STATUS,
    SUSPENDED,
    TERMINATED,
    TITLE_EN,
    TITLE_RU,
    UNRECORDED,
    Record,
    contacts_only,
    last_contacts,
    last_facts,
    latest_activity,
    link_keys,
    status_at,
    until,
    years_since,
)
from utils.data.registry import HOME_ID, PARTNER_ID, PARTNER_URL, SIGNED_PRECISION, SIGNED_START
from utils.i18n import count_of, english_data, format_signed, t
from utils.views.anniversaries import ANNIVERSARY, YEARS, coming_anniversaries
from utils.views.sources import Source

# What each line of a record is about, in the order a card shows them.
RECORD_LINES = ("status", "decision", "note", "last_contact", "anniversary", "site")


@dataclass(frozen=True)
class RecordLine:
    """One line of a partnership's record: what it is about, its text, and a link if any."""

    topic: str  # one of RECORD_LINES
    text: str
    url: str | None = None  # only ever an http(s) address
    source: Source | None = None  # where the fact comes from, if beyond the published table

    def label(self, lang: str) -> str:
        """Return the line's heading in `lang`."""
        return t(f"record.{self.topic}", lang)


def _url(value: object) -> str | None:
    """Return a link only if it is an http(s) address; anything else is never linked."""
    return value if is_web_url(value) else None


def _text(value: object) -> str:
    """Return a cell's text, or "" for a missing one."""
    return value if isinstance(value, str) else ""


def status_text(change: dict | None, last_fact: dict | None, lang: str) -> str:
    """Say a status with its date («приостановлено с апреля 2022»), or that none is recorded."""
    if change is None:
        if last_fact is None:
            return t("status.unrecorded", lang)
        date = format_signed(last_fact[FACT_DATE], last_fact[FACT_PRECISION], lang)
        return t("record.unrecorded", lang, date=date)
    since = format_signed(change[SINCE], change[SINCE_PRECISION], lang, governed=True)
    return t("record.status_since", lang, status=t(f"status.{change[STATUS]}", lang), date=since)


def _decision(change: dict) -> str:
    """Name the decision behind a change: who decided and the reference, as far as recorded."""
    ref = _text(change[DECISION_REF])
    parts = [_text(change[DECIDED_BY]), f"№ {ref}" if ref else ""]
    return ", ".join(part for part in parts if part)


def _contact_text(contact: dict, activity: dict | None, day: dt.date, lang: str) -> str:
    """Say the last contact: what it was, when, and how long ago."""
    date = format_signed(contact[FACT_DATE], contact[FACT_PRECISION], lang)
    ago = _ago(years_since(contact[START], day), lang)
    if activity is not None:
        title = _text(activity[TITLE_EN]) if english_data(lang) else ""
        what = f"{t(f'activity.{activity[KIND]}', lang)}: {title or activity[TITLE_RU]}"
    else:
        what = t(f"document_type.{contact[FACT_WHAT]}", lang)
    return f"{what}, {date} ({ago})"


@lru_cache(maxsize=256)  # thousands of cards, a few dozen distinct spans
def _ago(years: int, lang: str) -> str:
    """Say how long ago, in calendar years: «10 лет назад», "this year"."""
    if not years:
        return t("record.this_year", lang)
    return count_of("years_ago", years, lang)


def _anniversary_text(anniversary: dict | None, status: str, lang: str) -> str | None:
    """Say the next round anniversary, unless the tie has ended; flag a suspended one."""
    if status == TERMINATED:
        return t("record.not_proposed", lang)
    if anniversary is None:
        return None
    date = format_signed(anniversary[ANNIVERSARY], anniversary[SIGNED_PRECISION], lang)
    text = t(
        "record.anniversary_on", lang, years=count_of("years", anniversary[YEARS], lang), date=date
    )
    return f"{text} ({t('record.suspended_flag', lang)})" if status == SUSPENDED else text


def _by_link(frame: pd.DataFrame, columns: tuple[str, ...]) -> dict[tuple[str, str], dict]:
    """Index a table's rows by (home, partner) as dicts of the columns a card reads.

    Column by column: to_dict over every column of 26,000 rows took a second.
    """
    homes = frame.index.get_level_values(0).astype(str).tolist()
    partners = frame.index.get_level_values(1).astype(str).tolist()
    values = [frame[column].tolist() for column in columns]
    return {
        link: dict(zip(columns, row, strict=True))
        for link, row in zip(
            zip(homes, partners, strict=True), zip(*values, strict=True), strict=True
        )
    }


CHANGE_COLUMNS = (
    STATUS,
    SINCE,
    SINCE_PRECISION,
    DECIDED_BY,
    DECISION_REF,
    SOURCE_URL,
    NOTE_RU,
    NOTE_EN,
)
FACT_COLUMNS = (START, FACT_DATE, FACT_PRECISION, FACT_KIND, FACT_WHAT)
ACTIVITY_COLUMNS_READ = (KIND, TITLE_RU, TITLE_EN, SOURCE_URL)
ANNIVERSARY_COLUMNS = (ANNIVERSARY, SIGNED_PRECISION, YEARS)


def record_lines(
    links: pd.DataFrame, documents: pd.DataFrame, record: Record, lang: str
) -> dict[tuple[str, str], list[RecordLine]]:
    """Return the record of each link (rows with home_id, partner_id) as of its day, in `lang`.

    Only what the files say: a status from a recorded change, a contact from a document or
    an activity, an anniversary from a document's date at its precision.
    """
    changes, activities, day = record.changes, record.activities, record.day
    anniversaries = coming_anniversaries(documents, record.today)
    known_documents = documents[documents[SIGNED_START] <= pd.Timestamp(day)]
    known_activities = until(activities, day)
    current = _by_link(status_at(changes, day), CHANGE_COLUMNS)
    facts = _by_link(
        last_facts(known_documents, until(changes, day), known_activities), FACT_COLUMNS
    )
    contacts = _by_link(last_contacts(known_documents, known_activities), FACT_COLUMNS)
    latest = _by_link(latest_activity(contacts_only(activities), day), ACTIVITY_COLUMNS_READ)
    nearest = anniversaries.groupby([HOME_ID, PARTNER_ID], sort=False).head(1)
    coming = _by_link(nearest.set_index([HOME_ID, PARTNER_ID]), ANNIVERSARY_COLUMNS)
    sites = {
        str(partner): url
        for partner, url in zip(documents[PARTNER_ID], documents.get(PARTNER_URL, []), strict=False)
        if _url(url)
    }
    records: dict[tuple[str, str], list[RecordLine]] = {}
    for link in link_keys(links):
        change = current.get(link)
        status = change[STATUS] if change is not None else UNRECORDED
        lines = [RecordLine("status", status_text(change, facts.get(link), lang))]
        if change is not None and (_decision(change) or _url(change[SOURCE_URL])):
            lines.append(RecordLine("decision", _decision(change), _url(change[SOURCE_URL])))
        note = change and _text(change[NOTE_EN if english_data(lang) else NOTE_RU])
        if note:
            lines.append(RecordLine("note", note))
        contact = contacts.get(link)
        if contact is not None:
            activity = latest.get(link) if contact[FACT_KIND] == "activity" else None
            url = _url(activity[SOURCE_URL]) if activity else None
            lines.append(
                RecordLine("last_contact", _contact_text(contact, activity, day, lang), url)
            )
        anniversary = _anniversary_text(coming.get(link), status, lang)
        if anniversary:
            lines.append(RecordLine("anniversary", anniversary))
        if link[1] in sites:
            lines.append(RecordLine("site", sites[link[1]], sites[link[1]]))
        records[link] = lines
    return records


def partner_record(
    documents: pd.DataFrame, partner_id: str, record: Record, lang: str
) -> list[RecordLine]:
    """Return one partner's record lines (of its first partnership), as the map's card says."""
    # Only this partner's documents: the whole registry's anniversaries and facts would be
    # worked out again on every rerun of the map page.
    own = documents[documents[PARTNER_ID] == partner_id]
    if own.empty:
        return []
    first = own.head(1)
    return record_lines(first, own, record, lang)[link_keys(first)[0]]
