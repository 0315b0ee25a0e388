# The overview page: the summary strip, and the data problems it reports.
from __future__ import annotations

import datetime as dt

from tests.helpers.app import dataframe_with_column, metrics, open_page
from tests.helpers.data import HEADER, VALID_ROW
from ui.loaders import _published as published_once_per_server


def test_summary_strip(app):
    open_page(app, "overview")
    assert metrics(app) == {
        "Партнёров": "10",
        "Стран": "4",
        "Документов": "11",
        "Первый документ": "14 октября 1991",
        "Последний документ": "21 апреля 2016",
        "Лет с первого документа": str(dt.date.today().year - 1991),
        # The published page records no status: all ten ties say so, none is "active".
        "Статус не записан": "10",
    }
    lines = [caption.value for caption in app.main.caption]
    assert (
        "Первый документ: Соглашение о сотрудничестве — Крайс Пиннеберг, 14 октября 1991" in lines
    )


def test_summary_strip_in_english_with_a_year_filter(app):
    open_page(app, "overview", lang="en", **{"from": "2009", "to": "2010"})
    counts = metrics(app)
    # 2009: Bisztynek (March), Lepel (year only), Wolin; 2010: Kühlungsborn, Braniewo's treaty.
    assert (counts["Partners"], counts["Documents"]) == ("5", "5")
    # Lepel's "2009" (year only) sorts at the start of its year, before Bisztynek's March.
    assert counts["First document"] == "2009"
    assert counts["Latest document"] == "7 August 2010"


def run_with_problems(app, file_name: str):
    """Open the overview in English; check it warns about `file_name`; return its problems."""
    open_page(app, "overview", lang="en")
    assert app.main.warning[0].value == (
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
    assert metrics(app)["Documents"] == "1"
    # The sidebar says so on every page.
    assert app.sidebar.warning[0].value.startswith("The data files have problems (2)")


def test_empty_registry_says_so(app, data_dir):
    (data_dir / "partners.csv").write_text(HEADER + "\n", encoding="utf-8")
    open_page(app, "overview")
    assert app.info[0].value == "В реестре нет ни одного документа, который можно показать."
    problems = dataframe_with_column(app, "Что не так")
    assert problems["Что не так"].tolist() == [
        "в файле есть заголовок, но нет ни одной строки данных"
    ]
    assert not app.metric


def test_broken_home_settings_are_an_error_message_not_a_crash(app, data_dir):
    (data_dir / "home.toml").write_text('id = "x"\n', encoding="utf-8")
    app.run()
    assert not app.exception
    assert "missing or empty keys" in app.error[0].value


def test_coordinate_problems_are_reported(app, data_dir):
    coords = (data_dir / "coords.csv").read_text(encoding="utf-8")
    (data_dir / "coords.csv").write_text(
        coords.replace("54.8800,28.6990", "548.800,28.6990"), encoding="utf-8"
    )
    problems = run_with_problems(app, "coords.csv")
    assert problems.to_dict("records") == [
        {"Row": 7, "Column": "lat", "What is wrong": "548.800 is outside the allowed range -90…90"}
    ]


def test_unwritable_static_folder_is_a_warning_not_a_crash(app, monkeypatch):
    def refuse(*_args, **_kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("ui.loaders.publish", refuse)
    published_once_per_server.clear()  # an earlier test's app has published already
    open_page(app, "overview", lang="en")
    assert app.warning[0].value.startswith("The map's files could not be written to ")
    assert "python -m utils assets" in app.warning[0].value
    assert metrics(app)["Documents"] == "11"  # everything else still works
