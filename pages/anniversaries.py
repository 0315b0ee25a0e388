# Coming round anniversaries of the documents, for planning events, nearest first. A tie
# that has ended is not proposed; a suspended one is flagged. Each can go into a calendar.
import streamlit as st

from ui import view_cache
from ui.frame import page_view
from ui.notices import stop_if_empty
from utils.data.registry import DOCUMENT_TYPE, SIGNED_PRECISION
from utils.i18n import count_of, format_date_long, format_signed, t
from utils.ics import ICS_MIME, anniversaries_ics
from utils.views.anniversaries import (
    ANNIVERSARY,
    HORIZON_YEARS,
    anniversaries_in,
    anniversary_years,
    proposed,
)
from utils.views.tables import anniversaries_table, partner_name

ANNIVERSARY_YEAR_KEY = "anniversary_year"
ANNIVERSARY_PICK_KEY = "anniversary_pick"

view = page_view()
lang, today = view.lang, view.today

st.title(t("page.anniversaries", lang))
st.write(t("anniversaries.intro", lang, today=format_date_long(today, lang)))
stop_if_empty(view)

every = view_cache.anniversaries(view)
coming = proposed(every)
ended = len(every) - len(coming)
if ended:
    st.caption(
        t("anniversaries.ended_left_out", lang, count=count_of("anniversaries", ended, lang))
    )
years = anniversary_years(coming)
if not years:
    st.info(t("anniversaries.none", lang, years=HORIZON_YEARS))
    st.stop()
if st.session_state.get(ANNIVERSARY_YEAR_KEY) not in years:
    st.session_state[ANNIVERSARY_YEAR_KEY] = years[0]
year = st.selectbox(t("anniversaries.year", lang), years, key=ANNIVERSARY_YEAR_KEY)
chosen = anniversaries_in(coming, year)
st.header(t("anniversaries.count", lang, year=year, count=len(chosen)))
st.dataframe(anniversaries_table(chosen, lang), hide_index=True, key="anniversaries_table")

st.subheader(t("anniversaries.calendar", lang))
st.caption(t("anniversaries.calendar_help", lang))


def describe(index: int) -> str:
    """Name an anniversary in the list of those to download: date, partner, document."""
    row = chosen.iloc[index]
    date = format_signed(row[ANNIVERSARY], row[SIGNED_PRECISION], lang)
    kind = t(f"document_type.{row[DOCUMENT_TYPE]}", lang)
    return f"{date}: {partner_name(row, lang)}, {kind}"


with st.container(horizontal=True, vertical_alignment="bottom", key="anniversary_downloads"):
    picked = st.selectbox(
        t("anniversaries.pick", lang),
        range(len(chosen)),
        format_func=describe,
        key=ANNIVERSARY_PICK_KEY,
        width=520,
    )
    st.download_button(
        t("anniversaries.download_one", lang),
        data=lambda: anniversaries_ics(chosen.iloc[[picked]], lang, today),
        file_name=f"anniversary-{year}-{picked + 1}-{lang}.ics",
        mime=ICS_MIME,
        key="download_anniversary",
        on_click="ignore",
    )
    st.download_button(
        t("anniversaries.download_year", lang, year=year),
        data=lambda: anniversaries_ics(chosen, lang, today),
        file_name=f"anniversaries-{year}-{lang}.ics",
        mime=ICS_MIME,
        key="download_anniversaries_year",
        on_click="ignore",
    )
    st.download_button(
        t("anniversaries.download_all", lang),
        data=lambda: anniversaries_ics(coming, lang, today),
        file_name=f"anniversaries-{lang}.ics",
        mime=ICS_MIME,
        key="download_anniversaries_all",
        on_click="ignore",
    )
