# Every page on the committed data (data/): the published table beside what other public
# sources record, the record filter by its widget and by its link, the overview's line,
# the Partners page's disagreements and Pinneberg's sourced protocols.
from __future__ import annotations

import pytest

from tests.helpers.app import dataframe_with_column, metrics, open_page
from tests.helpers.data import COMMITTED


@pytest.fixture
def record_app(app, monkeypatch):
    monkeypatch.setenv("PARTNERS_DATA_DIR", str(COMMITTED))
    monkeypatch.setenv("PARTNERS_TODAY", "2026-12-02")
    return app


def markdown_texts(at) -> str:
    return "\n".join(element.value for element in at.main.markdown)


def test_the_overview_says_what_other_sources_add(record_app):
    open_page(record_app, "overview", lang="en")
    counts = metrics(record_app)
    assert (counts["Partners"], counts["Documents"]) == ("10", "17")
    line = record_app.main.get("markdown")
    text = "\n".join(element.value for element in line)
    assert "The administration's published table: 11 documents." in text
    assert "Other public sources add 6 documents and 15 facts" in text
    assert record_app.radio(key="record").value == "whole"


def test_the_record_filter_by_its_widget_gives_the_published_table(record_app):
    open_page(record_app, "overview", lang="en")
    record_app.radio(key="record").set_value("published").run()
    counts = metrics(record_app)
    assert (counts["Partners"], counts["Countries"], counts["Documents"]) == ("10", "4", "11")
    assert record_app.query_params["record"] == "published"
    assert "Only the administration's published table is shown (11 documents)" in (
        markdown_texts(record_app)
    )


def test_the_record_filter_from_a_link(record_app):
    open_page(record_app, "table", lang="en", record="published")
    table = dataframe_with_column(record_app, "Partner")
    assert len(table) == 11
    assert set(table["Source"]) == {"the administration's published table"}
    assert set(table["Source address"]) == {""}


def test_the_whole_table_names_each_other_source(record_app):
    open_page(record_app, "table", lang="en")
    table = dataframe_with_column(record_app, "Partner")
    assert len(table) == 17
    others = table[table["Source"] != "the administration's published table"]
    assert sorted(set(others["Partner"])) == [
        "Elbląg County", "Kühlungsborn", "Pinneberg District",
    ]  # fmt: skip
    assert others["Source address"].str.match(r"https?://").all()
    assert (others["What the source says"].str.len() > 0).all()


def test_the_partners_page_lists_the_disagreements_with_both_sides(record_app):
    open_page(record_app, "partners", lang="en")
    expander = record_app.expander[0]
    assert expander.label == "Where public sources disagree with the published table (4 partners)"
    text = "\n".join(element.value for element in expander.markdown)
    for name in ("Pinneberg District", "Kühlungsborn", "Rostock District", "Elbląg County"):
        assert f"**{name}**" in text
    assert "https://" in text  # the other side's sources are links


def test_pinnebergs_card_shows_its_protocols_with_their_publisher(record_app):
    open_page(record_app, "partners", lang="en")
    text = markdown_texts(record_app)
    protocols = [line for line in text.splitlines() if line.startswith("- Partnership protocol")]
    assert [line.split(" — ")[0] for line in protocols] == [
        "- Partnership protocol, 30 August 2009", "- Partnership protocol, 18 August 2012",
        "- Partnership protocol, 30 May 2015", "- Partnership protocol, September 2018",
    ]  # fmt: skip
    assert all("from another source: [Kreis Pinneberg, 20" in line for line in protocols)


def test_the_published_view_says_where_the_disagreements_went(record_app):
    open_page(record_app, "partners", lang="en", record="published")
    assert not record_app.expander
    captions = " ".join(element.value for element in record_app.main.caption)
    assert "shown with the whole record" in captions
