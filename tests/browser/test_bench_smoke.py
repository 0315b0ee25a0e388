# The benchmark's smoke run on its smallest size: every figure is produced (no timing asserted).
from __future__ import annotations

import json
import math
import os

from bench.__main__ import PAGES, run_benchmark

BROWSER_FIGURES = (
    "cold_navigation_s",
    "cold_first_view_bytes",
    "navigation_s",
    "first_view_bytes",
    "browser_cpu_s",
    "change_0_s",
    "change_0_bytes",
    "cached_s",
    "memory_1_reader_mb",
    "memory_5_readers_mb",
)


def test_benchmark_produces_every_figure(tmp_path, chromium):
    del chromium  # the fixture skips (or fails under CI) without a browser
    data_dir_before = os.environ.get("PARTNERS_DATA_DIR")
    report = run_benchmark([10], runs=1, output=tmp_path)
    # The benchmark points this process at its data only while it measures.
    assert os.environ.get("PARTNERS_DATA_DIR") == data_dir_before
    saved = json.loads((tmp_path / "results.json").read_text(encoding="utf-8"))
    assert saved == json.loads(json.dumps(report))
    assert saved["complete"] is True  # written after each size, marked complete at the end
    (size,) = report["sizes"]
    assert (size["links"], size["homes"], size["partners"]) == (10, 1, 10)
    assert set(size["page_run_s"]) == set(size["page_run_fresh_s"]) == set(PAGES)
    server = [
        size["first_run_s"],
        size["map_bytes"],
        *size["page_run_s"].values(),
        *size["page_run_fresh_s"].values(),
    ]
    browser = [
        size[peer][name] for peer in ("app", "reference", "floor") for name in BROWSER_FIGURES
    ]
    assert all(
        isinstance(value, int | float) and math.isfinite(value) for value in server + browser
    )
    assert all(value > 0 for value in server + browser)
    # Every byte of a first view: the map page carries Leaflet and the basemap, the floor
    # Leaflet alone, so the page is heavier than the floor but not by a size's data alone.
    assert size["app"]["first_view_bytes"] > size["floor"]["first_view_bytes"] > 100_000
    table = (tmp_path / "results.md").read_text(encoding="utf-8")
    assert "| 10: floor |" in table
    assert "| 10: reference |" in table
    assert "| 10 (1) | 10 |" in table
