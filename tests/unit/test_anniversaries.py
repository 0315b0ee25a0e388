# Round anniversaries at the precision of each document's date.
from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from utils.data.registry import PARTNER_ID, registry_frame
from utils.views.anniversaries import (
    ANNIVERSARY,
    YEARS,
    anniversaries_in,
    anniversary_years,
    coming_anniversaries,
)
from utils.views.tables import anniversaries_table


def one_document(signed: str, precision: str) -> pd.DataFrame:
    """A registry of one document signed on `signed` at `precision`."""
    row = {
        "partner_id": "p", "partner_ru": "П", "partner_local": "P", "partner_en": "P",
        "level": "city", "region_ru": "", "region_en": "", "country_code": "PL",
        "document_type": "cooperation_agreement", "document_title_ru": "С", "signed": signed,
        "signed_precision": precision, "source_text_ru": "", "_row": 2,
    }  # fmt: skip
    return registry_frame([row])


@pytest.mark.parametrize(
    ("signed", "precision", "today", "expected"),
    [
        # A day date: the anniversary is on that day; on the day itself it is still coming.
        (
            "2004-08-07",
            "day",
            "2029-08-07",
            [("2029-08-07", 25), ("2034-08-07", 30), ("2039-08-07", 35)],
        ),
        # ... and the day after, that one is past.
        ("2004-08-07", "day", "2029-08-08", [("2034-08-07", 30), ("2039-08-07", 35)]),
        # A month date gives a month: all of March 2029 counts as coming on 31 March.
        ("2009-03", "month", "2029-03-31", [("2029-03", 20), ("2034-03", 25), ("2039-03", 30)]),
        ("2009-03", "month", "2029-04-01", [("2034-03", 25), ("2039-03", 30)]),
        # A year date gives a year, coming until that year is over.
        ("2009", "year", "2029-12-31", [("2029", 20), ("2034", 25), ("2039", 30)]),
        ("2009", "year", "2030-01-01", [("2034", 25), ("2039", 30)]),
        # 29 February falls on the 28th in a common year.
        ("2008-02-29", "day", "2012-01-01", [("2013-02-28", 5), ("2018-02-28", 10)]),
        # A document signed this year has its first round anniversary in 5 years.
        ("2026-01-15", "day", "2026-11-26", [("2031-01-15", 5), ("2036-01-15", 10)]),
    ],
)
# The horizon is ten years: up to the end of today's year + 10.
def test_anniversary_at_the_dates_precision(signed, precision, today, expected):
    found = coming_anniversaries(
        one_document(signed, precision), dt.date.fromisoformat(today), horizon_years=10
    )
    assert list(zip(found[ANNIVERSARY], found[YEARS], strict=True)) == expected


def test_registry_anniversaries_on_26_november_2026(documents):
    found = coming_anniversaries(documents, dt.date(2026, 11, 26))
    assert anniversary_years(found) == [2029, 2030, 2031, 2034, 2035, 2036]
    in_2029 = anniversaries_in(found, 2029)
    assert list(zip(in_2029[PARTNER_ID], in_2029[YEARS], strict=True)) == [
        ("lepel", 20),  # a year-only date sorts at the start of its year
        ("bisztynek", 20),
        ("wolin", 20),
        ("braniewo", 25),
    ]
    # Every document appears twice within ten years (every 5 years), none more.
    assert found[PARTNER_ID].value_counts().to_dict()["braniewo"] == 4
    assert len(found) == 2 * len(documents)


def test_no_documents_no_anniversaries(documents):
    found = coming_anniversaries(documents.iloc[0:0], dt.date(2026, 11, 26))
    assert found.empty
    assert anniversary_years(found) == []


def test_anniversaries_table_in_russian(documents):
    found = anniversaries_in(coming_anniversaries(documents, dt.date(2026, 11, 26)), 2029)
    table = anniversaries_table(found, "ru")
    assert list(table.columns) == [
        "Юбилей", "Лет", "Партнёр", "Статус связей", "Страна", "Документ", "Дата подписания",
        "Источник",
    ]  # fmt: skip
    # Without a status column (no record read) the table says so, not "active".
    assert table.iloc[0].tolist() == [
        "2029 г.", 20, "г. Лепель", "статус не записан", "Беларусь",
        "Соглашение о сотрудничестве", "2009 г.", "опубликованная таблица администрации",
    ]  # fmt: skip
    assert table.iloc[1]["Юбилей"] == "март 2029"
