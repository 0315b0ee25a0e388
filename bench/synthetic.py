# Synthetic registries for the benchmark: homes and partners spread over Europe, with
# realistic dates and document types, from a fixed random seed.
from __future__ import annotations

import datetime as dt
import random
import shutil
from pathlib import Path

from utils.data.coords import COORDS_COLUMNS
from utils.data.folder import DataFolder
from utils.data.registry import COLUMNS, HOME_ID, LEVELS, PUBLISHED_TYPES
from utils.data.writing import csv_text

SEED = 20261126
# Europe as the basemap draws it: west, south, east, north.
AREA = (-2.0, 46.0, 40.0, 65.0)
COUNTRIES = ("DE", "PL", "LT", "LV", "EE", "SE", "FI", "DK", "NO", "BY", "FR", "NL", "CZ")
# Twinning took off after the war and again after 1990; later documents are more common.
YEAR_WEIGHTS = {range(1950, 1990): 1, range(1990, 2010): 3, range(2010, 2026): 2}
TYPE_WEIGHTS = (4, 3, 2, 1, 1)  # in the order of PUBLISHED_TYPES
HOME_TOML = """id = "h0000"
name_ru = "Муниципалитет 0"
name_en = "Municipality 0"
region_ru = "Калининградская область"
region_en = "Kaliningrad Oblast"
country_code = "RU"
title_ru = "Синтетический реестр"
title_en = "Synthetic registry"
geocode_query = "Municipality 0"
"""


def _year(rng: random.Random) -> int:
    """Draw a signing year with the weights of YEAR_WEIGHTS."""
    spans = list(YEAR_WEIGHTS)
    span = rng.choices(spans, weights=[YEAR_WEIGHTS[s] * len(s) for s in spans])[0]
    return rng.choice(span)


def _signed(rng: random.Random) -> tuple[str, str]:
    """Draw a date and its precision: mostly days, some months and years."""
    year = _year(rng)
    day = dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(365))
    precision = rng.choices(("day", "month", "year"), weights=(8, 1, 1))[0]
    text = {"day": day.isoformat(), "month": day.isoformat()[:7], "year": str(year)}[precision]
    return text, precision


def write_registry(folder: Path, links: int, homes: int, basemap: Path) -> Path:
    """Write a data folder with `links` home-partner links among `homes` homes."""
    rng = random.Random(SEED + links)  # noqa: S311 - synthetic data, not a secret
    folder.mkdir(parents=True, exist_ok=True)
    west, south, east, north = AREA
    home_ids = [f"h{index:04d}" for index in range(homes)]
    # Homes sit in the Kaliningrad region; partners anywhere in the area.
    coords = [
        [home, f"Municipality {index}", round(rng.uniform(54.3, 55.2), 4),
         round(rng.uniform(19.6, 22.8), 4), "manual", "2026-11-26"]
        for index, home in enumerate(home_ids)
    ]  # fmt: skip
    # With several homes some partners are linked to more than one; with one home, none.
    partner_count = links if homes == 1 else max(1, int(links * 0.85))
    partners = []
    for index in range(partner_count):
        partner_id = f"p{index:05d}"
        country = rng.choice(COUNTRIES)
        lat, lon = round(rng.uniform(south, north), 4), round(rng.uniform(west, east), 4)
        coords.append([partner_id, f"Partner {index}", lat, lon, "manual", "2026-11-26"])
        partners.append((partner_id, country, rng.choice(LEVELS)))
    rows, seen = [], set()
    while len(rows) < links:
        partner_id, country, level = (
            partners[len(rows)] if len(rows) < partner_count else (rng.choice(partners))
        )
        home = home_ids[0] if homes == 1 else rng.choice(home_ids)
        if (home, partner_id) in seen:
            continue
        seen.add((home, partner_id))
        signed, precision = _signed(rng)
        kind = rng.choices(PUBLISHED_TYPES, weights=TYPE_WEIGHTS)[0]
        number = partner_id[1:]
        rows.append(
            [partner_id, f"Партнёр {number}", f"Partner {number}", f"Partner {number}", level,
             "", "", country, kind, "Документ", signed, precision, "", home]
        )  # fmt: skip
    files = DataFolder(folder)
    files.registry.write_text(csv_text((*COLUMNS, HOME_ID), rows), encoding="utf-8")
    files.coords.write_text(csv_text(COORDS_COLUMNS, coords), encoding="utf-8")
    files.home.write_text(HOME_TOML, encoding="utf-8")
    files.strategy.write_text(
        "direction_id,name_ru,name_en,kind,target\npoland,Польша,Poland,country,PL\n",
        encoding="utf-8",
    )
    shutil.copy(basemap, folder / basemap.name)
    return folder
