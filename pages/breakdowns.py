# Partners and documents by country, by document type and by decade of signing.
import streamlit as st

from ui import data
from ui.charts import show_country_and_type_charts
from ui.frame import require_frame
from ui.notices import stop_if_empty
from ui.state import language
from utils.charts import chart_config, decade_figure
from utils.i18n import t

require_frame()
lang = language()
documents = data.documents_in_view()

st.title(t("page.breakdowns", lang))
stop_if_empty(documents, data.registry_size(), lang)
st.caption(t("breakdowns.note", lang))
show_country_and_type_charts(documents, lang)
st.plotly_chart(
    decade_figure(documents, lang), key="decade_chart", config=chart_config("by_decade", lang)
)
