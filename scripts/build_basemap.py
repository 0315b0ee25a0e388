# Derives data/basemap.geojson, the offline basemap of the Baltic region, from Natural Earth.
#
# Source: Natural Earth 1:10m admin-0 countries (public domain), as TopoJSON in the
# `world-atlas` package on the npm registry. The 1:10m scale is the one that shows the
# Curonian and Vistula spits. Run from the repository root:
#
#     npm pack world-atlas@2 && tar xzf world-atlas-*.tgz
#     pip install shapely
#     python -m scripts.build_basemap package/countries-10m.json
from __future__ import annotations

import argparse
import json
from pathlib import Path

from shapely import set_precision
from shapely.geometry import MultiPolygon, Polygon, box, mapping, shape

from utils.data.folder import BASEMAP_BOUNDS as BALTIC_BOUNDS

# Degrees, about 1 km: the Curonian and Vistula spits still survive (simplification keeps
# topology; tests/unit/test_assets.py checks their land), and the file is 60 % smaller than
# at 0.001 (every first visitor downloads it).
SIMPLIFY_TOLERANCE = 0.01
DECIMALS = 3
DEFAULT_OUTPUT = Path("data/basemap.geojson")


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Return the topology's arcs as lists of (lon, lat), undoing quantisation and deltas."""
    transform = topology.get("transform")
    arcs = []
    for arc in topology["arcs"]:
        if transform is None:
            arcs.append([(x, y) for x, y, *_ in arc])
            continue
        (scale_x, scale_y), (shift_x, shift_y) = transform["scale"], transform["translate"]
        x = y = 0
        points = []
        for dx, dy, *_ in arc:
            x, y = x + dx, y + dy
            points.append((x * scale_x + shift_x, y * scale_y + shift_y))
        arcs.append(points)
    return arcs


def ring(indices: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    """Join the arcs of one ring; a negative index ~i means arc i reversed."""
    points: list[tuple[float, float]] = []
    for index in indices:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)
    return points


def _polygon(rings: list[list[int]], arcs: list[list[tuple[float, float]]]) -> list | None:
    """Join a polygon's rings, dropping degenerate ones (fewer than 4 points)."""
    joined = [ring(indices, arcs) for indices in rings]
    if len(joined[0]) < 4:
        return None
    return [points for points in joined if len(points) >= 4]


def geometry(topo_geometry: dict, arcs: list[list[tuple[float, float]]]) -> dict | None:
    """Turn one TopoJSON (multi)polygon into a GeoJSON-like multipolygon."""
    kind = topo_geometry.get("type")
    if kind == "Polygon":
        polygons = [topo_geometry["arcs"]]
    elif kind == "MultiPolygon":
        polygons = topo_geometry["arcs"]
    else:
        return None
    joined = [p for p in (_polygon(rings, arcs) for rings in polygons) if p is not None]
    return {"type": "MultiPolygon", "coordinates": joined} if joined else None


def _rounded(coordinates: object) -> object:
    """Round nested coordinates to DECIMALS places."""
    if isinstance(coordinates, (list, tuple)) and coordinates and isinstance(coordinates[0], float):
        return [round(value, DECIMALS) for value in coordinates]
    return [_rounded(part) for part in coordinates]


def baltic_features(topology: dict, object_name: str = "countries") -> list[dict]:
    """Clip each country to the Baltic bounds, simplify it and return GeoJSON features."""
    arcs = decode_arcs(topology)
    window = box(*BALTIC_BOUNDS)
    features = []
    for topo_geometry in topology["objects"][object_name]["geometries"]:
        raw = geometry(topo_geometry, arcs)
        if raw is None:
            continue
        clipped = shape(raw).buffer(0).intersection(window)
        if clipped.is_empty:
            continue
        # Snapped to the grid the file is written at, keeping each outline valid (rounding
        # the coordinates afterwards made a coast cross itself at 0.01).
        simplified = set_precision(
            clipped.simplify(SIMPLIFY_TOLERANCE, preserve_topology=True), 10**-DECIMALS
        )
        polygons = [g for g in getattr(simplified, "geoms", [simplified]) if isinstance(g, Polygon)]
        if not polygons:
            continue
        outline = mapping(MultiPolygon(polygons))
        features.append(
            {
                "type": "Feature",
                "properties": {"name": topo_geometry.get("properties", {}).get("name", "")},
                "geometry": {
                    "type": outline["type"],
                    "coordinates": _rounded(outline["coordinates"]),
                },
            }
        )
    return sorted(features, key=lambda feature: feature["properties"]["name"])


def main(argv: list[str] | None = None) -> int:
    """Read world-atlas's countries-10m.json and write the Baltic basemap."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("topojson", type=Path, help="world-atlas countries-10m.json")
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv)
    topology = json.loads(args.topojson.read_text(encoding="utf-8"))
    collection = {
        "type": "FeatureCollection",
        "source": "Natural Earth 1:10m admin-0 countries (public domain), via world-atlas",
        "features": baltic_features(topology),
    }
    args.output.write_text(
        json.dumps(collection, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
    )
    print(f"{len(collection['features'])} countries -> {args.output}")  # noqa: T201
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
