# Anniversaries as iCalendar: each file parsed back by a real parser (icalendar, PyPI).
from __future__ import annotations

import datetime as dt

import icalendar

from tests.helpers.data import LIVING_TODAY
from utils.ics import anniversaries_ics
from utils.views.anniversaries import (
    anniversaries_in,
    coming_anniversaries,
    proposed,
    with_statuses,
)


def events(data: bytes) -> list:
    calendar = icalendar.Calendar.from_ical(data)
    return list(calendar.walk("VEVENT"))


def test_each_anniversary_is_an_all_day_event_at_its_precision(living):
    documents, record = living
    coming = with_statuses(
        coming_anniversaries(documents, LIVING_TODAY), record.changes, LIVING_TODAY
    )
    found = events(anniversaries_ics(anniversaries_in(proposed(coming), 2029), "en", LIVING_TODAY))
    by_summary = {str(event["SUMMARY"]): event for event in found}
    assert sorted(by_summary) == [
        "20 years: Cooperation agreement with Bisztynek",
        "20 years: Cooperation agreement with Lepel",
        "20 years: Cooperation agreement with Wolin",
        "25 years: Protocol of intent with Braniewo Urban Commune",
    ]
    wolin = by_summary["20 years: Cooperation agreement with Wolin"]
    assert wolin["DTSTART"].dt == dt.date(2029, 7, 31)  # a day: the day itself
    assert wolin["DTEND"].dt == dt.date(2029, 8, 1)
    assert str(wolin["DESCRIPTION"]) == "Signed: 31 July 2009."
    # Known only to the year: a note on the year's first day, and its text says so.
    lepel = by_summary["20 years: Cooperation agreement with Lepel"]
    assert lepel["DTSTART"].dt == dt.date(2029, 1, 1)
    assert "known only to the year" in str(lepel["DESCRIPTION"])
    bisztynek = by_summary["20 years: Cooperation agreement with Bisztynek"]
    assert bisztynek["DTSTART"].dt == dt.date(2029, 3, 1)
    assert "known only to the month" in str(bisztynek["DESCRIPTION"])
    assert len({str(event["UID"]) for event in found}) == 4  # each its own, stable


def test_a_suspended_tie_is_flagged_and_an_ended_one_left_out(living):
    documents, record = living
    coming = with_statuses(
        coming_anniversaries(documents, LIVING_TODAY), record.changes, LIVING_TODAY
    )
    found = events(anniversaries_ics(proposed(coming), "ru", LIVING_TODAY))
    summaries = [str(event["SUMMARY"]) for event in found]
    assert (
        "40 лет: Соглашение о сотрудничестве — Крайс Пиннеберг (связи приостановлены)" in summaries
    )
    assert not any("Мрангово" in summary for summary in summaries)  # ended in 2022


def test_text_with_commas_semicolons_and_long_lines_survives(documents):
    hostile = documents.head(1).assign(
        partner_en="A, B; C\\D " + "Ä" * 80, partner_id="x", home_id="h"
    )
    coming = coming_anniversaries(hostile, dt.date(2026, 1, 1))
    data = anniversaries_ics(coming.head(1), "en", dt.date(2026, 1, 1))
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))  # folded, in octets
    (event,) = events(data)
    assert str(event["SUMMARY"]).endswith("A, B; C\\D " + "Ä" * 80)
