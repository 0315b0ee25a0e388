# Messages several pages show: problems in the data files and an empty filtered view.
from __future__ import annotations

import pandas as pd
import streamlit as st

from ui import data
from utils.i18n import t
from utils.registry import Problem
from utils.tables import problems_table


def show_problems(problems: list[Problem], file_name: str, lang: str) -> None:
    """List a data file's problems (row, column, what is wrong), if it has any."""
    if problems:
        st.warning(t("registry.problems", lang, file=file_name))
        st.dataframe(problems_table(problems, lang), hide_index=True)


def show_data_problems(lang: str) -> None:
    """List the problems of the registry's and the coordinates' files."""
    show_problems(data.registry()[1], "partners.csv", lang)
    show_problems(data.coords()[1], "coords.csv", lang)


def stop_if_empty(documents: pd.DataFrame, registry_size: int, lang: str) -> None:
    """Say that the registry is empty or the filters let nothing through; end the page there."""
    if documents.empty:
        st.info(t("registry.no_rows" if registry_size == 0 else "filters.nothing", lang))
        st.stop()
