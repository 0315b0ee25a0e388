# Two replicas of the app (serve.py, as hosted) on one PostgreSQL, behind Debian's nginx
# configured by the block of docs/hosting.md (devtools/nginx.py): an editor applies through
# nginx, and a reader of either replica sees the new count on the next run; browsers behind
# one address spread over both replicas, each keeping to its own. Skipped where nginx or
# PostgreSQL is missing, unless CI requires them (REQUIRE_NGINX, REQUIRE_POSTGRES).
from __future__ import annotations

import json
import os
import shutil
import tempfile
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from devtools.harness import AppServer
from devtools.nginx import Nginx, nginx_path
from tests.helpers.browser import upload_registry_with_palanga
from tests.helpers.data import DATA, NEW_ROW
from utils.data.folder import REGISTRY_FILE
from utils.editing.store import SqlStore

LOAD_MS = 60_000
PASSWORD = "пароль-реплик"  # noqa: S105 - the test's own


@pytest.fixture(scope="module")
def replicas(postgres_cluster) -> Iterator[tuple[Nginx, AppServer, AppServer, Callable]]:
    """nginx at /partners/ in front of two `streamlit run` processes on one database."""
    if nginx_path() is None:
        reason = "nginx is not installed (apt-get install nginx)"
        if os.environ.get("REQUIRE_NGINX") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    url = postgres_cluster.create_database("replicas")
    folder = Path(tempfile.mkdtemp(prefix="partners-replicas-"))
    data = folder / "data"
    shutil.copytree(DATA, data)
    secrets = folder / "secrets.toml"
    secrets.write_text(
        f'editor_password = "{PASSWORD}"\n\n[connections.registry]\nurl = "{url}"\n',
        encoding="utf-8",
    )

    def start() -> AppServer:
        """Start a replica: the same secrets (the database) and data folder."""
        return AppServer(
            ("--secrets.files", str(secrets)),
            base_path="partners",
            env={"PARTNERS_DATA_DIR": str(data)},
            script="serve.py",
        )

    first, second = start(), start()
    proxy = Nginx(folder / "nginx", (first.port, second.port))
    start.url = url  # the database, for a test to read what the replicas wrote
    yield proxy, first, second, start
    proxy.stop()
    first.stop()
    second.stop()
    shutil.rmtree(folder, ignore_errors=True)


def documents_shown(page):
    return page.get_by_text("Documents shown:", exact=False).first


def test_an_apply_through_nginx_shows_on_the_other_replica(page, replicas, tmp_path):
    proxy, first, second, start = replicas
    through_nginx = f"http://127.0.0.1:{proxy.port}/partners"
    # A reader of the second replica, before the edit.
    reader = page.context.new_page()
    reader.goto(f"{second.url}/?lang=en")
    expect(documents_shown(reader)).to_have_text("Documents shown: 11 of 11", timeout=LOAD_MS)
    # The editor works through nginx: the sub-path, the WebSocket and an upload.
    page.goto(f"{through_nginx}/data?lang=en")
    page.get_by_label("Editor password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page.get_by_text("You are signed in as an editor.")).to_be_visible(timeout=LOAD_MS)
    upload_registry_with_palanga(page, tmp_path)
    page.get_by_label("Comment on the change (what and why)").fill("Palanga through nginx")
    page.get_by_role("button", name="Apply the file", exact=True).click()
    expect(
        page.get_by_text("The registry is replaced: this is version 1.", exact=False)
    ).to_be_visible(timeout=LOAD_MS)
    # nginx passed the editor's requests to a replica (its access log names the sub-path).
    assert "/partners/_stcore/upload_file" in proxy.access_log.read_text(encoding="utf-8")
    # The reader's next run (a reload, or any widget) shows the new count on either replica.
    for replica in (first, second):
        reader.goto(f"{replica.url}/?lang=en")
        expect(documents_shown(reader)).to_have_text("Documents shown: 12 of 12", timeout=LOAD_MS)
    reader.goto(f"{through_nginx}/?lang=en")
    expect(documents_shown(reader)).to_have_text("Documents shown: 12 of 12", timeout=LOAD_MS)
    # The map through nginx: its layer file, named by its content, may be kept a year.
    with reader.expect_response(lambda answer: "/app/static/layers/" in answer.url) as layer:
        reader.goto(f"{through_nginx}/map?lang=en")
    assert layer.value.status == 200
    assert layer.value.headers["cache-control"] == "public, max-age=31536000, immutable"
    # A replica started afresh (a restart, a redeploy) reads the edit from the database.
    restarted = start()
    try:
        reader.goto(f"{restarted.url}/?lang=en")
        expect(documents_shown(reader)).to_have_text("Documents shown: 12 of 12", timeout=LOAD_MS)
    finally:
        restarted.stop()


def put_status(url: str, body: bytes) -> int:
    """PUT `body` to `url`; return the HTTP status, whatever it is."""
    request = urllib.request.Request(url, data=body, method="PUT")  # noqa: S310 - the test's own
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:  # noqa: S310
            return answer.status
    except urllib.error.HTTPError as error:
        return error.code


def test_nginx_limits_the_upload_route(replicas):
    # One client sending uploads as fast as it can: a burst passes, the rest is refused
    # before it reaches a replica, where each upload would wait in memory for its session.
    proxy = replicas[0]
    route = f"http://127.0.0.1:{proxy.port}/partners/_stcore/upload_file/a-session/a-file"
    # Over 11 MB: refused by nginx before the app reads it.
    assert put_status(route.replace("a-file", "big"), b"x" * 12 * 2**20) == 413
    statuses = [put_status(route, b"partner_id\n") for _ in range(15)]
    assert statuses.count(429) >= 15 - 6, statuses  # a burst of five and one more at most


def replica_answering(url: str, cookie: str | None = None) -> tuple[str, str | None]:
    """GET /readyz through nginx: the replica that answered, and the cookie nginx set."""
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})  # noqa: S310
    with urllib.request.urlopen(request, timeout=30) as answer:  # noqa: S310 - the test's own
        body = json.loads(answer.read())
        set_cookie = answer.headers.get("Set-Cookie")
    return body["replica"], set_cookie.split(";")[0] if set_cookie else None


