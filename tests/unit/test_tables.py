# The documents table as readers see it, in both languages.
from __future__ import annotations

import pytest

from tests.helpers.data import DATA
from utils.data.coords import load_coords
from utils.data.folder import DEFAULT_DATA_DIR
from utils.data.problems import Problem
from utils.data.registry import (
    PARTNER_EN,
    PARTNER_LOCAL,
    PARTNER_RU,
    REGION_EN,
    REGION_RU,
    load_registry,
)
from utils.escaping import markdown_text
from utils.views.tables import (
    describe_document,
    documents_table,
    partner_name,
    problems_table,
    region_name,
)


@pytest.fixture(scope="module")
def registry():
    partners, _ = load_registry(DATA / "partners.csv", home_id="zelenogradsk")
    coords, _ = load_coords(DATA / "coords.csv")
    return partners, coords


def test_russian_table(registry):
    table = documents_table(*registry, "ru")
    assert list(table.columns) == [
        "Партнёр",
        "Страна",
        "Документ",
        "Дата подписания",
        "Источник",
        "Статус связей",
        "Расстояние, км",
        "Уровень",
        "Регион",
        "Название на языке партнёра",
        "Адрес источника",
        "Что говорит источник",
    ]
    assert len(table) == 11
    first = table.iloc[0]
    assert (first["Партнёр"], first["Страна"], first["Дата подписания"]) == (
        "Крайс Пиннеберг",
        "Германия",
        "14 октября 1991",
    )
    assert first["Расстояние, км"] == 712
    bisztynek = table[table["Партнёр"] == "г. Биштынек"].iloc[0]
    assert (bisztynek["Дата подписания"], bisztynek["Уровень"]) == ("март 2009", "город")


def test_english_table_is_oldest_first(registry):
    table = documents_table(*registry, "en")
    assert table["Partner"].tolist()[:3] == [
        "Pinneberg District",
        "Neringa Municipality",
        "Braniewo Urban Commune",
    ]
    assert table["Signed"].tolist()[-1] == "21 April 2016"
    lepel = table[table["Partner"] == "Lepel"].iloc[0]
    assert (lepel["Signed"], lepel["Country"], lepel["Region"]) == (
        "2009",
        "Belarus",
        "Vitebsk Region",
    )


def test_partner_without_coordinates_has_no_distance(registry):
    partners, coords = registry
    table = documents_table(partners, coords[coords["place_id"] != "lepel"], "en")
    distances = table.set_index("Partner")["Distance, km"]
    assert distances.isna().sum() == 1
    assert distances.isna()["Lepel"]


def test_problems_table():
    problems = [Problem("missing_value", row=4, column="signed"), Problem("file_empty")]
    table = problems_table(problems, "ru")
    assert table.to_dict("records") == [
        {"Строка": 4, "Столбец": "signed", "Что не так": "значение не заполнено"},
        {"Строка": None, "Столбец": "", "Что не так": "файл пуст"},
    ]


@pytest.mark.parametrize(
    ("partner_id", "lang", "expected"),
    [
        ("pinneberg", "ru", ("Соглашение о сотрудничестве", "Крайс Пиннеберг", "14 октября 1991")),
        ("bisztynek", "en", ("Cooperation agreement", "Bisztynek", "March 2009")),
        ("kuhlungsborn", "ru", ("Протокол намерений", "г. Кюлунгсборн", "2010 г.")),
    ],
)
def test_describe_document(registry, partner_id, lang, expected):
    partners, _ = registry
    row = partners[partners["partner_id"] == partner_id].iloc[0]
    described = describe_document(row, lang)
    assert (described["document"], described["partner"], described["date"]) == expected


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Wolin", "Wolin"),
        ("г. Лепель", "г\\. Лепель"),
        ("<img src=x onerror=alert(1)>", "\\<img src=x onerror=alert\\(1\\)\\>"),
        ("**[a](javascript:x)**", "\\*\\*\\[a\\]\\(javascript\\:x\\)\\*\\*"),
        (":red[x] $x$", "\\:red\\[x\\] \\$x\\$"),  # Streamlit's colour directive and LaTeX
        # Bare addresses: GFM links them even escaped; a word joiner (U+2060) breaks them.
        ("https://e.example", "https\\:\u2060//e\\.example"),
        ("WWW.e.example", "WWW\u2060\\.e\\.example"),
        ("a@e.example", "a@\u2060e\\.example"),
    ],
)
def test_markdown_text_shows_data_literally(text, shown):
    assert markdown_text(text) == shown


@pytest.mark.parametrize(
    ("names", "lang", "expected"),
    [
        # Russian readers get the Russian name, English ones the English name.
        (("г. Лепель", "Лепель", "Lepel"), "ru", "г. Лепель"),
        (("г. Лепель", "Лепель", "Lepel"), "en", "Lepel"),
        # Latin-script readers get the local name in Latin letters, diacritics included...
        (("г. Мронгово", "Mrągowo", "Mragowo"), "pl", "Mrągowo"),
        (("Крайс Пиннеберг", "Kreis Pinneberg", "Pinneberg District"), "de", "Kreis Pinneberg"),
        # ...but not a Cyrillic one: the English name instead, then the Russian.
        (("г. Лепель", "Лепель", "Lepel"), "lt", "Lepel"),
        (("г. Лепель", "Лепель", ""), "pl", "г. Лепель"),
        # With no local name the English one, as before.
        (("г. Неринга", "", "Neringa"), "de", "Neringa"),
    ],
)
def test_partner_name_in_each_language(names, lang, expected):
    ru, local, en = names
    partner = {PARTNER_RU: ru, PARTNER_LOCAL: local, PARTNER_EN: en}
    assert partner_name(partner, lang) == expected


@pytest.mark.parametrize(
    ("region", "lang", "expected"),
    [
        ({REGION_RU: "Витебская область", REGION_EN: "Vitebsk Region"}, "ru", "Витебская область"),
        ({REGION_RU: "Витебская область", REGION_EN: "Vitebsk Region"}, "en", "Vitebsk Region"),
        # A region_pl, region_de or region_lt gives those readers their own name...
        ({REGION_RU: "Клайпедский уезд", REGION_EN: "Klaipėda County", "region_lt":
          "Klaipėdos apskritis"}, "lt", "Klaipėdos apskritis"),
        # ...an empty one, or none, the English, then the Russian.
        ({REGION_RU: "Клайпедский уезд", REGION_EN: "Klaipėda County", "region_pl": ""}, "pl",
         "Klaipėda County"),
        ({REGION_RU: "Клайпедский уезд", REGION_EN: ""}, "de", "Клайпедский уезд"),
    ],
)  # fmt: skip
def test_region_name_in_each_language(region, lang, expected):
    assert region_name(region, lang) == expected


def test_committed_regions_have_each_latin_languages_name():
    # The app's own data/ has region_pl, region_de and region_lt (the test copies not).
    partners, _ = load_registry(DEFAULT_DATA_DIR / "partners.csv", home_id="zelenogradsk")
    pinneberg = partners[partners["partner_id"] == "pinneberg"].iloc[0]
    assert [region_name(pinneberg, lang) for lang in ("pl", "de", "lt")] == [
        "Szlezwik-Holsztyn", "Schleswig-Holstein", "Šlėzvigas-Holšteinas",
    ]  # fmt: skip
