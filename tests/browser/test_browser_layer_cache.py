# The map's layer files as the hosted app (serve.py) serves them: named by their content,
# so kept by the browser (a year, immutable) and answered 304 on revalidation; a second view
# of the same map, after a reload or a move between pages, downloads no layer again.
from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Iterator

import pytest

from devtools.harness import AppServer
from tests.helpers.browser import map_frame
from utils.map.layer_files import LAYER_ROUTE

IMMUTABLE = "public, max-age=31536000, immutable"


@pytest.fixture(scope="module")
def hosted() -> Iterator[AppServer]:
    server = AppServer(script="serve.py")
    yield server
    server.stop()


def layer_responses(page) -> list[dict]:
    """Every layer file the page received, from the network or the browser's cache."""
    session = page.context.new_cdp_session(page)
    session.send("Network.enable")
    received: list[dict] = []

    def on_response(event: dict) -> None:
        response = event["response"]
        if LAYER_ROUTE in response["url"]:
            received.append(response)

    session.on("Network.responseReceived", on_response)
    return received


def get(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str]]:
    request = urllib.request.Request(url, headers=headers or {})  # noqa: S310 - the test's own
    try:
        with urllib.request.urlopen(request, timeout=30) as done:  # noqa: S310
            return done.status, {k.lower(): v for k, v in done.headers.items()}
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}


def test_a_second_view_of_the_map_downloads_no_layer_again(browser, hosted):
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    received = layer_responses(page)
    page.goto(f"{hosted.url}/map?lang=en")
    map_frame(page)
    assert len(received) == 1
    first = received[0]
    assert first["status"] == 200
    assert first["headers"].get("cache-control") == IMMUTABLE
    assert not first.get("fromDiskCache")
    page.reload()
    map_frame(page)
    page.goto(f"{hosted.url}/timeline?lang=en")
    page.goto(f"{hosted.url}/map?lang=en")
    map_frame(page)
    assert len(received) == 3
    # Both later views read the file from the browser's cache: nothing went to the server.
    assert all(response.get("fromDiskCache") for response in received[1:]), received[1:]
    assert {response["url"] for response in received} == {first["url"]}
    context.close()


def test_a_layer_file_is_immutable_and_answers_a_revalidation_with_304(browser, hosted):
    context = browser.new_context()
    page = context.new_page()
    received = layer_responses(page)
    page.goto(f"{hosted.url}/map?lang=ru")
    map_frame(page)
    url = received[0]["url"]
    context.close()
    status, headers = get(url)
    assert (status, headers["cache-control"]) == (200, IMMUTABLE)
    etag = headers["etag"]
    assert etag == '"' + url.rsplit("/", 1)[-1].removesuffix(".json") + '"'
    assert get(url, {"If-None-Match": etag})[0] == 304
    assert get(url, {"If-None-Match": '"another"'})[0] == 200
    # Files that are not layers keep Streamlit's own headers.
    status, headers = get(f"{hosted.url}/app/static/basemap.geojson")
    assert status == 200
    assert "immutable" not in headers.get("cache-control", "")
