# Batch geocoding with a fake geocoder: rate limit, retries, faults, and a cache never lost.
from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass, field

import pytest
from geopy.exc import GeocoderQueryError, GeocoderRateLimited, GeocoderTimedOut, GeocoderUnavailable

from tests.helpers.data import DATA
from utils.__main__ import main as cli
from utils.data import coords as coords_file
from utils.data.coords import load_coords
from utils.data.places import load_home
from utils.data.registry import load_registry
from utils.data.writing import write_text_atomic
from utils.sources.geocode import Place, geocode_places, places_to_geocode

COORDS_HEADER = "place_id,query,lat,lon,source,updated"


@dataclass
class FakeClock:
    """Time that passes only when somebody sleeps."""

    now: float = 0.0
    sleeps: list[float] = field(default_factory=list)

    def time(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


@dataclass
class FakeLocation:
    latitude: float
    longitude: float
    raw: dict


def found(lat: float, lon: float, country: str = "pl") -> FakeLocation:
    return FakeLocation(lat, lon, {"address": {"country_code": country}})


class FakeGeocoder:
    """Answers each query with the next of its scripted outcomes (a location, None or an error)."""

    def __init__(self, clock: FakeClock, answers: dict[str, list]) -> None:
        self.clock = clock
        self.answers = answers
        self.calls: list[tuple[float, str, dict]] = []

    def geocode(self, query: str, **kwargs):
        self.calls.append((self.clock.time(), query, kwargs))
        outcome = self.answers[query].pop(0)
        if isinstance(outcome, BaseException):
            raise outcome
        return outcome


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def coords_path(tmp_path):
    path = tmp_path / "coords.csv"
    path.write_text(
        f"{COORDS_HEADER}\nhome,Home town,54.9597,20.4758,manual,2026-01-01\n", encoding="utf-8"
    )
    return path


def run(places_list, geocoder, coords_path, clock, **options):
    return geocode_places(
        places_list, geocoder, coords_path, clock=clock.time, sleep=clock.sleep, **options
    )


A = Place("a", "Alpha, Poland", "PL")
B = Place("b", "Beta, Poland", "PL")
C = Place("c", "Gamma, Poland", "PL")


def test_requests_are_at_least_a_second_apart(clock, coords_path):
    geocoder = FakeGeocoder(
        clock,
        {A.query: [found(54, 20)], B.query: [found(54.1, 20)], C.query: [found(54.2, 20)]},
    )
    report = run([A, B, C], geocoder, coords_path, clock)
    assert report.resolved == ["a", "b", "c"]
    assert [call[0] for call in geocoder.calls] == [0.0, 1.0, 2.0]


def test_query_restricts_the_country_and_asks_for_the_address(clock, coords_path):
    geocoder = FakeGeocoder(clock, {A.query: [found(54, 20)]})
    run([A], geocoder, coords_path, clock)
    _, query, kwargs = geocoder.calls[0]
    assert query == "Alpha, Poland"
    assert kwargs["country_codes"] == "pl"
    assert kwargs["addressdetails"] is True


def test_time_out_is_retried_after_a_pause(clock, coords_path):
    geocoder = FakeGeocoder(clock, {A.query: [GeocoderTimedOut("slow"), found(54.25, 20.5)]})
    report = run([A], geocoder, coords_path, clock)
    assert report.resolved == ["a"]
    assert report.unresolved == {}
    assert len(geocoder.calls) == 2
    assert geocoder.calls[1][0] - geocoder.calls[0][0] >= 2.0  # the back-off pause
    coords, problems = load_coords(coords_path)
    assert problems == []
    row = coords.set_index("place_id").loc["a"]
    assert (row["lat"], row["lon"], row["source"]) == (54.25, 20.5, "nominatim")


def test_back_off_grows_and_gives_up_after_the_last_attempt(clock, coords_path):
    geocoder = FakeGeocoder(clock, {A.query: [GeocoderUnavailable("503")] * 3})
    report = run([A], geocoder, coords_path, clock, backoff_seconds=2.0)
    assert report.resolved == []
    assert report.unresolved["a"].startswith("GeocoderUnavailable after 3 attempts")
    assert len(geocoder.calls) == 3
    assert clock.sleeps == [2.0, 4.0]  # no pause after the last attempt


def test_rate_limited_waits_as_long_as_the_service_asks(clock, coords_path):
    geocoder = FakeGeocoder(
        clock, {A.query: [GeocoderRateLimited("429", retry_after=30), found(54, 20)]}
    )
    report = run([A], geocoder, coords_path, clock)
    assert report.resolved == ["a"]
    assert 30 in clock.sleeps


@pytest.mark.parametrize(
    ("outcome", "reason"),
    [
        (None, "not found"),
        (found(53.5, 10.0, country="de"), "found in DE, expected PL"),  # a namesake abroad
        (GeocoderQueryError("bad query"), "GeocoderQueryError: bad query"),  # not retried
    ],
)
def test_unresolved_places_are_listed_with_the_reason(clock, coords_path, outcome, reason):
    before = coords_path.read_text(encoding="utf-8")
    geocoder = FakeGeocoder(clock, {A.query: [outcome], B.query: [found(54, 20)]})
    report = run([A, B], geocoder, coords_path, clock)
    assert report.unresolved == {"a": reason}
    assert report.resolved == ["b"]
    assert sum(query == A.query for _, query, _ in geocoder.calls) == 1
    text = coords_path.read_text(encoding="utf-8")
    assert text.startswith(before)
    assert "\na," not in text


def test_known_places_and_manual_rows_are_never_overwritten(clock, coords_path):
    manual = Place("home", "Somewhere else entirely", "RU")
    geocoder = FakeGeocoder(clock, {A.query: [found(54, 20)]})
    report = run([manual, A], geocoder, coords_path, clock)
    assert [call[1] for call in geocoder.calls] == [A.query]  # home not asked at all
    coords, _ = load_coords(coords_path)
    home = coords.set_index("place_id").loc["home"]
    assert (home["query"], home["lat"], home["source"]) == ("Home town", 54.9597, "manual")
    assert report.resolved == ["a"]


def test_a_run_that_fails_midway_keeps_every_earlier_row(clock, coords_path, tmp_path):
    geocoder = FakeGeocoder(clock, {A.query: [found(54, 20)], B.query: [KeyboardInterrupt()]})
    with pytest.raises(KeyboardInterrupt):
        run([A, B, C], geocoder, coords_path, clock)
    coords, problems = load_coords(coords_path)
    assert problems == []
    assert coords["place_id"].tolist() == ["home", "a"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["coords.csv"]  # no temporary left


def test_atomic_write_leaves_the_old_file_when_writing_fails(tmp_path, monkeypatch):
    path = tmp_path / "coords.csv"
    path.write_text("old\n", encoding="utf-8")

    def broken_fsync(_descriptor: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("utils.data.writing.os.fsync", broken_fsync)
    with pytest.raises(OSError, match="No space left"):
        write_text_atomic(path, "new\n")
    assert path.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["coords.csv"]


def test_places_to_geocode_lists_only_what_is_missing():
    partners, _ = load_registry(DATA / "partners.csv")
    home = load_home(DATA / "home.toml")
    coords, _ = load_coords(DATA / "coords.csv")
    known = set(coords["place_id"])
    assert places_to_geocode(partners, home, known) == []
    missing = places_to_geocode(partners, home, known - {"zelenogradsk", "wolin"})
    assert missing == [
        Place("zelenogradsk", "Zelenogradsk, Kaliningrad Oblast, Russia", "RU"),
        Place("wolin", "Wolin, West Pomeranian Voivodeship, Poland", "PL"),
    ]


def run_cli(folder) -> int:
    """Run `python -m utils geocode` on the data files in `folder`."""
    return cli(
        [
            "geocode",
            "--partners", str(folder / "partners.csv"),
            "--coords", str(folder / "coords.csv"),
            "--home", str(folder / "home.toml"),
        ]
    )  # fmt: skip


def test_cli_with_every_place_known_needs_no_network(tmp_path, capsys, monkeypatch):
    for name in ("partners.csv", "coords.csv", "home.toml"):
        shutil.copy(DATA / name, tmp_path / name)

    def no_network(*_args, **_kwargs):
        raise AssertionError("the geocoder must not be created")

    monkeypatch.setattr("geopy.geocoders.Nominatim", no_network)
    code = run_cli(tmp_path)
    assert code == 0
    assert "every place has coordinates" in capsys.readouterr().out


@pytest.mark.parametrize(
    "content",
    [
        b"\x98\x98",  # not text in any encoding we read
        f"{COORDS_HEADER}\nhome,q,54.9,20.4,manual,2026-01-01,extra\n".encode(),  # malformed row
        f"{COORDS_HEADER},note\nhome,q,54.9,20.4,manual,2026-01-01,keep\n".encode(),  # own column
    ],
)
def test_cli_refuses_to_rewrite_a_cache_it_cannot_read_in_full(tmp_path, capsys, content):
    for name in ("partners.csv", "home.toml"):
        shutil.copy(DATA / name, tmp_path / name)
    (tmp_path / "coords.csv").write_bytes(content)
    code = run_cli(tmp_path)
    assert code == 2
    assert "fix it before geocoding" in capsys.readouterr().err
    assert (tmp_path / "coords.csv").read_bytes() == content


def test_coords_row_rounds_to_about_ten_metres():
    row = coords_file.coords_row(
        "x", "q", lat=54.123456, lon=20.987654, source="manual", updated=dt.date(2026, 1, 2)
    )
    assert (row["lat"], row["lon"], row["updated"]) == (54.1235, 20.9877, "2026-01-02")


def test_every_fault_in_one_run_ends_with_a_clear_list_and_the_file_intact(clock, coords_path):
    timed_out, unavailable, limited, nothing, abroad, fine = (
        Place(name, f"{name.title()}, Poland", "PL")
        for name in ("timed", "down", "limited", "nothing", "abroad", "fine")
    )
    before = coords_path.read_text(encoding="utf-8")
    geocoder = FakeGeocoder(
        clock,
        {
            timed_out.query: [GeocoderTimedOut("slow")] * 3,
            unavailable.query: [GeocoderUnavailable("503")] * 3,
            limited.query: [GeocoderRateLimited("429", retry_after=5)] * 3,
            nothing.query: [None],
            abroad.query: [found(52.5, 13.4, country="de")],  # a namesake in Germany
            fine.query: [found(54.1, 19.4)],
        },
    )
    places_list = [timed_out, unavailable, limited, nothing, abroad, fine]
    report = run(places_list, geocoder, coords_path, clock)
    assert report.resolved == ["fine"]
    assert report.unresolved == {
        "timed": "GeocoderTimedOut after 3 attempts: slow",
        "down": "GeocoderUnavailable after 3 attempts: 503",
        "limited": "GeocoderRateLimited after 3 attempts: 429",
        "nothing": "not found",
        "abroad": "found in DE, expected PL",
    }
    # The file keeps every row it had, and gains only the place that was found.
    after = coords_path.read_text(encoding="utf-8")
    assert after.startswith(before)
    assert after[len(before) :].startswith("fine,")
    assert after[len(before) :].count("\n") == 1
