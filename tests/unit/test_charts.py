# Plotly figures: what each trace holds, in both languages.
from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from utils.charts.breakdowns import country_figure, decade_figure, document_type_figure, wrap_label
from utils.charts.document_marks import period, period_middle
from utils.charts.growth import growth_figure
from utils.charts.layout import (
    DATE_AXIS_PX,
    LEGEND_ENTRY_PX,
    LEGEND_MAX_HEIGHT_PX,
    chart_config,
    legend_entries,
)
from utils.charts.timeline import TIMELINE_LEGEND_EXTRA_PX, timeline_figure
from utils.escaping import plotly_text

TODAY = dt.date(2026, 11, 26)


@pytest.mark.parametrize(
    ("start", "precision", "first", "last", "middle"),
    [
        ("2009-07-31", "day", "2009-07-31", "2009-07-31", "2009-07-31"),
        ("2009-03-01", "month", "2009-03-01", "2009-03-31", "2009-03-16"),
        ("2009-02-01", "month", "2009-02-01", "2009-02-28", "2009-02-14 12:00"),  # short month
        ("2009-01-01", "year", "2009-01-01", "2009-12-31", "2009-07-02"),  # not 1 January
    ],
)
def test_period_and_its_middle(start, precision, first, last, middle):
    assert period(pd.Timestamp(start), precision) == (pd.Timestamp(first), pd.Timestamp(last))
    assert period_middle(pd.Timestamp(start), precision) == pd.Timestamp(middle)


def markers(figure):
    """The traces of documents, by type (not the legend's entries, which have no points)."""
    return {
        trace.name: trace
        for trace in figure.data
        if trace.mode == "markers" and trace.showlegend is False
    }


def test_timeline_one_row_per_partner_and_a_marker_per_document(documents):
    figure = timeline_figure(documents, "ru", TODAY)
    traces = markers(figure)
    assert sum(len(trace.x) for trace in traces.values()) == 11
    assert set(traces) == {
        "Соглашение о сотрудничестве",
        "Договор о сотрудничестве",
        "Протокол намерений",
        "Соглашение о партнёрском сотрудничестве",
        "Декларация о намерениях",
    }
    rows = list(figure.layout.yaxis.categoryarray)
    assert len(rows) == 10
    assert rows[-1] == "Крайс Пиннеберг"  # the oldest partner at the top
    assert figure.layout.title.text == "Документы по датам подписания"


def test_timeline_draws_imprecise_dates_over_their_period(documents):
    figure = timeline_figure(documents, "en", TODAY)
    agreements = markers(figure)["Cooperation agreement"]
    lepel = list(agreements.y).index("Lepel")
    # The year 2009 is drawn in its middle, hollow, and the hover says only the year is known.
    assert pd.Timestamp(agreements.x[lepel]).date() == dt.date(2009, 7, 2)
    assert agreements.marker.symbol[lepel] == "circle-open"
    assert agreements.hovertext[lepel].endswith("2009 (only the year is known)")
    wolin = list(agreements.y).index("Wolin")
    assert agreements.marker.symbol[wolin] == "circle"
    assert "31 July 2009 (exact date)" in agreements.hovertext[wolin]
    # The legend shows the type's solid marker even though Lepel, first, is hollow.
    legend = next(trace for trace in figure.data if trace.name == "Cooperation agreement")
    assert legend.marker.symbol == "circle"
    # Each period is a bar with end marks taller than the markers, so that a month, a
    # few pixels on the axis, still shows.
    spans = [trace for trace in figure.data if trace.mode == "lines+markers"]
    spanned = {y for trace in spans for y in trace.y if y}
    assert spanned == {"Lepel", "Bisztynek", "Kühlungsborn"}
    assert all(trace.marker.symbol == "line-ns-open" for trace in spans)
    assert all(trace.marker.size > agreements.marker.size for trace in spans)
    bisztynek = next(trace for trace in spans if "Bisztynek" in trace.y)
    start = list(bisztynek.y).index("Bisztynek")
    assert (
        pd.Timestamp(bisztynek.x[start]).date(),
        pd.Timestamp(bisztynek.x[start + 1]).date(),
    ) == (dt.date(2009, 3, 1), dt.date(2009, 3, 31))


