# The Data page: checking an upload for everyone, applying it and fixing coordinates for
# editors only, behind the password in secrets.
from __future__ import annotations

import time
from dataclasses import dataclass

import pytest
from streamlit.testing.v1 import AppTest

from tests.helpers.app import (
    APP,
    PASSWORD,
    TIMEOUT,
    metrics,
    open_page,
    sign_in,
    upload,
    upload_record,
)
from tests.helpers.data import DATA, LIVING_STATUS, NEW_ROW, registry_with_palanga
from ui.data_page.editors import UNKNOWN_CLIENT, lockout, process_lockout
from utils.editing.auth import MAX_FAILED_ATTEMPTS


@pytest.fixture
def editor_app(app, data_dir):  # noqa: ARG001 - the copy of the data folder it edits
    app.secrets["editor_password"] = PASSWORD
    return app


def test_without_a_password_a_file_is_checked_but_cannot_be_applied(app, data_dir):
    open_page(app, "data", lang="en")
    assert app.info[0].value.startswith("Editing is off: .streamlit/secrets.toml sets neither")
    upload(app, registry_with_palanga())
    assert metrics(app) == {
        "Rows in the file": "12",
        "Valid rows": "12",
        "New documents": "1",
        "Documents dropped": "0",
        "New partners": "1",
    }
    assert app.success[0].value == "No problems: the file can be applied."
    assert not [b for b in app.button if b.key == "apply_upload"]
    assert "Only an editor can apply the file." in [c.value for c in app.main.caption]
    assert (data_dir / "partners.csv").read_bytes() == (DATA / "partners.csv").read_bytes()


@pytest.mark.usefixtures("data_dir")
def test_a_file_with_problems_lists_them_and_is_not_applied(editor_app):
    open_page(editor_app, "data", lang="en")
    sign_in(editor_app)
    bad = registry_with_palanga().replace(b"2025-06-01", b"2025-02-30")
    upload(editor_app, bad, "new.csv")
    problems = next(df.value for df in editor_app.dataframe if "Row" in df.value.columns)
    assert problems.to_dict("list") == {
        "Row": [13],
        "Column": ["signed"],
        "What is wrong": ["no such date: “2025-02-30”"],
    }
    assert editor_app.error[-1].value.startswith("Fix the problems and upload the file again")
    assert not [b for b in editor_app.button if b.key == "apply_upload"]


@pytest.fixture
def no_pause(monkeypatch):
    """Wrong passwords counted as on a server, without the growing pause between tries."""
    monkeypatch.setattr("utils.editing.auth.FIRST_DELAY_SECONDS", 0.0)
    process_lockout().clear()  # the server's count, shared by every session: fresh for each test
    yield
    process_lockout().clear()


@pytest.mark.usefixtures("no_pause")
def test_wrong_passwords_lock_the_address_in_every_session(editor_app):
    open_page(editor_app, "data", lang="en")
    for left in (4, 3, 2, 1):
        sign_in(editor_app, "не тот")
        assert editor_app.error[-1].value == f"Wrong password. Attempts left: {left}."
    sign_in(editor_app, "не тот")
    assert editor_app.error[-1].value.startswith("Too many wrong passwords from this address")
    editor_app.run()
    assert not editor_app.get("form")  # no more tries, even the right one
    # A reload or a new session is a new browser session: the count is the server's.
    another = AppTest.from_file(APP, default_timeout=TIMEOUT)
    another.secrets["editor_password"] = PASSWORD
    open_page(another, "data", lang="en")
    assert not another.get("form")
    assert another.error[0].value == (
        "Too many wrong passwords from this address: signing in is locked for 15 minutes. "
        "Reloading the page does not unlock it."
    )


def test_a_try_during_the_pause_is_refused_and_not_counted(editor_app):
    process_lockout().clear()
    open_page(editor_app, "data", lang="en")
    sign_in(editor_app, "не тот")
    assert editor_app.error[-1].value == "Wrong password. Attempts left: 4."
    sign_in(editor_app)  # at once: the right password, but the pause is not over
    assert editor_app.warning[-1].value.startswith("Wait 1 s before the next try")
    assert not editor_app.success or "signed in" not in editor_app.success[0].value
    assert lockout().attempts_left(UNKNOWN_CLIENT, time.time()) == 4
    process_lockout().clear()


