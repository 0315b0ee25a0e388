# The cells of the table the administration publishes, read as registry values: a partner
# cell (name, level, region, country) and a documents cell (titles and date phrases).
from __future__ import annotations

import re
from dataclasses import dataclass

from utils.data.problems import Problem
from utils.i18n import country_names_ru, month_names_ru

# Evident misprints on the published page, fixed on import (listed in the README's data notes).
TYPO_FIXES = {"Шлезвик": "Шлезвиг"}

# Words that tell a partner's level, checked in this order ("Гмина г. Бранёво" is a gmina).
LEVEL_PATTERNS = (
    (
        "municipality",
        re.compile(r"(?<!\w)(?:гмина|самоуправлени\w*|муниципалитет\w*|коммун\w*)(?!\w)", re.I),
    ),
    (
        "district",
        re.compile(r"(?<!\w)(?:крайс|ландкрайз|округ\w*|повят\w*|район\w*|уезд\w*)(?!\w)", re.I),
    ),
    ("city", re.compile(r"(?<!\w)(?:г\.|город\w*)", re.I)),
)

# Adjectival forms of country names ("Литовской Республики"); nouns come from Babel.
COUNTRY_ADJECTIVE_STEMS = {
    "белорусск": "BY",
    "германск": "DE",
    "немецк": "DE",
    "литовск": "LT",
    "латвийск": "LV",
    "эстонск": "EE",
    "польск": "PL",
    "шведск": "SE",
    "датск": "DK",
    "финляндск": "FI",
    "норвежск": "NO",
}
# Words of a country's official style that belong to the country phrase, not the name.
COUNTRY_STYLE_WORDS = r"(?:федеративн\w*\s+)?республик\w*"

REGION_PATTERNS = (
    re.compile(r"(?:федеральная\s+)?земля\s+(?P<name>[\w-]+)", re.I),
    re.compile(r"(?P<name>[\w-]+\s+воеводство)", re.I),
    re.compile(r"(?P<adjective>[\w-]+)\s+(?P<noun>област\w*|уезд\w*|кра[яй]\w*)", re.I),
)
# Genitive adjective -> nominative, and the noun it goes with.
REGION_NOUNS = {"област": ("ая", "область"), "уезд": ("ий", "уезд"), "кра": ("ий", "край")}

DATE_TAIL = r"\s*(?:г\.?|года|год)?\.?"
DATE_PREFIX = r"(?:с|от)?\s*"
DAY_DATE = re.compile(DATE_PREFIX + r"(\d{1,2})\s*\.\s*(\d{1,2})\s*\.\s*(\d{4})" + DATE_TAIL, re.I)
MONTH_DATE = re.compile(DATE_PREFIX + r"([а-яё]+)\s+(\d{4})" + DATE_TAIL, re.I)
YEAR_DATE = re.compile(DATE_PREFIX + r"(\d{4})" + DATE_TAIL, re.I)

# Russian letters -> Latin, for the id of a partner new to the registry; signs are dropped.


@dataclass(frozen=True)
class Partner:
    """What the partner cell says: the name, level, region and country."""

    name_ru: str
    level: str
    region_ru: str
    country_code: str


@dataclass(frozen=True)
class Document:
    """One document found in a documents cell."""

    document_type: str
    title_ru: str
    signed: str
    precision: str


class PublishedTableError(ValueError):
    """Raised with every problem found in the published text; nothing is written then."""

    def __init__(self, problems: list[Problem]) -> None:
        """Keep the problems for the report."""
        super().__init__("\n".join(problem.describe("en") for problem in problems))
        self.problems = problems


def normalise_spaces(text: str) -> str:
    """Collapse runs of white space and put a space after the abbreviation «г.»."""
    text = re.sub(r"(?<!\w)г\.(?=\w)", "г. ", text)
    return re.sub(r"\s+", " ", text).strip()


def fix_typos(text: str) -> str:
    """Apply the known fixes of misprints in the published text."""
    for wrong, right in TYPO_FIXES.items():
        text = text.replace(wrong, right)
    return text


def _country_patterns() -> list[tuple[re.Pattern[str], str]]:
    """Patterns for each Russian country name Babel knows, inflected forms included."""
    patterns = []
    for name, code in country_names_ru().items():
        stem = name
        if " " not in name and len(name) >= 5 and name[-1] in "аяоеиыьй":
            stem = name[:-1]
        # A case ending of up to three letters, then the word ends: «Германии», «Польшей».
        patterns.append((re.compile(rf"(?<!\w){re.escape(stem)}\w{{0,3}}(?!\w)", re.I), code))
    for stem, code in COUNTRY_ADJECTIVE_STEMS.items():
        patterns.append((re.compile(rf"(?<!\w){stem}\w*", re.I), code))
    return patterns


_COUNTRY_PATTERNS = _country_patterns()


def find_country(text: str) -> tuple[str, int] | None:
    """Return the country code a partner cell names and where its phrase starts.

    Raises:
        ValueError: when the text names more than one country.
    """
    found: dict[str, int] = {}
    for pattern, code in _COUNTRY_PATTERNS:
        for match in pattern.finditer(text):
            found[code] = min(found.get(code, match.start()), match.start())
    if not found:
        return None
    if len(found) > 1:
        raise ValueError(", ".join(sorted(found)))
    code, start = next(iter(found.items()))
    # "Республика Польша": the style words before the name belong to the country phrase.
    style = re.search(rf"{COUNTRY_STYLE_WORDS}\s*$", text[:start], re.I)
    return code, style.start() if style else start


