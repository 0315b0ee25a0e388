# Moving versions in and out of a store: a restore (a new version equal to an old one),
# a version written out as a data folder for the app's loaders, and a folder's files
# exported or imported by the command line. Only the data sets the app knows are written.
from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path

from utils.data.check import check_folder
from utils.data.folder import BASEMAP_FILE, HOME_FILE, DataFolder
from utils.data.problems import Problem, ProblemError
from utils.data.writing import write_text_atomic, writing
from utils.editing.store.base import NothingChangedError, Store
from utils.editing.store.files import FileStore
from utils.editing.versions import DATA_SETS, Texts, Version, checksum

KEPT_FOLDERS = 8  # versions written out as folders that stay on disk (SQL back-end)
# Settings a materialised folder copies from the data folder: they are not versioned data.
SETTINGS_FILES = (HOME_FILE, BASEMAP_FILE)


def restore(store: Store, number: int, *, based_on: int, editor: str, comment: str) -> Version:
    """Make a new version equal to version `number`: history is never rewritten."""
    if number not in {version.number for version in store.versions()}:
        raise NothingChangedError(Problem("no_such_version", params={"number": number}))
    old = store.texts(number)
    current = store.texts()
    changes: dict[str, str | None] = {name: old.get(name) for name in DATA_SETS}
    if all(changes[name] == current.get(name) for name in DATA_SETS):
        raise NothingChangedError(Problem("nothing_changed"))
    return store.apply(
        changes, based_on=based_on, editor=editor, comment=comment, restored_from=number
    )


def materialise(texts: Texts, number: int, settings: Path, cache_root: Path) -> Path:
    """Write a version's data sets into a folder of their own, with the data folder's settings.

    The folder is named by the version and its checksum, so the app's caches (keyed on the
    folder and its files) read a newer version as new data. Written once, then reused.
    """
    folder = cache_root / f"v{number}-{checksum(texts)[:12]}"
    if folder.exists():
        return folder
    cache_root.mkdir(parents=True, exist_ok=True)
    partial = Path(tempfile.mkdtemp(dir=cache_root, prefix=".partial-"))
    for name, text in known_data_sets(texts).items():
        (partial / name).write_text(text, encoding="utf-8", newline="")
    for name in SETTINGS_FILES:
        if (settings / name).exists():
            shutil.copy2(settings / name, partial / name)
    try:
        partial.rename(folder)
    except OSError:
        # Another session of this process wrote the same version first: keep theirs.
        shutil.rmtree(partial, ignore_errors=True)
    # Older versions' folders go, but the last few stay for sessions still reading them.
    written = sorted(cache_root.glob("v*-*"), key=lambda path: path.stat().st_mtime)
    for old in written[:-KEPT_FOLDERS]:
        shutil.rmtree(old, ignore_errors=True)
    return folder


def known_data_sets(texts: Texts) -> dict[str, str]:
    """Keep the data sets the app knows by name (DATA_SETS): only those are ever written."""
    return {name: texts[name] for name in DATA_SETS if name in texts}


def export_texts(texts: Texts, folder: Path) -> list[str]:
    """Write the known data sets into `folder` as CSV files; return the names written."""
    known = known_data_sets(texts)
    with writing(folder):
        for name, text in known.items():
            write_text_atomic(folder / name, text)
    return sorted(known)


def import_texts(folder: Path, settings: Path, today: dt.date) -> dict[str, str]:
    """Read the data sets of a folder, refused unless `check DIR` finds it clean.

    A folder written by `export` has no home.toml: the one in `settings` is used to check it.
    """
    texts = FileStore(folder).live_texts()
    with tempfile.TemporaryDirectory() as checked:
        export_texts(texts, Path(checked))
        home = folder / HOME_FILE if (folder / HOME_FILE).exists() else settings / HOME_FILE
        if home.exists():
            shutil.copy2(home, Path(checked) / HOME_FILE)
        report = check_folder(DataFolder(Path(checked)), today)
    problems = [(name, problem) for name, found in report.problems.items() for problem in found]
    if problems:
        name, first = problems[0]
        params = {"file": name, "count": len(problems), "first": first.describe("en")}
        raise ProblemError(Problem("import_not_clean", params=params))
    return texts


def version_texts(store: Store, number: int | None) -> dict[str, str]:
    """Return the data sets of a stored version (None: the latest); refuse one not stored."""
    numbers = [version.number for version in store.versions()]
    if not numbers:
        raise ProblemError(Problem("store_empty"))
    if number is None:
        number = max(numbers)
    elif number not in numbers:
        params = {"number": number, "first": min(numbers), "latest": max(numbers)}
        raise ProblemError(Problem("version_not_stored", params=params))
    return store.texts(number)
