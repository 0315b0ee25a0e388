# Downloads of a table view: CSV that Russian Excel opens, and XLSX.
from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Mapping
from urllib.parse import urlencode

import pandas as pd
from babel import Locale
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from utils.data.reading import TEXT_MARK, is_formula_like
from utils.data.writing import csv_text
from utils.filters import FILTERS, Filters, filter_text, filters_to_params, value_of
from utils.i18n import t

CSV_MIME = "text/csv"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_COLUMN_WIDTH = 60
SHEET_NAME_LIMIT = 31  # Excel refuses longer sheet names
MAX_NAME_FILTERS = 80  # of a file name, the part that says its filters


def inert_text(value: object) -> object:
    """Prefix text a spreadsheet would read as a formula with an apostrophe (OWASP's advice)."""
    return f"{TEXT_MARK}{value}" if is_formula_like(value) else value


def inert_csv(text: str) -> bytes:
    """Return a data file's CSV text for download, its formula-like cells marked as text.

    The loaders read the mark back (utils/data_files.unmarked): downloaded and uploaded
    again, the file says what it said.
    """
    rows = [[inert_text(cell) for cell in row] for row in csv.reader(io.StringIO(text, newline=""))]
    return csv_text(rows[0], rows[1:]).encode("utf-8") if rows else b""


def csv_convention(lang: str) -> tuple[str, str]:
    """Return the CSV separator and decimal mark a reader's Excel expects, from CLDR.

    Where numbers take a decimal comma (Russian, Polish, German, Lithuanian), Excel's list
    separator is ";": a comma-separated file opens as one column. English: "," and ".".
    """
    decimal = Locale.parse(lang).number_symbols["latn"]["decimal"]
    return (";" if decimal == "," else ","), decimal


def csv_bytes(table: pd.DataFrame, lang: str = "en") -> bytes:
    """Write the table as UTF-8 CSV with a BOM, in the reader's separator and decimal mark.

    Excel needs the BOM to see Cyrillic.
    """
    separator, decimal = csv_convention(lang)
    safe = table.map(inert_text) if len(table) else table
    text = safe.to_csv(index=False, sep=separator, decimal=decimal, lineterminator="\r\n")
    return text.encode("utf-8-sig")


def xlsx_bytes(
    table: pd.DataFrame,
    sheet_name: str,
    about: tuple[str, list[tuple[str, str]]] | None = None,
) -> bytes:
    """Write the table as an Excel workbook, columns wide enough for their text.

    `about` is a second sheet's name and its rows (label, value): what the table was made
    from (its filters, the data's version, when).
    """
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        table.to_excel(writer, index=False, sheet_name=sheet_name[:SHEET_NAME_LIMIT])
        if about is not None:
            about_name, rows = about
            pd.DataFrame(rows).to_excel(
                writer, index=False, header=False, sheet_name=about_name[:SHEET_NAME_LIMIT]
            )
            _fit_and_defuse(writer.sheets[about_name[:SHEET_NAME_LIMIT]], pd.DataFrame(rows))
        sheet = writer.sheets[sheet_name[:SHEET_NAME_LIMIT]]
        _fit_and_defuse(sheet, table)
        sheet.freeze_panes = "A2"
    return buffer.getvalue()


def _fit_and_defuse(sheet: Worksheet, table: pd.DataFrame) -> None:
    """Make a sheet's columns wide enough for their text, and its formula-like cells text."""
    for position, column in enumerate(table.columns, start=1):
        longest = max([len(str(column)), *(len(str(v)) for v in table[column].dropna())])
        sheet.column_dimensions[get_column_letter(position)].width = min(
            longest + 2, MAX_COLUMN_WIDTH
        )
    # openpyxl writes a string that starts with "=" as a live formula: each such cell is
    # stored as text, marked so that editing it in Excel keeps it text.
    for row in sheet.iter_rows(min_row=1):
        for cell in row:
            if is_formula_like(cell.value):
                cell.data_type = "s"
                cell.quotePrefix = True


def export_name(base: str, params: dict[str, list[str]], day: dt.date) -> str:
    """Name a download after its filters (as the view's link writes them) and its day.

    For example partner_documents_country-PL_from-2005_2026-11-27: a CSV file holds no
    note of its own, so its name says what view it is.
    """
    filters = "_".join(f"{name}-{'+'.join(values)}" for name, values in params.items())
    safe = re.sub(r"[^\w+.-]+", "-", filters, flags=re.UNICODE).strip("-")[:MAX_NAME_FILTERS]
    return "_".join(part for part in (base, safe, day.isoformat()) if part)


def about_rows(
    filters: Filters,
    defaults: Filters,
    lang: str,
    *,
    rows: int,
    data_version: str,
    made_at: dt.datetime,
    names: Mapping[str, str] | None = None,
) -> list[tuple[str, str]]:
    """Say what a download was made from, as (label, value) rows in `lang`.

    The link parameters that reproduce the view, the data's version and when, then each
    filter (utils/filters.py FILTERS), its values named as the sidebar names them (`names`
    for the homes, by their names).
    """
    params = filters_to_params(filters, defaults)
    link = "?" + urlencode(params, doseq=True) if params else t("export.whole_registry", lang)
    return [
        (t("export.made", lang), made_at.isoformat(timespec="seconds")),
        (t("export.data_version", lang), data_version),
        (t("export.rows", lang), str(rows)),
        (t("export.view_link", lang), link),
        *(
            (t(spec.label, lang), filter_text(filters, spec, lang, names))
            for spec in FILTERS
            if spec.shown_from <= 1 or value_of(filters, spec)
        ),
    ]
