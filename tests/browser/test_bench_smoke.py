# The benchmark's smoke run on its smallest size: every figure is produced (no timing asserted).
from __future__ import annotations

import json
import math
import os

from bench.__main__ import PAGES, run_benchmark


def test_benchmark_produces_every_figure(tmp_path, chromium):
    del chromium  # the fixture skips (or fails under CI) without a browser
    data_dir_before = os.environ.get("PARTNERS_DATA_DIR")
    report = run_benchmark([10], runs=1, output=tmp_path)
    # The benchmark points this process at its data only while it measures.
    assert os.environ.get("PARTNERS_DATA_DIR") == data_dir_before
    saved = json.loads((tmp_path / "results.json").read_text(encoding="utf-8"))
    assert saved == json.loads(json.dumps(report))
    (size,) = report["sizes"]
    assert (size["links"], size["homes"], size["partners"]) == (10, 1, 10)
    figures = [
        size["first_run_s"],
        size["map_bytes"],
        size["navigation_to_markers_s"],
        size["filter_to_updated_map_s"],
        size["server_peak_memory_mb"],
        *size["page_run_s"].values(),
        *size["ratio_to_floor"].values(),
    ]
    assert all(isinstance(value, int | float) and math.isfinite(value) for value in figures)
    assert all(value > 0 for value in figures)
    assert set(size["page_run_s"]) == set(PAGES)
    table = (tmp_path / "results.md").read_text(encoding="utf-8")
    assert "| floor |" in table
    assert "| 10 (1) |" in table
