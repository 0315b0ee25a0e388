# Browser tests: `streamlit run app.py` on a free local port, driven by Debian's Chromium.
from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from devtools.harness import CHROMIUM_ARGS, AppServer, chromium_path

# Set by .ci/run: there a missing browser is a failure, not a skip.
REQUIRE_BROWSER_VARIABLE = "REQUIRE_BROWSER"
# A projector's resolution: every column of the tables is drawn.
VIEWPORT = {"width": 1920, "height": 1080}


def start_server(base_path: str = "") -> AppServer:
    try:
        return AppServer(base_path=base_path)
    except RuntimeError as error:
        pytest.fail(str(error))


@pytest.fixture(scope="session")
def chromium() -> str:
    path = chromium_path()
    if path is None:
        reason = "no Chromium found (apt-get install chromium, or set CHROMIUM_PATH)"
        if os.environ.get(REQUIRE_BROWSER_VARIABLE) == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    return path


@pytest.fixture(scope="session")
def browser(chromium: str) -> Iterator:
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def app_server() -> Iterator[AppServer]:
    server = start_server()
    yield server
    server.stop()


@pytest.fixture
def fresh_server() -> Iterator[AppServer]:
    """A server that has served nobody yet: for what happens on the first request."""
    server = start_server()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def base_path_server() -> Iterator[AppServer]:
    """The app served under a sub-path, as behind a municipal server's proxy."""
    server = start_server(base_path="partners")
    yield server
    server.stop()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=VIEWPORT, locale="ru-RU")
    opened = context.new_page()
    yield opened
    context.close()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test in this folder as a browser test."""
    for item in items:
        if Path(item.fspath).parent == Path(__file__).parent:
            item.add_marker(pytest.mark.browser)
