# Print view (?mode=print): the summary, the map and the charts laid out on A4 landscape
# pages, without the sidebar, for handing out at a meeting or saving as PDF.
import streamlit as st

from ui import view_cache
from ui.charts import show_country_and_type_charts
from ui.chrome import PRINT_SECTION_PREFIX
from ui.frame import page_view
from ui.maps import show_map
from ui.notices import stop_if_empty
from ui.state import leave_mode
from utils.charts.layout import chart_config
from utils.data.record import partners_by_status
from utils.escaping import markdown_text
from utils.i18n import format_date_long, t
from utils.map.build import base_map, partner_layer
from utils.map.layer import LayerSettings
from utils.views.stats import record_counts, summarise
from utils.views.tables import describe_document

MAP_HEIGHT_PX = 440  # with the title and the summary, one A4 landscape page
# On paper: names smaller than on a projector, the legend open, the map framed on the view.
PRINT_LAYER = LayerSettings(labels=True, label_font_px=15, legend_open=True)
PRINT_ROW_PX = 36  # the timeline's rows: the chart and its legend fit one A4 page

view = page_view()
lang, home, coords, documents = view.lang, view.home, view.coords, view.documents
stop_if_empty(view)

with st.container(horizontal=True, key="print_controls", vertical_alignment="center"):
    st.caption(t("print.hint", lang))
    st.button(t("mode.exit_print", lang), key="leave_print", on_click=leave_mode)

summary = summarise(documents, view.today)
first = describe_document(summary.first, lang)
latest = describe_document(summary.latest, lang)
st.title(markdown_text(home.title(lang)))
# One short line, as in presentation mode: a longer one pushes the map off the first page.
shown = t("print.filters", lang, shown=len(documents), total=len(view.registry))
other = record_counts(documents, view.status, view.activities).other_documents
st.caption(f"{shown} {t('present.other_sources', lang, documents=other)}" if other else shown)
with st.container(horizontal=True, key="print_summary"):
    st.metric(t("summary.partners", lang), summary.partners, border=True)
    st.metric(t("summary.countries", lang), summary.countries, border=True)
    st.metric(t("summary.documents", lang), summary.documents, border=True)
    st.metric(t("summary.first", lang), first["date"], border=True)
    st.metric(t("summary.latest", lang), latest["date"], border=True)
statuses = partners_by_status(documents, view.status, view.until)
st.caption(
    t(
        "print.statuses",
        lang,
        date=format_date_long(view.until, lang),
        counts=", ".join(
            f"{t(f'status.{status}', lang)} — {count}"
            for status, count in statuses.items()
            if count
        ),
    )
)
show_map(
    base_map(documents, coords, home, lang),
    partner_layer(documents, coords, home, lang, PRINT_LAYER, record=view.record),
    key="print_map",
    height=MAP_HEIGHT_PX,
    report_clicks=False,
)

with st.container(key=f"{PRINT_SECTION_PREFIX}timeline"):
    st.plotly_chart(
        view_cache.timeline(view, row_px=PRINT_ROW_PX, on_paper=True),
        key="print_timeline_chart",
        config=chart_config("timeline", lang),
    )
with st.container(key=f"{PRINT_SECTION_PREFIX}breakdowns"):
    show_country_and_type_charts(documents, lang, key_prefix="print_", decades=True)