def test_editor_applies_a_file_and_the_old_one_is_kept(editor_app, data_dir):
    open_page(editor_app, "data", lang="en")
    sign_in(editor_app)
    assert editor_app.success[0].value == "You are signed in as an editor."
    upload(editor_app, registry_with_palanga())
    editor_app.text_input(key="apply_comment").input("Palanga's protocol of 2016").run()
    editor_app.button(key="apply_upload").click().run()
    assert not editor_app.exception
    (backup,) = (data_dir / "history").glob("partners-*.csv")
    assert backup.read_bytes() == (DATA / "partners.csv").read_bytes()
    assert (data_dir / "partners.csv").read_text(encoding="utf-8").endswith(NEW_ROW + "\n")
    assert (
        "The registry is replaced: this is version 1. The previous data stays in History below."
        in [s.value for s in editor_app.success]
    )
    # The data as found is version 0; the apply, version 1, names its editor and comment.
    versions = next(df.value for df in editor_app.dataframe if "Who" in df.value.columns)
    assert versions["Version"].tolist() == [1, 0]
    assert versions["Who"].tolist() == ["shared password", "data as found"]
    assert versions["Comment"].tolist() == ["Palanga's protocol of 2016", ""]
    assert versions[["Rows added", "Rows removed", "Rows changed"]].iloc[0].tolist() == [1, 0, 0]
    # The caches are cleared: every page sees the new registry at once.
    assert editor_app.sidebar.caption[0].value == "Documents shown: 12 of 12"
    # Palanga has no coordinates yet: the page offers to look them up.
    assert "No coordinates yet: palanga." in [m.value for m in editor_app.markdown]


def test_a_folder_that_cannot_be_written_is_said_and_nothing_changes(editor_app, data_dir):
    # A file where the history folder should be: writing fails as on a read-only folder
    # (the tests run as root, whom permission bits do not stop).
    (data_dir / "history").write_text("not a folder", encoding="utf-8")
    before = (data_dir / "partners.csv").read_bytes()
    open_page(editor_app, "data", lang="en")
    sign_in(editor_app)
    upload(editor_app, registry_with_palanga())
    editor_app.button(key="apply_upload").click().run()
    assert not editor_app.exception  # no traceback
    assert [e.value for e in editor_app.error] == [
        (
            "could not write history: File exists. The data folder is read-only or the "
            "disk is full; the previous file is unchanged."
        )
    ]
    assert (data_dir / "partners.csv").read_bytes() == before
    assert not editor_app.success or all("history" not in s.value for s in editor_app.success)


@dataclass
class FakeLocation:
    latitude: float
    longitude: float
    raw: dict


class FakeNominatim:
    """Stands in for geopy's Nominatim: Lepel is found, anything else is not."""

    def __init__(self, **kwargs):
        self.kwargs = kwargs

    def geocode(self, query, **_options):
        if query.startswith("Лепель") or "Lepel" in query:
            return FakeLocation(54.88, 28.69, {"address": {"country_code": "by"}})
        return None


@pytest.fixture
def lepel_unplaced(data_dir, monkeypatch):
    """A coords file without Lepel, and a fake geocoder instead of Nominatim."""
    coords = (data_dir / "coords.csv").read_text(encoding="utf-8").splitlines()
    (data_dir / "coords.csv").write_text(
        "\n".join(line for line in coords if not line.startswith("lepel,")) + "\n",
        encoding="utf-8",
    )
    monkeypatch.setattr("geopy.geocoders.Nominatim", FakeNominatim)
    return data_dir / "coords.csv"


def test_editor_geocodes_the_places_without_coordinates(editor_app, lepel_unplaced):
    open_page(editor_app, "data", lang="en")
    sign_in(editor_app)
    editor_app.button(key="geocode").click().run()
    assert not editor_app.exception
    assert "Found: lepel." in [s.value for s in editor_app.success]
    assert ",nominatim," in lepel_unplaced.read_text(encoding="utf-8").splitlines()[-1]
    assert lepel_unplaced.read_text(encoding="utf-8").splitlines()[-1].startswith("lepel,")
    assert "Every place has coordinates." in [c.value for c in editor_app.main.caption]
    assert "coords.csv replaced: this is version 1. The previous file stays in History below." in [
        s.value for s in editor_app.success
    ]


