# The store of the data (utils/editing/store/) on each back-end: the data folder's files, SQLite,
# and a real PostgreSQL (tests/conftest.py starts one; skipped where none is installed,
# a failure in CI). What one back-end does, the others must do alike.
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import unicodedata

import pytest
import sqlalchemy as sa

from tests.helpers.data import DATA, ROOT
from utils.__main__ import main
from utils.data.folder import COORDS_FILE, HOME_FILE, REGISTRY_FILE, STATUS_FILE
from utils.editing.store import (
    KEPT_FOLDERS,
    FileStore,
    NothingChangedError,
    SqlStore,
    StaleVersionError,
    StoreError,
    materialise,
)
from utils.editing.store import restore as restore_version
from utils.editing.versions import AS_FOUND, OUTSIDE, checksum

LIVING = ROOT / "tests" / "data" / "living"
RENAMED = ("Крайс Пиннеберг", "Район Пиннеберг")


@pytest.fixture(params=["files", "sqlite", "postgresql"])
def backend(request, tmp_path):
    """A store holding the committed data folder as found, on each back-end."""
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    if request.param == "files":
        yield FileStore(folder)
        return
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'registry.sqlite'}"
    else:
        url = request.getfixturevalue("postgres_url")
    engine = sa.create_engine(url)
    yield SqlStore(engine, seed=folder)
    engine.dispose()


def renamed_registry(store) -> str:
    """The store's registry with Pinneberg's Russian name changed."""
    return store.texts()[REGISTRY_FILE].replace(*RENAMED)


def test_first_apply_keeps_the_data_as_found_then_records_its_editor(backend):
    assert backend.latest() == 0
    found = backend.texts()
    version = backend.apply(
        {REGISTRY_FILE: renamed_registry(backend)}, based_on=0, editor="a@example.org", comment="c"
    )
    assert (version.number, version.editor, version.comment) == (1, "a@example.org", "c")
    # One partner renamed: its one document's row changed, nothing added or removed.
    assert (version.added, version.removed, version.changed) == (0, 0, 1)
    assert version.data_sets == (REGISTRY_FILE,)
    assert backend.latest() == 1
    assert [(v.number, v.editor) for v in backend.versions()] == [
        (1, "a@example.org"),
        (0, AS_FOUND),
    ]
    assert backend.texts(0) == found  # every data set as the first apply found it
    assert RENAMED[1] in backend.texts()[REGISTRY_FILE]
    assert version.checksum == checksum(backend.texts())


def test_an_apply_checked_against_an_older_version_is_refused(backend):
    backend.apply({REGISTRY_FILE: renamed_registry(backend)}, based_on=0, editor="a", comment="")
    before = backend.texts()
    with pytest.raises(StaleVersionError) as refused:
        backend.apply({COORDS_FILE: "place_id\n"}, based_on=0, editor="b", comment="")
    assert refused.value.problem.params["latest"] == 1
    assert refused.value.problem.params["editor"] == "a"
    assert backend.texts() == before  # nothing of the refused apply was written
    assert backend.latest() == 1


def test_restore_makes_a_new_version_equal_to_the_old_one(backend):
    backend.apply({REGISTRY_FILE: renamed_registry(backend)}, based_on=0, editor="a", comment="")
    status = (LIVING / STATUS_FILE).read_text(encoding="utf-8")
    backend.apply({STATUS_FILE: status}, based_on=1, editor="b", comment="")
    restored = restore_version(backend, 0, based_on=2, editor="c", comment="undo")
    assert (restored.number, restored.restored_from, restored.editor) == (3, 0, "c")
    assert backend.texts() == backend.texts(0)  # status.csv, absent then, is gone again
    assert STATUS_FILE not in backend.texts()
    assert restored.checksum == backend.versions()[-1].checksum
    # History is never rewritten: every version is still there, newest first.
    assert [v.number for v in backend.versions()] == [3, 2, 1, 0]
    assert RENAMED[1] in backend.texts(1)[REGISTRY_FILE]


