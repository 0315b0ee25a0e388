# Every page in each of the five languages: no exception, the page's title in that
# language, the language's own name in the switch, and its dates and numbers.
from __future__ import annotations

import pytest

from tests.helpers.app import metrics, open_page
from ui.navigation import PAGES
from utils.i18n import LANGUAGES, t

PAGE_KEYS = [page.key for page in PAGES[1:]]  # the overview's title is the home's own


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page", PAGE_KEYS)
def test_each_page_runs_in_each_language(app, page, lang):
    open_page(app, page, lang=lang)
    assert app.title[0].value == t(f"page.{page}", lang)


@pytest.mark.parametrize(
    ("lang", "title", "first"),
    [
        ("pl", "Partnerzy zagraniczni okręgu miejskiego Zielenogradsk", "14 października 1991"),
        ("de", "Internationale Partner des Stadtkreises Selenogradsk", "14. Oktober 1991"),
        (
            "lt",
            "Zelenogradsko miesto apygardos tarptautiniai partneriai",
            "1991 m. spalio 14 d.",
        ),
    ],
)
def test_overview_in_a_partners_language(app, lang, title, first):
    # The home's title is data: home.toml gives it in each language (title_<lang>).
    open_page(app, "overview", lang=lang)
    assert app.title[0].value == title
    assert metrics(app)[t("summary.first", lang)] == first
    assert app.radio(key="lang").value == lang


def test_the_language_switch_names_each_language_in_itself(app):
    open_page(app, "overview", lang="de")
    switch = app.radio(key="lang")
    assert switch.options == ["Русский", "English", "Polski", "Deutsch", "Lietuvių"]
    assert app.sidebar.header[0].value == "Filter"


def test_partner_names_lead_with_the_partners_own_language(app):
    open_page(app, "table", lang="pl")
    table = next(df.value for df in app.dataframe if "Partner" in df.value.columns)
    names = table["Partner"].tolist()
    # Local names (Mrągowo, Kreis Pinneberg, Neringos savivaldybė), not the Russian ones.
    assert {"Mrągowo", "Kreis Pinneberg", "Neringos savivaldybė"} <= set(names)
    # Lepel's own name is Belarusian Cyrillic (Лепель): a Polish reader gets the English one.
    assert "Lepel" in names
    assert not {"Лепель", "г. Лепель"} & set(names)
    assert table["Kraj"].tolist()[0] == "Niemcy"  # Babel's country names in Polish
    assert (
        table["Rodzaj dokumentu" if "Rodzaj dokumentu" in table else "Dokument"].tolist()[0]
        == "Porozumienie o współpracy"
    )
