# The living record of each partnership beside the registry: its changes of status
# (status.csv) and its contacts and joint work (activities.csv), read and checked against
# the registry; the status on a given day, the last known fact and the last contact.
# Both files are optional: where they are silent the app says "not recorded", never more.
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from utils.data.cells import PRECISIONS, check_date, check_id, parse_signed, rejects_row
from utils.data.problems import Problem
from utils.data.provenance import PROVENANCE_COLUMNS, check_provenance
from utils.data.reading import RawTable, read_rows
from utils.data.registry import (
    DOCUMENT_TYPE,
    HOME_ID,
    PARTNER_ID,
    SIGNED,
    SIGNED_PRECISION,
    SIGNED_START,
    with_home,
)

# status.csv: one row per change of status, oldest first, never overwritten.
STATUS = "status"
SINCE = "since"
SINCE_PRECISION = "since_precision"
DECIDED_BY = "decided_by"
DECISION_REF = "decision_ref"
NOTE_RU = "note_ru"
NOTE_EN = "note_en"
# Every row is a fact beyond the published table (which records no status or contact), so
# every row names its source (utils/data/provenance.py).
STATUS_COLUMNS = (
    PARTNER_ID, HOME_ID, STATUS, SINCE, SINCE_PRECISION, DECIDED_BY, DECISION_REF, NOTE_RU, NOTE_EN,
    *PROVENANCE_COLUMNS,
)  # fmt: skip
STATUS_REQUIRED = (PARTNER_ID, STATUS, SINCE, SINCE_PRECISION)
ACTIVE = "active"
SUSPENDED = "suspended"
TERMINATED = "terminated"
STATUSES = (ACTIVE, SUSPENDED, TERMINATED)
UNRECORDED = "unrecorded"  # no change of status recorded on or before the day in question
STATUS_CHOICES = (*STATUSES, UNRECORDED)
NOT_LIVE = (SUSPENDED, TERMINATED)  # a tie that no longer serves anything

# activities.csv: contacts and joint work.
DATE = "date"
DATE_PRECISION = "date_precision"
KIND = "kind"
TITLE_RU = "title_ru"
TITLE_EN = "title_en"
ACTIVITY_COLUMNS = (
    PARTNER_ID, HOME_ID, DATE, DATE_PRECISION, KIND, TITLE_RU, TITLE_EN, *PROVENANCE_COLUMNS,
)  # fmt: skip
ACTIVITY_REQUIRED = (PARTNER_ID, DATE, DATE_PRECISION, KIND, TITLE_RU)
CONTACT_KINDS = ("delegation_visit", "project", "event", "meeting", "correspondence", "other")
# What a source reports that is neither a contact nor a status: a party's announced intention
# (a plan, an expected delegation) and an announced end that no decision is recorded for.
ANNOUNCEMENT = "announcement"
ANNOUNCED_END = "announced_end"
NOT_CONTACTS = (ANNOUNCEMENT, ANNOUNCED_END)
ACTIVITY_KINDS = (*CONTACT_KINDS, *NOT_CONTACTS)

# Derived on loading: the first day of the day, month or year a row's date names.
START = "start"
# Columns of the last-fact table.
FACT_DATE = "fact_date"
FACT_PRECISION = "fact_precision"
FACT_KIND = "fact_kind"  # "document", "status" or "activity"
FACT_WHAT = "fact_what"  # the document's type, the status or the activity's kind
LINK = [HOME_ID, PARTNER_ID]


@dataclass(frozen=True)
class RecordSchema:
    """What a record file holds and the rules its rows follow."""

    columns: tuple[str, ...]
    required: tuple[str, ...]
    vocabularies: dict[str, tuple[str, ...]]
    dates: tuple[str, str]  # the date's column and its precision's column
    repeats: Callable[[dict], tuple]  # the part of a row that may not occur twice
    repeat_code: str  # the problem a repeat is
    after_first_document: bool  # may a row predate the partnership's first document?


STATUS_SCHEMA = RecordSchema(
    columns=STATUS_COLUMNS,
    required=STATUS_REQUIRED,
    vocabularies={STATUS: STATUSES, SINCE_PRECISION: PRECISIONS},
    dates=(SINCE, SINCE_PRECISION),
    repeats=lambda row: (row[PARTNER_ID], row[START]),  # two changes on one date
    repeat_code="same_day_status",
    after_first_document=True,
)
ACTIVITY_SCHEMA = RecordSchema(
    columns=ACTIVITY_COLUMNS,
    required=ACTIVITY_REQUIRED,
    vocabularies={KIND: ACTIVITY_KINDS, DATE_PRECISION: PRECISIONS},
    dates=(DATE, DATE_PRECISION),
    repeats=lambda row: (row[PARTNER_ID], row[DATE], row[KIND], row[TITLE_RU]),
    repeat_code="repeated_record",
    after_first_document=False,  # contacts often come before anything is signed
)


