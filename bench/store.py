"""Benchmark of the store (utils/editing/store/): what keeping versions costs, per back-end.

    python -m bench.store                  # 1,000 and 26,000 links, results in bench/results/
    python -m bench.store --sizes 1000 --runs 3

For each size and back-end (the files of a data folder, SQLite, and PostgreSQL when it is
installed: a throwaway cluster from devtools/postgres.py) it measures, as medians:
- the version check every run of the app makes (`latest()`), after 50 versions;
- an apply of a registry with one partner renamed (a new version, the diff counted);
- reading a version's data sets back (`texts(n)`: History's diff reads two of them);
- writing the latest version out as a data folder (SQL back-ends, once per version).
Nothing here asserts a time: the figures go into the README.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa

from bench.report import main as write_document
from bench.report import store_table
from bench.synthetic import write_registry
from devtools.harness import ROOT
from devtools.postgres import PostgresCluster, postgres_bin
from utils.data.folder import REGISTRY_FILE
from utils.editing.store import FileStore, SqlStore, materialise

SIZES = (1_000, 26_000)
HOMES = {1_000: 50, 26_000: 400}
VERSIONS = 50  # versions made before the per-run check is timed
RESULTS = ROOT / "bench" / "results" / "store.json"


def _median_ms(action: Callable[[], object], runs: int) -> float:
    """Run `action` `runs` times; return the median in milliseconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(times), 2)


def _edits(registry: str, count: int) -> Iterator[str]:
    """Yield `count` registries, each renaming the first partner once more."""
    header, first, rest = registry.split("\n", 2)
    for number in range(count):
        cells = first.split(",")
        cells[3] = f"{cells[3]} {number}"  # partner_en
        yield "\n".join([header, ",".join(cells), rest])


@contextmanager
def _backends(folder: Path) -> Iterator[list[tuple[str, Callable[[], object]]]]:
    """Yield the back-ends to measure, each as a name and a factory of a fresh store."""
    cluster = None
    made: list[tuple[str, Callable[[], object]]] = []

    def files() -> FileStore:
        copy = Path(tempfile.mkdtemp(dir=folder.parent))
        shutil.copytree(folder, copy, dirs_exist_ok=True)
        return FileStore(copy)

    made.append(("files", files))

    def sqlite() -> SqlStore:
        path = Path(tempfile.mkdtemp(dir=folder.parent)) / "registry.sqlite"
        return SqlStore(sa.create_engine(f"sqlite:///{path}"), seed=folder)

    made.append(("sqlite", sqlite))
    if postgres_bin() is not None:
        cluster = PostgresCluster(Path(tempfile.mkdtemp(prefix="partners-bench-pg-")))
        databases = iter(range(1000))

        def postgresql() -> SqlStore:
            url = cluster.create_database(f"bench_{next(databases)}")
            return SqlStore(sa.create_engine(url), seed=folder)

        made.append(("postgresql", postgresql))
    try:
        yield made
    finally:
        if cluster is not None:
            cluster.stop()


def _measure_store(store: FileStore | SqlStore, registry: str, runs: int, work: Path) -> dict:
    """Fill a store with VERSIONS versions, then time its check, an apply and its reads."""
    edits = _edits(registry, VERSIONS + runs)
    start = time.perf_counter()
    for number in range(VERSIONS):
        store.apply({REGISTRY_FILE: next(edits)}, based_on=number, editor="bench", comment="")
    fill_s = time.perf_counter() - start
    applies = iter(range(VERSIONS, VERSIONS + runs))

    def apply() -> object:
        return store.apply(
            {REGISTRY_FILE: next(edits)}, based_on=next(applies), editor="bench", comment=""
        )

    apply_ms = _median_ms(apply, runs)
    latest = store.latest()
    row: dict[str, object] = {
        "version_check_ms": _median_ms(store.latest, max(runs, 20)),
        "apply_ms": apply_ms,
        "first_50_versions_s": round(fill_s, 2),
        "read_version_ms": _median_ms(lambda: store.texts(latest // 2), runs),
    }
    if isinstance(store, SqlStore):
        texts = store.texts()
        settings = work / "settings"
        settings.mkdir(exist_ok=True)
        row["write_out_ms"] = _median_ms(
            lambda: materialise(texts, latest, settings, Path(tempfile.mkdtemp(dir=work))), runs
        )
        store.engine.dispose()
    return row


def measure(links: int, runs: int, work: Path) -> list[dict[str, object]]:
    """Measure every back-end on a synthetic registry of `links` links."""
    homes = HOMES.get(links, max(1, links // 65))
    basemap = ROOT / "data" / "basemap.geojson"
    folder = write_registry(work / f"data-{links}", links, homes, basemap)
    registry = (folder / REGISTRY_FILE).read_text(encoding="utf-8")
    with _backends(folder) as backends:
        return [
            {"links": links, "backend": name, **_measure_store(make(), registry, runs, work)}
            for name, make in backends
        ]


def main() -> int:
    """Measure and write bench/results/store.json; print its table."""
    parser = argparse.ArgumentParser(prog="python -m bench.store", description=__doc__)
    parser.add_argument("--sizes", default=",".join(str(size) for size in SIZES))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="partners-bench-store-") as work:
        for links in (int(size) for size in args.sizes.split(",")):
            rows += measure(links, args.runs, Path(work))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    sys.stdout.write(store_table(rows) + "\n")
    if args.output == RESULTS:
        write_document()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
