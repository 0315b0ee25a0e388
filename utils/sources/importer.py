# The table as the administration publishes it (partner cell, documents cell, tab-separated)
# -> data/partners.csv. Run: python -m utils import PATH [-o data/partners.csv]
from __future__ import annotations

import re
from pathlib import Path

from utils.data.folder import DEFAULT_DATA_DIR, REGISTRY_FILE
from utils.data.problems import Problem
from utils.data.provenance import has_provenance
from utils.data.reading import TableReadError, read_table, table_rows
from utils.data.registry import (
    ALL_COLUMNS,
    COLUMNS,
    COUNTRY_CODE,
    DOCUMENT_TITLE_RU,
    DOCUMENT_TYPE,
    HOME_ID,
    LEVEL,
    OPTIONAL_COLUMNS,
    PARTNER_EN,
    PARTNER_ID,
    PARTNER_LOCAL,
    PARTNER_RU,
    REGION_EN,
    REGION_RU,
    SIGNED,
    SIGNED_PRECISION,
    SOURCE_TEXT_RU,
)
from utils.data.writing import csv_text, write_text_atomic
from utils.sources.published_cells import (
    LEVEL_PATTERNS,
    PublishedTableError,
    parse_documents,
    parse_partner,
)

DEFAULT_OUTPUT = DEFAULT_DATA_DIR / REGISTRY_FILE

# Kept from the existing file, since the published page does not carry them.
HAND_KEPT_COLUMNS = (PARTNER_ID, PARTNER_LOCAL, PARTNER_EN, REGION_EN)


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


def read_existing(path: Path) -> tuple[list[dict[str, str]], tuple[str, ...]]:
    """Read an existing partners file's rows and its columns, or none if it cannot be read."""
    if not path.is_file():
        return [], COLUMNS
    try:
        table = read_table(path)
    except TableReadError:
        return [], COLUMNS
    rows, _ = table_rows(table, ALL_COLUMNS)
    columns = tuple(column for column in ALL_COLUMNS if column in COLUMNS or column in table.header)
    return rows, columns


def _document_key(row: dict[str, str]) -> tuple[str, ...]:
    """Name a document the way the page and the file both can: partner, type, date, home."""
    return (row[PARTNER_RU], row[DOCUMENT_TYPE], row[SIGNED], row.get(HOME_ID, ""))


def keep_the_rest(rows: list[dict[str, str]], existing: list[dict[str, str]]) -> list[dict]:
    """Return the rows to write: the page's, with what the existing file adds, nothing lost.

    A published document keeps its optional cells (a link, a home); the rows of other
    sources, which the page does not hold, follow the page's rows as they were.
    """
    kept = {_document_key(row): row for row in existing if not has_provenance(row)}
    written = []
    for row in rows:
        earlier = kept.get(_document_key(row), {})
        extra = {column: earlier[column] for column in OPTIONAL_COLUMNS if earlier.get(column)}
        written.append({**row, **extra})
    return written + [row for row in existing if has_provenance(row)]


def import_published(source: Path, output: Path) -> tuple[list[dict[str, str]], list[str]]:
    """Import the published text into `output`, keeping its hand-kept columns and other sources.

    Raises:
        PublishedTableError: when the text cannot be read in full; `output` is then untouched.
    """
    rows = parse_published(source.read_text(encoding="utf-8-sig"))
    existing, columns = read_existing(output)
    new_ids = merge_hand_kept(rows, existing)
    written = keep_the_rest(rows, existing)
    write_text_atomic(
        output, csv_text(columns, ([row.get(c, "") for c in columns] for row in written))
    )
    return rows, new_ids
