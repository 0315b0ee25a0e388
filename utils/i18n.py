# The interface's texts in each language (gettext catalogues under locales/), and names
# and dates from Babel.
from __future__ import annotations

import datetime as dt
import gettext
import io
import os
from functools import cache, lru_cache
from pathlib import Path

from babel import Locale
from babel.dates import format_date
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

# The data holds names, regions and notes in Russian and English: every language but
# Russian reads the English ones (a Polish reader gets "Warmian-Masurian Voivodeship").
RUSSIAN_DATA_LANGUAGES = ("ru",)
# Languages a data file may give a column of their own (region_pl, name_de), read before
# the English one where it is filled.
OWN_COLUMN_LANGUAGES = ("pl", "de", "lt")


def own_columns(column_stem: str) -> dict[str, str]:
    """Name the optional columns of `column_stem` in each language that may have its own."""
    return {lang: f"{column_stem}_{lang}" for lang in OWN_COLUMN_LANGUAGES}

# The catalogues' folder; PARTNERS_LOCALES_DIR points the app at another one (a translator
# previewing a catalogue, the pseudo-localised test run).
LOCALES_DIR = Path(
    os.environ.get("PARTNERS_LOCALES_DIR", Path(__file__).resolve().parent.parent / "locales")
)
COUNT_PREFIX = "count."  # "count.<noun>.<CLDR plural category>"


def _languages() -> tuple[str, ...]:
    """Read the interface's languages, in order, from locales/LINGUAS (gettext's list)."""
    lines = (LOCALES_DIR / "LINGUAS").read_text(encoding="utf-8").splitlines()
    return tuple(line.strip() for line in lines if line.strip() and not line.startswith("#"))


LANGUAGES = _languages()
DEFAULT_LANGUAGE = LANGUAGES[0]


def _read_catalogue(lang: str) -> Catalog:
    """Read a language's gettext catalogue (locales/<lang>/LC_MESSAGES/messages.po)."""
    path = LOCALES_DIR / lang / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as file:
        return read_po(file, locale=lang)


def _translations(catalog: Catalog) -> gettext.GNUTranslations:
    """Compile a catalogue in memory into Python's gettext, which chooses plural forms."""
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


def _catalogues() -> tuple[dict[str, dict[str, str]], dict[str, gettext.GNUTranslations]]:
    """Return the interface's texts by key and language, and each language's gettext."""
    texts: dict[str, dict[str, str]] = {}
    translations: dict[str, gettext.GNUTranslations] = {}
    for lang in LANGUAGES:
        catalog = _read_catalogue(lang)
        for message in catalog:
            if message.id and not message.pluralizable:
                texts.setdefault(message.id, {})[lang] = message.string
        translations[lang] = _translations(catalog)
    return texts, translations


# Every string the interface and the command-line reports show, in each language
# (locales/<lang>/LC_MESSAGES/messages.po). The counted phrases ("count.<noun>") are
# gettext plural entries, chosen by each catalogue's Plural-Forms: Russian has three
# (1 партнёр, 2 партнёра, 5 партнёров); nowhere "partner(s)".
CATALOGUE, TRANSLATIONS = _catalogues()


@lru_cache(maxsize=4096)
def count_of(noun: str, count: int, lang: str) -> str:
    """Say `count` of a counted noun in `lang`, in the plural form its language chooses."""
    lang = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
    key = COUNT_PREFIX + noun
    text = TRANSLATIONS[lang].ngettext(key, key, count)
    if text == key:  # gettext gives the key back for a phrase the catalogue lacks
        raise KeyError(key)
    return text.format(n=count)


def english_data(lang: str) -> bool:
    """Tell whether a language reads the data's English columns rather than the Russian."""
    return lang not in RUSSIAN_DATA_LANGUAGES


@cache
def language_name(code: str) -> str:
    """Return a language's name in itself, from Babel: Русский, Polski, Deutsch, Lietuvių."""
    return first_upper(_locale(code).get_display_name(code))


def first_upper(text: str) -> str:
    """Capitalise a text's first letter only: «Kein Stand erfasst», not «Kein stand erfasst»."""
    return text[:1].upper() + text[1:]


