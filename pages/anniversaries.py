# Coming round anniversaries of the documents, for planning events, nearest first.
import streamlit as st

from ui import views
from ui.frame import page_view
from ui.notices import stop_if_empty
from utils.anniversaries import (
    HORIZON_YEARS,
    anniversaries_in,
    anniversary_years,
)
from utils.i18n import format_date_long, t
from utils.tables import anniversaries_table

ANNIVERSARY_YEAR_KEY = "anniversary_year"

view = page_view()
lang, today = view.lang, view.today

st.title(t("page.anniversaries", lang))
st.write(t("anniversaries.intro", lang, today=format_date_long(today, lang)))
stop_if_empty(view)

coming = views.anniversaries(view)
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
