# The partner registry: its schema and vocabularies, reading the files analysts hand us,
# validation with row-level problems, and the `python -m utils.registry check PATH` report.
from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from utils.i18n import DEFAULT_LANGUAGE, LANGUAGES, is_country_code, t

PARTNER_ID = "partner_id"
PARTNER_RU = "partner_ru"
PARTNER_LOCAL = "partner_local"
PARTNER_EN = "partner_en"
LEVEL = "level"
REGION_RU = "region_ru"
REGION_EN = "region_en"
COUNTRY_CODE = "country_code"
DOCUMENT_TYPE = "document_type"
DOCUMENT_TITLE_RU = "document_title_ru"
SIGNED = "signed"
SIGNED_PRECISION = "signed_precision"
SOURCE_TEXT_RU = "source_text_ru"

COLUMNS = (
    PARTNER_ID,
    PARTNER_RU,
    PARTNER_LOCAL,
    PARTNER_EN,
    LEVEL,
    REGION_RU,
    REGION_EN,
    COUNTRY_CODE,
    DOCUMENT_TYPE,
    DOCUMENT_TITLE_RU,
    SIGNED,
    SIGNED_PRECISION,
    SOURCE_TEXT_RU,
)
# Optional: the home municipality of the document, a place id in coords.csv. Empty or
# absent means the configured home (data/home.toml); a regional registry fills it in.
HOME_ID = "home_id"
OPTIONAL_COLUMNS = (HOME_ID,)
ALL_COLUMNS = (*COLUMNS, *OPTIONAL_COLUMNS)
REQUIRED_VALUES = (
    PARTNER_ID,
    PARTNER_RU,
    LEVEL,
    COUNTRY_CODE,
    DOCUMENT_TYPE,
    SIGNED,
    SIGNED_PRECISION,
)
# Columns that describe the partner, not the document: equal on all rows of one partner.
PARTNER_COLUMNS = (PARTNER_RU, PARTNER_LOCAL, PARTNER_EN, LEVEL, REGION_RU, REGION_EN, COUNTRY_CODE)

# Derived on loading, never stored.
SIGNED_START = "signed_start"  # first day of the day, month or year that `signed` names
SIGNED_YEAR = "signed_year"

LEVELS = ("city", "municipality", "district")
DOCUMENT_TYPES = (
    "cooperation_agreement",
    "cooperation_treaty",
    "protocol_of_intent",
    "partnership_agreement",
    "declaration_of_intent",
)
PRECISIONS = ("day", "month", "year")
# Town twinning began after the Second World War; an earlier date is a typing error.
EARLIEST_SIGNED = dt.date(1946, 1, 1)
VOCABULARIES = {LEVEL: LEVELS, DOCUMENT_TYPE: DOCUMENT_TYPES, SIGNED_PRECISION: PRECISIONS}
DATE_FORMATS = {"day": "YYYY-MM-DD", "month": "YYYY-MM", "year": "YYYY"}
# ASCII digits only: Python's \d also takes Arabic-Indic or full-width digits, which
# would let the same date in by two spellings.
_DATE_PATTERNS = {
    "day": re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})"),
    "month": re.compile(r"([0-9]{4})-([0-9]{2})"),
    "year": re.compile(r"([0-9]{4})"),
}
# Characters no text field may hold: C0 controls but tab and line breaks (which a cell
# may hold), and DEL: a NUL or Word's soft line break U+000B breaks the Excel export and
# the page; and bidi embeddings, overrides and isolates, which turn the app's own text
# around a name backwards.
FORBIDDEN_CHARACTERS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]"
)
_PARTNER_ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

HEADER_LINE = 1  # rows are numbered as in a spreadsheet: the header is row 1
ENCODINGS = ("utf-8-sig", "cp1251")  # UTF-8 with or without BOM; Russian Excel's export
SEPARATORS = (",", ";", "\t")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a data file: where it is and what it is."""

    code: str
    row: int | None = None
    column: str | None = None
    params: dict[str, object] = field(default_factory=dict)

    def message(self, lang: str = DEFAULT_LANGUAGE) -> str:
        """Say what is wrong in the reader's language, without where."""
        return t(f"problem.{self.code}", lang, **self.params)

    def describe(self, lang: str = DEFAULT_LANGUAGE) -> str:
        """Say the problem in the reader's language, starting with its row and column."""
        if self.row is not None and self.column is not None:
            where = t("problem.at_row_column", lang, row=self.row, column=self.column)
        elif self.row is not None:
            where = t("problem.at_row", lang, row=self.row)
        else:
            where = t("problem.at_file", lang)
        return f"{where}: {self.message(lang)}"


