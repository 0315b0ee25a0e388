"""Benchmark: the dashboard on synthetic registries of 10 to 26,000 links, beside peers.

    python -m bench                      # every size, results in bench/results/
    python -m bench --sizes 10 --runs 1  # the smoke run

For each size it writes a synthetic data folder (bench/synthetic.py) and measures:
- with AppTest, in English: each page's server run after a filter change, to a view
  already cached and to one never used before; the map page's first run after start
  (cold caches); the bytes of the map component's arguments;
- in headless Chromium (bench/browser.py) against `streamlit run`: the first visitor
  after a start (cold), navigation to the markers painted, a filter change to a value
  never used before and to one already used, every byte received for a first view and
  for a change, the page's main-thread time, and the server's peak memory with one and
  with five readers.
Beside each size, the same is measured for two peers, started afresh for that size: the
floor (bench/floor_app.py: one st_folium map with one marker) and the reference app
(bench/reference_app.py: the same data as one GeoJSON layer of points and one of lines
on a canvas). Nothing here asserts a time: the targets are in the README.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import streamlit as st
from playwright.sync_api import sync_playwright
from streamlit.testing.v1 import AppTest

from bench.browser import TIMEOUT_MS, Change, measure_app
from bench.report import main as write_document
from bench.synthetic import write_registry
from devtools.harness import CHROMIUM_ARGS, ROOT, AppServer, chromium_path
from ui.loaders import DATA_DIR_VARIABLE
from utils.data.coords import load_coords
from utils.data.folder import DataFolder
from utils.data.registry import load_registry
from utils.i18n import country_name
from utils.map.assets import STATIC_DIR, publish_assets

SIZES = (10, 1_000, 10_000, 26_000)
HOMES = {10: 1, 1_000: 50, 10_000: 300, 26_000: 400}
PAGES = ("overview", "map", "timeline", "breakdowns", "table", "anniversaries", "strategy")
# The filter change: all countries <-> the registry's most common country only.
RESULTS = ROOT / "bench" / "results"
FLOOR_SCRIPT = "bench/floor_app.py"
REFERENCE_SCRIPT = "bench/reference_app.py"


def _median_time(action: Callable[[], object], runs: int) -> float:
    """Return the median seconds of `runs` calls of `action`."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _map_bytes(app: AppTest) -> int:
    """Return the size of what the map component sends to the browser."""
    (component,) = app.main.get("component_instance")
    return len(component.proto.json_args.encode("utf-8"))


@contextmanager
def data_folder(data_dir: Path) -> Iterator[None]:
    """Point the app run in this process at a data folder, and back again afterwards."""
    before = os.environ.get(DATA_DIR_VARIABLE)
    os.environ[DATA_DIR_VARIABLE] = str(data_dir)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(DATA_DIR_VARIABLE, None)
        else:
            os.environ[DATA_DIR_VARIABLE] = before


def _server_times(runs: int, countries: list[str]) -> dict[str, object]:
    """Time the pages of the app run in this process, in English, with AppTest.

    Each page is timed after a change to years never chosen before (nothing cached), and
    after changes between two countries already seen (cached): medians of `runs`.
    """
    st.cache_data.clear()
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
    app.query_params["lang"] = "en"
    started = time.perf_counter()
    app.run()
    app.switch_page("pages/map.py").run()
    figures: dict[str, object] = {
        "first_run_s": time.perf_counter() - started,
        "map_bytes": _map_bytes(app),
    }
    first, last = app.slider(key="years").value
    fresh_years = iter(
        (start, end) for end in range(last, first, -1) for start in range(first, end)
    )
    cached, fresh = {}, {}
    for page in PAGES:
        app.switch_page(f"pages/{page}.py")
        toggle = [[countries[0]], []]

        def change_countries(app: AppTest = app, toggle: list = toggle) -> None:
            toggle.reverse()
            app.multiselect(key="countries").set_value(toggle[0]).run()

        def change_years(app: AppTest = app) -> None:
            app.slider(key="years").set_value(next(fresh_years)).run()

        change_countries()
        change_countries()  # both views cached
        cached[page] = _median_time(change_countries, runs)
        fresh[page] = _median_time(change_years, runs)
        if app.exception:
            raise RuntimeError(f"{page}: {app.exception[0].message}")
    figures["page_run_s"] = cached
    figures["page_run_fresh_s"] = fresh
    return figures


def _pick_country(page, label: str) -> None:
    """Type a country into the country filter, so that Enter chooses it."""
    countries = page.locator(".st-key-countries input[role='combobox']")
    countries.click(timeout=TIMEOUT_MS)
    countries.fill(label)
    page.get_by_role("option", name=label, exact=True).wait_for(timeout=TIMEOUT_MS)