def lines_of(figure, name):
    """Each partner's line pieces in a status's trace: row name -> [(start, end), ...]."""
    trace = next(trace for trace in figure.data if trace.mode == "lines" and trace.name == name)
    pieces = {}
    for index in range(0, len(trace.x), 3):  # start, end, None
        pieces.setdefault(trace.y[index], []).append(
            (pd.Timestamp(trace.x[index]).date(), pd.Timestamp(trace.x[index + 1]).date())
        )
    return pieces


def test_with_no_status_recorded_no_line_runs_past_the_last_known_fact(documents):
    # The published registry records no status and no contact after 2016: every line ends
    # at its partner's last document, with a "no later record" mark, not at today.
    figure = timeline_figure(documents, "en", TODAY)
    pieces = lines_of(figure, "no status recorded")
    assert pieces["Braniewo Urban Commune"] == [(dt.date(2004, 8, 7), dt.date(2010, 8, 7))]
    # Lepel's one document is known to the year: its line spans to the year's middle.
    assert pieces["Lepel"] == [(dt.date(2009, 1, 1), dt.date(2009, 7, 2))]
    # A partner with one exact date is a marker, not a line: Wolin, 31 July 2009.
    assert "Wolin" not in pieces
    assert max(end for spans in pieces.values() for _, end in spans) == dt.date(2010, 8, 7)
    assert {trace.name for trace in figure.data if trace.mode == "lines"} == {"no status recorded"}
    ends = next(trace for trace in figure.data if trace.name == "no later record")
    assert len(ends.x) == 10
    lepel = list(ends.y).index("Lepel")
    assert ends.hovertext[lepel] == "Lepel<br>no later record (last fact: 2009)"


def test_lines_follow_the_recorded_statuses(living):
    documents, record = living
    figure = timeline_figure(documents, "en", TODAY, record)
    # Braniewo: no status until its termination; nothing while ended; active once resumed,
    # up to its last activity (a project known to the year: the middle of 2025).
    assert lines_of(figure, "no status recorded")["Braniewo Urban Commune"] == [
        (dt.date(2004, 8, 7), dt.date(2022, 3, 15))
    ]
    assert lines_of(figure, "active")["Braniewo Urban Commune"] == [
        (dt.date(2024, 5, 1), dt.date(2025, 7, 2))
    ]
    assert lines_of(figure, "active")["Neringa Municipality"] == [
        (dt.date(1996, 2, 8), dt.date(2025, 8, 2))
    ]
    # Mrągowo ends at its termination: no line after it and no "no later record" mark.
    assert lines_of(figure, "no status recorded")["Mrągowo"] == [
        (dt.date(2011, 4, 4), dt.date(2022, 4, 27))
    ]
    ends = next(trace for trace in figure.data if trace.name == "no later record")
    assert "Mrągowo" not in ends.y
    assert "Pinneberg District" in ends.y  # suspended, and nothing recorded since
    # The changes and the activities are marked on the lines.
    ended = next(trace for trace in figure.data if trace.name == "change of status: ended")
    assert sorted(ended.y) == ["Braniewo Urban Commune", "Mrągowo"]
    activities = next(trace for trace in figure.data if trace.name == "contact or joint work")
    assert len(activities.x) == 5
    assert "delegation visit: Neringa delegation at the Town Day" in activities.hovertext[2]


def test_a_view_ending_earlier_reads_the_record_as_it_stood_then(living):
    documents, record = living
    figure = timeline_figure(documents, "en", dt.date(2021, 12, 31), record)
    assert lines_of(figure, "no status recorded")["Braniewo Urban Commune"] == [
        (dt.date(2004, 8, 7), dt.date(2018, 5, 12))  # its last contact by then
    ]
    assert not any(trace.name == "change of status: ended" for trace in figure.data)