class ProblemError(ValueError):
    """An error that carries the Problem to show the reader (what, and where)."""

    def __init__(self, problem: Problem) -> None:
        """Keep the problem that says why."""
        super().__init__(problem.describe("en"))
        self.problem = problem


class TableReadError(ProblemError):
    """Raised when a file cannot be read as a table at all."""


@dataclass(frozen=True)
class RawTable:
    """A CSV table as text cells, each record with the file row it started on."""

    header: list[str]
    records: list[tuple[int, list[str]]]


def decode_text(data: bytes) -> str:
    """Decode UTF-8 (with or without BOM) or Windows-1251 bytes."""
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise TableReadError(Problem("bad_encoding"))


def read_source(source: Path | bytes) -> bytes:
    """Return the bytes of a file, or the bytes themselves; a missing file is a problem."""
    if isinstance(source, bytes):
        return source
    try:
        return Path(source).read_bytes()
    except OSError as error:
        detail = error.strerror or type(error).__name__
        raise TableReadError(
            Problem("file_unreadable", params={"detail": f"{source}: {detail}"})
        ) from error


def sniff_separator(header_line: str) -> str:
    """Pick the separator that occurs most often in the header line (comma on a tie)."""
    counts = {separator: header_line.count(separator) for separator in SEPARATORS}
    best = max(SEPARATORS, key=lambda separator: counts[separator])
    return best if counts[best] > 0 else ","


def read_table(source: Path | bytes) -> RawTable:
    """Read a CSV file or bytes into header and records, whatever the encoding and separator."""
    text = decode_text(read_source(source))
    if not text.strip():
        raise TableReadError(Problem("file_empty"))
    first_line = text.lstrip("\ufeff").splitlines()[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_separator(first_line))
    try:
        header = [cell.strip().lstrip("\ufeff") for cell in next(reader)]
        records: list[tuple[int, list[str]]] = []
        # Rows numbered as a spreadsheet shows them: one per record, the header row 1,
        # blank rows counted, a line break inside a quoted cell not.
        for row_number, cells in enumerate(reader, start=HEADER_LINE + 1):
            if any(cell.strip() for cell in cells):
                records.append((row_number, [cell.strip() for cell in cells]))
    except csv.Error as error:
        raise TableReadError(
            Problem("file_unreadable", row=reader.line_num, params={"detail": str(error)})
        ) from error
    return RawTable(header=header, records=records)


def check_columns(
    header: list[str], expected: tuple[str, ...], required: tuple[str, ...]
) -> list[Problem]:
    """Report required columns that are missing and unknown ones that will be ignored."""
    problems = []
    repeated = sorted({column for column in header if column and header.count(column) > 1})
    if repeated:
        # The second copy would silently replace the first: the file cannot be used.
        problems.append(Problem("repeated_columns", params={"columns": ", ".join(repeated)}))
    missing = [column for column in required if column not in header]
    if missing:
        problems.append(Problem("missing_columns", params={"columns": ", ".join(missing)}))
    unknown = [column for column in header if column and column not in expected]
    if unknown:
        problems.append(Problem("unknown_columns", params={"columns": ", ".join(unknown)}))
    return problems


def table_rows(table: RawTable, columns: tuple[str, ...]) -> tuple[list[dict], list[Problem]]:
    """Turn records into dicts of the known columns; records of the wrong width are problems."""
    rows, problems = [], []
    for row_number, cells in table.records:
        if len(cells) != len(table.header):
            problems.append(
                Problem(
                    "field_count",
                    row=row_number,
                    params={"found": len(cells), "expected": len(table.header)},
                )
            )
            continue
        record = dict(zip(table.header, cells, strict=True))
        row = {column: record.get(column, "") for column in columns}
        forbidden = [
            Problem(
                "forbidden_character",
                row=row_number,
                column=column,
                params={"code": f"U+{ord(found.group()):04X}"},
            )
            for column in columns
            if (found := FORBIDDEN_CHARACTERS.search(row[column]))
        ]
        if forbidden:
            problems.extend(forbidden)
            continue
        row["_row"] = row_number
        rows.append(row)
    return rows, problems


