# Presentation mode (?mode=present): the map on the whole screen, partners' names written
# on it, and steps through the partners one by one for telling the story at a meeting.
import streamlit as st

from ui import view_cache
from ui.chrome import PRESENT_CHROME_PX, PRESENT_MAP_BOX
from ui.frame import page_view
from ui.maps import show_map
from ui.notices import stop_if_empty
from ui.state import leave_mode, selected_partner, set_partner_param, step_partner
from utils.data.places import partners_without_coords
from utils.data.registry import SIGNED_YEAR
from utils.escaping import markdown_text
from utils.i18n import t
from utils.map.layer import LayerSettings
from utils.views.stats import record_counts, summarise
from utils.views.tables import partner_names

# The frame's height before the page's CSS stretches it to the screen.
MAP_HEIGHT_PX = 1080 - PRESENT_CHROME_PX

view = page_view()
lang, home, coords, documents = view.lang, view.home, view.coords, view.documents
stop_if_empty(view)

missing = set(partners_without_coords(documents, coords))
names = {pid: name for pid, name in partner_names(documents, lang).items() if pid not in missing}
order = list(names)
partner = selected_partner(order)
summary = summarise(documents, view.today)
first_year, last_year = int(summary.first[SIGNED_YEAR]), int(summary.latest[SIGNED_YEAR])

title_column, controls_column = st.columns([3, 2], vertical_alignment="center")
with title_column:
    st.markdown(f"### {markdown_text(home.title(lang))}")
    line = t(
        "present.summary",
        lang,
        partners=summary.partners,
        countries=summary.countries,
        documents=summary.documents,
        years=f"{first_year}–{last_year}" if first_year < last_year else first_year,
    )
    other = record_counts(documents, view.status, view.activities).other_documents
    if other:
        line = f"{line} {t('present.other_sources', lang, documents=other)}"
    if partner:
        step = t(
            "present.step",
            lang,
            position=order.index(partner) + 1,
            count=len(order),
            name=markdown_text(names[partner]),
        )
        line = f"{line} · **{step}**"
    st.markdown(line, help=t("present.keys", lang))
with controls_column, st.container(horizontal=True, horizontal_alignment="right"):
    st.button(
        t("present.previous", lang),
        key="present_previous",
        on_click=step_partner,
        args=(order, -1),
        shortcut="Left",
    )
    st.button(
        t("present.next", lang),
        key="present_next",
        on_click=step_partner,
        args=(order, 1),
        shortcut="Right",
        type="primary",
    )
    st.button(
        t("present.network", lang),
        key="present_network",
        on_click=set_partner_param,
        args=(None,),
        shortcut="Home",
        disabled=partner is None,
    )
    st.button(t("mode.exit", lang), key="leave_present", on_click=leave_mode, shortcut="Esc")

with st.container(key=PRESENT_MAP_BOX):
    show_map(
        view_cache.whole_registry_map(view, fill_frame=True),
        view_cache.partners_layer(view, LayerSettings(labels=True, focus=partner, fly=True)),
        key="present_map",
        height=MAP_HEIGHT_PX,
        report_clicks=False,
    )
