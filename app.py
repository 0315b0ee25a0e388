# The frame: page config, the shared sidebar and navigation. Pages live in pages/.
import streamlit as st

from ui import data
from ui.frame import leave_legacy_pages_mode
from ui.state import LANGUAGE_KEY, init_language, sync_language_to_url
from utils.i18n import LANGUAGES, t
from utils.places import HomeConfigError

leave_legacy_pages_mode()
lang = init_language()
try:
    home = data.home()
except HomeConfigError as error:
    st.error(t("data.error", lang, detail=error))
    st.stop()

st.set_page_config(page_title=home.title(lang), layout="wide")

with st.sidebar:
    st.radio(
        t("app.language", lang),
        LANGUAGES,
        key=LANGUAGE_KEY,
        format_func=lambda code: t(f"language.{code}", lang),
        horizontal=True,
        on_change=sync_language_to_url,
    )
sync_language_to_url()

pages = [
    st.Page("pages/registry.py", title=t("page.registry", lang), url_path="registry", default=True),
]
st.navigation(pages).run()
