# The string catalogue, and names and dates from Babel in both languages.
from __future__ import annotations

import datetime as dt
import re

import pytest

from utils.i18n import (
    CATALOGUE,
    COUNTED,
    LANGUAGES,
    count_of,
    country_name,
    format_signed,
    is_country_code,
    month_names_ru,
    t,
)


def test_every_catalogue_entry_has_both_languages_and_the_same_fields():
    for key, texts in CATALOGUE.items():
        assert set(texts) == set(LANGUAGES), key
        fields = {lang: set(re.findall(r"{(\w+)}", text)) for lang, text in texts.items()}
        assert fields["ru"] == fields["en"], key


@pytest.mark.parametrize(
    ("signed", "precision", "lang", "expected"),
    [
        ("1991-10-14", "day", "ru", "14 октября 1991"),
        ("1991-10-14", "day", "en", "14 October 1991"),
        ("2009-03", "month", "ru", "март 2009"),  # stand-alone month name, not «марта»
        ("2009-03", "month", "en", "March 2009"),
        ("2009", "year", "ru", "2009 г."),
        ("2009", "year", "en", "2009"),
        ("2016-04-21", "day", "ru", "21 апреля 2016"),
        ("2024-02-29", "day", "en", "29 February 2024"),  # leap day
    ],
)
def test_dates_are_written_at_their_precision(signed, precision, lang, expected):
    assert format_signed(signed, precision, lang) == expected


@pytest.mark.parametrize(
    ("code", "lang", "expected"),
    [
        ("DE", "ru", "Германия"),
        ("LT", "ru", "Литва"),
        ("BY", "ru", "Беларусь"),
        ("PL", "en", "Poland"),
        ("SE", "en", "Sweden"),
        ("QQ", "en", "QQ"),  # unknown code: shown as it is rather than hidden
    ],
)
def test_country_names_come_from_babel(code, lang, expected):
    assert country_name(code, lang) == expected


@pytest.mark.parametrize(
    ("code", "valid"),
    [
        ("PL", True),
        ("XK", True),
        ("pl", False),
        ("EU", False),
        ("ZZ", False),
        ("POL", False),
        ("001", False),
        ("", False),
    ],
)
def test_is_country_code(code, valid):
    assert is_country_code(code) is valid


def test_month_names_in_both_grammatical_cases():
    months = month_names_ru()
    assert (months["марта"], months["март"], months["декабря"]) == (3, 3, 12)


def test_unknown_language_falls_back_to_russian():
    assert t("column.country", "de") == "Страна"
    assert t("registry.caption", "en", documents=1, partners=2, countries=3) == (
        "Documents: 1 · partners: 2 · countries: 3"
    )


@pytest.mark.parametrize(
    ("noun", "count", "lang", "expected"),
    [
        ("partners", 1, "ru", "1 партнёр"),
        ("partners", 2, "ru", "2 партнёра"),
        ("partners", 5, "ru", "5 партнёров"),
        ("partners", 11, "ru", "11 партнёров"),  # 11 is "many", though it ends in 1
        ("partners", 21, "ru", "21 партнёр"),  # 21 is "one" again
        ("partners", 22, "ru", "22 партнёра"),
        ("partners", 0, "ru", "0 партнёров"),
        ("documents", 1, "en", "1 document"),
        ("documents", 0, "en", "0 documents"),  # English: "other" for zero
        ("documents", 3, "en", "3 documents"),
        ("documents", 104, "ru", "104 документа"),
    ],
)
def test_counts_take_the_plural_form_of_their_language(noun, count, lang, expected):
    assert count_of(noun, count, lang) == expected


def test_every_counted_noun_has_every_plural_form_its_language_uses():
    for forms in COUNTED.values():
        assert set(forms["ru"]) == {"one", "few", "many", "other"}
        assert set(forms["en"]) == {"one", "other"}


@pytest.mark.parametrize("lang", ["ru", "en"])
@pytest.mark.parametrize("month", range(1, 13))
def test_dates_written_as_babel_writes_them(lang, month):
    # format_signed fills Babel's patterns from its month names (for speed); every month,
    # a one-digit and a two-digit day, must read exactly as babel.dates.format_date says.
    from babel.dates import format_date  # noqa: PLC0415

    for day in (1, 28):
        date = dt.date(2009, month, day)
        assert format_signed(date.isoformat(), "day", lang) == format_date(
            date, "d MMMM y", locale=lang
        )
    assert format_signed(f"2009-{month:02d}", "month", lang) == format_date(
        dt.date(2009, month, 1), "LLLL y", locale=lang
    )


def test_an_impossible_day_is_refused():
    with pytest.raises(ValueError, match="day is out of range"):
        format_signed("2010-02-31", "day", "ru")
