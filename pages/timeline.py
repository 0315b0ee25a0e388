# When each document was signed, and how the network of partners grew.
import streamlit as st

from ui import data, views
from ui.frame import require_frame
from ui.notices import stop_if_empty
from ui.state import language
from utils.charts import chart_config, growth_figure, timeline_has_rows
from utils.i18n import t

require_frame()
lang = language()
documents = data.documents_in_view()
until = data.view_until()

st.title(t("page.timeline", lang))
stop_if_empty(documents, data.registry_size(), lang)
if timeline_has_rows(documents):  # the note is about the rows' bars and hollow markers
    st.caption(t("timeline.note", lang))
st.plotly_chart(
    views.timeline(lang, until),
    key="timeline_chart",
    config=chart_config("timeline", lang),
)
st.plotly_chart(
    growth_figure(documents, lang, until),
    key="growth_chart",
    config=chart_config("partners_over_time", lang),
)
