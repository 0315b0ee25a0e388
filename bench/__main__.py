"""Benchmark: the dashboard on synthetic registries of 10 to 26,000 links, against a floor.

    python -m bench                      # every size, results in bench/results/
    python -m bench --sizes 10 --runs 1  # the smoke run

For each size it writes a synthetic data folder (bench/synthetic.py) and measures:
- the server's script time of each page after a filter change (median of --runs, warm
  caches), and of the map page's first run after start (cold caches), with AppTest;
- the bytes the map component sends to the browser;
- in headless Chromium against `streamlit run app.py`: navigation to the map's markers
  drawn, and a filter change (the reader's Enter on a country typed into the filter) to
  the updated map drawn (medians of --runs);
- the server's peak memory (VmHWM) over the browser runs.
The floor (bench/floor_app.py: a title and one st_folium map with one marker) is measured
the same way, and every figure is also given as a ratio to it. Times vary from machine to
machine; the ratios less so. Nothing here asserts a time: the targets are in the README.
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

from bench.synthetic import write_registry
from tests.browser.harness import CHROMIUM_ARGS, ROOT, AppServer, chromium_path
from ui.data import DATA_DIR_VARIABLE
from utils.assets import STATIC_DIR, publish_assets
from utils.i18n import country_name

SIZES = (10, 1_000, 10_000, 26_000)
HOMES = {10: 1, 1_000: 50, 10_000: 300, 26_000: 400}
PAGES = ("overview", "map", "timeline", "breakdowns", "table", "anniversaries", "strategy")
# The filter change: all countries <-> the registry's most common country only.
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
TIMEOUT_MS = 180_000
RESULTS = ROOT / "bench" / "results"
FLOOR_SCRIPT = "bench/floor_app.py"


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


def server_times(data_dir: Path, runs: int, country: str) -> dict[str, object]:
    """Time each page's script run with AppTest, and weigh the map component."""
    with data_folder(data_dir):
        return _server_times(runs, country)


def _server_times(runs: int, country: str) -> dict[str, object]:
    """Time the pages of the app run in this process (see server_times)."""
    st.cache_data.clear()
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
    started = time.perf_counter()
    app.run()
    app.switch_page("pages/map.py").run()
    first = time.perf_counter() - started
    figures: dict[str, object] = {"first_run_s": first, "map_bytes": _map_bytes(app)}
    pages = {}
    for page in PAGES:
        if page != "overview":
            app.switch_page(f"pages/{page}.py")
        else:
            app.switch_page("pages/overview.py")
        toggle = [[country], []]

        def change_filter(app: AppTest = app, toggle: list = toggle) -> None:
            toggle.reverse()
            app.multiselect(key="countries").set_value(toggle[0]).run()

        change_filter()
        change_filter()  # both views cached
        pages[page] = _median_time(change_filter, runs)
        if app.exception:
            raise RuntimeError(f"{page}: {app.exception[0].message}")
    figures["page_run_s"] = pages
    return figures


def floor_server_times(runs: int) -> dict[str, object]:
    """Time the floor page's script run with AppTest."""
    app = AppTest.from_file(str(ROOT / FLOOR_SCRIPT), default_timeout=600)
    started = time.perf_counter()
    app.run()
    figures: dict[str, object] = {"first_run_s": time.perf_counter() - started}
    figures["map_bytes"] = _map_bytes(app)
    toggle = [2, 1]

    def change() -> None:
        toggle.reverse()
        app.selectbox(key="markers").set_value(toggle[0]).run()

    change()
    change()
    figures["page_run_s"] = {"floor": _median_time(change, runs)}
    return figures


def _drawn(page, count: int) -> None:
    """Wait until the map's layer says it has drawn `count` partners."""
    # A map redrawn by Streamlit may sit beside the old one for a moment: any will do.
    page.wait_for_function(
        """([selector, count]) => [...document.querySelectorAll(selector)].some(
            (frame) => frame.contentDocument && frame.contentDocument.documentElement &&
                frame.contentDocument.documentElement.dataset.partnersDrawn === count)""",
        arg=[MAP_FRAME, str(count)],
        timeout=TIMEOUT_MS,
    )


