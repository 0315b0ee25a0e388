# Charts drawn the same way on more than one page.
from __future__ import annotations

import pandas as pd
import streamlit as st

from utils.charts.breakdowns import country_figure, document_type_figure
from utils.charts.layout import chart_config


def show_country_and_type_charts(documents: pd.DataFrame, lang: str, key_prefix: str = "") -> None:
    """Draw partners and documents by country and by document type, side by side."""
    country_column, type_column = st.columns(2, gap="large")
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
