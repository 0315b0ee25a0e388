# Small files that cost a careless reader minutes and gigabytes (devtools/hostile_files.py),
# each checked as the Data page checks an upload, in a process of its own under a memory
# limit and a timeout: a reader that hangs or swells fails here instead of taking the
# server down. The exact time and memory are measured by bench/hostile.py.
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from devtools import hostile_files
from tests.helpers.data import ROOT

# Generous bounds: a guard against a hang or a swell, not a measure (see bench/hostile.py).
TIMEOUT_SECONDS = 60
MEMORY_LIMIT_BYTES = 1500 * 2**20  # the whole child process: Python, pandas and the file
CHECK = """
import datetime as dt, resource, sys
resource.setrlimit(resource.RLIMIT_AS, ({limit}, {limit}))
from utils.data.registry import load_registry
from utils.data.table_files import FileRefusedError
from utils.editing.uploads import check_upload
data = open(sys.argv[1], "rb").read()
current, _ = load_registry(b"")
try:
    check = check_upload(data, sys.argv[2], current, dt.date(2026, 11, 26))
except FileRefusedError as refused:
    print("refused", refused.problem.code)
else:
    print("checked", check.file_rows, " ".join(sorted({{p.code for p in check.problems}})))
"""


def checked_in_a_process_of_its_own(tmp_path: Path, data: bytes, name: str) -> str:
    """Check an upload in a child process under the limits; return what it printed."""
    path = tmp_path / name
    path.write_bytes(data)
    done = subprocess.run(
        [sys.executable, "-c", CHECK.format(limit=MEMORY_LIMIT_BYTES), str(path), name],
        capture_output=True,
        text=True,
        timeout=TIMEOUT_SECONDS,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout.strip()


@pytest.mark.parametrize(
    ("name", "build", "expected"),
    [
        # Declares 16,384 columns by 50,000 rows around three real rows: was still being
        # read after 600 s. Only the cells that exist are read.
        ("dimension.xlsx", hostile_files.declared_dimension_bomb, "checked 4 "),
        # 3,000 real rows under A1:XFD50001: took 119 s and +630 MB.
        (
            "dimension-3000.xlsx",
            lambda: hostile_files.declared_dimension_bomb(3000, "A1:XFD50001"),
            "checked 3001 ",
        ),
        # One row of 1.5 million cells: 69 s and +1.3 GB. Refused at the 65th cell.
        ("wide-row.xlsx", hostile_files.wide_row, "refused too_many_columns"),
        # One shared string of 79 MB: 22 s and +764 MB. Kept to one character over the
        # limit, then said by row and column.
        ("long-string.xlsx", hostile_files.huge_shared_string, "checked 1 "),
        # 4.6 million tiny shared strings: 108 s of CPU.
        ("many-strings.xlsx", hostile_files.many_shared_strings, "refused xlsx_too_many_strings"),
        # 2.6 million short rows in 10 MB: refused after 94 s and 691 MB, for being too long.
        ("long.csv", hostile_files.long_csv, "refused upload_too_long"),
    ],
)
def test_a_small_hostile_file_is_read_within_bounds(tmp_path, name, build, expected):
    data = build()
    assert len(data) < 10 * 2**20  # under the upload's size limit: only the reader stops it
    assert checked_in_a_process_of_its_own(tmp_path, data, name).startswith(expected)


def test_the_long_shared_string_is_said_by_row_and_column():
    from utils.data.reading import read_rows  # noqa: PLC0415
    from utils.data.table_files import read_table_file  # noqa: PLC0415

    table = read_table_file(hostile_files.huge_shared_string(), "long-string.xlsx")
    _, problems = read_rows(table, tuple(table.header), ())
    too_long = [problem for problem in problems if problem.code == "cell_too_long"]
    assert [(problem.row, problem.column) for problem in too_long] == [(2, "partner_id")]


def test_many_shared_strings_without_a_declared_count_are_refused_at_the_limit():
    from utils.data.table_files import FileRefusedError, read_table_file  # noqa: PLC0415
    from utils.data.workbook_package import MAX_SHARED_STRINGS  # noqa: PLC0415

    data = hostile_files.many_shared_strings(MAX_SHARED_STRINGS + 1, declare=False)
    with pytest.raises(FileRefusedError) as refused:
        read_table_file(data, "many-strings.xlsx")
    assert refused.value.problem.code == "xlsx_too_many_strings"


def test_the_workbooks_date_systems_are_openpyxls():
    # Copied so that openpyxl is imported only when a workbook is read, not by every page.
    from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900  # noqa: PLC0415

    from utils.data import workbook_package  # noqa: PLC0415

    assert workbook_package.CALENDAR_WINDOWS_1900 == CALENDAR_WINDOWS_1900
    assert workbook_package.CALENDAR_MAC_1904 == CALENDAR_MAC_1904


def test_a_page_that_reads_no_workbook_imports_no_openpyxl():
    import subprocess  # noqa: PLC0415
    import sys  # noqa: PLC0415

    code = "import sys, ui.view_cache, ui.loaders; print('openpyxl' in sys.modules)"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True,
        cwd=Path(__file__).resolve().parents[2],
    )  # fmt: skip
    assert done.stdout.strip() == "False"