def test_a_place_the_geocoder_cannot_find_is_entered_by_hand(
    editor_app, lepel_unplaced, monkeypatch
):
    monkeypatch.setattr(FakeNominatim, "geocode", lambda *_args, **_options: None)
    open_page(editor_app, "data", lang="en")
    sign_in(editor_app)
    editor_app.button(key="geocode").click().run()
    assert editor_app.warning[-1].value.startswith("Not found: lepel (not found)")
    editor_app.number_input(key="lat").set_value(54.8814)
    editor_app.number_input(key="lon").set_value(28.6917)
    next(b for b in editor_app.get("button") if b.proto.label == "Save the coordinates").click()
    editor_app.run()
    assert not editor_app.exception
    last = lepel_unplaced.read_text(encoding="utf-8").splitlines()[-1]
    assert last.startswith("lepel,")
    assert ",54.8814,28.6917,manual," in last


@pytest.mark.usefixtures("data_dir")
def test_a_host_that_forgets_files_says_so(app, monkeypatch):
    monkeypatch.setenv("PARTNERS_DATA_PERSISTS", "false")
    open_page(app, "data", lang="en")
    assert app.warning[0].value.startswith("On this host, files written at run time are lost")


@pytest.mark.usefixtures("data_dir")
def test_an_upload_over_the_row_limit_is_refused(app):
    open_page(app, "data")
    header = (DATA / "partners.csv").read_text(encoding="utf-8").splitlines()[0]
    row = "p,П,P,P,city,,,PL,cooperation_agreement,С,2009,year,"
    upload(app, (header + "\n" + (row + "\n") * 50_001).encode("utf-8"), "huge.csv")
    assert app.error[0].value == (
        "Файл huge\\.csv не принят: в файле больше 50000 строк данных (это предел); "
        "дальше он не читался."
    )


def test_letters_lost_in_a_windows_1251_save_are_caught_and_names_changes_listed(app):
    # Excel's "CSV (Windows-1251)" turns ą, ü, ė into "?": Mrągowo became Mr?gowo, and the
    # check used to say "No problems: the file can be applied".
    text = (DATA / "partners.csv").read_text(encoding="utf-8")
    saved = text.encode("cp1251", errors="replace")
    assert b"Mr?gowo" in saved
    open_page(app, "data", lang="en")
    upload(app, saved)
    problems = app.dataframe[0].value["What is wrong"].tolist()
    assert (
        "mragowo: “Mr?gowo” is “Mrągowo” with letters lost in a Windows-1251 save; "
        "save the file as UTF-8 or as an Excel workbook"
    ) in problems
    assert len(problems) == 8  # every name with ą, ė, ü: Neringa, Mrągowo, Kühlungsborn...
    assert app.error[0].value.startswith("Fix the problems and upload the file again")
    # Every changed field is listed before anything is applied.
    assert app.warning[-1].value == (
        "The file changes what is known of partners (8): check each change before applying."
    )
    changes = app.dataframe[1].value.to_numpy().tolist()  # after the problems
    assert ["mragowo", "partner_local", "Mrągowo", "Mr?gowo"] in changes


def test_editor_applies_a_status_file_and_the_map_shows_it(editor_app, data_dir):
    open_page(editor_app, "data", lang="en")
    sign_in(editor_app)
    upload_record(editor_app, LIVING_STATUS)
    assert "No problems: status.csv can be applied." in [s.value for s in editor_app.success]
    editor_app.button(key="apply_record").click().run()
    assert not editor_app.exception
    assert (data_dir / "status.csv").read_bytes() == LIVING_STATUS
    assert "status.csv replaced: this is version 1. The previous file stays in History below." in [
        s.value for s in editor_app.success
    ]
    # The caches are cleared: the overview counts the ended tie at once.
    editor_app.switch_page("pages/overview.py").run()
    assert metrics(editor_app)["Ended"] == "1"
    # A second apply keeps the first file in history/.
    editor_app.switch_page("pages/data.py").run()
    upload_record(editor_app, LIVING_STATUS.replace(b"terminated", b"suspended"))
    editor_app.button(key="apply_record").click().run()
    (backup,) = (data_dir / "history").glob("status-*.csv")
    assert backup.read_bytes() == LIVING_STATUS


