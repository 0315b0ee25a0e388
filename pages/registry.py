# The registry: every document signed with a partner, as one table.
import streamlit as st

from ui import data
from ui.frame import leave_legacy_pages_mode
from ui.state import language
from utils.i18n import t
from utils.places import DISTANCE_KM
from utils.registry import COUNTRY_CODE, PARTNER_ID
from utils.tables import documents_table, problems_table

leave_legacy_pages_mode()
lang = language()
home = data.home()
partners, problems = data.registry()
coords, coord_problems = data.coords()

st.title(home.title(lang))
st.header(t("page.registry", lang))
st.caption(
    t(
        "registry.caption",
        lang,
        documents=len(partners),
        partners=partners[PARTNER_ID].nunique(),
        countries=partners[COUNTRY_CODE].nunique(),
    )
)
if problems:
    st.warning(t("registry.problems", lang, file="partners.csv"))
    st.dataframe(problems_table(problems, lang), hide_index=True)
if coord_problems:
    st.warning(t("registry.problems", lang, file="coords.csv"))
    st.dataframe(problems_table(coord_problems, lang), hide_index=True)

if partners.empty:
    st.info(t("registry.no_rows", lang))
else:
    st.dataframe(
        documents_table(partners, coords, home.id, lang),
        hide_index=True,
        width="stretch",
        height="content",
        column_config={
            t(f"column.{DISTANCE_KM}", lang): st.column_config.NumberColumn(format="%d"),
        },
    )
