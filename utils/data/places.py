# Where things are: the home municipality's settings, the coordinates cache
# (data/coords.csv) and distances from the home.
from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields
from pathlib import Path

import numpy as np
import pandas as pd
from geopy.distance import geodesic

from utils.data.coords import LAT, LON, PLACE_ID, QUERY
from utils.data.folder import DEFAULT_DATA_DIR, HOME_FILE
from utils.data.registry import (
    COUNTRY_CODE,
    PARTNER_EN,
    PARTNER_ID,
    PARTNER_LOCAL,
    PARTNER_RU,
    REGION_EN,
    REGION_RU,
)
from utils.i18n import LANGUAGES, country_name, english_data, is_country_code

DEFAULT_HOME = DEFAULT_DATA_DIR / HOME_FILE
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
    # Optional, for the other interface languages: (language, text) from name_<lang> and
    # title_<lang>; where absent, the English ones serve.
    names: tuple[tuple[str, str], ...] = ()
    titles: tuple[tuple[str, str], ...] = ()

    def name(self, lang: str) -> str:
        """Return the home's name in `lang`."""
        own = dict(self.names).get(lang)
        return own or (self.name_en if english_data(lang) else self.name_ru)

    def title(self, lang: str) -> str:
        """Return the dashboard's title in `lang`."""
        own = dict(self.titles).get(lang)
        return own or (self.title_en if english_data(lang) else self.title_ru)


OPTIONAL_HOME_FIELDS = ("names", "titles")


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
    names = [field.name for field in fields(Home) if field.name not in OPTIONAL_HOME_FIELDS]
    missing = [name for name in names if not str(settings.get(name, "")).strip()]
    if missing:
        raise HomeConfigError(f"{path}: missing or empty keys: {', '.join(missing)}")
    if not is_country_code(settings["country_code"]):
        raise HomeConfigError(f"{path}: unknown country_code {settings['country_code']!r}")

    def own(prefix: str) -> tuple[tuple[str, str], ...]:
        return tuple(
            (lang, str(settings[f"{prefix}_{lang}"]).strip())
            for lang in LANGUAGES
            if str(settings.get(f"{prefix}_{lang}", "")).strip() and lang not in ("ru", "en")
        )

    required = {name: str(settings[name]).strip() for name in names}
    return Home(**required, names=own("name"), titles=own("title"))


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


def partners_without_coords(partners: pd.DataFrame, coords: pd.DataFrame) -> list[str]:
    """Return the ids of partners that have no row in the coordinates."""
    known = set(coords[PLACE_ID])
    return [pid for pid in dict.fromkeys(partners[PARTNER_ID]) if pid not in known]
