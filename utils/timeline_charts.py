# Plotly figures over time: the timeline of documents (a row per partner, or documents per
# year for a large registry) and the growth of the network.
from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.graph_objects as go

from utils.charts import (
    CHART_MARGIN_PX,
    MARKER_SIZE,
    ROW_HEIGHT_PX,
    chart_layout,
    count_tick,
    plotly_text,
)  # fmt: skip
from utils.i18n import count_of, format_signed, t
from utils.registry import (
    DOCUMENT_TYPE,
    DOCUMENT_TYPES,
    PARTNER_EN,
    PARTNER_ID,
    PARTNER_LOCAL,
    PARTNER_RU,
    SIGNED,
    SIGNED_PRECISION,
    SIGNED_START,
    SIGNED_YEAR,
)
from utils.stats import DATE, PARTNERS, PARTNERS_SO_FAR, partners_over_time
from utils.style import DOCUMENT_TYPE_COLORS, DOCUMENT_TYPE_SYMBOLS, MEASURE_COLORS
from utils.tables import partner_name

TIMELINE_ROWS = 80  # partners a timeline can show as rows and still be read
LIFELINE_COLOR = "#B8BEC6"
# A date known to the month or the year covers that whole period on the axis.
PERIOD_CAP_PX = 14  # half the height of a period's end marks: beyond a marker's radius
PERIOD_ENDS = {"month": pd.DateOffset(months=1), "year": pd.DateOffset(years=1)}


def period(signed_start: pd.Timestamp, precision: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    """Return the first and last moment of the day, month or year a date names."""
    if precision in PERIOD_ENDS:
        return signed_start, signed_start + PERIOD_ENDS[precision] - pd.Timedelta(days=1)
    return signed_start, signed_start


def period_middle(signed_start: pd.Timestamp, precision: str) -> pd.Timestamp:
    """Return where a date's marker goes: the day itself, or the middle of its month or year."""
    first, last = period(signed_start, precision)
    return first + (last - first) / 2


def documents_per_year_figure(documents: pd.DataFrame, lang: str) -> go.Figure:
    """Stacked bars of the documents signed each year, by document type."""
    figure = go.Figure()
    for kind in DOCUMENT_TYPES:
        of_kind = documents[documents[DOCUMENT_TYPE].astype(str) == kind]
        if of_kind.empty:
            continue
        per_year = of_kind.groupby(SIGNED_YEAR).size()
        name = t(f"document_type.{kind}", lang)
        figure.add_trace(
            go.Bar(
                x=per_year.index,
                y=per_year.to_numpy(),
                name=name,
                marker_color=DOCUMENT_TYPE_COLORS[kind],
                hovertemplate="%{x}: %{y}<extra>" + name + "</extra>",
            )
        )
    figure.update_layout(barmode="stack")
    figure.update_yaxes(title_text=t("breakdowns.count", lang), rangemode="tozero")
    return chart_layout(figure, t("timeline.per_year", lang), CHART_MARGIN_PX + 360)


def timeline_has_rows(documents: pd.DataFrame) -> bool:
    """Tell whether the timeline draws a row per partner (few enough to read them)."""
    return documents[PARTNER_ID].nunique() <= TIMELINE_ROWS


def timeline_figure(documents: pd.DataFrame, lang: str, until: dt.date) -> go.Figure:
    """One row per partner, a marker per document by type, a line from the first document on.

    Dates known only to the month or year are drawn over that whole period, with a
    hollow marker in its middle, and the hover text says how precise the date is.
    The partners' lines run to `until`: today, or the end of the years shown.
    Beyond TIMELINE_ROWS partners a row each cannot be read: the documents are counted
    per year instead (documents_per_year_figure).
    """
    if not timeline_has_rows(documents):
        return documents_per_year_figure(documents, lang)
    ordered = documents.sort_values(SIGNED_START, kind="stable")
    names = {
        pid: plotly_text(partner_name(row, lang))
        for pid, row in ordered.groupby(PARTNER_ID).first().iterrows()
    }
    rows = list(dict.fromkeys(names[pid] for pid in ordered[PARTNER_ID]))
    end_of_axis = pd.Timestamp(until)
    figure = go.Figure()

    lifeline_x: list = []
    lifeline_y: list = []
    for pid, first_start in ordered.groupby(PARTNER_ID, sort=False)[SIGNED_START].min().items():
        lifeline_x += [first_start, end_of_axis, None]
        lifeline_y += [names[pid], names[pid], None]
    figure.add_trace(
        go.Scatter(
            x=lifeline_x,
            y=lifeline_y,
            mode="lines",
            line={"color": LIFELINE_COLOR, "width": 3},
            hoverinfo="skip",
            showlegend=False,
        )
    )

    for kind in DOCUMENT_TYPES:
        of_kind = ordered[ordered[DOCUMENT_TYPE].astype(str) == kind]
        if of_kind.empty:
            continue
        color = DOCUMENT_TYPE_COLORS[kind]
        marker_x, marker_y, symbols, hover = [], [], [], []
        span_x: list = []
        span_y: list = []
        for _, row in of_kind.iterrows():
            precision = str(row[SIGNED_PRECISION])
            name = names[row[PARTNER_ID]]
            if precision in PERIOD_ENDS:
                first, last = period(row[SIGNED_START], precision)
                span_x += [first, last, None]
                span_y += [name, name, None]
            marker_x.append(period_middle(row[SIGNED_START], precision))
            marker_y.append(name)
            symbol = DOCUMENT_TYPE_SYMBOLS[kind]
            symbols.append(symbol if precision == "day" else f"{symbol}-open")
            hover.append(
                f"{name}<br>{t(f'document_type.{kind}', lang)}<br>"
                f"{format_signed(row[SIGNED], precision, lang)} "
                f"({t(f'precision.{precision}', lang)})"
            )
        if span_x:
            # A date known to the month or year spans that period: a bar with end marks
            # that stand out above and below the marker, however short the period is on
            # the axis (a month is a few pixels).
            figure.add_trace(
                go.Scatter(
                    x=span_x,
                    y=span_y,
                    mode="lines+markers",
                    line={"color": color, "width": 4},
                    marker={
                        "symbol": "line-ns-open",
                        "size": 2 * PERIOD_CAP_PX,
                        "line": {"width": 3, "color": color},
                    },
                    hoverinfo="skip",
                    showlegend=False,
                    legendgroup=kind,
                )
            )
        # The legend's entry is drawn solid even if this type's first date is imprecise.
        figure.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                name=t(f"document_type.{kind}", lang),
                legendgroup=kind,
                marker={"color": color, "symbol": DOCUMENT_TYPE_SYMBOLS[kind], "size": MARKER_SIZE},
            )
        )
        figure.add_trace(
            go.Scatter(
                x=marker_x,
                y=marker_y,
                mode="markers",
                name=t(f"document_type.{kind}", lang),
                legendgroup=kind,
                showlegend=False,
                marker={
                    "color": color,
                    "symbol": symbols,
                    "size": MARKER_SIZE,
                    "line": {"width": 2, "color": color},
                },
                hovertext=hover,
                hoverinfo="text",
            )
        )
    figure.update_xaxes(title_text=t("timeline.date", lang), type="date", showgrid=True)
    figure.update_yaxes(categoryorder="array", categoryarray=rows[::-1], title_text=None)
    return chart_layout(
        figure, t("timeline.documents", lang), CHART_MARGIN_PX + ROW_HEIGHT_PX * len(rows)
    )


