# The network on the map: links between homes and partners, their places, distances,
# bundles of many links and the points a view is framed on. No text, no HTML.
from __future__ import annotations

import pandas as pd

from utils.data.coords import LAT, LON, PLACE_ID
from utils.data.places import DISTANCE_KM, Home, pair_distances_km
from utils.data.registry import (
    COUNTRY_CODE,
    DOCUMENT_TYPE,
    HOME_ID,
    PARTNER_ID,
    SIGNED_START,
)

# Columns of the links table (one row per home and partner with coordinates).
LATEST_TYPE = "latest_type"
HOME_LAT = "home_lat"
HOME_LON = "home_lon"
LINKS = "links"  # a bundle's number of links


def partner_places(documents: pd.DataFrame, coords: pd.DataFrame) -> pd.DataFrame:
    """One row per link (a home and a partner that has coordinates), oldest first.

    Each row is the link's latest document, with the partner's place, its home's place
    (NaN when coords.csv lacks the home) and the distance between them. `home_id` is the
    home of documents that name none.
    """
    ordered = documents.sort_values(SIGNED_START, kind="stable")
    latest = ordered.drop_duplicates([HOME_ID, PARTNER_ID], keep="last")
    located = coords.set_index(PLACE_ID)[[LAT, LON]]
    places = latest.join(located, on=PARTNER_ID, how="inner")
    places = places.join(located.rename(columns={LAT: HOME_LAT, LON: HOME_LON}), on=HOME_ID)
    places[LATEST_TYPE] = places[DOCUMENT_TYPE].astype(str)
    places[DISTANCE_KM] = pair_distances_km(places[PARTNER_ID], places[HOME_ID], coords)
    return places.reset_index(drop=True)


def latest_per_partner(links: pd.DataFrame) -> pd.DataFrame:
    """One row per partner: its link with the latest document, in the links' order."""
    latest = links.sort_values(SIGNED_START, kind="stable").drop_duplicates(PARTNER_ID, keep="last")
    return latest.sort_index()


def home_points(links: pd.DataFrame) -> dict[str, tuple[float, float]]:
    """Return the place of each home that has links on the map and coordinates."""
    placed = links.dropna(subset=[HOME_LAT, HOME_LON]).drop_duplicates(HOME_ID)
    return {
        str(home): (float(lat), float(lon))
        for home, lat, lon in zip(placed[HOME_ID], placed[HOME_LAT], placed[HOME_LON], strict=True)
    }


def configured_home(coords: pd.DataFrame, home: Home) -> dict[str, tuple[float, float]]:
    """Return the configured home's place when coords.csv has it (a map with no links yet)."""
    located = coords.set_index(PLACE_ID)
    if home.id not in located.index:
        return {}
    return {home.id: (float(located.at[home.id, LAT]), float(located.at[home.id, LON]))}


def homes_on_map(
    links: pd.DataFrame, coords: pd.DataFrame, home: Home
) -> dict[str, tuple[float, float]]:
    """Return the homes drawn: those with links, or the configured one when there are none."""
    return home_points(links) or configured_home(coords, home)


def network_points(
    links: pd.DataFrame, homes: dict[str, tuple[float, float]]
) -> list[tuple[float, float]]:
    """Return the points the map is framed on: the partners' places and the homes."""
    points = [(float(lat), float(lon)) for lat, lon in zip(links[LAT], links[LON], strict=True)]
    return points + list(homes.values())


def map_bounds(points: list[tuple[float, float]]) -> list[list[float]]:
    """Return [[south, west], [north, east]] around the points."""
    lats = [lat for lat, _ in points]
    lons = [lon for _, lon in points]
    return [[min(lats), min(lons)], [max(lats), max(lons)]]


def bundle_links(links: pd.DataFrame) -> pd.DataFrame:
    """Bundle links by home and partner country: one arc to the partners' centre, with a count.

    Every link with a placed home is counted once, in exactly one bundle.
    """
    placed = links.dropna(subset=[HOME_LAT, HOME_LON])
    return (
        placed.groupby([HOME_ID, COUNTRY_CODE], observed=True, sort=True)
        .agg(
            home_lat=(HOME_LAT, "first"),
            home_lon=(HOME_LON, "first"),
            lat=(LAT, "mean"),
            lon=(LON, "mean"),
            links=(PARTNER_ID, "size"),
        )
        .reset_index()
    )


def partner_distance(links: pd.DataFrame, partner_id: str) -> float | None:
    """Return a partner's distance from its (first) home, or None when it is not known."""
    rows = links[links[PARTNER_ID] == partner_id]
    if rows.empty or pd.isna(rows.iloc[0][DISTANCE_KM]):
        return None
    return float(rows.iloc[0][DISTANCE_KM])
