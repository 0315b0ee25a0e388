# The timeline and breakdowns pages: the figures they draw, filtered and in both languages.
from __future__ import annotations

import base64

import numpy as np
import plotly.io

from tests.helpers.app import open_page


def figure(app, key: str):
    """The plotly figure of the chart with this key, as the browser receives it."""
    charts = [chart for chart in app.main.get("plotly_chart") if chart.proto.id.endswith(key)]
    assert len(charts) == 1, f"no chart {key}"
    return plotly.io.from_json(charts[0].proto.spec)


def values(array) -> list:
    """A trace's numbers: plotly sends numeric arrays base64-encoded ("bdata")."""
    if isinstance(array, dict) and "bdata" in array:
        return np.frombuffer(base64.b64decode(array["bdata"]), dtype=array["dtype"]).tolist()
    return list(array)


def marker_count(spec) -> int:
    """Documents drawn: points of the documents' marker traces (their legend entries are
    separate and have none; the record's marks have legend entries of their own)."""
    return sum(
        sum(x is not None for x in trace.x)
        for trace in spec.data
        if trace.mode == "markers" and trace.showlegend is False
    )


def test_timeline(app):
    open_page(app, "timeline")
    spec = figure(app, "timeline_chart")
    assert spec.layout.title.text == "Документы по датам подписания"
    assert marker_count(spec) == 11
    growth = figure(app, "growth_chart")
    assert growth.data[0].y[-1] == 10
    assert growth.layout.title.text == "Число партнёров нарастающим итогом"


def test_timeline_follows_filters_and_language(app):
    open_page(app, "timeline", lang="en", country="PL")
    spec = figure(app, "timeline_chart")
    assert spec.layout.title.text == "Documents by date"
    assert spec.layout.xaxis.title.text == "Date signed"
    assert marker_count(spec) == 6
    assert figure(app, "growth_chart").data[0].y[-1] == 5


def test_year_filter_ends_the_time_axes_with_its_last_year(app):
    open_page(app, "timeline", **{"from": "2009", "to": "2009"})
    spec = figure(app, "timeline_chart")
    assert marker_count(spec) == 3  # Bisztynek, Lepel, Wolin
    # Their lines end at what is known (no record after 2009), not at the view's end.
    lines = [x for trace in spec.data if trace.mode == "lines" for x in trace.x if x]
    assert max(lines) == "2009-07-02T00:00:00"  # Lepel: known to the year, drawn to its middle
    # The growth line ends at the last partner's first document (Wolin, 31 July 2009), not
    # at the year's end: no document says anything of the months after it.
    assert figure(app, "growth_chart").data[0].x[-1] == "2009-07-31T00:00:00"


def test_breakdowns(app):
    open_page(app, "breakdowns", lang="en")
    by_country = figure(app, "country_chart")
    bars = {trace.name: trace for trace in by_country.data}
    assert list(bars["Partners"].y) == ["Poland", "Germany", "Belarus", "Lithuania"]
    assert values(bars["Partners"].x) == [5, 3, 1, 1]
    assert values(bars["Documents"].x) == [6, 3, 1, 1]
    by_decade = figure(app, "decade_chart")
    assert list(by_decade.data[1].y) == ["1990s", "2000s", "2010s"]
    assert values(by_decade.data[1].x) == [2, 4, 5]
    by_type = figure(app, "document_type_chart")
    assert by_type.layout.title.text == "By document type"


def test_breakdowns_with_a_year_filter(app):
    open_page(app, "breakdowns", to="2000")
    bars = {trace.name: trace for trace in figure(app, "country_chart").data}
    assert list(bars["Документы"].y) == ["Германия", "Литва"]
    assert values(bars["Документы"].x) == [1, 1]
