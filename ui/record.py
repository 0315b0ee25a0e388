# A partnership's living record as the page writes it: its lines, each with a link only
# where the data gives an http(s) one (Streamlit opens such links in a new tab, noopener).
from __future__ import annotations

import streamlit as st

from utils.escaping import markdown_link, markdown_text
from utils.i18n import t
from utils.views.record_lines import RecordLine


def record_markdown(line: RecordLine, lang: str) -> str:
    """Write a record line's text as Markdown, its source (if any) as a link."""
    if not line.url:
        return markdown_text(line.text)
    if line.text == line.url:  # a website: the address is the link
        return markdown_link(line.text, line.url)
    source = markdown_link(t("record.source_link", lang), line.url)
    return f"{markdown_text(line.text)} — {source}" if line.text else source


def show_record(lines: list[RecordLine], lang: str) -> None:
    """Write a record's lines: heading, then text and source."""
    for line in lines:
        st.markdown(f"**{line.label(lang)}:** {record_markdown(line, lang)}")
