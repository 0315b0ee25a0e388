# A partnership's living record as the page writes it: its lines, each with a link only
# where the data gives an http(s) one (Streamlit opens such links in a new tab, noopener).
from __future__ import annotations

import streamlit as st

from ui.view import View
from utils.data.provenance import PUBLISHED_TABLE
from utils.escaping import markdown_link, markdown_text
from utils.i18n import count_of, t
from utils.views.record_lines import RecordLine
from utils.views.sources import Source
from utils.views.stats import record_counts


def source_markdown(source: Source, lang: str) -> str:
    """Name a source as a link to it: «[Kreis Pinneberg, 2019](https://…)»."""
    return markdown_link(source.dated(lang), source.url)


def quote_markdown(source: Source) -> str:
    """Write what a source says, in its own words, small: «:small[*„Das Protokoll…“*]»."""
    return f":small[*«{markdown_text(source.quote)}»*]" if source.quote else ""


def sourced_markdown(text: str, source: Source | None, lang: str, *, marked: bool) -> str:
    """Write a fact with its source after it; `marked` says it is not the page's own."""
    if source is None:
        return markdown_text(text)
    said = t("source.by", lang) + " " if marked else ""
    quote = quote_markdown(source)
    return f"{markdown_text(text)} — {said}{source_markdown(source, lang)}" + (
        f"  \n{quote}" if quote else ""
    )


def record_markdown(line: RecordLine, lang: str) -> str:
    """Write a record line's text as Markdown, its source (if any) as a link."""
    if line.source is not None:
        return sourced_markdown(line.text, line.source, lang, marked=False)
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


def document_line(label: str, document: dict[str, str], lang: str) -> str:
    """Write «First document: type — partner, date», another source's with its link."""
    shown = {**document, "partner": markdown_text(document["partner"])}
    line = t("summary.document_line", lang, label=label, **shown)
    if not document["url"]:
        return line
    return f"{line} — {markdown_link(document['source'], document['url'])}"


def record_line(view: View) -> str:
    """Say in one line what the view holds: the published table, and what other sources add."""
    lang = view.lang
    counts = record_counts(view.documents, view.status, view.activities)
    if view.filters.record == PUBLISHED_TABLE:
        documents = count_of("documents", counts.published, lang)
        return t("overview.published_only", lang, documents=documents)
    if not counts.other_documents and not counts.other_facts:
        documents = count_of("documents", counts.published, lang)
        return t("overview.published_alone", lang, documents=documents)
    return t(
        "overview.other_sources",
        lang,
        published=count_of("documents", counts.published, lang),
        documents=count_of("documents", counts.other_documents, lang),
        facts=count_of("facts", counts.other_facts, lang),
    )
