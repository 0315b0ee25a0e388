# Every page on the fixture folder (tests/data/living): an active, a suspended, an ended,
# an ended-then-resumed and many unrecorded ties. Counts, the status filter, the map's
# card, the timeline's ends, the Partners page and the anniversaries, in both languages.
from __future__ import annotations

import plotly.io
import pytest

from tests.helpers.app import dataframe_with_column, metrics, open_page
from tests.helpers.data import LIVING
from utils.i18n import t


@pytest.fixture
def living_app(app, monkeypatch):
    monkeypatch.setenv("PARTNERS_DATA_DIR", str(LIVING))
    monkeypatch.setenv("PARTNERS_TODAY", "2026-11-26")
    return app


def test_overview_counts_partners_by_status(living_app):
    open_page(living_app, "overview", lang="en")
    counts = metrics(living_app)
    statuses = ("Active", "Suspended", "Ended", "No status recorded")
    assert [counts[label] for label in statuses] == ["2", "1", "1", "6"]
    assert not living_app.main.warning  # the fixture's files are clean


def test_the_status_filter_from_the_url(living_app):
    open_page(living_app, "table", lang="en", status=["suspended", "terminated"])
    table = dataframe_with_column(living_app, "Partner")
    assert sorted(set(table["Partner"])) == ["Mrągowo", "Pinneberg District"]
    statuses = dict(zip(table["Partner"], table["Status of the tie"], strict=True))
    assert statuses == {"Pinneberg District": "suspended", "Mrągowo": "ended"}
    assert living_app.multiselect(key="statuses").value == ["suspended", "terminated"]
    assert living_app.query_params["status"] == ["suspended", "terminated"]


def test_the_status_filter_keeps_the_unrecorded(living_app):
    open_page(living_app, "overview", lang="ru", status="unrecorded")
    assert metrics(living_app)["Партнёров"] == "6"
    assert metrics(living_app)["Статус не записан"] == "6"


def test_the_map_card_says_status_decision_contact_and_anniversary(living_app):
    open_page(living_app, "map", lang="en", partner="pinneberg")
    lines = [markdown.value for markdown in living_app.main.markdown]
    assert "**Status:** suspended since April 2022" in lines
    assert any(
        line.startswith("**Decision, source:** Kreistag Pinneberg — [source](https://example.org")
        for line in lines
    )
    assert any(line.startswith("**Last contact:** correspondence") for line in lines)
    # Markdown's special characters in the texts are escaped (tables.markdown_text).
    assert "**Next anniversary:** 40 years\\: 14 October 2031 \\(the tie is suspended\\)" in lines


def test_the_timeline_ends_lines_at_the_last_known_fact(living_app):
    open_page(living_app, "timeline", lang="en")
    chart = next(
        c for c in living_app.main.get("plotly_chart") if c.proto.id.endswith("timeline_chart")
    )
    spec = plotly.io.from_json(chart.proto.spec)
    names = {trace.name for trace in spec.data}
    assert {"active", "no status recorded", "no later record", "change of status: ended"} <= names
    ends = next(trace for trace in spec.data if trace.name == "no later record")
    assert "Mrągowo" not in ends.y  # ended: its line stops at the decision
    assert len(ends.y) == 9


def card_titles(app) -> list[str]:
    """The partners' cards' titles, in order (the disagreements' heading left out)."""
    heading = {t("disagreement.header", lang) for lang in ("en", "ru")}
    return [header.value for header in app.main.subheader if header.value not in heading]


def test_partners_page_sorted_by_last_contact(living_app):
    # A link made when the order was called "dormant" still opens it.
    open_page(living_app, "partners", lang="en", partners_sort="dormant")
    assert living_app.radio(key="partners_sort").value == "quiet"
    titles = card_titles(living_app)
    assert titles[0] == "Lepel"  # the longest without contact: 2009, year only
    assert titles[-1] == "Neringa Municipality"  # a festival in August 2025
    # Silence is said plainly, without a warning's colour.
    assert not living_app.main.warning
    captions = [caption.value for caption in living_app.main.caption]
    assert "No contact recorded after 2009." in captions
    lines = [markdown.value for markdown in living_app.main.markdown]
    assert any(
        "Cooperation treaty, 7 August 2010 — [document text](https://example.org/braniewo/treaty-2010)"
        in line
        for line in lines
    )
    assert (
        "- ended since 15 March 2022 — [Rada Miejska w Braniewie, 15 March 2022]"
        "(https://example.org/braniewo/uchwala-2022)  \n"
        ":small[*«The agreement was ended by a town council resolution»*]"
    ) in lines


def test_partners_page_in_russian(living_app):
    open_page(living_app, "partners", lang="ru")
    titles = card_titles(living_app)
    assert titles[0] == "Крайс Пиннеберг"  # the first to sign, by default
    lines = [markdown.value for markdown in living_app.main.markdown]
    assert "**Статус:** приостановлено с апреля 2022" in lines
    assert "**Статус:** статус не записан; последний известный факт — 2009 г\\." in lines


def test_anniversaries_leave_out_ended_ties_and_flag_suspended_ones(living_app):
    open_page(living_app, "anniversaries", lang="en")
    assert living_app.caption[0].value == (
        "Anniversaries of ended ties are not proposed: 2 anniversaries."
    )
    living_app.selectbox(key="anniversary_year").set_value(2031).run()
    table = dataframe_with_column(living_app, "Anniversary")
    statuses = dict(zip(table["Partner"], table["Status of the tie"], strict=True))
    assert statuses["Pinneberg District"] == "suspended"
    assert "Mrągowo" not in statuses


def test_a_direction_served_only_by_a_suspended_tie_is_not_served(living_app):
    open_page(living_app, "strategy", lang="en")
    assert living_app.caption[0].value.startswith("6 directions, 3 of them not served")
    assert "Not served: 1 document with 1 partner, but every tie is suspended" in [
        warning.value for warning in living_app.warning
    ]
    # Poland is still served: Braniewo resumed, and Wolin's tie has no status recorded.
    assert "6 documents with 5 partners" in [success.value for success in living_app.success]
    lines = [markdown.value for markdown in living_app.main.markdown]
    assert "- Mrągowo: Partnership agreement, 4 April 2011 · *ended*" in lines