def read_rows(
    source: Path | bytes, columns: tuple[str, ...], required: tuple[str, ...]
) -> tuple[list[dict] | None, list[Problem]]:
    """Read a table's rows of the known columns, with the problems of the file and its shape.

    The rows are None when the file cannot be used at all: unreadable, required columns
    missing, or no data rows.
    """
    try:
        table = read_table(source)
    except TableReadError as error:
        return None, [error.problem]
    problems = check_columns(table.header, columns, required)
    if any(problem.code in {"missing_columns", "repeated_columns"} for problem in problems):
        return None, problems
    if not table.records:
        return None, [*problems, Problem("no_rows")]
    rows, shape_problems = table_rows(table, columns)
    return rows, problems + shape_problems


def parse_signed(signed: str, precision: str) -> dt.date:
    """Return the first day of the period a stored date names; ValueError if it is impossible."""
    match = _DATE_PATTERNS[precision].fullmatch(signed)
    if match is None:
        raise ValueError(signed)
    year, month, day = (int(part) for part in [*match.groups(), "1", "1"][:3])
    return dt.date(year, month, day)


def validate_row(row: dict, today: dt.date) -> list[Problem]:
    """Check one registry row on its own: filled, known vocabulary, a real date."""
    line = row["_row"]
    problems = [
        Problem("missing_value", row=line, column=column)
        for column in REQUIRED_VALUES
        if not row[column]
    ]
    for column in (PARTNER_ID, HOME_ID):
        value = row[column]
        if value and not _PARTNER_ID_PATTERN.fullmatch(value):
            problems.append(
                Problem("bad_partner_id", row=line, column=column, params={"value": value})
            )
    code = row[COUNTRY_CODE]
    if code and not is_country_code(code):
        problems.append(
            Problem("unknown_country", row=line, column=COUNTRY_CODE, params={"value": code})
        )
    for column, allowed in VOCABULARIES.items():
        if row[column] and row[column] not in allowed:
            problems.append(
                Problem(
                    "unknown_value",
                    row=line,
                    column=column,
                    params={"value": row[column], "allowed": ", ".join(allowed)},
                )
            )
    problems.extend(_check_signed(row, today))
    return problems


def _check_signed(row: dict, today: dt.date) -> list[Problem]:
    """Check that the date is written at its precision, exists and has passed."""
    signed, precision, line = row[SIGNED], row[SIGNED_PRECISION], row["_row"]
    if not signed or precision not in PRECISIONS:
        return []
    if not _DATE_PATTERNS[precision].fullmatch(signed):
        params = {"value": signed, "precision": precision, "expected": DATE_FORMATS[precision]}
        return [Problem("date_format", row=line, column=SIGNED, params=params)]
    try:
        start = parse_signed(signed, precision)
    except ValueError:
        return [Problem("impossible_date", row=line, column=SIGNED, params={"value": signed})]
    if start > today:
        return [Problem("future_date", row=line, column=SIGNED, params={"value": signed})]
    if start < EARLIEST_SIGNED:
        params = {"value": signed, "earliest": EARLIEST_SIGNED.year}
        return [Problem("too_early_date", row=line, column=SIGNED, params=params)]
    return []


def cross_check_rows(rows: list[dict]) -> list[Problem]:
    """Find repeated documents and partners described differently on different rows."""
    problems = []
    first_document: dict[tuple[str, str, str, str], int] = {}
    first_partner: dict[str, dict] = {}
    for row in rows:
        line = row["_row"]
        key = (row[PARTNER_ID], row[DOCUMENT_TYPE], row[SIGNED], row[HOME_ID])
        if key in first_document:
            problems.append(
                Problem("duplicate_row", row=line, params={"other_row": first_document[key]})
            )
            continue
        first_document[key] = line
        earlier = first_partner.setdefault(row[PARTNER_ID], row)
        for column in PARTNER_COLUMNS:
            if row[column] != earlier[column]:
                params = {
                    "partner_id": row[PARTNER_ID],
                    "value": row[column],
                    "other_row": earlier["_row"],
                    "other_value": earlier[column],
                }
                problems.append(
                    Problem("inconsistent_partner", row=line, column=column, params=params)
                )
    return problems


