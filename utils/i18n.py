# UI string catalogue for both languages, and names and dates from Babel.
from __future__ import annotations

import datetime as dt

from babel import Locale
from babel.dates import format_date

LANGUAGES = ("ru", "en")
DEFAULT_LANGUAGE = "ru"

# Every string the interface and the command-line reports show, in both languages.
CATALOGUE: dict[str, dict[str, str]] = {
    # Frame and navigation
    "app.language": {"ru": "Язык", "en": "Language"},
    "language.ru": {"ru": "Русский", "en": "Русский"},
    "language.en": {"ru": "English", "en": "English"},
    "page.registry": {"ru": "Реестр документов", "en": "Document registry"},
    "registry.caption": {
        "ru": "Документов: {documents} · партнёров: {partners} · стран: {countries}",
        "en": "Documents: {documents} · partners: {partners} · countries: {countries}",
    },
    "registry.problems": {
        "ru": "В файле {file} есть ошибки; строки с ошибками не показаны:",
        "en": "The file {file} has problems; rows with problems are not shown:",
    },
    "registry.no_rows": {
        "ru": "В реестре нет ни одного документа, который можно показать.",
        "en": "The registry holds no document that can be shown.",
    },
    "data.error": {
        "ru": "Не удалось прочитать данные: {detail}",
        "en": "The data could not be read: {detail}",
    },
    # Column headers of the registry table
    "column.partner": {"ru": "Партнёр", "en": "Partner"},
    "column.partner_local": {"ru": "Название на языке партнёра", "en": "Local name"},
    "column.level": {"ru": "Уровень", "en": "Level"},
    "column.region": {"ru": "Регион", "en": "Region"},
    "column.country": {"ru": "Страна", "en": "Country"},
    "column.document": {"ru": "Документ", "en": "Document"},
    "column.signed": {"ru": "Дата подписания", "en": "Signed"},
    "column.row": {"ru": "Строка", "en": "Row"},
    "column.column": {"ru": "Столбец", "en": "Column"},
    "column.problem": {"ru": "Что не так", "en": "What is wrong"},
    "column.distance_km": {"ru": "Расстояние, км", "en": "Distance, km"},
    # Vocabularies
    "level.city": {"ru": "город", "en": "town"},
    "level.municipality": {"ru": "муниципалитет", "en": "municipality"},
    "level.district": {"ru": "округ, район", "en": "district"},
    "document_type.cooperation_agreement": {
        "ru": "Соглашение о сотрудничестве",
        "en": "Cooperation agreement",
    },
    "document_type.cooperation_treaty": {
        "ru": "Договор о сотрудничестве",
        "en": "Cooperation treaty",
    },
    "document_type.protocol_of_intent": {"ru": "Протокол намерений", "en": "Protocol of intent"},
    "document_type.partnership_agreement": {
        "ru": "Соглашение о партнёрском сотрудничестве",
        "en": "Partnership agreement",
    },
    "document_type.declaration_of_intent": {
        "ru": "Декларация о намерениях",
        "en": "Declaration of intent",
    },
    "date.year": {"ru": "{year} г.", "en": "{year}"},
    # Validation report
    "problem.at_row_column": {
        "ru": "Строка {row}, столбец «{column}»",
        "en": "Row {row}, column “{column}”",
    },
    "problem.at_row": {"ru": "Строка {row}", "en": "Row {row}"},
    "problem.at_file": {"ru": "Файл", "en": "File"},
    "problem.file_unreadable": {
        "ru": "файл не читается как таблица CSV: {detail}",
        "en": "the file cannot be read as a CSV table: {detail}",
    },
    "problem.bad_encoding": {
        "ru": "кодировка не распознана (ожидается UTF-8 или Windows-1251)",
        "en": "unknown text encoding (expected UTF-8 or Windows-1251)",
    },
    "problem.file_empty": {"ru": "файл пуст", "en": "the file is empty"},
    "problem.no_rows": {
        "ru": "в файле есть заголовок, но нет ни одной строки данных",
        "en": "the file has a header but no data rows",
    },
    "problem.missing_columns": {
        "ru": "нет обязательных столбцов: {columns}",
        "en": "required columns are missing: {columns}",
    },
    "problem.unknown_columns": {
        "ru": "неизвестные столбцы не загружены: {columns}",
        "en": "unknown columns were not loaded: {columns}",
    },
    "problem.field_count": {
        "ru": "в строке {found} полей вместо {expected} (проверьте разделитель и кавычки)",
        "en": "the row has {found} fields instead of {expected} (check the separator and quotes)",
    },
    "problem.missing_value": {"ru": "значение не заполнено", "en": "the value is missing"},
    "problem.bad_partner_id": {
        "ru": "«{value}» не годится как идентификатор: только строчные латинские буквы, "
        "цифры и дефисы, например «braniewo»",
        "en": "“{value}” is not a valid id: use lower-case Latin letters, digits and hyphens, "
        "e.g. “braniewo”",
    },
    "problem.unknown_country": {
        "ru": "неизвестный код страны «{value}» (нужен код ISO 3166-1 из двух букв, например PL)",
        "en": "unknown country code “{value}” (expected a two-letter ISO 3166-1 code, e.g. PL)",
    },
    "problem.unknown_value": {
        "ru": "недопустимое значение «{value}»; допустимы: {allowed}",
        "en": "“{value}” is not allowed; allowed values: {allowed}",
    },
    "problem.date_format": {
        "ru": "дата «{value}» не соответствует точности «{precision}» (ожидается {expected})",
        "en": "the date “{value}” does not match its precision “{precision}” (expected {expected})",
    },
    "problem.impossible_date": {
        "ru": "такой даты не существует: «{value}»",
        "en": "no such date: “{value}”",
    },
    "problem.future_date": {
        "ru": "дата «{value}» ещё не наступила",
        "en": "the date “{value}” is in the future",
    },
    "problem.duplicate_row": {
        "ru": "повторяет документ из строки {other_row}",
        "en": "repeats the document on row {other_row}",
    },
    "problem.inconsistent_partner": {
        "ru": "у партнёра «{partner_id}» здесь «{value}», а в строке {other_row} — «{other_value}»",
        "en": "partner “{partner_id}” has “{value}” here but “{other_value}” on row {other_row}",
    },
    "problem.not_a_number": {"ru": "«{value}» — не число", "en": "“{value}” is not a number"},
    "problem.out_of_range": {
        "ru": "значение {value} вне допустимого диапазона {low}…{high}",
        "en": "{value} is outside the allowed range {low}…{high}",
    },
    "problem.duplicate_place": {
        "ru": "место «{value}» уже есть в строке {other_row}",
        "en": "the place “{value}” is already on row {other_row}",
    },
    "problem.no_table": {
        "ru": "в тексте нет таблицы (строк с ячейками, разделёнными табуляцией)",
        "en": "the text holds no table (lines with tab-separated cells)",
    },
    "problem.cell_count": {
        "ru": "ожидаются две ячейки через табуляцию (партнёр, документы), найдено {found}",
        "en": "expected two tab-separated cells (partner, documents), found {found}",
    },
    "problem.no_country": {
        "ru": "не удалось определить страну в «{text}»",
        "en": "no country recognised in “{text}”",
    },
    "problem.ambiguous_country": {
        "ru": "в «{text}» названо несколько стран: {codes}",
        "en": "“{text}” names several countries: {codes}",
    },
    "problem.no_level": {
        "ru": "не удалось понять, город это, муниципалитет или округ: «{text}»",
        "en": "cannot tell whether this is a town, a municipality or a district: “{text}”",
    },
    "problem.no_document": {
        "ru": "не найден вид документа (соглашение, договор, протокол, декларация) в «{text}»",
        "en": "no document type (agreement, treaty, protocol, declaration) found in “{text}”",
    },
    "problem.unparsed_text": {
        "ru": "непонятный текст «{text}» перед названием документа",
        "en": "unrecognised text “{text}” before the document's title",
    },
    "problem.unparsed_date": {
        "ru": "не удалось разобрать дату «{text}» документа «{title}»",
        "en": "cannot read the date “{text}” of the document “{title}”",
    },
    "import.written": {
        "ru": "Записано документов: {documents} ({partners} партнёров) в {path}.",
        "en": "Wrote {documents} documents ({partners} partners) to {path}.",
    },
    "import.new_partners": {
        "ru": "Новые партнёры, заполните вручную partner_local, partner_en, region_en: {ids}",
        "en": "New partners, fill in partner_local, partner_en, region_en by hand: {ids}",
    },
    "report.clean": {
        "ru": "Ошибок нет. Документов: {documents}, партнёров: {partners}, стран: {countries}.",
        "en": "No problems. Documents: {documents}, partners: {partners}, countries: {countries}.",
    },
    "report.problems": {
        "ru": "Найдено ошибок: {problems}. Загружено строк: {loaded} из {total}.",
        "en": "Problems found: {problems}. Rows loaded: {loaded} of {total}.",
    },
}


def t(key: str, lang: str, **params: object) -> str:
    """Return the catalogue string `key` in `lang`, with `params` filled in."""
    text = CATALOGUE[key][lang if lang in LANGUAGES else DEFAULT_LANGUAGE]
    return text.format(**params) if params else text


def country_name(code: str, lang: str) -> str:
    """Return the country's name for an ISO 3166-1 alpha-2 code, from Babel's CLDR data."""
    return Locale.parse(lang).territories.get(code, code)


def is_country_code(code: str) -> bool:
    """Tell whether `code` is a two-letter country code that CLDR knows."""
    return len(code) == 2 and code.isalpha() and code.isupper() and code in _TERRITORIES


def format_signed(signed: str, precision: str, lang: str) -> str:
    """Write a signing date at its precision: «14 октября 1991», «март 2009», «2009 г.»."""
    parts = [int(part) for part in signed.split("-")]
    if precision == "year":
        return t("date.year", lang, year=parts[0])
    if precision == "month":
        # LLLL is the stand-alone month name: «март 2009», not «марта 2009».
        return format_date(dt.date(parts[0], parts[1], 1), "LLLL y", locale=lang)
    return format_date(dt.date(*parts), "d MMMM y", locale=lang)


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
