# AppTest helpers: the app, a breakable copy of its data, and finding elements by key.
from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.helpers.app import APP, TIMEOUT
from tests.helpers.data import copy_data


@pytest.fixture
def app() -> AppTest:
    return AppTest.from_file(APP, default_timeout=TIMEOUT)


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    """A copy of the data folder that a test may break; the app reads it instead."""
    copy_data(tmp_path)
    monkeypatch.setenv("PARTNERS_DATA_DIR", str(tmp_path))
    return tmp_path