def test_chart_config_writes_dates_in_the_readers_language():
    config = chart_config("timeline", "ru")
    assert config["locale"] == "ru"
    names = config["locales"]["ru"]["format"]
    assert names["months"][2] == "март"  # stand-alone: «март 2009», not «марта 2009»
    assert names["shortMonths"][0] == "янв."
    assert names["days"][0] == "воскресенье"  # plotly's week starts on Sunday
    assert config["toImageButtonOptions"]["filename"] == "timeline"


@pytest.mark.parametrize(
    ("lang", "download", "reset"),
    [
        ("ru", "Скачать график (PNG)", "Вернуть исходный вид"),
        ("en", "Download the chart (PNG)", "Back to the first view"),
        ("de", "Diagramm herunterladen (PNG)", "Zur ersten Ansicht zurück"),
    ],
)
def test_chart_config_gives_the_toolbar_the_readers_language(lang, download, reset):
    # Plotly looks its texts up by its own English; a key it does not know stays English.
    dictionary = chart_config("timeline", lang)["locales"][lang]["dictionary"]
    assert dictionary["Download plot as a png"] == download
    assert dictionary["Reset axes"] == reset
    assert dictionary["Download plot as a PNG"] == download  # plotly.js 3 writes PNG
    assert len(dictionary) == 9


def test_growth_steps_up_to_ten_partners(documents):
    figure = growth_figure(documents, "en")
    line = figure.data[0]
    assert list(line.y) == list(range(1, 11))  # ends at the tenth partner, not run on to today
    assert line.line.shape == "hv"
    assert pd.Timestamp(line.x[-1]).date() == dt.date(2016, 4, 21)  # Elbląg County's first
    assert line.hovertext[0].startswith("Pinneberg District: first document, 14 October 1991")


def test_growth_of_a_large_registry_steps_once_a_year(documents):
    # 99 partners (more than a timeline can show as rows): one point per year at its end,
    # which is all a date known only to the year allows; the count is the same.
    many = pd.concat([documents] * 9, ignore_index=True)
    many["partner_id"] = [f"p{index}" for index in range(len(many))]
    firsts = many.sort_values("signed_start", kind="stable").drop_duplicates("partner_id")
    line = growth_figure(many, "ru").data[0]
    years = sorted(set(firsts["signed_start"].dt.year))
    assert [pd.Timestamp(x).date() for x in line.x] == [dt.date(y, 12, 31) for y in years]
    assert line.y[-1] == firsts["partner_id"].nunique() == 99
    assert line.hovertext[-1] == "На конец 2016 года: 99 партнёров"


@pytest.mark.parametrize(
    ("build", "lang", "labels", "partners", "documents_counted", "title"),
    [
        (country_figure, "ru", ["Польша", "Германия", "Беларусь", "Литва"], [5, 3, 1, 1],
         [6, 3, 1, 1], "По странам"),
        (country_figure, "en", ["Poland", "Germany", "Belarus", "Lithuania"], [5, 3, 1, 1],
         [6, 3, 1, 1], "By country"),
        (decade_figure, "ru", ["1990-е", "2000-е", "2010-е"], [2, 4, 5], [2, 4, 5],
         "По десятилетиям подписания"),
        (decade_figure, "en", ["1990s", "2000s", "2010s"], [2, 4, 5], [2, 4, 5],
         "By decade signed"),
    ],
)  # fmt: skip
def test_breakdown_bars(documents, build, lang, labels, partners, documents_counted, title):
    figure = build(documents, lang)
    by_name = {trace.name: trace for trace in figure.data}
    partners_name, documents_name = (
        ("Партнёры", "Документы") if lang == "ru" else ("Partners", "Documents")
    )
    assert list(by_name[partners_name].y) == labels
    assert list(by_name[partners_name].x) == partners
    assert list(by_name[documents_name].x) == documents_counted
    assert list(by_name[documents_name].text) == documents_counted  # values written on bars
    assert figure.layout.title.text == title


