# AppTest of the frame and the registry page: real values, widgets found by key.
from __future__ import annotations

import shutil

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import DATA, HEADER, ROOT, VALID_ROW

APP = str(ROOT / "app.py")
TIMEOUT = 30


def dataframe_with_column(at: AppTest, *names: str):
    """The dataframe that has one of these columns (st.dataframe carries no key to find it by)."""
    return next(df.value for df in at.dataframe if set(names) & set(df.value.columns))


def registry_table(at: AppTest):
    """The documents table, in either language."""
    return dataframe_with_column(at, "Партнёр", "Partner")


@pytest.fixture
def app() -> AppTest:
    return AppTest.from_file(APP, default_timeout=TIMEOUT)


def test_registry_page_in_russian_by_default(app):
    app.run()
    assert not app.exception
    assert [title.value for title in app.title] == [
        "Международные связи Зеленоградского муниципального округа"
    ]
    assert app.caption[0].value == "Документов: 11 · партнёров: 10 · стран: 4"
    table = registry_table(app)
    assert len(table) == 11
    assert table["Партнёр"].nunique() == 10
    assert table.iloc[0]["Дата подписания"] == "14 октября 1991"
    assert set(table["Страна"]) == {"Германия", "Литва", "Польша", "Беларусь"}
    assert app.radio(key="lang").value == "ru"
    assert app.query_params["lang"] == "ru"
    assert not app.warning


def test_language_switch_changes_labels_and_url(app):
    app.run()
    app.radio(key="lang").set_value("en").run()
    assert not app.exception
    assert app.title[0].value == "International partners of the Zelenogradsk Municipal District"
    assert app.radio(key="lang").label == "Language"
    table = registry_table(app)
    assert list(table.columns)[:4] == ["Partner", "Country", "Document", "Signed"]
    assert table.iloc[-1]["Signed"] == "21 April 2016"
    assert app.query_params["lang"] == "en"
    app.radio(key="lang").set_value("ru").run()
    assert registry_table(app).columns[0] == "Партнёр"
    assert app.query_params["lang"] == "ru"


@pytest.mark.parametrize(("requested", "shown"), [("en", "en"), ("ru", "ru"), ("fr", "ru")])
def test_language_from_query_parameter(app, requested, shown):
    app.query_params["lang"] = requested
    app.run()
    assert app.radio(key="lang").value == shown
    assert app.query_params["lang"] == shown
    expected = "Partner" if shown == "en" else "Партнёр"
    assert registry_table(app).columns[0] == expected


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    """A copy of the data folder that a test may break; the app reads it instead."""
    for name in ("partners.csv", "coords.csv", "home.toml"):
        shutil.copy(DATA / name, tmp_path / name)
    monkeypatch.setenv("PARTNERS_DATA_DIR", str(tmp_path))
    return tmp_path


def run_with_problems(app: AppTest, file_name: str):
    """Run the app in English; check it warns about `file_name`; return its problems table."""
    app.query_params["lang"] = "en"
    app.run()
    assert not app.exception
    assert app.warning[0].value == (
        f"The file {file_name} has problems; rows with problems are not shown:"
    )
    return dataframe_with_column(app, "What is wrong")


def test_rows_with_problems_are_reported_and_the_rest_shown(app, data_dir):
    bad = VALID_ROW.replace("2009-07-31", "2010-02-31")
    lepel = VALID_ROW.replace("wolin,г. Волин", "lepel,г. Лепель").replace(",PL,", ",XX,")
    (data_dir / "partners.csv").write_text(
        "\n".join([HEADER, VALID_ROW, bad, lepel]), encoding="utf-8"
    )
    problems = run_with_problems(app, "partners.csv")
    assert problems.to_dict("records") == [
        {"Row": 3, "Column": "signed", "What is wrong": "no such date: “2010-02-31”"},
        {
            "Row": 4,
            "Column": "country_code",
            "What is wrong": "unknown country code “XX” "
            "(expected a two-letter ISO 3166-1 code, e.g. PL)",
        },
    ]
    assert registry_table(app)["Partner"].tolist() == ["Wolin"]


def test_empty_registry_says_so(app, data_dir):
    (data_dir / "partners.csv").write_text(HEADER + "\n", encoding="utf-8")
    app.run()
    assert not app.exception
    assert app.info[0].value == "В реестре нет ни одного документа, который можно показать."
    problems = dataframe_with_column(app, "Что не так")
    assert problems["Что не так"].tolist() == [
        "в файле есть заголовок, но нет ни одной строки данных"
    ]
    assert len(app.dataframe) == 1  # the problems, and no documents table


def test_broken_home_settings_are_an_error_message_not_a_crash(app, data_dir):
    (data_dir / "home.toml").write_text('id = "x"\n', encoding="utf-8")
    app.run()
    assert not app.exception
    assert "missing or empty keys" in app.error[0].value


def test_coordinate_problems_are_reported_and_the_distance_left_empty(app, data_dir):
    coords = (data_dir / "coords.csv").read_text(encoding="utf-8")
    (data_dir / "coords.csv").write_text(
        coords.replace("54.8800,28.6990", "548.800,28.6990"), encoding="utf-8"
    )
    problems = run_with_problems(app, "coords.csv")
    assert problems.to_dict("records") == [
        {
            "Row": 7,
            "Column": "lat",
            "What is wrong": "548.800 is outside the allowed range -90…90",
        }
    ]
    distances = registry_table(app).set_index("Partner")["Distance, km"]
    assert distances.isna().tolist().count(True) == 1
    assert distances.isna()["Lepel"]
    assert distances["Wolin"] == 400
