"""Benchmark of the upload check on small hostile files: time and memory of each refusal.

    python -m bench.hostile                 # the app's reader, results in bench/results/
    python -m bench.hostile --compare       # beside openpyxl and python-calamine, if installed

Each file of devtools/hostile_files.py (and the committed registry as a workbook, for the
ordinary case) is checked as the Data page checks an upload, in a fresh process: its wall
time and the growth of its peak memory (VmHWM) over what the imports took. With
--compare, the same workbooks are read as the app read them before (openpyxl in read-only
mode, each cell written out as CSV) and by python-calamine, each stopped after 60 s.
Nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.report import main as write_document
from devtools import hostile_files
from devtools.harness import ROOT

RESULTS = ROOT / "bench" / "results" / "hostile.json"
TIMEOUT_SECONDS = 60
# Run in the child: import what the reader needs, note the memory, read, note it again.
CHILD = """
import json, sys, time
def peak_kb():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
reader, path, name = sys.argv[1:4]
data = open(path, "rb").read()
if reader == "app":
    import datetime as dt
    from utils.data.registry import load_registry
    from utils.data.table_files import FileRefusedError
    from utils.editing.uploads import check_upload
    current, _ = load_registry(b"")
elif reader == "openpyxl":
    import csv, datetime as dt, io
    from openpyxl import load_workbook

    def cell_text(value):  # the app's reader before: each cell written out as CSV text
        if value is None:
            return ""
        if isinstance(value, (dt.datetime, dt.date)):
            return value.isoformat()[:10]
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return str(value).strip()
else:
    import io
    from python_calamine import CalamineWorkbook
before = peak_kb()
start = time.perf_counter()
if reader == "app":
    try:
        check = check_upload(data, name, current, dt.date(2026, 11, 26))
        said = f"checked, {check.file_rows} rows"
    except FileRefusedError as refused:
        said = "refused: " + refused.problem.code
elif reader == "openpyxl":
    book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    writer, rows = csv.writer(io.StringIO()), 0
    for rows, row in enumerate(book.worksheets[0].iter_rows(values_only=True), start=1):
        if rows > 50_001:
            break
        writer.writerow([cell_text(value) for value in row])
    said = f"read, {rows} rows"
else:
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0)
    rows = sum(1 for _, _ in zip(range(50_002), sheet.iter_rows()))
    said = f"read, {rows} rows"
print(json.dumps({"seconds": time.perf_counter() - start,
                  "peak_mb": (peak_kb() - before) / 1024, "said": said}))
"""


def committed_workbook() -> bytes:
    """The committed registry as an Excel workbook: the ordinary case."""
    import csv  # noqa: PLC0415
    import io  # noqa: PLC0415

    from openpyxl import Workbook  # noqa: PLC0415

    workbook = Workbook()
    lines = (ROOT / "data" / "partners.csv").read_text(encoding="utf-8").splitlines()
    for cells in csv.reader(lines):
        workbook.active.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def large_workbook(links: int = 26_000) -> bytes:
    """A synthetic registry of `links` rows (bench/synthetic.py) as a workbook."""
    import csv  # noqa: PLC0415
    import io  # noqa: PLC0415

    from openpyxl import Workbook  # noqa: PLC0415

    from bench.synthetic import write_registry  # noqa: PLC0415

    with tempfile.TemporaryDirectory() as folder:
        registry = write_registry(Path(folder), links, 400, ROOT / "data" / "basemap.geojson")
        lines = (registry / "partners.csv").read_text(encoding="utf-8").splitlines()
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    for cells in csv.reader(lines):
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


CASES = {
    "partners.xlsx (the committed registry)": ("partners.xlsx", committed_workbook),
    "a registry of 26,000 links": ("large.xlsx", large_workbook),
    "A1:XFD50000 around 3 rows": ("dimension.xlsx", hostile_files.declared_dimension_bomb),
    "A1:XFD50001 around 3,000 rows": (
        "dimension-3000.xlsx",
        lambda: hostile_files.declared_dimension_bomb(3000, "A1:XFD50001"),
    ),
    "one row of 1.5 million cells": ("wide-row.xlsx", hostile_files.wide_row),
    "one 79 MB shared string": ("long-string.xlsx", hostile_files.huge_shared_string),
    "4.6 million shared strings": ("many-strings.xlsx", hostile_files.many_shared_strings),
    "4.6 million shared strings, count not declared": (
        "many-strings-undeclared.xlsx",
        lambda: hostile_files.many_shared_strings(declare=False),
    ),
    "2.6 million short CSV rows": ("long.csv", hostile_files.long_csv),
}


def measure(reader: str, data: bytes, name: str) -> dict[str, object]:
    """Check (or read) one file in a fresh process; its time, memory and what it said."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        try:
            done = subprocess.run(
                [sys.executable, "-c", CHILD, reader, str(path), name],
                capture_output=True,
                text=True,
                timeout=TIMEOUT_SECONDS,
                cwd=ROOT,
                check=False,
            )
        except subprocess.TimeoutExpired:
            return {"seconds": None, "peak_mb": None, "said": f"stopped after {TIMEOUT_SECONDS} s"}
    if done.returncode != 0:
        return {"seconds": None, "peak_mb": None, "said": done.stderr.strip().splitlines()[-1]}
    return json.loads(done.stdout)


def readers(compare: bool) -> list[str]:  # noqa: FBT001
    """The readers measured: the app's, and with --compare the others that are installed."""
    found = ["app"]
    if compare:
        found.append("openpyxl")
        try:
            import python_calamine  # noqa: F401, PLC0415
        except ImportError:
            sys.stderr.write("python-calamine is not installed: pip install python-calamine\n")
        else:
            found.append("calamine")
    return found


def main(argv: list[str] | None = None) -> int:
    """Measure every case with each reader; write the results as they come."""
    parser = argparse.ArgumentParser(prog="python -m bench.hostile", description=__doc__)
    parser.add_argument("--compare", action="store_true", help="openpyxl and calamine beside")
    args = parser.parse_args(argv)
    results = []
    for case, (name, build) in CASES.items():
        data = build()
        for reader in readers(args.compare):
            if reader != "app" and not name.endswith(".xlsx"):
                continue
            result = {
                "case": case,
                "bytes": len(data),
                "reader": reader,
                **measure(reader, data, name),
            }
            results.append(result)
            seconds = "–" if result["seconds"] is None else f"{result['seconds']:.2f} s"
            memory = "–" if result["peak_mb"] is None else f"+{result['peak_mb']:.0f} MB"
            sys.stdout.write(
                f"{case} ({len(data) // 1024:,} KB), {reader}: {seconds}, {memory}, "
                f"{result['said']}\n"
            )
            RESULTS.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n")
    write_document()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
