# AppTest helpers: the app, a breakable copy of its data, and finding elements by key.
from __future__ import annotations

import shutil

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import DATA, ROOT

APP = str(ROOT / "app.py")
TIMEOUT = 30


def dataframe_with_column(at: AppTest, *names: str):
    """The dataframe that has one of these columns (st.dataframe carries no key to find it by)."""
    return next(df.value for df in at.dataframe if set(names) & set(df.value.columns))


def documents_table(at: AppTest):
    """The documents table, in either language."""
    return dataframe_with_column(at, "Партнёр", "Partner")


def metrics(at: AppTest) -> dict[str, str]:
    """The summary strip: each metric's label and value."""
    return {metric.label: metric.value for metric in at.metric}


def open_page(at: AppTest, page: str, **params: str | list[str]) -> AppTest:
    """Run the app with these query parameters, then switch to a page of pages/ and run it."""
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    if page != "overview":
        at.switch_page(f"pages/{page}.py").run()
    assert not at.exception, at.exception
    return at


@pytest.fixture
def app() -> AppTest:
    return AppTest.from_file(APP, default_timeout=TIMEOUT)


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    """A copy of the data folder that a test may break; the app reads it instead."""
    for name in ("partners.csv", "coords.csv", "home.toml", "basemap.geojson", "strategy.csv"):
        shutil.copy(DATA / name, tmp_path / name)
    monkeypatch.setenv("PARTNERS_DATA_DIR", str(tmp_path))
    return tmp_path
