# The frame: page config, the shared sidebar and navigation. Pages live in pages/.
import streamlit as st

from ui import data
from ui.chrome import app_style, hide_chrome
from ui.frame import leave_legacy_pages_mode, running_pages
from ui.navigation import default_page_alias, navigation_pages, page_menu
from ui.sidebar import render_sidebar
from ui.state import init_filters, init_language, sync_url, view_mode
from utils.assets import STATIC_DIR
from utils.filters import home_options
from utils.i18n import t
from utils.places import HomeConfigError, home_names

leave_legacy_pages_mode()
lang = init_language()
try:
    home = data.home()
except HomeConfigError as error:
    st.error(t("data.error", lang, detail=error))
    st.stop()

mode = view_mode()
st.set_page_config(
    page_title=home.title(lang),
    layout="wide",
    # "auto": open on a wide screen, shut on a phone, where it would cover the page.
    initial_sidebar_state="collapsed" if mode else "auto",
)
try:
    data.publish_assets()
except OSError as error:
    st.warning(t("assets.not_published", lang, folder=STATIC_DIR, detail=error))

documents, problems = data.registry()
coords, coord_problems = data.coords()
init_filters(documents)
pages = navigation_pages(lang, mode)
navigation = st.navigation([*pages, default_page_alias(pages[0])], position="hidden")
app_style()
if mode:
    hide_chrome(mode)
else:
    with st.sidebar:
        page_menu(pages)
        homes = home_names(home_options(documents), coords, home, lang)
        render_sidebar(documents, homes, len(problems) + len(coord_problems), lang)
sync_url(documents)

with running_pages():
    navigation.run()