def _check_row(row: dict, schema: RecordSchema, today: dt.date) -> list[Problem]:
    """Check one row on its own: filled, ids, known values, a real past date, a web link."""
    line = row["_row"]
    problems = [
        Problem("missing_value", row=line, column=column)
        for column in schema.required
        if not row[column]
    ]
    problems += check_id(row, PARTNER_ID) + check_id(row, HOME_ID)
    for column, allowed in schema.vocabularies.items():
        if row[column] and row[column] not in allowed:
            params = {"value": row[column], "allowed": ", ".join(allowed)}
            problems.append(Problem("unknown_value", row=line, column=column, params=params))
    problems += check_date(row, *schema.dates, today)
    return problems + check_provenance(row, today)


def _cross_check(
    rows: list[dict], schema: RecordSchema, documents: pd.DataFrame, home_id: str
) -> list[Problem]:
    """Check rows against the registry and each other: known partner and home, no repeats."""
    first_document = documents.groupby(LINK, observed=True)[SIGNED_START].idxmin()
    firsts = {
        link: (documents.at[index, SIGNED_START], str(documents.at[index, SIGNED]))
        for link, index in first_document.items()
    }
    partners = set(documents[PARTNER_ID].astype(str))
    date_column = schema.dates[0]
    problems: list[Problem] = []
    seen: dict[tuple, int] = {}
    for row in rows:
        line, partner = row["_row"], row[PARTNER_ID]
        home = row[HOME_ID] or home_id
        if partner not in partners:
            params = {"value": partner}
            problems.append(Problem("unknown_partner", row=line, column=PARTNER_ID, params=params))
            continue
        if (home, partner) not in firsts:
            params = {"value": home, "partner_id": partner}
            problems.append(Problem("unknown_home", row=line, column=HOME_ID, params=params))
            continue
        first_start, first_date = firsts[(home, partner)]
        if schema.after_first_document and row[START] < first_start:
            params = {"value": row[date_column], "first": first_date}
            problems.append(
                Problem("before_first_document", row=line, column=date_column, params=params)
            )
        key = (home, *schema.repeats(row))
        if key in seen:
            problems.append(Problem(schema.repeat_code, row=line, params={"other_row": seen[key]}))
        else:
            seen[key] = line
    return problems


def load_record(
    source: Path | bytes | RawTable,
    schema: RecordSchema,
    documents: pd.DataFrame,
    home_id: str,
    today: dt.date,
) -> tuple[pd.DataFrame, list[Problem]]:
    """Read a record file: the rows that pass every check, and a problem for each other.

    `documents` is the registry (homes filled in) the rows are checked against; rows that
    name no home get `home_id`. A bad link only loses the link, not its row.
    """
    rows, problems = read_rows(source, schema.columns, schema.required)
    valid = []
    for row in rows or []:
        row_problems = _check_row(row, schema, today)
        problems.extend(row_problems)
        if not rejects_row(row_problems, row):
            row[START] = pd.Timestamp(parse_signed(row[schema.dates[0]], row[schema.dates[1]]))
            valid.append(row)
    cross_problems = _cross_check(valid, schema, documents, home_id)
    problems.extend(cross_problems)
    rejected = {problem.row for problem in cross_problems}
    kept = [row for row in valid if row["_row"] not in rejected]
    problems.sort(key=lambda problem: problem.row or 0)
    frame = pd.DataFrame(kept, columns=[*schema.columns, START])
    frame = frame.astype(dict.fromkeys(schema.columns, "string"))
    frame[START] = pd.to_datetime(frame[START]).astype("datetime64[ns]")
    frame = with_home(frame.sort_values(START, kind="stable").reset_index(drop=True), home_id)
    return frame, problems


def load_status(
    source: Path | bytes, documents: pd.DataFrame, home_id: str, today: dt.date
) -> tuple[pd.DataFrame, list[Problem]]:
    """Load the changes of status, checked on their own and against the registry."""
    return load_record(source, STATUS_SCHEMA, documents, home_id, today)


def load_activities(
    source: Path | bytes, documents: pd.DataFrame, home_id: str, today: dt.date
) -> tuple[pd.DataFrame, list[Problem]]:
    """Load the contacts and joint work, checked on their own and against the registry."""
    return load_record(source, ACTIVITY_SCHEMA, documents, home_id, today)


def empty_status() -> pd.DataFrame:
    """Return a status table with no changes: what a folder without status.csv has."""
    return _empty(STATUS_COLUMNS)


def empty_activities() -> pd.DataFrame:
    """Return an activities table with no rows: what a folder without activities.csv has."""
    return _empty(ACTIVITY_COLUMNS)


def _empty(columns: tuple[str, ...]) -> pd.DataFrame:
    frame = pd.DataFrame(columns=list(columns)).astype("string")
    frame[START] = pd.Series(dtype="datetime64[ns]")
    return frame


@dataclass(frozen=True, eq=False)
class Record:
    """The living record read as of a day: statuses and contacts on `day`, seen on `today`."""

    day: dt.date  # the view's date: statuses and contacts are those known by then
    today: dt.date  # anniversaries are counted from today
    changes: pd.DataFrame = field(default_factory=empty_status)
    activities: pd.DataFrame = field(default_factory=empty_activities)

    def on(self, day: dt.date) -> Record:
        """Return the same record read as of another day (a year of the growth playback)."""
        return Record(day, self.today, self.changes, self.activities)