# What the growth chart's hover text reads of each partner.
GROWTH_HOVER_COLUMNS = (
    PARTNER_RU, PARTNER_LOCAL, PARTNER_EN, SIGNED, SIGNED_PRECISION, PARTNERS_SO_FAR,
)  # fmt: skip


def growth_figure(documents: pd.DataFrame, lang: str, until: dt.date) -> go.Figure:
    """The number of partners so far, stepping up at each partner's first document, to `until`.

    Beyond TIMELINE_ROWS partners a point per partner cannot be read (nor sent quickly):
    the line steps once a year, at the year's end, which every date's precision allows.
    """
    growth = partners_over_time(documents)
    if len(growth) > TIMELINE_ROWS:
        by_year = growth.groupby(growth[DATE].dt.year)[PARTNERS_SO_FAR].max()
        dates = [pd.Timestamp(year=int(year), month=12, day=31) for year in by_year.index]
        counts = [int(count) for count in by_year]
        hover = [
            t("timeline.at_year_end", lang, year=int(year), partners=count_of("partners", n, lang))
            for year, n in zip(by_year.index, counts, strict=True)
        ]
    else:
        dates = list(growth[DATE])
        counts = list(growth[PARTNERS_SO_FAR])
        hover = [
            t(
                "timeline.joined",
                lang,
                partner=plotly_text(partner_name(row, lang)),
                date=format_signed(row[SIGNED], row[SIGNED_PRECISION], lang),
            )
            + f"<br>{t('timeline.partners', lang)}: {row[PARTNERS_SO_FAR]}"
            for row in growth[list(GROWTH_HOVER_COLUMNS)].to_dict("records")
        ]
    figure = go.Figure(
        go.Scatter(
            x=[*dates, pd.Timestamp(until)],
            y=[*counts, len(growth)],
            mode="lines+markers",
            line={"shape": "hv", "width": 3, "color": MEASURE_COLORS[PARTNERS]},
            marker={"size": [10] * len(dates) + [0]},
            hovertext=[*hover, ""],
            hoverinfo="text",
            showlegend=False,
        )
    )
    figure.update_xaxes(title_text=t("timeline.date", lang), type="date")
    figure.update_yaxes(
        title_text=t("timeline.partners", lang), rangemode="tozero", dtick=count_tick(len(growth))
    )
    return chart_layout(figure, t("timeline.growth", lang), 420)
