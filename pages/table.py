# Every document of the filtered view as a table, to take away as CSV or Excel.
import datetime as dt

import streamlit as st

from ui import loaders, view_cache
from ui.frame import page_view
from ui.notices import show_data_problems, stop_if_empty
from utils.data.places import DISTANCE_KM
from utils.data.registry import COUNTRY_CODE, PARTNER_ID
from utils.exports import CSV_MIME, XLSX_MIME, about_rows, csv_bytes, export_name, xlsx_bytes
from utils.filters import default_filters, filters_to_params
from utils.i18n import t

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
table = view_cache.table(view)
# The files say what view they are: the CSV in its name, the workbook on a second sheet.
file_name = export_name(
    t("table.file_name", lang),
    filters_to_params(view.filters, default_filters(view.registry)),
    view.today,
)


def about() -> tuple[str, list[tuple[str, str]]]:
    """The workbook's second sheet: the filters, the link, the data's version, when."""
    rows = about_rows(
        view.filters,
        default_filters(view.registry),
        lang,
        rows=len(table),
        data_version=loaders.data_version(view.key, view.version),
        made_at=dt.datetime.now(dt.UTC),
        names=view.home_labels,
    )
    return t("export.about_sheet", lang), rows


with st.container(horizontal=True, key="downloads"):
    # Written when a button is pressed, not on every run: the workbook of 26,000 rows
    # took seconds of each rerun of this page.
    st.download_button(
        t("table.download_csv", lang),
        lambda: csv_bytes(view_cache.table(view, iso_dates=True), lang),
        file_name=f"{file_name}.csv",
        mime=CSV_MIME,
        key="download_csv",
        on_click="ignore",
        help=t("table.csv_help", lang),
    )
    st.download_button(
        t("table.download_xlsx", lang),
        lambda: xlsx_bytes(view_cache.table(view, iso_dates=True), t("table.sheet", lang), about()),
        file_name=f"{file_name}.xlsx",
        mime=XLSX_MIME,
        key="download_xlsx",
        on_click="ignore",
        help=t("table.xlsx_help", lang),
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
        t("column.source", lang): st.column_config.TextColumn(help=t("table.source_help", lang)),
        t("column.source_url", lang): st.column_config.LinkColumn(),
    },
)