def _pick_two(page) -> None:
    """Open the floor's choice at two markers, so that Enter chooses it."""
    choice = page.locator(".st-key-markers input")
    choice.click(timeout=TIMEOUT_MS)
    choice.fill("2")
    page.get_by_role("option", name="2").wait_for(timeout=TIMEOUT_MS)


def countries_by_size(data_dir: Path) -> list[str]:
    """Return the registry's countries, most documents first: the filter changes pick them."""
    documents, _ = load_registry(DataFolder(data_dir).registry)
    return [str(code) for code in documents["country_code"].value_counts().index]


def expected_partners(data_dir: Path, country: str | None) -> int:
    """Count the partners the map should draw, all or in one country."""
    folder = DataFolder(data_dir)
    documents, _ = load_registry(folder.registry)
    placed = set(load_coords(folder.coords)[0]["place_id"])
    if country:
        documents = documents[documents["country_code"] == country]
    return len(set(documents["partner_id"]) & placed)


def _browser_figures(
    script: str,
    path: str,
    data_dir: Path | None,
    *,
    count: int,
    changes,
    runs: int,
    root: Path = ROOT,
) -> dict[str, float]:
    """Start `script` (in the checkout `root`) on the data folder and measure it in Chromium."""
    env = {DATA_DIR_VARIABLE: str(data_dir)} if data_dir else {}
    server = AppServer(script=script, env=env, root=root)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium_path(), args=CHROMIUM_ARGS
            )
            figures = measure_app(browser, server, path, count=count, changes=changes, runs=runs)
            browser.close()
    finally:
        server.stop()
    return figures


