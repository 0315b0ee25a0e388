# docs/benchmark.md is generated from bench/results/ (python -m bench.report): it says what the
# results say, never figures copied by hand.
from __future__ import annotations

from bench.report import DOCUMENT, render


def test_the_benchmark_document_is_what_the_results_say():
    assert DOCUMENT.read_text(encoding="utf-8") == render()
