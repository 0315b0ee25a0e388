# The anniversaries and strategy pages.
from __future__ import annotations

import pytest

from tests.helpers.app import dataframe_with_column, open_page


@pytest.fixture
def on_day(monkeypatch):
    """Fix the app's today."""

    def fix(day: str) -> None:
        monkeypatch.setenv("PARTNERS_TODAY", day)

    return fix


def test_coming_anniversaries_nearest_year_first(app, on_day):
    on_day("2026-11-26")
    open_page(app, "anniversaries", lang="en")
    picker = app.selectbox(key="anniversary_year")
    assert picker.value == 2029
    assert picker.options[:3] == ["2029", "2030", "2031"]
    table = dataframe_with_column(app, "Anniversary")
    assert table.to_dict("list") == {
        "Anniversary": ["2029", "March 2029", "31 July 2029", "7 August 2029"],
        "Years": [20, 20, 20, 25],
        "Partner": ["Lepel", "Bisztynek", "Wolin", "Braniewo Urban Commune"],
        "Country": ["Belarus", "Poland", "Poland", "Poland"],
        "Document": [
            "Cooperation agreement",
            "Cooperation agreement",
            "Cooperation agreement",
            "Protocol of intent",
        ],
        "Signed": ["2009", "March 2009", "31 July 2009", "7 August 2004"],
        "Status of the tie": ["no status recorded"] * 4,
        "Source": ["the administration's published table"] * 4,
    }
    assert app.header[0].value == "Anniversaries in 2029: 4"
    assert "Today: 26 November 2026" in app.markdown[0].value


def test_choosing_another_anniversary_year(app, on_day):
    on_day("2026-11-26")
    open_page(app, "anniversaries")
    app.selectbox(key="anniversary_year").select(2030).run()
    table = dataframe_with_column(app, "Юбилей")
    assert table["Юбилей"].tolist() == ["2010 г.".replace("2010", "2030"), "7 августа 2030"]
    assert table["Лет"].tolist() == [20, 20]


def test_anniversaries_follow_the_filters_and_the_day(app, on_day):
    # On 1 January 2029 the year-only Lepel anniversary is still to come; by 2030 it is past.
    on_day("2030-01-01")
    open_page(app, "anniversaries", lang="en", country="PL")
    table = dataframe_with_column(app, "Anniversary")
    assert table["Partner"].tolist() == ["Braniewo Urban Commune"]  # its treaty's 20th
    assert table["Anniversary"].tolist() == ["7 August 2030"]


def test_strategy_directions_beside_the_documents_that_serve_them(app):
    open_page(app, "strategy", lang="en")
    assert app.caption[0].value == (
        "5 directions, 2 of them not served (open, or their ties suspended or ended)."
    )
    assert [warning.value for warning in app.warning] == [
        "Open: no document yet",
        "Open: no document yet",
    ]
    assert [success.value for success in app.success] == [
        "1 document with 1 partner",
        "3 documents with 3 partners",
        "6 documents with 5 partners",
    ]
    lines = [markdown.value for markdown in app.main.markdown]
    assert "**Tourism\\: Palanga**" in lines  # the name's colon escaped for Markdown
    # No status is recorded in the published data, and the page says so beside each tie.
    assert (
        "- Neringa Municipality: Cooperation treaty, 8 February 1996 · *no status recorded*"
        in lines
    )


def test_strategy_ignores_the_filters(app):
    open_page(app, "strategy", lang="en", country="PL")
    assert app.caption[0].value.startswith("5 directions, 2 of them not served")


def test_a_new_direction_in_the_file_shows_up_open(app, data_dir):
    with (data_dir / "strategy.csv").open("a", encoding="utf-8") as file:
        file.write("finland,Финские партнёры,Finnish partners,country,FI\n")
        file.write("bad,Плохая,Bad,region,XX\n")
    open_page(app, "strategy", lang="en")
    assert app.caption[0].value.startswith("6 directions, 3 of them not served")
    problems = dataframe_with_column(app, "What is wrong")
    assert problems["Row"].tolist() == [8]
    assert problems["Column"].tolist() == ["kind"]
