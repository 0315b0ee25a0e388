# One card per partner: names, place, status history, documents, activities, last contact
# and next anniversary, each fact beyond the published table with its source; above them,
# where the public record disagrees with the table. Where the record is silent, it says so.
import streamlit as st

from ui import view_cache
from ui.disagreements import show_disagreements
from ui.frame import page_view
from ui.notices import stop_if_empty
from ui.record import record_markdown, show_record, sourced_markdown
from ui.state import PARTNERS_SORT_KEY as SORT_KEY
from ui.state import link_value
from utils.data.provenance import PUBLISHED_TABLE
from utils.escaping import markdown_link, markdown_text
from utils.i18n import count_of, t
from utils.views.profiles import SORT_ALIASES, SORT_ORDERS, silence_text

CARDS_PER_PAGE = 50  # a long registry is read a page of cards at a time

view = page_view()
lang = view.lang

st.title(t("page.partners", lang))
st.write(t("partners.intro", lang))
stop_if_empty(view)

if view.filters.record == PUBLISHED_TABLE:
    st.caption(t("disagreement.published_view", lang))
else:
    with st.container(key="disagreements"):
        show_disagreements(view_cache.disagreements(view), lang)

if SORT_KEY not in st.session_state:
    linked = link_value(SORT_KEY)
    st.session_state[SORT_KEY] = SORT_ALIASES.get(linked, linked) or SORT_ORDERS[0]
order = st.radio(
    t("partners.sort", lang),
    SORT_ORDERS,
    key=SORT_KEY,
    format_func=lambda name: t(f"partners.sort_{name}", lang),
    horizontal=True,
)
if order == SORT_ORDERS[0]:
    st.query_params.pop(SORT_KEY, None)
else:
    st.query_params[SORT_KEY] = order

profiles = view_cache.profiles(view, order)
st.caption(t("partners.count", lang, partners=count_of("partners", len(profiles), lang)))
shown = profiles[:CARDS_PER_PAGE]
if len(profiles) > CARDS_PER_PAGE:
    st.info(t("partners.first_only", lang, shown=CARDS_PER_PAGE, total=len(profiles)))

for profile in shown:
    card = profile.card
    with st.container(border=True, key=f"partner_{profile.partner_id}"):
        st.subheader(markdown_text(card.name))
        silence = silence_text(profile, lang)
        if silence:
            st.caption(silence)
        facts_column, record_column = st.columns([2, 3], gap="medium")
        with facts_column:
            for label, value in card.facts:
                st.markdown(f"**{label}:** {markdown_text(value)}")
            st.markdown(f"**{t('card.documents', lang)}:**")
            for (title, date, _, source), url in zip(
                card.documents, profile.document_links, strict=True
            ):
                link = f" — {markdown_link(t('partners.document_text', lang), url)}" if url else ""
                said = sourced_markdown(f"{title}, {date}", source, lang, marked=True)
                st.markdown(f"- {said}{link}")
        with record_column:
            show_record(list(profile.record), lang)
            for heading, lines, none in (
                ("partners.history", profile.history, "partners.no_history"),
                ("partners.activities", profile.activities, "partners.no_activities"),
            ):
                st.markdown(f"**{t(heading, lang)}:**")
                for line in lines:
                    st.markdown(f"- {record_markdown(line, lang)}")
                if not lines:
                    st.caption(t(none, lang))