def status_at(changes: pd.DataFrame, day: dt.date) -> pd.DataFrame:
    """Return each partnership's latest change of status on or before `day`."""
    latest = until(changes, day).groupby(LINK, sort=False).tail(1)  # the changes are in date order
    return latest.set_index(LINK)


def link_keys(frame: pd.DataFrame) -> list[tuple[str, str]]:
    """Return each row's partnership as (home, partner), the key the record is kept by."""
    return list(zip(frame[HOME_ID].astype(str), frame[PARTNER_ID].astype(str), strict=True))


def statuses_on(links: pd.DataFrame, changes: pd.DataFrame, day: dt.date) -> list[str]:
    """Return the status on `day` of each link (a home and a partner); UNRECORDED where none."""
    current = status_at(changes, day)[STATUS]
    found = dict(zip(current.index, current.astype(str), strict=True))
    return [found.get(link, UNRECORDED) for link in link_keys(links)]


def status_by_link(
    frame: pd.DataFrame, changes: pd.DataFrame, day: dt.date
) -> dict[tuple[str, str], str]:
    """Map each partnership of the rows to its status on `day`."""
    return dict(zip(link_keys(frame), statuses_on(frame, changes, day), strict=True))


def keep_statuses(
    documents: pd.DataFrame, changes: pd.DataFrame, day: dt.date, wanted: tuple[str, ...]
) -> pd.DataFrame:
    """Return the documents of the partnerships whose status on `day` is one of `wanted`."""
    if not wanted:
        return documents
    statuses = pd.Series(statuses_on(documents, changes, day), index=documents.index)
    return documents[statuses.isin(wanted)]


def _facts(frame: pd.DataFrame, date: str, precision: str, kind: str, what: str) -> pd.DataFrame:
    """Facts of one kind as (home, partner, start, date, precision, kind, what) rows."""
    return pd.DataFrame(
        {
            HOME_ID: frame[HOME_ID].astype(str).to_numpy(),
            PARTNER_ID: frame[PARTNER_ID].astype(str).to_numpy(),
            START: frame[SIGNED_START if kind == "document" else START].to_numpy(),
            FACT_DATE: frame[date].astype(str).to_numpy(),
            FACT_PRECISION: frame[precision].astype(str).to_numpy(),
            FACT_KIND: kind,
            FACT_WHAT: frame[what].astype(str).to_numpy(),
        }
    )


def last_facts(
    documents: pd.DataFrame, changes: pd.DataFrame, activities: pd.DataFrame
) -> pd.DataFrame:
    """Return each partnership's last known fact: a document, a change of status or an activity.

    Indexed by (home, partner); facts are ordered by the first day their date names, and
    on the same day a change of status comes after a document, an activity after both.
    """
    facts = pd.concat(
        [
            _facts(documents, SIGNED, SIGNED_PRECISION, "document", DOCUMENT_TYPE),
            _facts(changes, SINCE, SINCE_PRECISION, "status", STATUS),
            _facts(activities, DATE, DATE_PRECISION, "activity", KIND),
        ],
        ignore_index=True,
    )
    ordered = facts.sort_values(START, kind="stable")
    return ordered.groupby(LINK, sort=False).tail(1).set_index(LINK)


def contacts_only(activities: pd.DataFrame) -> pd.DataFrame:
    """Return the activities that are contacts: not an announcement reported by a source."""
    return activities[~activities[KIND].astype(str).isin(NOT_CONTACTS)]


def last_contacts(documents: pd.DataFrame, activities: pd.DataFrame) -> pd.DataFrame:
    """Return each partnership's last contact: its latest document or contact (not announcement)."""
    facts = pd.concat(
        [
            _facts(documents, SIGNED, SIGNED_PRECISION, "document", DOCUMENT_TYPE),
            _facts(contacts_only(activities), DATE, DATE_PRECISION, "activity", KIND),
        ],
        ignore_index=True,
    )
    return facts.sort_values(START, kind="stable").groupby(LINK, sort=False).tail(1).set_index(LINK)


def years_since(start: pd.Timestamp, day: dt.date) -> int:
    """Count the calendar years from a fact to `day`: a fact of 2016 is 10 years ago in 2026."""
    return day.year - start.year


def until(frame: pd.DataFrame, day: dt.date) -> pd.DataFrame:
    """Return the status changes or activities dated on or before `day`."""
    return frame[frame[START] <= pd.Timestamp(day)]


def latest_activity(activities: pd.DataFrame, day: dt.date) -> pd.DataFrame:
    """Return each partnership's latest activity on or before `day`, by (home, partner)."""
    return until(activities, day).groupby(LINK, sort=False).tail(1).set_index(LINK)


def partners_by_status(
    documents: pd.DataFrame, changes: pd.DataFrame, day: dt.date
) -> dict[str, int]:
    """Count the partnerships in each status on `day` (UNRECORDED too), in STATUS_CHOICES order."""
    links = documents.drop_duplicates(LINK)
    statuses = pd.Series(statuses_on(links, changes, day))
    return {status: int((statuses == status).sum()) for status in STATUS_CHOICES}
