# What a server keeps in memory as the data changes: a few versions of each data set, and
# the views of the data shown now only (a server went from 424 MB to 844 MB over 12
# rewrites of a 49,000-row registry, and stayed there after the small one came back).
from __future__ import annotations

import os

import streamlit as st
from streamlit.runtime.caching.cache_data_api import get_data_cache_stats_provider

from tests.helpers.app import open_page
from ui.loaders import KEPT_VERSIONS

REWRITES = 12


def cached(function: str) -> int:
    """Count the entries a cached function of the app holds now, in every session."""
    stats = get_data_cache_stats_provider().get_stats()
    return sum(stat.cache_name == function for family in stats.values() for stat in family)


def test_a_registry_rewritten_on_disk_leaves_a_few_versions_in_memory(app, data_dir):
    st.cache_data.clear()
    registry = data_dir / "partners.csv"
    original = registry.read_text(encoding="utf-8")
    open_page(app, "table")
    for rewrite in range(1, REWRITES + 1):
        # Each rewrite another file (one more blank line) and another modification time.
        registry.write_text(original + "\n" * rewrite, encoding="utf-8")
        stamp = 1_700_000_000 + rewrite
        os.utime(registry, (stamp, stamp))
        app.run()
        assert not app.exception
    assert cached("ui.loaders.registry") <= KEPT_VERSIONS
    assert cached("ui.loaders.status") <= KEPT_VERSIONS
    # The table's view of the data shown now, and of no version before it.
    assert cached("ui.view_cache.table") == 1
    assert cached("ui.loaders.documents_in_view") == 1
