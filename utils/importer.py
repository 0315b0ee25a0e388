# The table as the administration publishes it (partner cell, documents cell, tab-separated)
# -> data/partners.csv. Run: python -m utils.importer PATH [-o data/partners.csv]
from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from utils.files import csv_text, write_text_atomic
from utils.i18n import (
    CATALOGUE,
    DEFAULT_LANGUAGE,
    LANGUAGES,
    count_of,
    country_names_ru,
    month_names_ru,
    t,
)
from utils.registry import (
    COLUMNS,
    COUNTRY_CODE,
    DOCUMENT_TITLE_RU,
    DOCUMENT_TYPE,
    DOCUMENT_TYPES,
    LEVEL,
    PARTNER_EN,
    PARTNER_ID,
    PARTNER_LOCAL,
    PARTNER_RU,
    REGION_EN,
    REGION_RU,
    SIGNED,
    SIGNED_PRECISION,
    SOURCE_TEXT_RU,
    Problem,
    TableReadError,
    read_table,
    table_rows,
)

DEFAULT_OUTPUT = Path("data/partners.csv")

# Evident misprints on the published page, fixed on import (listed in the README's data notes).
TYPO_FIXES = {"Шлезвик": "Шлезвиг"}

# Kept from the existing file, since the published page does not carry them.
HAND_KEPT_COLUMNS = (PARTNER_ID, PARTNER_LOCAL, PARTNER_EN, REGION_EN)

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
_TRANSLIT = {
    **dict(zip("абвгдеёзийклмнопрстуфыэ", "abvgdeeziyklmnoprstufye", strict=True)),
    "ж": "zh",
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ю": "yu",
    "я": "ya",
    "ъ": "",
    "ь": "",
}


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


def _document_titles() -> dict[str, str]:
    """Map each document type's Russian title (ё written as е, lower-case) to its code."""
    return {
        CATALOGUE[f"document_type.{code}"]["ru"].lower().replace("ё", "е"): code
        for code in DOCUMENT_TYPES
    }


_TITLE_TO_TYPE = _document_titles()
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


def table_lines(text: str) -> list[tuple[int, list[str]]]:
    """Return the published table's data lines (tab-separated) with their line numbers."""
    lines = []
    for number, line in enumerate(text.splitlines(), start=1):
        if "\t" not in line:
            continue
        cells = [cell.strip() for cell in line.split("\t")]
        if cells[0].startswith("Название"):  # the table's header
            continue
        lines.append((number, cells))
    return lines


def parse_published(text: str) -> list[dict[str, str]]:
    """Turn the published page's text into registry rows (hand-kept columns left empty).

    Raises:
        PublishedTableError: with every line that could not be read; nothing is guessed.
    """
    lines = table_lines(text)
    if not lines:
        raise PublishedTableError([Problem("no_table")])
    rows, problems = [], []
    for number, cells in lines:
        if len(cells) != 2:
            problems.append(Problem("cell_count", row=number, params={"found": len(cells)}))
            continue
        partner, partner_problems = parse_partner(cells[0], number)
        documents, document_problems = parse_documents(cells[1], number)
        problems.extend(partner_problems + document_problems)
        if partner is None:
            continue
        for document in documents:
            row = dict.fromkeys(COLUMNS, "")
            row.update(
                {
                    PARTNER_RU: partner.name_ru,
                    LEVEL: partner.level,
                    REGION_RU: partner.region_ru,
                    COUNTRY_CODE: partner.country_code,
                    DOCUMENT_TYPE: document.document_type,
                    DOCUMENT_TITLE_RU: document.title_ru,
                    SIGNED: document.signed,
                    SIGNED_PRECISION: document.precision,
                    SOURCE_TEXT_RU: cells[1],
                }
            )
            rows.append(row)
    if problems:
        raise PublishedTableError(problems)
    return rows


def slug(name_ru: str) -> str:
    """Make an ASCII id from a Russian name, leaving out the words that give the level."""
    core = name_ru
    for _, pattern in LEVEL_PATTERNS:
        core = pattern.sub(" ", core)
    latin = "".join(_TRANSLIT.get(char, char) for char in core.lower())
    return re.sub(r"[^a-z0-9]+", "-", latin).strip("-") or "partner"


def merge_hand_kept(rows: list[dict[str, str]], existing: list[dict[str, str]]) -> list[str]:
    """Fill hand-kept columns from the existing file's rows of the same partner.

    A partner not in the existing file gets a new id; the new ids are returned.
    """
    by_name = {row[PARTNER_RU]: row for row in existing}
    taken = {row[PARTNER_ID] for row in existing}
    new_ids: dict[str, str] = {}
    for row in rows:
        known = by_name.get(row[PARTNER_RU])
        if known is not None:
            for column in HAND_KEPT_COLUMNS:
                row[column] = known[column]
            # A region the page does not name is kept from the file.
            row[REGION_RU] = row[REGION_RU] or known[REGION_RU]
            continue
        if row[PARTNER_RU] not in new_ids:
            base = candidate = slug(row[PARTNER_RU])
            suffix = 2
            while candidate in taken:
                candidate, suffix = f"{base}-{suffix}", suffix + 1
            taken.add(candidate)
            new_ids[row[PARTNER_RU]] = candidate
        row[PARTNER_ID] = new_ids[row[PARTNER_RU]]
    return list(new_ids.values())


def read_existing(path: Path) -> list[dict[str, str]]:
    """Read the rows of an existing partners file, or none if there is no readable one."""
    if not path.is_file():
        return []
    try:
        rows, _ = table_rows(read_table(path), COLUMNS)
    except TableReadError:
        return []
    return rows


def import_published(source: Path, output: Path) -> tuple[list[dict[str, str]], list[str]]:
    """Import the published text into `output`, keeping its hand-kept columns.

    Raises:
        PublishedTableError: when the text cannot be read in full; `output` is then untouched.
    """
    rows = parse_published(source.read_text(encoding="utf-8-sig"))
    new_ids = merge_hand_kept(rows, read_existing(output))
    write_text_atomic(output, csv_text(COLUMNS, ([row[c] for c in COLUMNS] for row in rows)))
    return rows, new_ids


def main(argv: list[str] | None = None) -> int:
    """Run `python -m utils.importer PATH [-o OUTPUT]`."""
    parser = argparse.ArgumentParser(prog="python -m utils.importer")
    parser.add_argument("path", type=Path, help="the published table as text (UTF-8)")
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--lang", choices=LANGUAGES, default=DEFAULT_LANGUAGE)
    args = parser.parse_args(argv)
    if not args.path.is_file():
        parser.error(f"no such file: {args.path}")
    try:
        rows, new_ids = import_published(args.path, args.output)
    except PublishedTableError as error:
        sys.stderr.write("\n".join(p.describe(args.lang) for p in error.problems) + "\n")
        return 1
    partners = len({row[PARTNER_ID] for row in rows})
    message = t(
        "import.written",
        args.lang,
        documents=count_of("documents", len(rows), args.lang),
        partners=count_of("partners", partners, args.lang),
        path=args.output,
    )
    sys.stdout.write(message + "\n")
    if new_ids:
        sys.stdout.write(t("import.new_partners", args.lang, ids=", ".join(new_ids)) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