def test_a_record_file_with_problems_is_reported_and_never_applied(editor_app, data_dir):
    open_page(editor_app, "data", lang="en")
    sign_in(editor_app)
    header, row = LIVING_STATUS.splitlines()
    # One row's source cannot be opened, another names no known partner.
    bad = b"\n".join(
        [header, row.replace(b"https://example.org/uchwala", b"javascript:x"),
         row.replace(b"braniewo", b"atlantis"), b""]
    )  # fmt: skip
    upload_record(editor_app, bad)
    problems = next(df.value for df in editor_app.dataframe if "What is wrong" in df.value.columns)
    assert problems["Row"].tolist() == [2, 3]
    assert problems["Column"].tolist() == ["source_url", "partner_id"]
    assert problems["What is wrong"].tolist() == [
        "“javascript:x” is not an http(s)://… address: a fact needs a source a reader can open",
        "the partner “atlantis” is not in the registry (partners.csv)",
    ]
    assert editor_app.error[-1].value.startswith("status.csv is not applied")
    assert not [b for b in editor_app.button if b.key == "apply_record"]
    assert not (data_dir / "status.csv").exists()


@pytest.mark.usefixtures("data_dir")
def test_an_activities_file_is_checked_for_readers_who_may_not_apply_it(app):
    open_page(app, "data", lang="en")
    content = (
        "partner_id,home_id,date,date_precision,kind,title_ru,title_en,source_url,"
        "source_publisher,source_date,source_quote,source_language\n"
        "neringa,,2019-06,month,delegation_visit,Визит,Visit,https://example.org/v,"
        "Neringos savivaldybė,2019-06,Delegacija lankėsi Zelenogradske.,lt\n"
    ).encode()
    upload_record(app, content, "activities.csv")
    assert "No problems: activities.csv can be applied." in [s.value for s in app.success]
    assert not [b for b in app.button if b.key == "apply_record"]


def test_an_upload_garbled_by_a_wrong_encoding_is_reported_by_row_and_column(app):
    # UTF-8 opened as Windows-1252 and saved again: "Mrągowo" becomes "MrÄ…gowo".
    text = (DATA / "partners.csv").read_text(encoding="utf-8")
    garbled = text.encode("utf-8").decode("cp1252", errors="replace").encode("utf-8")
    open_page(app, "data", lang="en")
    upload(app, garbled)
    problems = app.dataframe[0].value
    mragowo = problems[problems["What is wrong"].str.contains("MrÄ…gowo", regex=False)]
    assert mragowo["Column"].tolist() == ["partner_local", "partner_en"]
    assert mragowo["What is wrong"].iloc[0].startswith("“MrÄ…gowo” is garbled text")
    assert app.error[0].value.startswith("Fix the problems and upload the file again")
    assert not [b for b in app.button if b.key == "apply_upload"]


@pytest.mark.usefixtures("no_pause")
@pytest.mark.usefixtures("data_dir")
def test_with_a_database_the_wrong_tries_are_counted_there_for_every_replica(tmp_path):
    url = f"sqlite:///{tmp_path / 'registry.sqlite'}"

    def replica() -> AppTest:
        app = AppTest.from_file(APP, default_timeout=TIMEOUT)
        app.secrets["editor_password"] = PASSWORD
        app.secrets["connections"] = {"registry": {"url": url}}
        return open_page(app, "data", lang="en")

    first = replica()
    for _ in range(MAX_FAILED_ATTEMPTS):
        sign_in(first, "не тот")
    # Another process would have a count of its own in memory: here it is dropped.
    process_lockout().clear()
    second = replica()
    assert not second.get("form")
    assert second.error[0].value.startswith("Too many wrong passwords from this address")
