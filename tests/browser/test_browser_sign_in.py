# Sign-in per editor with st.login against a real OpenID Connect provider
# (oidc-provider-mock, started here): an e-mail on the editors' list applies and is
# recorded as the version's editor; another e-mail signs in but cannot apply.
from __future__ import annotations

import json
import shutil
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from devtools.harness import AppServer, free_port
from tests.helpers.browser import upload_registry_with_palanga
from tests.helpers.data import DATA

oidc_provider_mock = pytest.importorskip("oidc_provider_mock")

LOAD_MS = 60_000
EDITOR = "editor@example.org"
VISITOR = "visitor@example.org"


@pytest.fixture(scope="module")
def signed_server(tmp_path_factory) -> Iterator[AppServer]:
    """The app with st.login set up against a provider of the test's own, and no password."""
    folder = tmp_path_factory.mktemp("sign-in")
    data = folder / "data"
    shutil.copytree(DATA, data)
    with oidc_provider_mock.run_server_in_thread() as provider:
        port = free_port()
        secrets = folder / "secrets.toml"
        secrets.write_text(
            f'editors = ["{EDITOR}"]\n\n'
            "[auth]\n"
            f'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
            'cookie_secret = "a-secret-of-the-tests-own"\n'
            'client_id = "partners-dashboard"\n'
            'client_secret = "partners-dashboard-secret"\n'
            "server_metadata_url = "
            f'"http://localhost:{provider.server_port}/.well-known/openid-configuration"\n',
            encoding="utf-8",
        )
        server = AppServer(
            ("--secrets.files", str(secrets)), env={"PARTNERS_DATA_DIR": str(data)}, port=port
        )
        yield server
        server.stop()


def audit_events(server: AppServer) -> list[dict]:
    """The audit log's lines the server has written so far (its log: standard error)."""
    return [
        json.loads(line)
        for line in server.log.read_text(encoding="utf-8").splitlines()
        if line.startswith('{"time"')
    ]


def sign_in_as(page: Page, server: AppServer, email: str) -> None:
    """Open the Data page, go through the provider's form as `email`, and come back."""
    page.goto(f"{server.url}/data?lang=en")
    page.get_by_role("button", name="Sign in with single sign-on").click()
    page.locator("input[name='sub']").fill(email)
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_url(f"{server.url}/**", timeout=LOAD_MS)
    page.goto(f"{server.url}/data?lang=en")


def test_an_allowed_email_applies_and_is_recorded_as_the_editor(page, signed_server, tmp_path):
    sign_in_as(page, signed_server, EDITOR)
    expect(page.get_by_text(f"You are signed in as {EDITOR}, an editor.")).to_be_visible(
        timeout=LOAD_MS
    )
    upload_registry_with_palanga(page, tmp_path)
    page.get_by_label("Comment on the change (what and why)").fill("Palanga, signed in")
    page.get_by_role("button", name="Apply the file", exact=True).click()
    expect(page.get_by_text("this is version 1", exact=False)).to_be_visible(timeout=LOAD_MS)
    history = page.locator("[data-testid='stDataFrame']").filter(has_text="Who").first
    expect(history).to_contain_text(EDITOR, timeout=LOAD_MS)
    # Undo from the page: version 0 brought back as version 2, in the editor's name.
    page.locator(".st-key-history_version input").click()
    page.keyboard.type("data as found")
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Restore version 0").click()
    expect(page.get_by_text("Version 2 made, equal to version 0.")).to_be_visible(timeout=LOAD_MS)
    expect(history).to_contain_text("restores version 0", timeout=LOAD_MS)
    expect(page.get_by_text("Documents shown: 11 of 11")).to_be_visible()
    # The audit log names the editor at the sign-in, the apply and the restore.
    mine = [(e["event"], e.get("version")) for e in audit_events(signed_server)
            if e.get("editor") == EDITOR]  # fmt: skip
    assert mine == [("sign_in", None), ("apply", 1), ("restore", 2)]


def test_an_email_off_the_list_signs_in_but_cannot_apply(page, signed_server, tmp_path):
    sign_in_as(page, signed_server, VISITOR)
    expect(page.get_by_text(f"You are signed in as {VISITOR}, but", exact=False)).to_be_visible(
        timeout=LOAD_MS
    )
    upload_registry_with_palanga(page, tmp_path)
    expect(page.get_by_text("Only an editor can apply the file.")).to_be_visible()
    expect(page.get_by_role("button", name="Apply the file", exact=True)).to_have_count(0)
    refused = [e for e in audit_events(signed_server) if e.get("editor") == VISITOR]
    assert [(e["event"], e["method"], e["reason"]) for e in refused] == [
        ("sign_in_refused", "oidc", "not_an_editor")
    ]
