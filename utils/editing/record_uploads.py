# Updating the living record from the Data page: an uploaded status.csv or activities.csv
# checked against the registry with the `check DIR` rules, and applied whole or not at all
# as a new version of the store (utils/editing/store/).
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from utils.data.folder import ACTIVITIES_FILE, STATUS_FILE
from utils.data.problems import Problem
from utils.data.record import ACTIVITY_SCHEMA, STATUS_SCHEMA, load_record
from utils.data.table_files import read_table_file
from utils.data.writing import csv_text

RECORD_FILES = {STATUS_FILE: STATUS_SCHEMA, ACTIVITIES_FILE: ACTIVITY_SCHEMA}


@dataclass(frozen=True)
class RecordCheck:
    """An uploaded status or activities file, checked: its rows, problems and clean text."""

    file_name: str  # which file of the data folder it would replace
    rows: pd.DataFrame
    problems: list[Problem]
    file_rows: int
    text: str  # the file as it would be written: UTF-8, comma-separated, the agreed columns

    @property
    def can_apply(self) -> bool:
        """Tell whether the file may replace the current one: every row valid."""
        return not self.problems and self.file_rows > 0


def check_record_upload(
    data: bytes,
    upload_name: str,
    *,
    file_name: str,
    documents: pd.DataFrame,
    home_id: str,
    today: dt.date,
) -> RecordCheck:
    """Check an upload as `file_name` (status.csv or activities.csv) against the registry.

    Raises FileRefusedError for a file over the size or row limit.
    """
    table = read_table_file(data, upload_name)
    schema = RECORD_FILES[file_name]
    rows, problems = load_record(table, schema, documents, home_id, today)
    text = ""
    if not problems:
        columns = schema.columns
        records = (dict(zip(table.header, cells, strict=True)) for _, cells in table.records)
        text = csv_text(columns, ([record.get(c, "") for c in columns] for record in records))
    return RecordCheck(file_name, rows, problems, len(table.records), text)
