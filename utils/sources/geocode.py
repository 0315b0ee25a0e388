# Batch geocoding of the places missing from data/coords.csv, with geopy's Nominatim.
# Never runs while the app renders: `python -m utils geocode` is an analyst's step.
from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import pandas as pd
from geopy.exc import (
    GeocoderRateLimited,
    GeocoderTimedOut,
    GeocoderUnavailable,
    GeopyError,
)
from geopy.extra.rate_limiter import RateLimiter

from utils.data.coords import (
    PLACE_ID,
    SOURCE_NOMINATIM,
    coords_row,
    read_coords_rows,
    write_coords_rows,
)
from utils.data.folder import DEFAULT_DATA_DIR, REGISTRY_FILE
from utils.data.places import Home, partner_query
from utils.data.registry import COUNTRY_CODE, PARTNER_ID

DEFAULT_PARTNERS = DEFAULT_DATA_DIR / REGISTRY_FILE
USER_AGENT_VARIABLE = "GEOCODER_USER_AGENT"
# Nominatim's usage policy asks for an agent that identifies the application.
DEFAULT_USER_AGENT = "municipal-partners-dashboard/0.1"
MIN_DELAY_SECONDS = 1.0  # Nominatim's policy: at most one request per second
# Faults worth another try after a pause; others (a bad query, a refused key) are not.
TRANSIENT_ERRORS = (GeocoderTimedOut, GeocoderUnavailable, GeocoderRateLimited)


class Geocoder(Protocol):
    """What we need of a geocoder: geopy's `geocode` method."""

    def geocode(self, query: str, **kwargs: object) -> object:
        """Return a location with latitude, longitude and raw data, or None."""


@dataclass(frozen=True)
class Place:
    """A place to geocode: its id, the query and the country it must lie in."""

    place_id: str
    query: str
    country_code: str


@dataclass
class GeocodeReport:
    """What a geocoding run resolved and what it could not, with the reason."""

    resolved: list[str] = field(default_factory=list)
    unresolved: dict[str, str] = field(default_factory=dict)


class _InjectedRateLimiter(RateLimiter):
    """geopy's RateLimiter with the clock and sleep passed in, so tests need not wait."""

    def __init__(
        self,
        func: Callable,
        *,
        min_delay_seconds: float,
        clock: Callable[[], float],
        sleep: Callable[[float], None],
    ) -> None:
        super().__init__(
            func, min_delay_seconds=min_delay_seconds, max_retries=0, swallow_exceptions=False
        )
        self._injected_clock = clock
        self._injected_sleep = sleep

    def _clock(self) -> float:
        return self._injected_clock()

    def _sleep(self, seconds: float) -> None:
        self._injected_sleep(seconds)


def places_to_geocode(partners: pd.DataFrame, home: Home, known_ids: set[str]) -> list[Place]:
    """List the home and the partners that have no coordinates yet."""
    places = [Place(home.id, home.geocode_query, home.country_code)]
    for _, partner in partners.drop_duplicates(PARTNER_ID).iterrows():
        places.append(Place(partner[PARTNER_ID], partner_query(partner), partner[COUNTRY_CODE]))
    return [place for place in places if place.place_id not in known_ids]


def _location_country(location: object) -> str:
    """Return the country code Nominatim reports for a location, or '' when it says none."""
    raw = getattr(location, "raw", None) or {}
    address = raw.get("address", {}) if isinstance(raw, dict) else {}
    return str(address.get("country_code", "")).upper()


def _lookup(
    place: Place,
    limited: Callable,
    *,
    max_attempts: int,
    backoff_seconds: float,
    sleep: Callable[[float], None],
) -> tuple[object | None, str]:
    """Ask the geocoder for one place, retrying transient faults with growing pauses."""
    for attempt in range(max_attempts):
        try:
            location = limited(
                place.query,
                exactly_one=True,
                addressdetails=True,
                country_codes=place.country_code.lower(),
                language="en",
            )
        except TRANSIENT_ERRORS as error:
            if attempt + 1 == max_attempts:
                return None, f"{type(error).__name__} after {max_attempts} attempts: {error}"
            retry_after = getattr(error, "retry_after", None)
            sleep(retry_after if retry_after else backoff_seconds * 2**attempt)
            continue
        except GeopyError as error:
            return None, f"{type(error).__name__}: {error}"
        if location is None:
            return None, "not found"
        found = _location_country(location)
        if found and found != place.country_code:
            return None, f"found in {found}, expected {place.country_code}"
        return location, ""
    return None, "no attempt made"


def geocode_places(
    places: list[Place],
    geocoder: Geocoder,
    coords_path: Path,
    *,
    today: dt.date | None = None,
    min_delay_seconds: float = MIN_DELAY_SECONDS,
    max_attempts: int = 3,
    backoff_seconds: float = 2.0,
    clock: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], None] = time.sleep,
    on_progress: Callable[[int, int, Place], None] | None = None,
) -> GeocodeReport:
    """Geocode `places` into `coords_path`, saving after each one; existing rows are kept.

    Each save is atomic, so a run that fails midway leaves every earlier row in place.
    """
    today = today or dt.date.today()
    rows = read_coords_rows(coords_path)
    known = {str(row[PLACE_ID]) for row in rows}
    limited = _InjectedRateLimiter(
        geocoder.geocode, min_delay_seconds=min_delay_seconds, clock=clock, sleep=sleep
    )
    report = GeocodeReport()
    for index, place in enumerate(places, start=1):
        if on_progress is not None:
            on_progress(index, len(places), place)
        if place.place_id in known:  # never overwrite, manual rows above all
            continue
        location, reason = _lookup(
            place, limited, max_attempts=max_attempts, backoff_seconds=backoff_seconds, sleep=sleep
        )
        if location is None:
            report.unresolved[place.place_id] = reason
            continue
        rows.append(
            coords_row(
                place.place_id,
                place.query,
                lat=location.latitude,
                lon=location.longitude,
                source=SOURCE_NOMINATIM,
                updated=today,
            )
        )
        known.add(place.place_id)
        write_coords_rows(coords_path, rows)  # a read-only folder stops the run, said clearly
        report.resolved.append(place.place_id)
    return report