def t(key: str, lang: str, **params: object) -> str:
    """Return the catalogue string `key` in `lang`, with `params` filled in."""
    text = CATALOGUE[key][lang if lang in LANGUAGES else DEFAULT_LANGUAGE]
    if not params:
        return text
    # A value that ends with its own full stop («2009 г.», «gruodžio 2 d.») before the
    # sentence's: one stop, not «2009 г..».
    for name, value in params.items():
        if isinstance(value, str) and value.endswith(".") and f"{{{name}}}." in text:
            text = text.replace(f"{{{name}}}.", f"{{{name}}}")
    return text.format(**params)


@cache
def _locale(lang: str) -> Locale:
    """Return Babel's locale for a language (parsing it is not free: once per language)."""
    return Locale.parse(lang)


def country_name(code: str, lang: str) -> str:
    """Return the country's name for an ISO 3166-1 alpha-2 code, from Babel's CLDR data."""
    return _locale(lang).territories.get(code, code)


def is_country_code(code: str) -> bool:
    """Tell whether `code` is a two-letter country code that CLDR knows."""
    return len(code) == 2 and code.isalpha() and code.isupper() and code in _TERRITORIES


@cache
def _month_names(lang: str, context: str) -> dict[int, str]:
    """Return CLDR's wide month names in a context: "format" (in a date) or "stand-alone"."""
    return dict(_locale(lang).months[context]["wide"])


@lru_cache(maxsize=65536)  # the same dates recur over thousands of cards
def format_signed(signed: str, precision: str, lang: str, *, governed: bool = False) -> str:
    """Write a signing date at its precision: «14 октября 1991», «март 2009», «2009 г.».

    `governed`: the date follows a preposition, so a month takes its inflected form
    («с апреля 2022», not «с апрель 2022»; «od kwietnia 2022»).

    For Russian and English the patterns "d MMMM y" and "LLLL y" (the stand-alone name:
    «март 2009», not «марта 2009») are filled from Babel's month names directly (tests check
    they agree with format_date). Other languages take CLDR's own patterns, whose order
    differs: "31. Juli 2009", "2009 m. liepos 31 d.".
    """
    parts = [int(part) for part in signed.split("-")]
    if precision == "year":
        return t("date.year", lang, year=parts[0])
    if lang not in _OWN_PATTERNS:
        return _cldr_date(dt.date(*[*parts, 1, 1][:3]), precision, lang, governed=governed)
    if precision == "month":
        context = "format" if governed else "stand-alone"
        return f"{_month_names(lang, context)[parts[1]]} {parts[0]}"
    dt.date(*parts)  # an impossible day raises ValueError, as format_date did
    return f"{parts[2]} {_month_names(lang, 'format')[parts[1]]} {parts[0]}"


_OWN_PATTERNS = ("ru", "en")  # the languages whose date patterns are written above


def _cldr_date(date: dt.date, precision: str, lang: str, *, governed: bool) -> str:
    """Write a day or a month in a language's own CLDR pattern."""
    if precision == "day":
        return format_date(date, "long", locale=lang)
    pattern = _locale(lang).datetime_skeletons["yMMMM"].pattern
    # L is the month's stand-alone name (kwiecień), M the one inside a phrase (od kwietnia).
    pattern = pattern.replace("L", "M") if governed else pattern.replace("M", "L")
    return format_date(date, pattern, locale=lang)


def format_date_long(date: dt.date, lang: str) -> str:
    """Write a full date in words: «26 ноября 2026», "26 November 2026", "26. November 2026"."""
    if lang not in _OWN_PATTERNS:
        return format_date(date, "long", locale=lang)
    return format_date(date, "d MMMM y", locale=lang)


def month_names_ru() -> dict[str, int]:
    """Map every Russian month name Babel knows (both cases, lower-case) to its number."""
    months = Locale.parse("ru").months
    names: dict[str, int] = {}
    for context in ("format", "stand-alone"):
        for number, name in months[context]["wide"].items():
            names[name.lower()] = number
    return names


def country_names_ru() -> dict[str, str]:
    """Map each Russian country name Babel knows (lower-case) to its two-letter code."""
    territories = Locale.parse("ru").territories
    return {name.lower(): code for code, name in territories.items() if code in _TERRITORIES}


# CLDR's two-letter codes that name no country: groupings, pseudo-locales, "unknown".
_NOT_COUNTRIES = frozenset({"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ"})
_TERRITORIES = frozenset(
    code
    for code in Locale.parse("en").territories
    if len(code) == 2 and code.isalpha() and code not in _NOT_COUNTRIES
)