def test_browsers_behind_one_address_spread_over_both_replicas_and_keep_to_theirs(replicas):
    proxy = replicas[0]
    ready = f"http://127.0.0.1:{proxy.port}/partners/readyz"
    # Twenty browsers, all from 127.0.0.1 (one office behind NAT), each without a cookie.
    seen = [replica_answering(ready) for _ in range(20)]
    assert len({replica for replica, _ in seen}) == 2, seen  # ip_hash sent all 20 to one
    # Each browser keeps to the replica its cookie names, request after request.
    for replica, cookie in seen[:5]:
        assert cookie is not None
        assert cookie.startswith("partners_replica=")
        assert {replica_answering(ready, cookie)[0] for _ in range(5)} == {replica}


def editor_with_file(page, replica: AppServer, file: Path) -> None:
    """An editor signed in on one replica, with `file` uploaded and checked."""
    page.goto(f"{replica.url}/data?lang=en")
    page.get_by_label("Editor password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page.get_by_text("You are signed in as an editor.")).to_be_visible(timeout=LOAD_MS)
    page.locator("[data-testid='stFileUploaderDropzoneInput']").first.set_input_files(file)
    expect(page.get_by_text("No problems: the file can be applied.")).to_be_visible(timeout=LOAD_MS)


def test_two_editors_on_two_replicas_both_keep_their_documents(browser, replicas, tmp_path):
    _, first, second, start = replicas
    store = SqlStore(sa.create_engine(start.url))
    current = store.texts()[REGISTRY_FILE]
    rows = {
        "early": NEW_ROW.replace(
            "palanga,Паланга,Palanga,Palanga", "klaipeda,Клайпеда,Klaipėda,Klaipėda"
        ),
        "late": NEW_ROW.replace("palanga,Паланга,Palanga,Palanga", "nida,Нида,Nida,Nida"),
    }
    files = {}
    for name, row in rows.items():
        files[name] = tmp_path / name / REGISTRY_FILE
        files[name].parent.mkdir()
        files[name].write_text(current + row + "\n", encoding="utf-8")
    late = browser.new_context(viewport={"width": 1366, "height": 768}).new_page()
    early = browser.new_context(viewport={"width": 1366, "height": 768}).new_page()
    editor_with_file(late, second, files["late"])  # checked first, applied last
    editor_with_file(early, first, files["early"])
    early.get_by_role("button", name="Apply the file", exact=True).click()
    expect(early.get_by_text("The registry is replaced", exact=False)).to_be_visible(
        timeout=LOAD_MS
    )
    late.get_by_role("button", name="Apply the file", exact=True).click()
    expect(
        late.get_by_text("While you were checking, the data changed", exact=False)
    ).to_be_visible(timeout=LOAD_MS)
    expect(late.get_by_text("the other editor's changes are kept", exact=False)).to_be_visible()
    late.get_by_role("button", name="Apply the file", exact=True).click()
    expect(late.get_by_text("The registry is replaced", exact=False)).to_be_visible(timeout=LOAD_MS)
    ids = {line.split(",")[0] for line in store.texts()[REGISTRY_FILE].splitlines()}
    assert {"klaipeda", "nida"} <= ids
    store.engine.dispose()
