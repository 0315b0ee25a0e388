# When each document was signed, and how the network of partners grew.
import streamlit as st

from ui import view_cache
from ui.frame import page_view
from ui.notices import stop_if_empty
from utils.charts.layout import chart_config
from utils.charts.timeline import timeline_has_rows
from utils.i18n import t

view = page_view()
lang, documents = view.lang, view.documents

st.title(t("page.timeline", lang))
stop_if_empty(view)
if timeline_has_rows(documents):  # the note is about the rows' bars and hollow markers
    st.caption(t("timeline.note", lang))
st.plotly_chart(
    view_cache.timeline(view),
    key="timeline_chart",
    config=chart_config("timeline", lang),
)
st.plotly_chart(
    view_cache.growth(view),
    key="growth_chart",
    config=chart_config("partners_over_time", lang),
)
