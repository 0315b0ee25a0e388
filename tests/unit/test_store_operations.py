# Operating the store (utils/editing/store/): a backup that keeps History and its restore
# into an empty store of either back-end, the database named without a password on the
# command line, and errors that say what failed — against a real PostgreSQL where it runs.
from __future__ import annotations

import json
import shutil

import psycopg
import pytest
import sqlalchemy as sa

from devtools.postgres import DATABASE_USER
from tests.helpers.data import DATA, ROOT
from utils.__main__ import main
from utils.data.folder import REGISTRY_FILE
from utils.editing.store import FileStore, SqlStore, StoreError
from utils.editing.store.settings import STORE_URL_VARIABLE, make_engine

LIVING = ROOT / "tests" / "data" / "living"
RENAMED = ("Крайс Пиннеберг", "Район Пиннеберг")


def history(store) -> list[tuple]:
    """What History shows of each version: number, editor, comment, counts, restores."""
    return [
        (v.number, v.editor, v.comment, v.added, v.removed, v.changed, v.checksum,
         v.data_sets, v.restored_from, v.made_at)
        for v in store.versions()
    ]  # fmt: skip


def with_history(store) -> None:
    """Give a store four versions: as found, an edit, a removal, a restore."""
    registry = store.texts()[REGISTRY_FILE]
    store.apply({REGISTRY_FILE: registry.replace(*RENAMED)}, based_on=0, editor="a@x.ru",
                comment="переименование")  # fmt: skip
    store.apply({"status.csv": None}, based_on=1, editor="b@x.ru", comment="no status")
    store.apply({REGISTRY_FILE: registry}, based_on=2, editor="a@x.ru", comment="back",
                restored_from=0)  # fmt: skip


@pytest.fixture(params=["files", "sqlite", "postgresql"])
def make_store(request, tmp_path):
    """A maker of empty stores on one back-end: each call a new folder or database."""
    made = []

    def make(name: str, seed=LIVING):
        folder = tmp_path / name
        shutil.copytree(seed, folder)
        if request.param == "files":
            return FileStore(folder), ["--data", str(folder)]
        if request.param == "sqlite":
            url = f"sqlite:///{tmp_path / name}.sqlite"
        else:
            url = request.getfixturevalue("postgres_cluster").create_database(
                f"ops_{tmp_path.name[-20:]}_{name}".lower().replace("-", "_")
            )
        engine = sa.create_engine(url)
        made.append(engine)
        return SqlStore(engine, seed=folder), ["--url", url]

    yield make
    for engine in made:
        engine.dispose()


def test_backup_and_restore_keep_history(make_store, tmp_path, capsys):
    source, where = make_store("source")
    with_history(source)
    before = history(source)
    assert [row[0] for row in before] == [3, 2, 1, 0]
    backup = tmp_path / "backup.json"
    assert main(["store", "backup", str(backup), *where]) == 0
    assert "4 version(s), 0 to 3" in capsys.readouterr().out
    target, where = make_store("target", seed=DATA)
    assert main(["store", "restore", str(backup), *where]) == 0
    assert history(target) == before
    for number in range(4):
        assert target.texts(number) == source.texts(number)
    assert target.texts() == source.texts()
    # The next apply goes on from the restored history.
    registry = target.texts()[REGISTRY_FILE]
    made = target.apply({REGISTRY_FILE: registry.replace(*RENAMED)}, based_on=3, editor="c",
                        comment="")  # fmt: skip
    assert made.number == 4


def test_a_backup_restores_from_files_into_a_database(tmp_path, postgres_url, capsys):
    folder = tmp_path / "data"
    shutil.copytree(LIVING, folder)
    files = FileStore(folder)
    with_history(files)
    backup = tmp_path / "backup.json"
    assert main(["store", "backup", str(backup), "--data", str(folder)]) == 0
    engine = sa.create_engine(postgres_url)
    assert main(["store", "restore", str(backup), "--url", postgres_url]) == 0
    assert history(SqlStore(engine)) == history(files)
    engine.dispose()
    capsys.readouterr()


def test_restore_refuses_a_store_that_has_versions(make_store, tmp_path, capsys):
    source, where = make_store("used")
    with_history(source)
    backup = tmp_path / "backup.json"
    assert main(["store", "backup", str(backup), *where]) == 0
    before = history(source)
    assert main(["store", "restore", str(backup), *where]) == 1
    assert "only into an empty one" in capsys.readouterr().err
    assert history(source) == before