def browser_times(
    server: AppServer,
    path: str,
    *,
    counts: tuple[int, int],
    change: Callable,
    runs: int,
    chromium: str,
) -> dict[str, float]:
    """Time navigation to the map drawn, and a change to the map drawn again, in Chromium."""
    shown, updated = [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        for _ in range(runs + 1):  # the first run warms the server and is not counted
            page = browser.new_page(viewport={"width": 1600, "height": 1000})
            started = time.perf_counter()
            page.goto(server.url + path, timeout=TIMEOUT_MS)
            _drawn(page, counts[0])
            shown.append(time.perf_counter() - started)
            change(page)  # opens the list at the choice; the reader's Enter is timed
            started = time.perf_counter()
            page.keyboard.press("Enter")
            _drawn(page, counts[1])
            updated.append(time.perf_counter() - started)
            page.close()
        browser.close()
    return {
        "navigation_to_markers_s": statistics.median(shown[1:]),
        "filter_to_updated_map_s": statistics.median(updated[1:]),
        "server_peak_memory_mb": server.peak_memory_mb(),
    }


def _pick_country(page, label: str) -> None:
    """Type a country into the sidebar's filter, so that Enter chooses it."""
    countries = page.locator(".st-key-countries input[role='combobox']")
    countries.click(timeout=TIMEOUT_MS)
    countries.fill(label)
    page.get_by_role("option", name=label).wait_for(timeout=TIMEOUT_MS)


def _pick_two(page) -> None:
    """Open the floor's choice at two markers, so that Enter chooses it."""
    choice = page.locator(".st-key-markers input")
    choice.click(timeout=TIMEOUT_MS)
    choice.fill("2")
    page.get_by_role("option", name="2").wait_for(timeout=TIMEOUT_MS)


def most_common_country(data_dir: Path) -> str:
    """Return the country with the most documents: the filter change picks it."""
    from utils.registry import load_registry  # noqa: PLC0415

    documents, _ = load_registry(data_dir / "partners.csv")
    return str(documents["country_code"].value_counts().idxmax())


def expected_partners(data_dir: Path, country: str | None) -> int:
    """Count the partners the map should draw, all or in one country."""
    from utils.places import load_coords  # noqa: PLC0415
    from utils.registry import load_registry  # noqa: PLC0415

    documents, _ = load_registry(data_dir / "partners.csv")
    placed = set(load_coords(data_dir / "coords.csv")[0]["place_id"])
    if country:
        documents = documents[documents["country_code"] == country]
    return len(set(documents["partner_id"]) & placed)


def measure_size(links: int, runs: int, chromium: str, work: Path) -> dict[str, object]:
    """Measure the dashboard on a synthetic registry of `links` links."""
    data_dir = write_registry(
        work / str(links), links, HOMES.get(links, 1), ROOT / "data" / "basemap.geojson"
    )
    country = most_common_country(data_dir)
    figures = server_times(data_dir, runs, country)
    counts = (expected_partners(data_dir, None), expected_partners(data_dir, country))
    server = AppServer(env={"PARTNERS_DATA_DIR": str(data_dir)})
    try:
        figures |= browser_times(
            server,
            "/map?lang=en",
            counts=counts,
            change=lambda page: _pick_country(page, country_name(country, "en")),
            runs=runs,
            chromium=chromium,
        )
    finally:
        server.stop()
    return {"links": links, "homes": HOMES.get(links, 1), "partners": counts[0], **figures}


def measure_floor(runs: int, chromium: str) -> dict[str, object]:
    """Measure the floor page."""
    publish_assets(ROOT / "bench" / "static", ROOT / "data" / "basemap.geojson")
    figures = floor_server_times(runs)
    server = AppServer(script=FLOOR_SCRIPT)
    try:
        figures |= browser_times(
            server, "/", counts=(1, 2), change=_pick_two, runs=runs, chromium=chromium
        )
    finally:
        server.stop()
    return {"links": "floor", **figures}


def ratios(result: dict[str, object], floor: dict[str, object]) -> dict[str, float]:
    """Return each headline figure as a multiple of the floor's."""
    keys = (
        "navigation_to_markers_s",
        "filter_to_updated_map_s",
        "map_bytes",
        "server_peak_memory_mb",
    )
    ratio = {key: float(result[key]) / float(floor[key]) for key in keys}
    ratio["map_page_run_s"] = float(result["page_run_s"]["map"]) / float(
        floor["page_run_s"]["floor"]
    )
    return ratio


def markdown_table(results: list[dict[str, object]], floor: dict[str, object]) -> str:
    """Render the results as a Markdown table, figures with their ratio to the floor."""
    lines = [
        (
            "| links (homes) | first run, s | map page run, s | other pages, s (max) | "
            "map bytes | nav → markers, s | filter → map, s | peak memory, MB |"
        ),
        "|---|---|---|---|---|---|---|---|",
        (
            f"| floor | {floor['first_run_s']:.2f} | {floor['page_run_s']['floor']:.3f} | – | "
            f"{floor['map_bytes']:,} | {floor['navigation_to_markers_s']:.2f} | "
            f"{floor['filter_to_updated_map_s']:.2f} | {floor['server_peak_memory_mb']:.0f} |"
        ),
    ]
    for result in results:
        ratio = result["ratio_to_floor"]
        others = max(v for k, v in result["page_run_s"].items() if k != "map")
        lines.append(
            f"| {result['links']:,} ({result['homes']}) | {result['first_run_s']:.2f} | "
            f"{result['page_run_s']['map']:.3f} (×{ratio['map_page_run_s']:.1f}) | {others:.3f} | "
            f"{result['map_bytes']:,} (×{ratio['map_bytes']:.1f}) | "
            f"{result['navigation_to_markers_s']:.2f} (×{ratio['navigation_to_markers_s']:.1f}) | "
            f"{result['filter_to_updated_map_s']:.2f} (×{ratio['filter_to_updated_map_s']:.1f}) | "
            f"{result['server_peak_memory_mb']:.0f} (×{ratio['server_peak_memory_mb']:.1f}) |"
        )
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


def run_benchmark(sizes: list[int], runs: int, output: Path) -> dict[str, object]:
    """Measure the floor and every size; write results.json and results.md to `output`."""
    chromium = chromium_path()
    if chromium is None:
        sys.exit("no Chromium found: apt-get install chromium")
    publish_assets(STATIC_DIR, ROOT / "data" / "basemap.geojson")
    with tempfile.TemporaryDirectory(prefix="bench-") as work:
        floor = measure_floor(runs, chromium)
        results = []
        for links in sizes:
            result = measure_size(links, runs, chromium, Path(work))
            result["ratio_to_floor"] = ratios(result, floor)
            results.append(result)
            sys.stdout.write(f"{links} links measured\n")
    report = {"machine": machine(), "runs": runs, "floor": floor, "sizes": results}
    output.mkdir(parents=True, exist_ok=True)
    (output / "results.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
    table = f"Machine: {report['machine']}; medians of {runs} runs.\n\n" + markdown_table(
        results, floor
    )
    (output / "results.md").write_text(table, encoding="utf-8")
    return report


def main() -> int:
    """Parse the command line and run the benchmark."""
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--sizes", default=",".join(str(size) for size in SIZES))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args()
    report = run_benchmark([int(size) for size in args.sizes.split(",")], args.runs, args.output)
    sys.stdout.write((args.output / "results.md").read_text(encoding="utf-8"))
    return 0 if report["sizes"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
