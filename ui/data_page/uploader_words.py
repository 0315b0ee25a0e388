# Streamlit's file uploader has no parameter for its own words (streamlit/streamlit#13500):
# assets/app/uploader.js replaces them with the catalogue's in the page's language.
from __future__ import annotations

import streamlit as st

from utils.data.folder import APP_ROOT
from utils.data.table_files import MAX_FILE_BYTES
from utils.i18n import t

UPLOADER_JS = APP_ROOT / "assets" / "app" / "uploader.js"
UPLOADER_WORDS_KEY = "uploader_words"

_uploader_words = st.components.v2.component(
    "uploader_words", js=UPLOADER_JS.read_text(encoding="utf-8")
)


def uploader_words(lang: str) -> None:
    """Give the page's uploaders their button, size limit, drop hint and labels in `lang`."""
    _uploader_words(
        key=UPLOADER_WORDS_KEY,
        data={
            "button": t("data.uploader_button", lang),
            "limit": t("data.uploader_limit", lang, mb=MAX_FILE_BYTES // 2**20),
            "drop": t("data.uploader_drop", lang),
            "add": t("data.uploader_add", lang),
            # Filled in by the script with the file's name.
            "remove": t("data.uploader_remove", lang, file="{file}"),
        },
        height=0,
    )