@pytest.mark.parametrize(
    ("damage", "said"),
    [
        # A comment edited by hand after the backup: the checksum of the data still holds.
        (lambda doc: doc["versions"][1]["version"].update(comment="x"), None),
        # Data edited by hand: version 1 no longer matches its checksum.
        (lambda doc: doc["versions"][1]["written"].update({REGISTRY_FILE: "partner_id\n"}),
         "version 1 does not match its checksum"),
        (lambda doc: doc["versions"][2]["version"].update(number=1), "version 1 out of order"),
        (lambda doc: doc.update(format="something else"), "not a backup of this app"),
        (lambda doc: doc.update(versions=[]), "no version in it"),
    ],
)  # fmt: skip
def test_restore_checks_the_whole_backup_first(tmp_path, capsys, damage, said):
    folder = tmp_path / "data"
    shutil.copytree(LIVING, folder)
    with_history(FileStore(folder))
    backup = tmp_path / "backup.json"
    assert main(["store", "backup", str(backup), "--data", str(folder)]) == 0
    document = json.loads(backup.read_text(encoding="utf-8"))
    damage(document)
    backup.write_text(json.dumps(document), encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'target.sqlite'}"
    code = main(["store", "restore", str(backup), "--url", url])
    if said is None:
        assert code == 0
    else:
        assert code == 1
        assert said in capsys.readouterr().err
        assert SqlStore(sa.create_engine(url)).is_empty()  # nothing half-written


def test_the_url_comes_from_the_environment_or_secrets(tmp_path, capsys, monkeypatch):
    url = f"sqlite:///{tmp_path / 'registry.sqlite'}"
    monkeypatch.setenv(STORE_URL_VARIABLE, url)
    assert main(["store", "import", "--from", str(LIVING), "--secrets", str(tmp_path / "no")]) == 0
    assert SqlStore(sa.create_engine(url)).latest() == 0
    monkeypatch.delenv(STORE_URL_VARIABLE)
    secrets = tmp_path / "secrets.toml"
    secrets.write_text(f'[connections.registry]\nurl = "{url}"\n', encoding="utf-8")
    assert main(["store", "export", "--to", str(tmp_path / "out"), "--secrets", str(secrets)]) == 0
    assert (tmp_path / "out" / REGISTRY_FILE).exists()
    # Neither: the command names every way to give it.
    capsys.readouterr()
    assert main(["store", "export", "--to", str(tmp_path / "x"), "--secrets", str(tmp_path)]) == 1
    assert "set PARTNERS_STORE_URL" in capsys.readouterr().err


def admin(cluster, database: str, *statements: str) -> None:
    """Run statements on a database of the cluster as its superuser."""
    dsn = f"host=127.0.0.1 port={cluster.port} user={DATABASE_USER} dbname={database}"
    with psycopg.connect(dsn, autocommit=True) as connection:
        for statement in statements:
            connection.execute(statement)


def test_each_database_failure_says_what_to_fix(postgres_cluster, tmp_path):
    url = postgres_cluster.create_database("ops_kinds")
    folder = tmp_path / "data"
    shutil.copytree(LIVING, folder)
    store = SqlStore(make_engine(url), seed=folder)
    registry = store.texts()[REGISTRY_FILE]
    store.apply({REGISTRY_FILE: registry.replace(*RENAMED)}, based_on=0, editor="a", comment="")
    base = url.rsplit("/", 1)[0]
    # A role the server does not know: refused at sign-in, not "cannot be reached".
    stranger = base.replace(f"{DATABASE_USER}@", "nobody@") + "/ops_kinds"
    with pytest.raises(StoreError) as refused:
        SqlStore(make_engine(stranger)).latest()
    assert refused.value.problem.code == "store_sign_in_refused"
    # No such database.
    with pytest.raises(StoreError) as missing:
        SqlStore(make_engine(f"{base}/no_such_database")).latest()
    assert missing.value.problem.code == "store_no_such_database"
    # A role without grants on the tables.
    admin(postgres_cluster, "ops_kinds", "CREATE ROLE reader LOGIN")
    with pytest.raises(StoreError) as denied:
        SqlStore(make_engine(base.replace(f"{DATABASE_USER}@", "reader@") + "/ops_kinds")).latest()
    assert denied.value.problem.code == "store_permission_denied"
    # A read-only database: read, but an apply is refused as read-only.
    admin(postgres_cluster, "postgres",
          "ALTER DATABASE ops_kinds SET default_transaction_read_only = on")  # fmt: skip
    read_only = SqlStore(make_engine(url), seed=folder)  # new connections read the setting
    assert read_only.latest() == 1
    with pytest.raises(StoreError) as refused_write:
        read_only.apply({REGISTRY_FILE: registry}, based_on=1, editor="a", comment="")
    assert refused_write.value.problem.code == "store_read_only"
    assert read_only.latest() == 1
