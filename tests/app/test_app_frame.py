# The frame: language, the shared filters, and the URL that reproduces a view.
from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.app import documents_table, metrics, open_page


def test_overview_in_russian_by_default(app):
    open_page(app, "overview")
    assert app.title[0].value == "Международные связи Зеленоградского муниципального округа"
    assert app.radio(key="lang").value == "ru"
    assert app.query_params["lang"] == "ru"
    assert app.slider(key="years").value == (1991, 2016)
    assert app.multiselect(key="countries").value == []
    assert app.sidebar.caption[0].value == "Показано документов: 11 из 11"
    assert app.button(key="reset_filters").disabled
    assert not app.warning


def test_language_switch_changes_labels_and_url(app):
    open_page(app, "overview")
    app.radio(key="lang").set_value("en").run()
    assert not app.exception
    assert app.title[0].value == "International partners of the Zelenogradsk Municipal District"
    assert app.radio(key="lang").label == "Language"
    assert app.slider(key="years").label == "Years signed"
    assert app.multiselect(key="countries").label == "Countries"
    assert "Partners" in metrics(app)
    assert app.query_params["lang"] == "en"
    app.radio(key="lang").set_value("ru").run()
    assert "Партнёров" in metrics(app)
    assert app.query_params["lang"] == "ru"


@pytest.mark.parametrize(("requested", "shown"), [("en", "en"), ("ru", "ru"), ("fr", "ru")])
def test_language_from_query_parameter(app, requested, shown):
    open_page(app, "overview", lang=requested)
    assert app.radio(key="lang").value == shown
    assert app.query_params["lang"] == shown


def test_country_filter_changes_counts_and_url(app):
    open_page(app, "overview")
    app.multiselect(key="countries").set_value(["PL"]).run()
    assert not app.exception
    counts = metrics(app)
    # Poland: five partners but six documents (Braniewo has two).
    assert (counts["Партнёров"], counts["Документов"], counts["Стран"]) == ("5", "6", "1")
    assert app.sidebar.caption[0].value == "Показано документов: 6 из 11"
    assert app.query_params["country"] == "PL"
    assert not app.button(key="reset_filters").disabled


def test_filters_from_the_url(app):
    open_page(app, "table", lang="en", country=["PL", "DE"], type="protocol_of_intent", to="2011")
    assert app.multiselect(key="countries").value == ["DE", "PL"]
    assert app.multiselect(key="document_types").value == ["protocol_of_intent"]
    assert app.slider(key="years").value == (1991, 2011)
    table = documents_table(app)
    assert table["Partner"].tolist() == [
        "Braniewo Urban Commune",
        "Kühlungsborn",
        "Rostock District",
    ]
    # The URL keeps exactly the view: both countries, the type, the end year, the language.
    assert app.query_params["country"] == ["DE", "PL"]
    assert app.query_params["type"] == "protocol_of_intent"
    assert app.query_params["to"] == "2011"
    assert "from" not in app.query_params  # a default is left out of the link


def test_a_mistyped_link_still_opens(app):
    open_page(app, "overview", country="XX", to="nonsense", **{"from": "2100"})
    assert app.multiselect(key="countries").value == []
    assert app.slider(key="years").value == (2016, 2016)
    assert metrics(app)["Документов"] == "1"


def test_search_over_names_in_every_language(app):
    open_page(app, "table")
    app.text_input(key="search").input("mragowo").run()
    assert documents_table(app)["Партнёр"].tolist() == ["г. Мрангово"]
    assert app.query_params["q"] == "mragowo"
    app.text_input(key="search").input("Бранево").run()  # е for ё
    assert documents_table(app)["Партнёр"].tolist() == ["Гмина г. Бранёво"] * 2


def test_reset_shows_everything_again(app):
    open_page(app, "overview", country="DE", q="rostock")
    assert metrics(app)["Документов"] == "1"
    app.button(key="reset_filters").click().run()
    assert metrics(app)["Документов"] == "11"
    assert app.multiselect(key="countries").value == []
    assert app.text_input(key="search").value == ""
    assert set(app.query_params) == {"lang"}


def test_nothing_matches(app):
    open_page(app, "map", q="Paris")
    assert app.info[0].value == (
        "Ни один документ не подходит под фильтры. Измените их или сбросьте."
    )


def test_streamlit_still_has_the_legacy_pages_switch():
    # ui/frame.py switches Streamlit's legacy `pages/` mode off through this private class
    # attribute, before any widget exists; without it the first click after a restart is
    # lost again. A Streamlit release that removes or renames it must fail here, loudly.
    from streamlit.runtime.pages_manager import PagesManager  # noqa: PLC0415

    from ui.frame import LEGACY_PAGES_FLAG  # noqa: PLC0415

    assert isinstance(getattr(PagesManager, LEGACY_PAGES_FLAG, None), bool)


def test_a_page_run_outside_the_frame_reruns_into_it_and_then_says_so():
    # streamlit run pages/map.py: no frame, no view; the page says how to run the app
    # instead of looping or raising.
    from streamlit.testing.v1 import AppTest  # noqa: PLC0415

    page = Path(__file__).resolve().parents[2] / "pages" / "map.py"
    at = AppTest.from_file(str(page), default_timeout=30).run()
    assert not at.exception
    assert at.error[0].value == "This page runs inside app.py: streamlit run app.py"
