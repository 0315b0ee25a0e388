# Downloads of a table view: CSV that Russian Excel opens, and XLSX.
from __future__ import annotations

import io

import pandas as pd
from openpyxl.utils import get_column_letter

CSV_MIME = "text/csv"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_COLUMN_WIDTH = 60
SHEET_NAME_LIMIT = 31  # Excel refuses longer sheet names


def csv_bytes(table: pd.DataFrame) -> bytes:
    """Write the table as UTF-8 CSV with a BOM, which Excel needs to see Cyrillic."""
    return table.to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


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
    return buffer.getvalue()
