# Where things are: the home municipality's settings, the coordinates cache
# (data/coords.csv) and distances from the home.
from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path

import numpy as np
import pandas as pd
from geopy.distance import geodesic

from utils.assets import BASEMAP_BOUNDS
from utils.i18n import country_name, is_country_code
from utils.registry import (
    COUNTRY_CODE,
    PARTNER_EN,
    PARTNER_ID,
    PARTNER_LOCAL,
    PARTNER_RU,
    REGION_EN,
    REGION_RU,
    Problem,
    read_rows,
)

DEFAULT_HOME = Path("data/home.toml")
DEFAULT_COORDS = Path("data/coords.csv")

PLACE_ID = "place_id"
QUERY = "query"
LAT = "lat"
LON = "lon"
SOURCE = "source"
UPDATED = "updated"
COORDS_COLUMNS = (PLACE_ID, QUERY, LAT, LON, SOURCE, UPDATED)
COORDS_REQUIRED = (PLACE_ID, LAT, LON, SOURCE)
SOURCE_NOMINATIM = "nominatim"
SOURCE_MANUAL = "manual"
SOURCES = (SOURCE_NOMINATIM, SOURCE_MANUAL)
COORD_RANGES = {LAT: (-90, 90), LON: (-180, 180)}

DISTANCE_KM = "distance_km"


@dataclass(frozen=True)
class Home:
    """The home municipality: the centre of the map and the party to every document."""

    id: str
    name_ru: str
    name_en: str
    region_ru: str
    region_en: str
    country_code: str
    title_ru: str
    title_en: str
    geocode_query: str

    def name(self, lang: str) -> str:
        """Return the home's name in `lang`."""
        return self.name_en if lang == "en" else self.name_ru

    def title(self, lang: str) -> str:
        """Return the dashboard's title in `lang`."""
        return self.title_en if lang == "en" else self.title_ru


class HomeConfigError(ValueError):
    """Raised when the home settings file is missing, unreadable or incomplete."""


def load_home(path: Path = DEFAULT_HOME) -> Home:
    """Read the home municipality's settings from a TOML file.

    Raises:
        HomeConfigError: naming the file and what is wrong with it.
    """
    try:
        settings = tomllib.loads(Path(path).read_text(encoding="utf-8-sig"))
    except FileNotFoundError as error:
        raise HomeConfigError(f"{path}: file not found") from error
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise HomeConfigError(f"{path}: not valid TOML ({error})") from error
    names = [field.name for field in fields(Home)]
    missing = [name for name in names if not str(settings.get(name, "")).strip()]
    if missing:
        raise HomeConfigError(f"{path}: missing or empty keys: {', '.join(missing)}")
    if not is_country_code(settings["country_code"]):
        raise HomeConfigError(f"{path}: unknown country_code {settings['country_code']!r}")
    return Home(**{name: str(settings[name]).strip() for name in names})


def coords_frame(rows: list[dict]) -> pd.DataFrame:
    """Build the typed coordinates DataFrame from validated rows."""
    frame = pd.DataFrame(rows, columns=list(COORDS_COLUMNS))
    frame = frame.astype({PLACE_ID: "string", QUERY: "string", SOURCE: "string", UPDATED: "string"})
    return frame.astype({LAT: "float64", LON: "float64"}).reset_index(drop=True)


def _check_coordinate(row: dict, column: str) -> Problem | None:
    """Check that a latitude or longitude is a number inside its range."""
    try:
        # ASCII only: float() also reads Arabic-Indic and full-width digits.
        if not row[column].isascii():
            raise ValueError(row[column])
        value = float(row[column])
    except ValueError:
        return Problem(
            "not_a_number", row=row["_row"], column=column, params={"value": row[column]}
        )
    low, high = COORD_RANGES[column]
    if not low <= value <= high:
        params = {"value": row[column], "low": low, "high": high}
        return Problem("out_of_range", row=row["_row"], column=column, params=params)
    row[column] = value
    return None


def _in_map_area(lat: float, lon: float) -> bool:
    """Tell whether a point lies in the area the basemap covers."""
    west, south, east, north = BASEMAP_BOUNDS
    return south <= lat <= north and west <= lon <= east


def _looks_swapped(lat: float, lon: float) -> bool:
    """Tell whether a point is off the map but would be on it with lat and lon exchanged."""
    return not _in_map_area(lat, lon) and _in_map_area(lon, lat)


def validate_coords_row(row: dict) -> list[Problem]:
    """Check one coordinates row: filled, numbers in range, a known source."""
    line = row["_row"]
    problems = [
        Problem("missing_value", row=line, column=column)
        for column in COORDS_REQUIRED
        if row[column] == ""
    ]
    for column in (LAT, LON):
        if row[column] != "" and (problem := _check_coordinate(row, column)):
            problems.append(problem)
    if not problems and _looks_swapped(float(row[LAT]), float(row[LON])):
        params = {"lat": row[LAT], "lon": row[LON]}
        problems.append(Problem("swapped_coordinates", row=line, column=LAT, params=params))
    if row[SOURCE] and row[SOURCE] not in SOURCES:
        params = {"value": row[SOURCE], "allowed": ", ".join(SOURCES)}
        problems.append(Problem("unknown_value", row=line, column=SOURCE, params=params))
    return problems