def find_level(text: str) -> str | None:
    """Return the partner's level from the words of its name."""
    for level, pattern in LEVEL_PATTERNS:
        if pattern.search(text):
            return level
    return None


def find_region(text: str) -> tuple[str, int] | None:
    """Return the region a partner cell names, in the nominative, and where it starts."""
    for pattern in REGION_PATTERNS:
        match = pattern.search(text)
        if match is None:
            continue
        if "adjective" not in match.groupdict():
            return match.group("name"), match.start()
        noun = match.group("noun").lower()
        for noun_stem, (ending, nominative) in REGION_NOUNS.items():
            if noun.startswith(noun_stem):
                adjective = re.sub(r"(?:ой|ая|ого|ий|ый)$", ending, match.group("adjective"))
                return f"{adjective} {nominative}", match.start()
    return None


def parse_partner(cell: str, line: int) -> tuple[Partner | None, list[Problem]]:
    """Read the partner cell: name, level, region and country."""
    text = fix_typos(normalise_spaces(cell))
    try:
        country = find_country(text)
    except ValueError as error:
        return None, [
            Problem("ambiguous_country", row=line, params={"text": text, "codes": str(error)})
        ]
    if country is None:
        return None, [Problem("no_country", row=line, params={"text": text})]
    code, country_start = country
    region = find_region(text[:country_start])
    region_ru, region_start = region if region else ("", country_start)
    name = text[: min(country_start, region_start)].strip()
    level = find_level(name)
    if level is None:
        return None, [Problem("no_level", row=line, params={"text": name})]
    return Partner(name_ru=name, level=level, region_ru=region_ru, country_code=code), []


# The titles as the published page writes them (lower-case, ё as е), and the type each
# names. The importer's own table: the interface's labels may change without changing
# what the importer recognises (tests/unit/test_importer.py checks they still agree).
PUBLISHED_TITLES = {
    "соглашение о сотрудничестве": "cooperation_agreement",
    "договор о сотрудничестве": "cooperation_treaty",
    "протокол намерений": "protocol_of_intent",
    "соглашение о партнерском сотрудничестве": "partnership_agreement",
    "декларация о намерениях": "declaration_of_intent",
}
_TITLE_TO_TYPE = PUBLISHED_TITLES
_TITLE_PATTERN = re.compile(
    "|".join(
        re.escape(title).replace(r"\ ", r"\s+")
        for title in sorted(_TITLE_TO_TYPE, key=len, reverse=True)
    ),
    re.I,
)
_MONTHS = month_names_ru()


def parse_date_phrase(phrase: str) -> tuple[str, str] | None:
    """Read a Russian date phrase as the date and its precision, or None if it is not one."""
    phrase = phrase.strip()
    if match := DAY_DATE.fullmatch(phrase):
        day, month, year = (int(part) for part in match.groups())
        return f"{year:04d}-{month:02d}-{day:02d}", "day"
    if (match := MONTH_DATE.fullmatch(phrase)) and match.group(1).lower() in _MONTHS:
        month = _MONTHS[match.group(1).lower()]
        return f"{int(match.group(2)):04d}-{month:02d}", "month"
    if match := YEAR_DATE.fullmatch(phrase):
        return f"{int(match.group(1)):04d}", "year"
    return None


def parse_documents(cell: str, line: int) -> tuple[list[Document], list[Problem]]:
    """Read the documents cell: one or more titles, each followed by its date phrase."""
    text = normalise_spaces(cell)
    # ё and е are one letter to the reader; the swap keeps every index in place.
    matches = list(_TITLE_PATTERN.finditer(text.replace("ё", "е").replace("Ё", "Е")))
    if not matches:
        return [], [Problem("no_document", row=line, params={"text": text})]
    if leading := text[: matches[0].start()].strip():
        return [], [Problem("unparsed_text", row=line, params={"text": leading})]
    documents, problems = [], []
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(text)
        title = text[match.start() : match.end()]
        phrase = text[match.end() : end].strip()
        date = parse_date_phrase(phrase)
        if date is None or not _is_real_date(date[0]):
            problems.append(
                Problem("unparsed_date", row=line, params={"text": phrase, "title": title})
            )
            continue
        document_type = _TITLE_TO_TYPE[re.sub(r"\s+", " ", match.group(0).lower())]
        documents.append(Document(document_type, title, date[0], date[1]))
    return documents, problems


def _is_real_date(signed: str) -> bool:
    """Tell whether a YYYY[-MM[-DD]] string names a day, month or year that exists."""
    parts = [int(part) for part in signed.split("-")]
    month = parts[1] if len(parts) > 1 else 1
    day = parts[2] if len(parts) > 2 else 1
    if not 1 <= month <= 12:
        return False
    days_in_month = (
        31,
        29 if parts[0] % 4 == 0 and (parts[0] % 100 or parts[0] % 400 == 0) else 28,
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    )
    return 1 <= day <= days_in_month[month - 1]