def _country_changes(data_dir: Path, countries: list[str]):
    """Return the filter changes of each run: a country never used before, or the first."""

    def changes(run: int) -> list[Change]:
        # Run -1 is the cold view, which uses the first country; later runs go on down
        # the list (fresh) and back to the first (cached), in separate page views.
        if run < 0:
            code = countries[0]
        elif run % 2 == 0:
            code = countries[(run // 2 + 1) % len(countries)]
        else:
            code = countries[0]
        label = country_name(code, "en")
        return [Change(lambda page: _pick_country(page, label), expected_partners(data_dir, code))]

    return changes


def measure_earlier(links: int, runs: int, work: Path, root: Path) -> dict[str, object]:
    """Measure the map page of another checkout (an earlier version) in Chromium only."""
    data_dir = write_registry(
        work / str(links), links, HOMES.get(links, 1), ROOT / "data" / "basemap.geojson"
    )
    countries = countries_by_size(data_dir)
    total = expected_partners(data_dir, None)
    figures = _browser_figures(
        "app.py",
        "/map?lang=en",
        data_dir,
        count=total,
        changes=_country_changes(data_dir, countries),
        runs=runs,
        root=root,
    )
    return {"links": links, "homes": HOMES.get(links, 1), "partners": total, "earlier": figures}


def measure_size(links: int, runs: int, work: Path) -> dict[str, object]:
    """Measure the dashboard, the floor and the reference app on `links` links."""
    data_dir = write_registry(
        work / str(links), links, HOMES.get(links, 1), ROOT / "data" / "basemap.geojson"
    )
    countries = countries_by_size(data_dir)
    changes = _country_changes(data_dir, countries)
    total = expected_partners(data_dir, None)
    result: dict[str, object] = {"links": links, "homes": HOMES.get(links, 1), "partners": total}
    with data_folder(data_dir):
        result |= _server_times(runs, countries)
    result["app"] = _browser_figures(
        "app.py", "/map?lang=en", data_dir, count=total, changes=changes, runs=runs
    )
    result["reference"] = _browser_figures(
        REFERENCE_SCRIPT, "/", data_dir, count=total, changes=changes, runs=runs
    )
    floor_changes = [Change(_pick_two, 2)]
    result["floor"] = _browser_figures(
        FLOOR_SCRIPT,
        "/",
        None,
        count=1,
        changes=lambda run: floor_changes if run >= 0 else [],
        runs=runs,
    )
    return result


def _row(name: str, figures: dict[str, float], fresh: str, cached: str) -> str:
    """One line of the browser table."""
    return (
        f"| {name} | {figures['cold_navigation_s']:.2f} | {figures['navigation_s']:.2f} | "
        f"{fresh} | {cached} | {figures['first_view_bytes'] / 1e6:.2f} | "
        f"{figures['change_0_bytes'] / 1e3:.1f} | {figures['browser_cpu_s']:.2f} | "
        f"{figures['memory_1_reader_mb']:.0f} | {figures['memory_5_readers_mb']:.0f} |"
    )


def markdown_table(results: list[dict[str, object]]) -> str:
    """Render the results as two Markdown tables: the server's runs and the browser's view."""
    lines = [
        "Server (AppTest, English): seconds of a page's run after a filter change.",
        "",
        (
            "| links (homes) | partners | map page cold, s | map page fresh / cached, s | "
            "other pages fresh / cached (max), s | map arguments, bytes |"
        ),
        "|---|---|---|---|---|---|",
    ]
    for result in results:
        fresh, cached = result["page_run_fresh_s"], result["page_run_s"]
        others = [page for page in fresh if page != "map"]
        lines.append(
            f"| {result['links']:,} ({result['homes']}) | {result['partners']:,} | "
            f"{result['first_run_s']:.2f} | {fresh['map']:.3f} / {cached['map']:.3f} | "
            f"{max(fresh[p] for p in others):.3f} / {max(cached[p] for p in others):.3f} | "
            f"{result['map_bytes']:,} |"
        )
    lines += [
        "",
        "Browser (Chromium): the dashboard's map page beside the reference app and the floor.",
        "",
        (
            "| links: app | cold first view, s | navigation → painted, s | filter → painted, "
            "fresh, s | cached, s | first view, MB | per change, KB | browser CPU, s | "
            "memory 1 reader, MB | 5 readers, MB |"
        ),
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for result in results:
        app, reference, floor = result["app"], result["reference"], result["floor"]
        links = f"{result['links']:,}"
        lines.append(
            _row(f"{links}: dashboard", app, f"{app['change_0_s']:.2f}", f"{app['cached_s']:.2f}")
        )
        lines.append(
            _row(
                f"{links}: reference",
                reference,
                f"{reference['change_0_s']:.2f}",
                f"{reference['cached_s']:.2f}",
            )
        )
        lines.append(_row(f"{links}: floor", floor, f"{floor['change_0_s']:.2f}", "–"))
    return "\n".join(lines) + "\n"


def machine() -> str:
    """Describe the machine the figures come from."""
    memory_kb = next(
        int(line.split()[1])
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal:")
    )
    return (
        f"{os.cpu_count()} cores, {memory_kb / 2**20:.0f} GB, {platform.system()} "
        f"{platform.release()}, Python {platform.python_version()}"
    )


def write_results(output: Path, runs: int, results: list[dict], *, complete: bool) -> dict:
    """Write the sizes measured so far to results.json and results.md in `output`."""
    report = {"machine": machine(), "runs": runs, "complete": complete, "sizes": results}
    output.mkdir(parents=True, exist_ok=True)
    (output / "results.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
    table = f"Machine: {report['machine']}; medians of {runs} runs.\n\n" + markdown_table(results)
    (output / "results.md").write_text(table, encoding="utf-8")
    return report


def run_benchmark(sizes: list[int], runs: int, output: Path) -> dict[str, object]:
    """Measure every size beside its peers; write results.json and results.md to `output`.

    The files are written again after each size, so that a run stopped at a large size keeps
    what the smaller ones measured (`"complete": false` until the last).
    """
    if chromium_path() is None:
        sys.exit("no Chromium found: apt-get install chromium")
    publish_assets(STATIC_DIR, ROOT / "data" / "basemap.geojson")
    publish_assets(ROOT / "bench" / "static", ROOT / "data" / "basemap.geojson")
    results: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="bench-") as work:
        for links in sizes:
            results.append(measure_size(links, runs, Path(work)))
            write_results(output, runs, results, complete=len(results) == len(sizes))
            sys.stdout.write(f"{links} links measured\n")
    report = write_results(output, runs, results, complete=True)
    if output == RESULTS:
        write_document()
    return report


def main() -> int:
    """Parse the command line and run the benchmark."""
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--sizes", default=",".join(str(size) for size in SIZES))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--output", type=Path, default=RESULTS)
    parser.add_argument(
        "--earlier",
        type=Path,
        help="a checkout of an earlier version: measure its map page in the browser only",
    )
    args = parser.parse_args()
    if args.earlier:
        sizes = [int(size) for size in args.sizes.split(",")]
        with tempfile.TemporaryDirectory(prefix="bench-") as work:
            report = [measure_earlier(n, args.runs, Path(work), args.earlier) for n in sizes]
        args.output.mkdir(parents=True, exist_ok=True)
        text = json.dumps(report, indent=2)
        (args.output / "earlier.json").write_text(text, encoding="utf-8")
        sys.stdout.write(text + "\n")
        return 0
    report = run_benchmark([int(size) for size in args.sizes.split(",")], args.runs, args.output)
    sys.stdout.write((args.output / "results.md").read_text(encoding="utf-8"))
    return 0 if report["sizes"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