def test_document_type_bars(documents):
    figure = document_type_figure(documents, "en")
    # Long labels wrap instead of being cut on a narrow chart.
    assert list(figure.data[0].y)[:2] == ["Cooperation<br>agreement", "Cooperation treaty"]
    assert list(figure.data[1].x) == [4, 2, 3, 1, 1]


def test_timeline_of_many_partners_counts_documents_per_year(documents):
    many = pd.concat([documents] * 10, ignore_index=True)
    many["partner_id"] = [f"p{index}" for index in range(len(many))]  # 110 partners
    figure = timeline_figure(many, "en", dt.date(2026, 11, 26))
    assert figure.layout.title.text == "Documents by year signed (too many partners for a row each)"
    assert {trace.type for trace in figure.data} == {"bar"}
    # Every document is counted once, in the bar of its year and type.
    assert sum(int(sum(trace.y)) for trace in figure.data) == len(many)
    by_year = {}
    for trace in figure.data:
        for year, count in zip(trace.x, trace.y, strict=True):
            by_year[int(year)] = by_year.get(int(year), 0) + int(count)
    assert by_year[2009] == 30  # Bisztynek, Lepel and Wolin, ten times


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("Poland", "Poland"),  # short: as it is
        ("Cooperation treaty", "Cooperation treaty"),  # exactly at the width: one line
        (
            "Соглашение о партнёрском сотрудничестве",
            "Соглашение о<br>партнёрском<br>сотрудничестве",
        ),
        ("", ""),  # nothing to wrap
    ],
)
def test_long_labels_wrap_at_words(label, expected):
    assert wrap_label(label) == expected


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("Wolin", "Wolin"),
        # Plotly reads these tags in labels and hover text: escaped, they show as typed.
        ('<a href="http://e.example">x</a>', '&lt;a href="http://e.example"&gt;x&lt;/a&gt;'),
        ("<b>b</b><br>", "&lt;b&gt;b&lt;/b&gt;&lt;br&gt;"),
        ("A & B", "A &amp; B"),
    ],
)
def test_names_reach_plotly_as_text(name, shown):
    assert plotly_text(name) == shown


def test_timeline_rows_and_hover_carry_no_markup_from_names(documents):
    hostile = documents.copy()
    hostile["partner_en"] = hostile["partner_en"].astype(object)
    hostile.loc[hostile["partner_id"] == "wolin", "partner_en"] = "<b>Wolin</b>"
    figure = timeline_figure(hostile, "en", TODAY)
    assert "&lt;b&gt;Wolin&lt;/b&gt;" in figure.layout.yaxis.categoryarray
    hover = [text for trace in figure.data for text in (trace.hovertext or ())]
    assert any(text.startswith("&lt;b&gt;Wolin") for text in hover)
    assert not any("<b>" in text for text in hover)


@pytest.mark.parametrize(
    ("on_screen", "legend_px"),
    [
        # On screen a phone draws one entry per row: room for every entry (7 in the
        # published table: the status line, the "no later record" mark, 5 document types).
        (True, 7 * LEGEND_ENTRY_PX),
        # Paper is always 1000 px wide, where the entries share rows: the shared room.
        (False, LEGEND_MAX_HEIGHT_PX + TIMELINE_LEGEND_EXTRA_PX),
    ],
)
def test_the_timelines_legend_has_room_for_every_entry(documents, on_screen, legend_px):
    figure = timeline_figure(documents, "ru", TODAY, legend_one_per_row=on_screen)
    assert legend_entries(figure) == 7
    assert figure.layout.legend.maxheight == legend_px
    assert figure.layout.margin.b >= legend_px + (DATE_AXIS_PX if on_screen else 0)
