# The living record (utils/data/record.py, record_text.py, profiles.py): the status on a day,
# the last known fact, the last contact and dormancy, the cards' lines, and links.
from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from tests.helpers.data import LIVING_TODAY
from utils.data.cells import is_web_url
from utils.data.record import (
    FACT_DATE,
    FACT_KIND,
    Record,
    last_contacts,
    last_facts,
    partners_by_status,
    status_at,
    statuses_on,
    years_since,
)
from utils.views.profiles import partner_profiles, silence_text, sorted_profiles
from utils.views.record_lines import partner_record

HOME = "zelenogradsk"


@pytest.mark.parametrize(
    ("day", "braniewo", "pinneberg", "mragowo"),
    [
        (dt.date(2022, 3, 14), "unrecorded", "active", "unrecorded"),  # the day before
        (dt.date(2022, 3, 15), "terminated", "active", "unrecorded"),  # on the day itself
        # "since April 2022" (to the month) counts from the month's first day.
        (dt.date(2022, 4, 1), "terminated", "suspended", "unrecorded"),
        (dt.date(2024, 4, 30), "terminated", "suspended", "terminated"),
        (dt.date(2024, 5, 1), "active", "suspended", "terminated"),  # resumed
        (LIVING_TODAY, "active", "suspended", "terminated"),
    ],
)
def test_status_on_a_day_is_the_latest_change_by_then(living, day, braniewo, pinneberg, mragowo):
    _, record = living
    links = pd.DataFrame(
        {"home_id": [HOME] * 3, "partner_id": ["braniewo", "pinneberg", "mragowo"]}
    )
    assert statuses_on(links, record.changes, day) == [braniewo, pinneberg, mragowo]


def test_status_at_keeps_the_whole_change(living):
    _, record = living
    change = status_at(record.changes, LIVING_TODAY).loc[(HOME, "braniewo")]
    assert (change["since"], change["decided_by"]) == ("2024-05", "Rada Miejska w Braniewie")


def test_counts_by_status(living):
    documents, record = living
    assert partners_by_status(documents, record.changes, LIVING_TODAY) == {
        "active": 2, "suspended": 1, "terminated": 1, "unrecorded": 6,
    }  # fmt: skip
    # Before any change was recorded, every tie is unrecorded, not active.
    assert partners_by_status(documents, record.changes, dt.date(1990, 1, 1))["unrecorded"] == 10


def test_last_known_fact_of_each_kind(living):
    documents, record = living
    facts = last_facts(documents, record.changes, record.activities)
    assert facts.loc[(HOME, "braniewo"), [FACT_DATE, FACT_KIND]].tolist() == ["2025", "activity"]
    assert facts.loc[(HOME, "pinneberg"), [FACT_DATE, FACT_KIND]].tolist() == ["2022-04", "status"]
    assert facts.loc[(HOME, "mragowo"), [FACT_DATE, FACT_KIND]].tolist() == [
        "2022-04-27", "status",
    ]  # fmt: skip
    assert facts.loc[(HOME, "lepel"), [FACT_DATE, FACT_KIND]].tolist() == ["2009", "document"]


def test_last_contact_is_a_document_or_an_activity_never_a_decision(living):
    documents, record = living
    contacts = last_contacts(documents, record.activities)
    # Pinneberg was suspended in 2022, but its last contact was the letters of 2016.
    assert contacts.loc[(HOME, "pinneberg"), FACT_DATE] == "2016-09"
    assert contacts.loc[(HOME, "wolin"), FACT_DATE] == "2009-07-31"


@pytest.mark.parametrize(
    ("start", "day", "years"),
    [
        ("2016-09-01", dt.date(2026, 11, 26), 10),
        ("2016-12-31", dt.date(2026, 1, 1), 10),  # calendar years: a year-only fact allows no more
        ("2026-01-01", dt.date(2026, 11, 26), 0),  # this year
    ],
)
def test_years_since(start, day, years):
    assert years_since(pd.Timestamp(start), day) == years


