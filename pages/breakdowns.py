# Partners and documents by country, by document type and by decade of signing.
import streamlit as st

from ui import data
from ui.frame import require_frame
from ui.notices import stop_if_empty
from ui.state import language
from utils.charts import chart_config, country_figure, decade_figure, document_type_figure
from utils.i18n import t

require_frame()
lang = language()
documents = data.documents_in_view()

st.title(t("page.breakdowns", lang))
stop_if_empty(documents, data.registry_size(), lang)
st.caption(t("breakdowns.note", lang))
country_column, type_column = st.columns(2, gap="large")
with country_column:
    st.plotly_chart(
        country_figure(documents, lang),
        key="country_chart",
        config=chart_config("by_country", lang),
    )
with type_column:
    st.plotly_chart(
        document_type_figure(documents, lang),
        key="document_type_chart",
        config=chart_config("by_document_type", lang),
    )
st.plotly_chart(
    decade_figure(documents, lang), key="decade_chart", config=chart_config("by_decade", lang)
)