def load_coords(source: Path | bytes = DEFAULT_COORDS) -> tuple[pd.DataFrame, list[Problem]]:
    """Load the coordinates cache: valid rows, and a problem for each row left out."""
    rows, problems = read_rows(source, COORDS_COLUMNS, COORDS_REQUIRED)
    if rows is None:
        return coords_frame([]), problems
    valid: dict[str, dict] = {}
    for row in rows:
        row_problems = validate_coords_row(row)
        if row[PLACE_ID] in valid:
            params = {"value": row[PLACE_ID], "other_row": valid[row[PLACE_ID]]["_row"]}
            row_problems.append(
                Problem("duplicate_place", row=row["_row"], column=PLACE_ID, params=params)
            )
        problems.extend(row_problems)
        if not row_problems:
            valid[row[PLACE_ID]] = row
    return coords_frame(list(valid.values())), problems


def distances_km(coords: pd.DataFrame, home_id: str) -> pd.Series:
    """Return each place's geodesic distance from the home in km, indexed by place_id.

    Raises:
        KeyError: when the coordinates do not include the home.
    """
    indexed = coords.set_index(PLACE_ID)
    if home_id not in indexed.index:
        raise KeyError(home_id)
    home_point = (indexed.at[home_id, LAT], indexed.at[home_id, LON])
    distances = [
        geodesic(home_point, (lat, lon)).km
        for lat, lon in zip(indexed[LAT], indexed[LON], strict=True)
    ]
    return pd.Series(distances, index=indexed.index, name=DISTANCE_KM, dtype="float64")


# Above this many links, distances are great-circle (within 0.5 % of the geodesic) and
# computed all at once: the geodesic takes about 50 µs a pair, 1.3 s for 26,000 links.
GEODESIC_LIMIT = 1_000
EARTH_RADIUS_KM = 6371.0088  # the mean radius (IUGG)


def _great_circle_km(
    lat1: np.ndarray, lon1: np.ndarray, lat2: np.ndarray, lon2: np.ndarray
) -> np.ndarray:
    """Return haversine distances in km between arrays of points in degrees."""
    lat1, lon1, lat2, lon2 = (np.radians(values) for values in (lat1, lon1, lat2, lon2))
    a = (
        np.sin((lat2 - lat1) / 2) ** 2
        + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(a))


def pair_distances_km(
    partner_ids: pd.Series, home_ids: pd.Series, coords: pd.DataFrame
) -> pd.Series:
    """Return the distance in km between each partner and its home (NaN if either is unplaced)."""
    indexed = coords.set_index(PLACE_ID)[[LAT, LON]]
    if len(partner_ids) > GEODESIC_LIMIT:
        partner = indexed.reindex(partner_ids.astype(str))
        home = indexed.reindex(home_ids.astype(str))
        values = _great_circle_km(
            home[LAT].to_numpy(),
            home[LON].to_numpy(),
            partner[LAT].to_numpy(),
            partner[LON].to_numpy(),
        )
        return pd.Series(values, index=partner_ids.index, name=DISTANCE_KM, dtype="float64")
    points = {place: (lat, lon) for place, lat, lon in indexed.itertuples()}
    cache: dict[tuple[str, str], float] = {}

    def distance(partner: str, home: str) -> float:
        if partner not in points or home not in points:
            return float("nan")
        if (partner, home) not in cache:
            cache[partner, home] = geodesic(points[home], points[partner]).km
        return cache[partner, home]

    values = [
        distance(str(partner), str(home))
        for partner, home in zip(partner_ids, home_ids, strict=True)
    ]
    return pd.Series(values, index=partner_ids.index, name=DISTANCE_KM, dtype="float64")


def home_names(home_ids: list[str], coords: pd.DataFrame, home: Home, lang: str) -> dict[str, str]:
    """Name each home: the configured one by its names, others by their place in coords.csv."""
    wanted = coords[coords[PLACE_ID].astype(str).isin(home_ids)]
    queries = dict(zip(wanted[PLACE_ID].astype(str), wanted[QUERY].fillna(""), strict=True))
    return {
        home_id: home.name(lang)
        if home_id == home.id
        else (queries.get(home_id, "").split(",")[0].strip() or home_id)
        for home_id in home_ids
    }


def partner_query(partner: pd.Series | dict) -> str:
    """Build a geocoder query that singles the partner out: name, region, country."""
    name = partner[PARTNER_LOCAL] or partner[PARTNER_EN] or partner[PARTNER_RU]
    region = partner[REGION_EN] or partner[REGION_RU]
    parts = [name, region, country_name(partner[COUNTRY_CODE], "en")]
    return ", ".join(part for part in parts if part)


def coords_row(
    place_id: str, query: str, *, lat: float, lon: float, source: str, updated: dt.date
) -> dict[str, object]:
    """Make a coordinates row, rounding to about 10 m, more than enough for a map."""
    return {
        PLACE_ID: place_id,
        QUERY: query,
        LAT: round(lat, 4),
        LON: round(lon, 4),
        SOURCE: source,
        UPDATED: updated.isoformat(),
    }


def partners_without_coords(partners: pd.DataFrame, coords: pd.DataFrame) -> list[str]:
    """Return the ids of partners that have no row in the coordinates."""
    known = set(coords[PLACE_ID])
    return [pid for pid in dict.fromkeys(partners[PARTNER_ID]) if pid not in known]
