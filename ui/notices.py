# Messages several pages show: problems in the data files and an empty filtered view.
from __future__ import annotations

import streamlit as st

from ui.view import View
from utils.data.problems import Problem
from utils.i18n import t
from utils.views.tables import problems_table


def show_problems(problems: list[Problem], file_name: str, lang: str) -> None:
    """List a data file's problems (row, column, what is wrong), if it has any."""
    if problems:
        st.warning(t("registry.problems", lang, file=file_name))
        st.dataframe(problems_table(problems, lang), hide_index=True)


def show_data_problems(view: View) -> None:
    """List the problems of every data file that has some."""
    for file_name, problems in view.file_problems:
        show_problems(problems, file_name, view.lang)


def stop_if_empty(view: View) -> None:
    """Say that the registry is empty or the filters let nothing through; end the page there."""
    if view.documents.empty:
        st.info(t("registry.no_rows" if view.registry.empty else "filters.nothing", view.lang))
        st.stop()
