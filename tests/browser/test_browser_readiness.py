# Readiness (serve.py, utils/editing/readiness.py) against a PostgreSQL of the test's own
# that is stopped and started again: /readyz fails while the database cannot be read and
# recovers after; a replica that showed a version keeps serving it, one started during the
# outage turns page loads away (503) for nginx to send readers elsewhere; the audit log
# says when the database went down and came back.
from __future__ import annotations

import json
import shutil
import tempfile
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from devtools.harness import AppServer
from devtools.postgres import PostgresCluster, postgres_bin
from tests.helpers.data import DATA, REQUIRE_POSTGRES_VARIABLE

LOAD_MS = 60_000


def answer(url: str, accept: str = "application/json") -> tuple[int, dict | str]:
    """GET `url`: its status and its JSON (or text) body, whatever the status."""
    request = urllib.request.Request(url, headers={"Accept": accept})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=30) as done:  # noqa: S310 - the test's own
            status, body = done.status, done.read()
    except urllib.error.HTTPError as error:
        status, body = error.code, error.read()
    try:
        return status, json.loads(body)
    except ValueError:
        return status, body.decode(errors="replace")


@pytest.fixture
def outage() -> Iterator[tuple[PostgresCluster, Path, Path]]:
    """A cluster of its own (it is stopped in the test), a data folder and the secrets."""
    import os  # noqa: PLC0415

    if postgres_bin() is None:
        if os.environ.get(REQUIRE_POSTGRES_VARIABLE) == "1":
            pytest.fail("PostgreSQL is not installed")
        pytest.skip("PostgreSQL is not installed (apt-get install postgresql)")
    cluster = PostgresCluster(Path(tempfile.mkdtemp(prefix="partners-pg-outage-")))
    url = cluster.create_database("outage")
    folder = Path(tempfile.mkdtemp(prefix="partners-outage-"))
    shutil.copytree(DATA, folder / "data")
    secrets = folder / "secrets.toml"
    secrets.write_text(f'[connections.registry]\nurl = "{url}"\n', encoding="utf-8")
    yield cluster, folder / "data", secrets
    cluster.stop()
    shutil.rmtree(folder, ignore_errors=True)


def replica(data: Path, secrets: Path, name: str) -> AppServer:
    return AppServer(
        ("--secrets.files", str(secrets)),
        env={"PARTNERS_DATA_DIR": str(data), "PARTNERS_REPLICA": name},
        script="serve.py",
    )


def test_readiness_follows_the_database(outage, page):
    cluster, data, secrets = outage
    first = replica(data, secrets, "first")
    late = None
    try:
        status, body = answer(f"{first.url}/readyz")
        assert (status, body["status"], body["version"], body["replica"]) == (
            200, "ready", 0, "first",
        )  # fmt: skip
        page.goto(f"{first.url}/?lang=en")  # a reader: this replica has shown version 0
        expect(page.get_by_text("Documents shown: 11 of 11")).to_be_visible(timeout=LOAD_MS)
        cluster.pause()
        # The database is down: not ready; but this replica still serves what it showed.
        status, body = answer(f"{first.url}/readyz")
        assert (status, body["status"], body["version"]) == (503, "stale", 0)
        assert body["reason"] == "store_unreachable"
        assert answer(f"{first.url}/", accept="text/html")[0] == 200
        page.reload()
        expect(page.get_by_text("Documents shown: 11 of 11")).to_be_visible(timeout=LOAD_MS)
        # A replica started during the outage has nothing to show: page loads get 503.
        late = replica(data, secrets, "late")
        status, body = answer(f"{late.url}/readyz")
        assert (status, body["status"]) == (503, "not_ready")
        assert answer(f"{late.url}/", accept="text/html")[0] == 503
        assert answer(f"{late.url}/_stcore/health")[0] == 200  # alive, only not ready
        cluster.start()
        for server in (first, late):
            status, body = answer(f"{server.url}/readyz")
            assert (status, body["status"]) == (200, "ready")
        assert answer(f"{late.url}/", accept="text/html")[0] == 200
        page.reload()
        expect(page.get_by_text("Documents shown: 11 of 11")).to_be_visible(timeout=LOAD_MS)
        expect(page.locator("[data-testid='stAlert']")).to_have_count(0)  # no false warning
        events = [
            json.loads(line)["event"]
            for line in first.log.read_text(encoding="utf-8").splitlines()
            if line.startswith('{"time"')
        ]
        assert events[-2:] == ["store_down", "store_back"]
    finally:
        first.stop()
        if late is not None:
            late.stop()