def test_card_lines_for_each_status(living):
    documents, record = living
    pinneberg = partner_record(documents, "pinneberg", record, "en")
    assert [(line.topic, line.text, line.url) for line in pinneberg] == [
        ("status", "suspended since April 2022", None),
        ("decision", "Kreistag Pinneberg", "https://example.org/pinneberg/kreistag-2022"),
        ("note", "Ties put on ice without ending them", None),
        ("last_contact",
         "correspondence: Letters on a youth exchange, September 2016 (10 years ago)",
         "https://example.org/pinneberg/2016-09"),
        ("anniversary", "40 years: 14 October 2031 (the tie is suspended)", None),
    ]  # fmt: skip
    mragowo = {line.topic: line.text for line in partner_record(documents, "mragowo", record, "ru")}
    assert mragowo["status"] == "прекращено с 27 апреля 2022"
    assert mragowo["decision"] == "Rada Miejska w Mrągowie, № XL/456/22"
    assert mragowo["anniversary"] == "не предлагается: связи прекращены"
    lepel = {line.topic: line.text for line in partner_record(documents, "lepel", record, "ru")}
    assert lepel["status"] == "статус не записан; последний известный факт — 2009 г."
    neringa = partner_record(documents, "neringa", record, "en")
    assert (neringa[-1].topic, neringa[-1].url) == ("site", "https://example.org/neringa")


def test_card_lines_as_of_an_earlier_day(living):
    documents, record = living
    # At the end of 2021 nothing had been decided: Braniewo's last contact was in 2018.
    earlier = partner_record(documents, "braniewo", record.on(dt.date(2021, 12, 31)), "en")
    assert earlier[0].text == "no status recorded; last known fact 12 May 2018"
    assert earlier[1].text == "meeting: Mayors' meeting in Braniewo, 12 May 2018 (3 years ago)"


def test_without_a_record_nothing_is_claimed(documents):
    record = Record(LIVING_TODAY, LIVING_TODAY)
    frame = documents.assign(home_id=HOME)
    lines = partner_record(frame, "wolin", record, "en")
    assert [line.text for line in lines[:2]] == [
        "no status recorded; last known fact 31 July 2009",
        "Cooperation agreement, 31 July 2009 (17 years ago)",
    ]


def test_partner_profiles_sorted_longest_without_a_recorded_contact_first(living, coords):
    documents, record = living
    profiles = partner_profiles(documents, coords, record, "en")
    assert [p.partner_id for p in profiles][:3] == ["pinneberg", "neringa", "braniewo"]
    quiet = sorted_profiles(profiles, "quiet")
    assert [p.partner_id for p in quiet][:2] == ["lepel", "bisztynek"]
    assert quiet[-1].partner_id == "neringa"
    # What the files hold, said plainly and without a judgement on the tie.
    assert silence_text(quiet[0], "ru") == "Контактов после 2009 года не записано."
    assert silence_text(quiet[0], "de") == "Nach 2009 ist kein Kontakt erfasst."
    assert silence_text(quiet[-1], "en") is None  # a contact last year needs no word
    braniewo = next(p for p in profiles if p.partner_id == "braniewo")
    assert braniewo.document_links == (None, "https://example.org/braniewo/treaty-2010")
    assert [line.text for line in braniewo.history] == [
        "ended since 15 March 2022", "active since May 2024",
    ]  # fmt: skip
    # Each change of status and each activity names its source.
    assert [line.source.url for line in braniewo.history] == [
        "https://example.org/braniewo/uchwala-2022", "https://example.org/braniewo/2024",
    ]  # fmt: skip
    assert braniewo.history[0].source.publisher == "Rada Miejska w Braniewie"
    assert len(braniewo.activities) == 2
    assert sorted_profiles(profiles, "name")[0].card.name == "Bisztynek"


@pytest.mark.parametrize(
    ("value", "is_link"),
    [
        ("https://example.org/a?b=c#d", True),
        ("HTTP://EXAMPLE.ORG", True),
        ("javascript:alert(1)", False),  # would run in the page
        ("JAVASCRIPT:alert(1)", False),
        ("data:text/html;base64,PHNjcmlwdD4=", False),
        ("ftp://example.org/x", False),
        ("https://", False),  # no host
        ("https://exa mple.org", False),  # a space ends an address
        ("//example.org", False),  # protocol-relative: which protocol is not said
        ("", False),
        (None, False),
    ],
)
def test_only_http_addresses_are_links(value, is_link):
    assert is_web_url(value) is is_link