def test_an_apply_that_changes_nothing_makes_no_version(backend):
    with pytest.raises(NothingChangedError):
        backend.apply(
            {REGISTRY_FILE: backend.texts()[REGISTRY_FILE]}, based_on=0, editor="a", comment=""
        )
    assert backend.versions() == []


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path) -> str:
    """An empty database on each SQL back-end."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'shared.sqlite'}"
    return request.getfixturevalue("postgres_url")


def test_two_replicas_of_one_database_see_each_others_versions(database_url):
    # Two processes would each make their own engine: two stores on one database here.
    first, second = (SqlStore(sa.create_engine(database_url), seed=DATA) for _ in range(2))
    first.apply({REGISTRY_FILE: renamed_registry(first)}, based_on=0, editor="a", comment="")
    assert second.latest() == 1
    assert RENAMED[1] in second.texts()[REGISTRY_FILE]
    with pytest.raises(StaleVersionError):
        second.apply({COORDS_FILE: "place_id\n"}, based_on=0, editor="b", comment="")
    for store in (first, second):
        store.engine.dispose()


def test_files_edited_by_hand_between_applies_are_recorded_as_their_own_version(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    store = FileStore(folder)
    store.apply({REGISTRY_FILE: renamed_registry(store)}, based_on=0, editor="a", comment="")
    coords = folder / COORDS_FILE
    coords.write_text(
        coords.read_text(encoding="utf-8") + "extra,Extra,1.0,2.0,manual,2026-11-27\n"
    )
    assert store.edited_outside()
    version = store.apply({STATUS_FILE: (LIVING / STATUS_FILE).read_text()}, based_on=1,
                          editor="b", comment="")  # fmt: skip
    assert version.number == 3
    outside = store.versions()[1]
    assert (outside.number, outside.editor, outside.data_sets) == (2, OUTSIDE, (COORDS_FILE,))
    assert not store.edited_outside()
    # The old files are kept beside the versions, as before there were versions.
    assert len(list((folder / "history").glob("partners-*.csv"))) == 1


def test_materialise_writes_a_version_once_with_the_settings(tmp_path):
    texts = FileStore(DATA).live_texts()
    first = materialise(texts, 4, DATA, tmp_path)
    assert first.name.startswith("v4-")
    assert (first / HOME_FILE).read_bytes() == (DATA / HOME_FILE).read_bytes()
    assert FileStore(first).live_texts() == texts
    assert materialise(texts, 4, DATA, tmp_path) == first
    assert len(list(tmp_path.iterdir())) == 1
    # Older versions' folders are removed, the last KEPT_FOLDERS stay.
    for number in range(5, 5 + KEPT_FOLDERS):
        materialise({**texts, "partners.csv": str(number)}, number, DATA, tmp_path)
    assert len(list(tmp_path.iterdir())) == KEPT_FOLDERS
    assert not first.exists()


def test_import_then_export_moves_the_files_through_a_database(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'registry.sqlite'}"
    assert main(["store", "import", "--url", url, "--from", str(LIVING), "--editor", "admin"]) == 0
    # Into an empty database the folder becomes version 0, as the first apply would keep it.
    assert capsys.readouterr().out.startswith("version 0: ")
    assert [(v.number, v.editor) for v in SqlStore(sa.create_engine(url)).versions()] == [
        (0, "admin")
    ]
    for version in ("0", None):  # version 0 by its number, and as the latest
        out = tmp_path / f"out-{version}"
        chosen = ["--version", version] if version else []
        assert main(["store", "export", "--url", url, "--to", str(out), *chosen]) == 0
        for name in FileStore(LIVING).live_texts():
            assert (out / name).read_bytes() == (LIVING / name).read_bytes()
    # The exported folder has no home.toml: it is checked with the settings' one. Nothing
    # changes, so nothing is stored, and that is no failure.
    assert main(["store", "import", "--url", url, "--from", str(tmp_path / "out-0")]) == 0
    assert capsys.readouterr().out.endswith("version 0 already holds these files: nothing stored\n")
    assert SqlStore(sa.create_engine(url)).latest() == 0


def test_import_refuses_a_folder_with_problems(tmp_path, capsys):
    folder = tmp_path / "bad"
    shutil.copytree(DATA, folder)
    registry = folder / REGISTRY_FILE
    registry.write_text(registry.read_text(encoding="utf-8").replace("1991-10-14", "1991-02-31"))
    url = f"sqlite:///{tmp_path / 'registry.sqlite'}"
    assert main(["store", "import", "--url", url, "--from", str(folder)]) == 1
    assert "The folder has problems (1), the first in partners.csv" in capsys.readouterr().err
    assert SqlStore(sa.create_engine(url)).latest() == 0


def test_an_unreachable_database_is_said_without_its_address(tmp_path, capsys):
    url = "postgresql+psycopg://someone:secret@127.0.0.1:9/none"
    assert main(["store", "export", "--url", url, "--to", str(tmp_path)]) == 1
    error = capsys.readouterr().err
    assert "The database cannot be reached (OperationalError)" in error
    assert "someone" not in error
    assert "9/none" not in error


def test_a_damaged_log_is_said_by_its_line(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    store = FileStore(folder)
    store.apply({REGISTRY_FILE: renamed_registry(store)}, based_on=0, editor="a", comment="")
    lines = store.log.read_text(encoding="utf-8").splitlines()
    store.log.write_text(f"{lines[0]}\n{{not json\n{lines[1]}\n", encoding="utf-8")
    assert store.latest() == 1  # each run reads only the last line
    with pytest.raises(StoreError) as damaged:
        store.versions()
    assert damaged.value.problem.params == {"file": "history/versions.jsonl", "line": 2}


def test_export_writes_only_the_known_data_sets_inside_its_folder(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'registry.sqlite'}"
    assert main(["store", "import", "--url", url, "--from", str(LIVING)]) == 0
    # A data set named to climb out of the folder, written into the database by hand.
    store = SqlStore(sa.create_engine(url))
    with store.engine.begin() as connection:
        connection.execute(
            sa.insert(store.files_table),
            [{"number": 1, "name": "../../escaped.csv", "content": "x"}],
        )
    target = tmp_path / "a" / "b" / "out"
    assert main(["store", "export", "--url", url, "--to", str(target)]) == 0
    assert not list(tmp_path.rglob("escaped.csv"))
    assert sorted(path.name for path in target.iterdir()) == sorted(FileStore(LIVING).live_texts())
    # Nor does the app write it out for its loaders.
    assert "../../escaped.csv" not in store.texts(1)
    capsys.readouterr()


@pytest.mark.parametrize(
    ("version", "said"),
    [
        ("-1", "there is no version -1: the versions stored are 0 to 0"),
        ("1", "there is no version 1: the versions stored are 0 to 0"),  # the first import is 0
        ("99", "there is no version 99: the versions stored are 0 to 0"),
    ],
)
def test_export_refuses_a_version_that_is_not_stored(tmp_path, capsys, version, said):
    url = f"sqlite:///{tmp_path / 'registry.sqlite'}"
    assert main(["store", "import", "--url", url, "--from", str(LIVING)]) == 0
    capsys.readouterr()
    target = str(tmp_path / "out")
    assert main(["store", "export", "--url", url, "--to", target, "--version", version]) == 1
    assert said in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_export_of_an_empty_database_is_refused(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'registry.sqlite'}"
    assert main(["store", "export", "--url", url, "--to", str(tmp_path / "out")]) == 1
    assert "the database holds no version yet" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def import_in_a_process(tmp_path, folder) -> subprocess.CompletedProcess:
    """Run the import command in a process of its own: a pipe must not hang the test."""
    url = f"sqlite:///{tmp_path / 'registry.sqlite'}"
    return subprocess.run(
        [sys.executable, "-m", "utils", "store", "import", "--url", url, "--from", str(folder)],
        capture_output=True, text=True, timeout=60, cwd=ROOT, check=False,
    )  # fmt: skip


@pytest.mark.parametrize("kind", ["folder", "pipe"])
def test_import_refuses_a_data_file_that_is_not_a_regular_file(tmp_path, kind):
    folder = tmp_path / "odd"
    shutil.copytree(LIVING, folder)
    if kind == "folder":
        (folder / REGISTRY_FILE).unlink()
        (folder / REGISTRY_FILE).mkdir()
        name = REGISTRY_FILE
    else:
        (folder / STATUS_FILE).unlink()
        os.mkfifo(folder / STATUS_FILE)  # reading it would wait for a writer for ever
        name = STATUS_FILE
    done = import_in_a_process(tmp_path, folder)
    assert done.returncode == 1
    assert f"{name} is not a regular file" in done.stderr
    assert "Traceback" not in done.stderr


def can_encode(char: str) -> bool:
    """Tell whether Windows-1251 has the character."""
    try:
        char.encode("cp1251")
    except UnicodeEncodeError:
        return False
    return True


def test_import_takes_a_registry_saved_by_russian_excel(tmp_path):
    folder = tmp_path / "excel"
    shutil.copytree(LIVING, folder)
    text = (folder / REGISTRY_FILE).read_text(encoding="utf-8").replace(",", ";")
    # Letters Windows-1251 lacks written without their marks (Klaipėda as Klaipeda), as an
    # editor fixes them: a file that `check DIR` passes.
    text = "".join(
        unicodedata.normalize("NFKD", char)[0] if not can_encode(char) else char for char in text
    )
    (folder / REGISTRY_FILE).write_bytes(text.encode("cp1251"))
    done = import_in_a_process(tmp_path, folder)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("version 0: ")
