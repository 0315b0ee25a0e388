# The string catalogues (gettext .po files, one per language), and names and dates from
# Babel in every language.
from __future__ import annotations

import datetime as dt
import re

import pytest
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po

from utils.i18n import (
    CATALOGUE,
    LANGUAGES,
    LOCALES_DIR,
    count_of,
    country_name,
    format_signed,
    is_country_code,
    language_name,
    month_names_ru,
    t,
)


def test_every_catalogue_entry_has_every_language_and_the_same_fields():
    for key, texts in CATALOGUE.items():
        assert set(texts) == set(LANGUAGES), key
        fields = {lang: set(re.findall(r"{(\w+)}", text)) for lang, text in texts.items()}
        for lang in LANGUAGES:
            assert fields[lang] == fields["ru"], (key, lang)
            assert texts[lang].strip(), (key, lang)  # an empty msgstr is an untranslated one


def counted_entries(lang: str) -> dict[str, tuple[str, ...]]:
    """The catalogue's plural entries ("count.<noun>"): their forms, in gettext's order."""
    with (LOCALES_DIR / lang / "LC_MESSAGES" / "messages.po").open("rb") as file:
        catalog = read_po(file, locale=lang)
    return {m.id[0]: tuple(m.string) for m in catalog if m.id and m.pluralizable}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_counted_phrases_are_gettext_plurals_with_the_languages_forms(lang):
    # Each catalogue's Plural-Forms is its language's own (Babel's table: three forms for
    # Russian, Polish and Lithuanian, two for English and German), and every counted phrase
    # fills every form with the number in it; every language counts the same phrases.
    with (LOCALES_DIR / lang / "LC_MESSAGES" / "messages.po").open("rb") as file:
        catalog = read_po(file, locale=lang)
    rule = get_plural(lang)
    assert (catalog.num_plurals, catalog.plural_expr) == (rule.num_plurals, rule.plural_expr)
    entries = counted_entries(lang)
    assert set(entries) == set(counted_entries("ru"))
    for key, forms in entries.items():
        assert len(forms) == rule.num_plurals, (key, lang)
        assert all("{n}" in form for form in forms), (key, lang)


@pytest.mark.parametrize(
    ("lang", "counts"),
    [
        ("pl", {1: "1 partner", 2: "2 partnerów", 5: "5 partnerów", 22: "22 partnerów"}),
        ("lt", {1: "1 partneris", 2: "2 partneriai", 10: "10 partnerių", 21: "21 partneris"}),
        ("de", {1: "1 Partner", 3: "3 Partner"}),
        ("ru", {1: "1 партнёр", 3: "3 партнёра", 11: "11 партнёров", 21: "21 партнёр"}),
    ],
)
def test_counts_take_the_languages_plural_forms(lang, counts):
    assert {n: count_of("partners", n, lang) for n in counts} == counts


@pytest.mark.parametrize(
    ("lang", "years", "expected"),
    [
        ("de", 10, "vor 10 Jahren"),  # dative after "vor": a phrase of its own per count
        ("pl", 2, "2 lata temu"),
        ("lt", 10, "prieš 10 metų"),
        ("ru", 5, "5 лет назад"),
    ],
)
def test_how_long_ago_in_each_language(lang, years, expected):
    assert count_of("years_ago", years, lang) == expected


def test_the_catalogues_are_gettext_files_a_translator_can_open():
    # Every language's file reads with Babel's gettext reader, names its language, and has
    # exactly the keys of the template (locales/messages.pot) a new language starts from.
    def keys(catalog) -> set[str]:
        return {m.id[0] if m.pluralizable else m.id for m in catalog if m.id}

    template = keys(read_po((LOCALES_DIR / "messages.pot").open("rb")))
    for lang in LANGUAGES:
        with (LOCALES_DIR / lang / "LC_MESSAGES" / "messages.po").open("rb") as file:
            catalog = read_po(file)
        assert str(catalog.locale) == lang
        assert keys(catalog) == template, lang
    assert {path.name for path in LOCALES_DIR.iterdir() if path.is_dir()} == set(LANGUAGES)


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
        # Other languages write dates in their own CLDR patterns, in their own order.
        ("2009-07-31", "day", "de", "31. Juli 2009"),
        ("2009-07-31", "day", "pl", "31 lipca 2009"),
        ("2009-07-31", "day", "lt", "2009 m. liepos 31 d."),
        ("2009-03", "month", "pl", "marzec 2009"),  # stand-alone, as «март 2009»
        ("2009-03", "month", "lt", "2009 m. kovas"),
        ("2009", "year", "lt", "2009 m."),
        ("2009", "year", "de", "2009"),
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
    assert t("column.country", "fi") == "Страна"
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


def test_a_phrase_no_catalogue_counts_is_an_error_not_its_key():
    with pytest.raises(KeyError, match=r"count\.apples"):
        count_of("apples", 3, "en")


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


@pytest.mark.parametrize(
    ("signed", "precision", "lang", "expected"),
    [
        ("2022-04", "month", "ru", "апреля 2022"),  # «с апреля 2022»
        ("2022-04", "month", "pl", "kwietnia 2022"),  # «od kwietnia 2022»
        ("2022-04", "month", "lt", "2022 m. balandžio"),  # «nuo 2022 m. balandžio»
        ("2022-04", "month", "de", "April 2022"),  # «seit April 2022»
    ],
)
def test_a_date_after_a_preposition_takes_the_inflected_month(signed, precision, lang, expected):
    assert format_signed(signed, precision, lang, governed=True) == expected


def test_each_language_is_named_in_itself():
    assert [language_name(code) for code in LANGUAGES] == [
        "Русский", "English", "Polski", "Deutsch", "Lietuvių",
    ]  # fmt: skip
