# The frame: page config, the shared sidebar and navigation. Pages live in pages/.
import streamlit as st

from ui import data
from ui.frame import leave_legacy_pages_mode
from ui.navigation import navigation_pages
from ui.sidebar import render_sidebar
from ui.state import init_filters, init_language, sync_url
from utils.assets import STATIC_DIR
from utils.i18n import t
from utils.places import HomeConfigError

leave_legacy_pages_mode()
lang = init_language()
try:
    home = data.home()
except HomeConfigError as error:
    st.error(t("data.error", lang, detail=error))
    st.stop()

st.set_page_config(page_title=home.title(lang), layout="wide", initial_sidebar_state="expanded")
try:
    data.publish_assets()
except OSError as error:
    st.warning(t("assets.not_published", lang, folder=STATIC_DIR, detail=error))

documents, problems = data.registry()
_, coord_problems = data.coords()
init_filters(documents)
with st.sidebar:
    render_sidebar(documents, len(problems) + len(coord_problems), lang)
sync_url(documents)

st.navigation(navigation_pages(lang)).run()
