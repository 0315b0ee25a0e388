# Partners and documents by country, by document type and by decade of signing.
import streamlit as st

from ui.charts import show_country_and_type_charts
from ui.frame import page_view
from ui.notices import stop_if_empty
from utils.charts.breakdowns import decade_figure
from utils.charts.layout import chart_config
from utils.i18n import t

view = page_view()
lang, documents = view.lang, view.documents

st.title(t("page.breakdowns", lang))
stop_if_empty(view)
st.caption(t("breakdowns.note", lang))
show_country_and_type_charts(documents, lang)
st.plotly_chart(
    decade_figure(documents, lang), key="decade_chart", config=chart_config("by_decade", lang)
)
