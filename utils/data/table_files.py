# A table file a person hands the app, an upload on the Data page or `check FILE` on the
# command line: CSV (UTF-8 or Windows-1251, any of the usual separators) or an Excel
# workbook's first sheet, read within the same limits whatever the file declares.
from __future__ import annotations

from utils.data.problems import Problem, ProblemError
from utils.data.reading import RawTable, TableReadError, TooManyRowsError, read_table
from utils.data.workbook import read_workbook
from utils.data.workbook_package import WorkbookRefusedError

MAX_FILE_BYTES = 10 * 2**20
MAX_FILE_ROWS = 50_000
XLSX_SUFFIX = ".xlsx"


class FileRefusedError(ProblemError):
    """Raised when a file cannot be considered at all: too big, too long, unreadable."""


def read_table_file(data: bytes, file_name: str) -> RawTable:
    """Read a CSV or XLSX file as a table within the limits; raise FileRefusedError if not.

    A file over MAX_FILE_BYTES is refused before it is read, one of more than
    MAX_FILE_ROWS data rows as soon as the row over is read.
    """
    if len(data) > MAX_FILE_BYTES:
        params = {"size": f"{len(data) / 2**20:.1f}", "limit": MAX_FILE_BYTES // 2**20}
        raise FileRefusedError(Problem("upload_too_big", params=params))
    try:
        if file_name.lower().endswith(XLSX_SUFFIX):
            sheet = read_workbook(data, max_records=MAX_FILE_ROWS)
            if sheet.over_limit:
                raise FileRefusedError(Problem("upload_too_long", params={"limit": MAX_FILE_ROWS}))
            return sheet.table
        return read_table(data, max_records=MAX_FILE_ROWS)
    except (WorkbookRefusedError, TooManyRowsError, TableReadError) as error:
        raise FileRefusedError(error.problem) from error
