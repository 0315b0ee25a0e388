# The registry: every document signed with a partner, as one table.
import streamlit as st

from ui import data
from ui.frame import ensure_frame
from ui.state import language
from utils.i18n import t
from utils.places import DISTANCE_KM
from utils.registry import COUNTRY_CODE, PARTNER_ID
from utils.tables import documents_table

ensure_frame()
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
if problems or coord_problems:
    st.warning(t("registry.problems", lang))
    st.markdown("\n".join(f"- {problem.describe(lang)}" for problem in problems + coord_problems))

if partners.empty:
    st.info(t("registry.no_rows", lang))
else:
    st.dataframe(
        documents_table(partners, coords, home.id, lang),
        hide_index=True,
        width="stretch",
        key="registry_table",
        column_config={
            t(f"column.{DISTANCE_KM}", lang): st.column_config.NumberColumn(format="%d"),
        },
    )
