# Downloads of a table view: CSV that Russian Excel opens, and XLSX.
from __future__ import annotations

import io

import pandas as pd
from openpyxl.utils import get_column_letter

CSV_MIME = "text/csv"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_COLUMN_WIDTH = 60
SHEET_NAME_LIMIT = 31  # Excel refuses longer sheet names
# A cell that starts with one of these is a formula to Excel and LibreOffice: a partner
# named =HYPERLINK(...) or +cmd|' /C calc'!A0 would run when an analyst opens the file.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(value: object) -> bool:
    """Tell whether a spreadsheet would read this text cell as a formula."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def inert_text(value: object) -> object:
    """Prefix text a spreadsheet would read as a formula with an apostrophe (OWASP's advice)."""
    return f"'{value}" if is_formula_like(value) else value


def csv_bytes(table: pd.DataFrame) -> bytes:
    """Write the table as UTF-8 CSV with a BOM, which Excel needs to see Cyrillic."""
    safe = table.map(inert_text) if len(table) else table
    return safe.to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def xlsx_bytes(table: pd.DataFrame, sheet_name: str) -> bytes:
    """Write the table as an Excel workbook, columns wide enough for their text."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        table.to_excel(writer, index=False, sheet_name=sheet_name[:SHEET_NAME_LIMIT])
        sheet = writer.sheets[sheet_name[:SHEET_NAME_LIMIT]]
        for position, column in enumerate(table.columns, start=1):
            longest = max([len(str(column)), *(len(str(v)) for v in table[column].dropna())])
            sheet.column_dimensions[get_column_letter(position)].width = min(
                longest + 2, MAX_COLUMN_WIDTH
            )
        sheet.freeze_panes = "A2"
        # openpyxl writes a string that starts with "=" as a live formula: each such cell
        # is stored as text, marked so that editing it in Excel keeps it text.
        for row in sheet.iter_rows(min_row=1):
            for cell in row:
                if is_formula_like(cell.value):
                    cell.data_type = "s"
                    cell.quotePrefix = True
    return buffer.getvalue()
