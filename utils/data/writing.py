# Writing data files so that a crash never leaves half a file behind.
from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from utils.data.problems import Problem, ProblemError


class DataWriteError(ProblemError):
    """Raised when a data file cannot be written: a read-only folder, a full disk."""


@contextmanager
def writing(path: Path) -> Iterator[None]:
    """Turn a failure to write `path` into a DataWriteError the page can show."""
    try:
        yield
    except OSError as error:
        params = {"file": Path(path).name, "detail": error.strerror or type(error).__name__}
        raise DataWriteError(Problem("not_writable", params=params)) from error


def csv_text(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """Render rows as comma-separated UTF-8 text with LF line ends, read back as written.

    The CSV module quotes a cell holding a line feed but not one holding a bare carriage
    return, which a reader then takes for the end of the row: such a row is quoted whole.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    quoted = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow(header)
    for row in rows:
        cells = list(row)
        has_return = any(isinstance(cell, str) and "\r" in cell for cell in cells)
        (quoted if has_return else writer).writerow(cells)
    return buffer.getvalue()


def write_text_atomic(path: Path, text: str) -> None:
    """Write `text` to a temporary file beside `path`, then rename it over `path`."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
