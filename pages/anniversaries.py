# Coming round anniversaries of the documents, for planning events, nearest first.
import streamlit as st

from ui import data, views
from ui.frame import require_frame
from ui.notices import stop_if_empty
from ui.state import language
from utils.anniversaries import (
    HORIZON_YEARS,
    anniversaries_in,
    anniversary_years,
)
from utils.i18n import format_date_long, t
from utils.tables import anniversaries_table

ANNIVERSARY_YEAR_KEY = "anniversary_year"

require_frame()
lang = language()
documents = data.documents_in_view()
today = data.today()

st.title(t("page.anniversaries", lang))
st.write(t("anniversaries.intro", lang, today=format_date_long(today, lang)))
stop_if_empty(documents, data.registry_size(), lang)

coming = views.anniversaries()
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
