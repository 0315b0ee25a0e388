# Every document of the filtered view as a table, to take away as CSV or Excel.
import streamlit as st

from ui import views
from ui.frame import page_view
from ui.notices import show_data_problems, stop_if_empty
from utils.exports import CSV_MIME, XLSX_MIME, csv_bytes, xlsx_bytes
from utils.i18n import t
from utils.places import DISTANCE_KM
from utils.registry import COUNTRY_CODE, PARTNER_ID

view = page_view()
lang, documents = view.lang, view.documents

st.title(t("page.table", lang))
show_data_problems(view)
stop_if_empty(view)
st.caption(
    t(
        "registry.caption",
        lang,
        documents=len(documents),
        partners=documents[PARTNER_ID].nunique(),
        countries=documents[COUNTRY_CODE].nunique(),
    )
)
table = views.table(view)
file_name = t("table.file_name", lang)
with st.container(horizontal=True, key="downloads"):
    # Written when a button is pressed, not on every run: the workbook of 26,000 rows
    # took seconds of each rerun of this page.
    st.download_button(
        t("table.download_csv", lang),
        lambda: csv_bytes(table),
        file_name=f"{file_name}.csv",
        mime=CSV_MIME,
        key="download_csv",
        on_click="ignore",
    )
    st.download_button(
        t("table.download_xlsx", lang),
        lambda: xlsx_bytes(table, t("table.sheet", lang)),
        file_name=f"{file_name}.xlsx",
        mime=XLSX_MIME,
        key="download_xlsx",
        on_click="ignore",
    )
partner_column, signed_column = t("column.partner", lang), t("column.signed", lang)
st.dataframe(
    table,
    hide_index=True,
    width="stretch",
    height="content",
    # On a narrow screen the partner stays in view and its date comes next; the files
    # keep the table's own order.
    column_order=[partner_column, signed_column]
    + [column for column in table.columns if column not in (partner_column, signed_column)],
    column_config={
        partner_column: st.column_config.TextColumn(pinned=True),
        t(f"column.{DISTANCE_KM}", lang): st.column_config.NumberColumn(
            format="%d", help=t("table.distance_help", lang)
        ),
        signed_column: st.column_config.TextColumn(help=t("table.signed_help", lang)),
    },
)
