# The shared password's lock-out as an attacker meets it: each wrong try from a session of
# its own and a made-up X-Forwarded-For address, then Streamlit's "clear cache" message sent
# over the WebSocket by hand (any visitor can send it) before trying again.
from __future__ import annotations

import re
import shutil
import time
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from devtools.harness import AppServer
from devtools.stream import clear_caches
from tests.helpers.data import DATA
from utils.editing.auth import MAX_FAILED_ATTEMPTS

LOAD_MS = 60_000
PASSWORD = "the-editors-own-password"  # noqa: S105 - a test's own
# The proxy the app is told to trust (FORWARDED_ALLOW_IPS): not the address the test's
# browser comes from, so the browser's own X-Forwarded-For must not be believed.
PROXY = "192.0.2.10"
WAIT = re.compile(r"Wait (\d+) s")


@pytest.fixture(scope="module")
def password_server(tmp_path_factory) -> Iterator[AppServer]:
    folder = tmp_path_factory.mktemp("lockout")
    shutil.copytree(DATA, folder / "data")
    secrets = folder / "secrets.toml"
    secrets.write_text(f'editor_password = "{PASSWORD}"\n', encoding="utf-8")
    server = AppServer(
        ("--secrets.files", str(secrets)),
        env={"PARTNERS_DATA_DIR": str(folder / "data"), "FORWARDED_ALLOW_IPS": PROXY},
    )
    yield server
    server.stop()


def data_page(browser: Browser, server: AppServer, forwarded_for: str) -> Page:
    """The Data page in a session of its own, claiming to come from `forwarded_for`."""
    context = browser.new_context(extra_http_headers={"X-Forwarded-For": forwarded_for})
    page = context.new_page()
    page.goto(f"{server.url}/data?lang=en")
    expect(page.get_by_role("heading", name="Data")).to_be_visible(timeout=LOAD_MS)
    return page


def wrong_try(browser: Browser, server: AppServer, forwarded_for: str) -> str:
    """Give a wrong password from a fresh session; return what the page says once it counted.

    Each try has a page of its own: a page that has said something keeps saying it until
    its next run has drawn, and an old "Wait" read as new would count a try twice.
    """
    while True:
        page = data_page(browser, server, forwarded_for)
        field = page.get_by_label("Editor password")
        expect(field).to_be_visible(timeout=LOAD_MS)
        field.fill("a-guess")
        page.get_by_role("button", name="Sign in", exact=True).click()
        said = page.get_by_text(re.compile("Wrong password|Wait|Too many"))
        expect(said.first).to_be_visible(timeout=LOAD_MS)
        text = said.first.inner_text()
        page.context.close()
        if not (pause := WAIT.search(text)):
            return text
        # The server asked for a pause before this try; the try was not counted.
        time.sleep(int(pause.group(1)))


def test_made_up_addresses_and_cleared_caches_lift_no_lock_out(browser, password_server):
    said = [
        wrong_try(browser, password_server, f"203.0.113.{attempt + 1}")
        for attempt in range(MAX_FAILED_ATTEMPTS)
    ]
    # The made-up addresses were not believed: one count, which ran out.
    assert said[:-1] == [
        f"Wrong password. Attempts left: {left}." for left in range(MAX_FAILED_ATTEMPTS - 1, 0, -1)
    ]
    assert said[-1].startswith("Too many wrong passwords from this address")
    for _ in range(3):
        clear_caches(password_server.url)
    page = data_page(browser, password_server, "198.51.100.7")
    expect(page.get_by_text("Too many wrong passwords from this address")).to_be_visible(
        timeout=LOAD_MS
    )
    expect(page.get_by_label("Editor password")).to_have_count(0)
    page.context.close()