def registry_frame(rows: list[dict]) -> pd.DataFrame:
    """Build the typed registry DataFrame from validated rows."""
    frame = pd.DataFrame(rows, columns=[*ALL_COLUMNS, "_row"]).drop(columns="_row")
    frame = frame.astype(dict.fromkeys(ALL_COLUMNS, "string"))
    for column, allowed in VOCABULARIES.items():
        frame[column] = pd.Categorical(frame[column], categories=allowed)
    frame[SIGNED_START] = pd.to_datetime(
        [
            parse_signed(signed, precision)
            for signed, precision in zip(frame[SIGNED], frame[SIGNED_PRECISION], strict=True)
        ]
    ).astype("datetime64[ns]")
    frame[SIGNED_YEAR] = frame[SIGNED_START].dt.year.astype("int64")
    return frame.reset_index(drop=True)


def load_registry(
    source: Path | bytes, today: dt.date | None = None
) -> tuple[pd.DataFrame, list[Problem]]:
    """Load a registry file: the typed rows that are valid, and a problem for each one left out."""
    today = today or dt.date.today()
    rows, problems = read_rows(source, ALL_COLUMNS, REQUIRED_VALUES)
    if rows is None:
        return registry_frame([]), problems
    valid = []
    for row in rows:
        row_problems = validate_row(row, today)
        problems.extend(row_problems)
        if not row_problems:
            valid.append(row)
    cross_problems = cross_check_rows(valid)
    problems.extend(cross_problems)
    rejected = {problem.row for problem in cross_problems}
    valid = [row for row in valid if row["_row"] not in rejected]
    problems.sort(
        key=lambda problem: (
            problem.row or 0,
            ALL_COLUMNS.index(problem.column) if problem.column in ALL_COLUMNS else -1,
        )
    )
    return registry_frame(valid), problems


def with_default_home(documents: pd.DataFrame, home_id: str) -> pd.DataFrame:
    """Fill in the configured home where a document names none."""
    filled = documents.copy()
    filled[HOME_ID] = filled[HOME_ID].fillna("").replace("", home_id).astype("string")
    return filled


def summary(frame: pd.DataFrame, lang: str = DEFAULT_LANGUAGE) -> str:
    """One line on what a clean registry holds."""
    return t(
        "report.clean",
        lang,
        documents=len(frame),
        partners=frame[PARTNER_ID].nunique(),
        countries=frame[COUNTRY_CODE].nunique(),
    )


def count_file_rows(source: Path | bytes) -> int:
    """Count the data records of a file that reads as a table, 0 for one that does not."""
    try:
        return len(read_table(source).records)
    except TableReadError:
        return 0


def check_report(path: Path, lang: str, today: dt.date | None = None) -> tuple[str, int]:
    """The `check` command's text and exit code: 0 for a clean file, 1 with problems."""
    frame, problems = load_registry(path, today=today)
    if not problems:
        return summary(frame, lang), 0
    lines = [problem.describe(lang) for problem in problems]
    lines.append(
        t(
            "report.problems",
            lang,
            problems=len(problems),
            loaded=len(frame),
            total=count_file_rows(path),
        )
    )
    return "\n".join(lines), 1


def main(argv: list[str] | None = None) -> int:
    """Run `python -m utils.registry check PATH`."""
    parser = argparse.ArgumentParser(prog="python -m utils.registry")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate a partners file and report problems")
    check.add_argument("path", type=Path)
    check.add_argument("--lang", choices=LANGUAGES, default=DEFAULT_LANGUAGE)
    args = parser.parse_args(argv)
    if not args.path.is_file():
        parser.error(f"no such file: {args.path}")
    text, code = check_report(args.path, args.lang)
    sys.stdout.write(text + "\n")
    return code


if __name__ == "__main__":
    sys.exit(main())
