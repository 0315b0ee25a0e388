# Charts drawn the same way on more than one page.
from __future__ import annotations

import pandas as pd
import streamlit as st

from utils.charts.breakdowns import country_figure, decade_figure, document_type_figure
from utils.charts.layout import chart_config


def show_country_and_type_charts(
    documents: pd.DataFrame, lang: str, key_prefix: str = "", *, decades: bool = False
) -> None:
    """Draw partners and documents by country and by document type (and decade), side by side."""
    columns = st.columns(3 if decades else 2, gap="medium" if decades else "large")
    country_column, type_column = columns[0], columns[1]
    with country_column:
        st.plotly_chart(
            country_figure(documents, lang),
            key=f"{key_prefix}country_chart",
            config=chart_config("by_country", lang),
        )
    with type_column:
        st.plotly_chart(
            document_type_figure(documents, lang),
            key=f"{key_prefix}document_type_chart",
            config=chart_config("by_document_type", lang),
        )
    if decades:
        with columns[2]:
            st.plotly_chart(
                decade_figure(documents, lang),
                key=f"{key_prefix}decade_chart",
                config=chart_config("by_decade", lang),
            )
