# The frame: page config, the shared sidebar and navigation. It reads the data once per
# run into a View (ui/loaders.py) and hands it to the page, which lives in pages/.
import streamlit as st

from ui import loaders, view_cache
from ui.chrome import app_style, hide_chrome
from ui.frame import leave_legacy_pages_mode, running_pages
from ui.navigation import default_page_alias, navigation_pages, page_menu
from ui.sidebar import render_sidebar
from ui.state import (
    current_filters,
    ignored_link_parameters,
    init_filters,
    init_language,
    sync_url,
    view_mode,
)
from ui.store import current_folder, store_down
from ui.view import build_view
from utils.data.places import HomeConfigError
from utils.editing.store import StoreError
from utils.i18n import t
from utils.map.assets import STATIC_DIR

leave_legacy_pages_mode()
lang = init_language()
try:
    folder, version = current_folder()  # the database's latest version, or the data folder
except StoreError as error:
    st.error(error.problem.message(lang))
    st.stop()
if down := store_down():
    problem, shown = down
    st.warning(t("data.store_down", lang, reason=problem.message(lang), number=shown))
key = folder.key()
view_cache.forget_other_versions(key)
try:
    home = loaders.home(key)
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
    loaders.publish_assets()
except OSError as error:
    st.warning(t("assets.not_published", lang, folder=STATIC_DIR, detail=error))

today = loaders.today()
registry_read = loaders.registry(key, today)  # read once per run; the page gets it in the view
registry = loaders.registry_parts(key, today)[0]  # its documents: restatements apart
init_filters(registry)
view = build_view(
    key,
    lang=lang,
    day=today,
    registry_read=registry_read,
    filters=current_filters(registry),
    version=version,
)
pages = navigation_pages(lang, mode)
navigation = st.navigation([*pages, default_page_alias(pages[0])], position="hidden")
app_style()
if ignored := ignored_link_parameters():
    st.toast(t("link.ignored", lang, names=", ".join(ignored)))
if mode:
    hide_chrome(mode)
else:
    with st.sidebar:
        page_menu(pages)
        render_sidebar(view, view.home_labels)
sync_url(registry)

with running_pages(view):
    navigation.run()
