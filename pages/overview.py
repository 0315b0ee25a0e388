# The overview: what the dashboard holds, in figures, and where to look next.
import streamlit as st

from ui import view_cache
from ui.frame import page_view
from ui.navigation import PAGE_SCRIPTS, PAGES
from ui.notices import show_data_problems, stop_if_empty
from ui.record import document_line, record_line
from utils.data.provenance import PUBLISHED_TABLE
from utils.data.record import UNRECORDED, partners_by_status
from utils.escaping import markdown_text
from utils.i18n import count_of, first_upper, format_date_long, t
from utils.views.stats import summarise
from utils.views.tables import describe_document

view = page_view()
lang, home, documents, today = view.lang, view.home, view.documents, view.today

st.title(markdown_text(home.title(lang)))
st.write(t("overview.intro", lang))
show_data_problems(view)
stop_if_empty(view)
with st.container(key="record_line"):
    st.markdown(record_line(view))

summary = summarise(documents, today)
first = describe_document(summary.first, lang)
latest = describe_document(summary.latest, lang)
with st.container(horizontal=True, key="summary"):
    st.metric(
        t("summary.partners", lang),
        summary.partners,
        help=t("summary.partners_help", lang),
        border=True,
    )
    st.metric(t("summary.countries", lang), summary.countries, border=True)
    if view.home_count > 1:  # with one home nothing changes
        st.metric(t("summary.homes", lang), summary.homes, border=True)
    st.metric(
        t("summary.documents", lang),
        summary.documents,
        help=t("summary.documents_help", lang),
        border=True,
    )
    st.metric(t("summary.first", lang), first["date"], border=True)
    st.metric(t("summary.latest", lang), latest["date"], border=True)
    st.metric(
        t("summary.years", lang),
        summary.years_of_cooperation,
        help=t("summary.years_help", lang, year=today.year),
        border=True,
    )
for label, document in ((t("summary.first", lang), first), (t("summary.latest", lang), latest)):
    st.caption(document_line(label, document, lang))
if view.filters.record != PUBLISHED_TABLE and (found := view_cache.disagreements(view)):
    partners = count_of("partners", len({item.partner_id for item in found}), lang)
    label = t("overview.disagreements", lang, partners=partners)
    st.page_link(PAGE_SCRIPTS["partners"], label=label)

st.subheader(t("overview.statuses", lang, date=format_date_long(view.until, lang)))
counts = partners_by_status(documents, view.status, view.until)
with st.container(horizontal=True, key="status_counts"):
    for status, count in counts.items():
        if count:
            st.metric(first_upper(t(f"status.{status}", lang)), count, border=True)
if counts[UNRECORDED] == sum(counts.values()):
    st.caption(t("overview.no_status", lang))

st.header(t("overview.pages", lang))
for page in PAGES[1:]:
    st.page_link(
        page.script,
        label=f"{t(f'page.{page.key}', lang)} — {t(f'overview.{page.key}', lang)}",
    )
