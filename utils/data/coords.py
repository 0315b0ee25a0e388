# The coordinates file (data/coords.csv): its columns, reading and checking it, and every
# change to it (geocoded places and places typed by hand), rewritten whole and atomically
# so that no row is ever dropped.
from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import pandas as pd

from utils.data.folder import BASEMAP_BOUNDS, COORDS_FILE, DEFAULT_DATA_DIR
from utils.data.problems import Problem
from utils.data.reading import TableReadError, check_columns, read_rows, read_table, table_rows
from utils.data.writing import DataWriteError, csv_text, write_text_atomic, writing

DEFAULT_COORDS = DEFAULT_DATA_DIR / COORDS_FILE

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


def read_coords_rows(path: Path) -> list[dict[str, object]]:
    """Read every existing coordinates row as it is, so that none is ever dropped on rewrite."""
    if not path.is_file():
        return []
    # Rewriting what we cannot read in full would lose it: an unreadable file, a malformed
    # row or a column we do not know raises TableReadError instead.
    table = read_table(path)
    rows, shape_problems = table_rows(table, COORDS_COLUMNS)
    problems = check_columns(table.header, COORDS_COLUMNS, COORDS_REQUIRED) + shape_problems
    if problems:
        raise TableReadError(problems[0])
    return [{column: row[column] for column in COORDS_COLUMNS} for row in rows]


def write_coords_rows(path: Path, rows: list[dict[str, object]]) -> None:
    """Write every coordinates row, in place of the file; DataWriteError if it cannot."""
    with writing(path):
        write_text_atomic(
            path, csv_text(COORDS_COLUMNS, ([row[c] for c in COORDS_COLUMNS] for row in rows))
        )


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


def check_manual_coords(lat: float, lon: float) -> list[Problem]:
    """Check coordinates typed by hand: real numbers inside their ranges."""
    problems = []
    for column, value in ((LAT, lat), (LON, lon)):
        low, high = COORD_RANGES[column]
        if not (math.isfinite(value) and low <= value <= high):
            params = {"value": value, "low": low, "high": high}
            problems.append(Problem("out_of_range", column=column, params=params))
    return problems


def add_manual_coords(
    coords_path: Path, place_id: str, query: str, *, lat: float, lon: float, today: dt.date
) -> list[Problem]:
    """Add a place's coordinates typed by hand (source `manual`); never replace a known place."""
    problems = check_manual_coords(lat, lon)
    rows = read_coords_rows(coords_path)
    if any(str(row[PLACE_ID]) == place_id for row in rows):
        problems.append(Problem("place_known", column=PLACE_ID, params={"value": place_id}))
    if problems:
        return problems
    rows.append(coords_row(place_id, query, lat=lat, lon=lon, source=SOURCE_MANUAL, updated=today))
    try:
        write_coords_rows(coords_path, rows)
    except DataWriteError as error:
        return [error.problem]
    return []
