# The hosted app: app.py as `streamlit run app.py` serves it, plus a readiness endpoint
# (/readyz) for nginx and orchestrators, and page loads turned away (503) while this
# replica has no data to show (utils/editing/readiness.py), and the map's layer files
# kept by browsers (utils/map/layer_files.py). Run it as the app itself:
#   streamlit run serve.py --server.port 8501
# `streamlit run app.py` stays the way to run it on one's own machine.
from __future__ import annotations

import streamlit as st
from starlette.middleware import Middleware

from ui.loaders import data_folder
from ui.store import connection_settings
from utils.editing.readiness import Readiness, ReadinessMiddleware, check_readiness, last_shown
from utils.map.layer_files import LayerCacheMiddleware


def readiness() -> Readiness:
    """Check this replica's store as the app would read it (secrets or PARTNERS_STORE_URL)."""
    url = connection_settings().get("url")
    return check_readiness(str(url) if url else None, data_folder().root, last_shown())


app = st.App(
    "app.py",
    middleware=[
        Middleware(ReadinessMiddleware, check=readiness),
        Middleware(LayerCacheMiddleware),
    ],
)
