# The timeline's document marks: a marker per document in its type's colour and symbol,
# hollow and spanning its period when the date is known only to the month or year, dotted
# when the document comes from a source beyond the published table.
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from utils.charts.layout import MARKER_SIZE
from utils.data.provenance import SOURCE_PUBLISHER, from_other_sources
from utils.data.registry import PARTNER_ID, SIGNED, SIGNED_PRECISION, SIGNED_START
from utils.escaping import plotly_text
from utils.i18n import format_signed, t
from utils.style import DOCUMENT_TYPE_COLORS, DOCUMENT_TYPE_SYMBOLS

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


RECORD_MARK_COLOR = "#3B4A5A"  # changes of status, activities, the other-source legend
OTHER_SOURCE_DOT_COLOR = "#FFFFFF"


def add_documents(
    figure: go.Figure, of_kind: pd.DataFrame, kind: str, names: dict[str, str], lang: str
) -> None:
    """Draw the documents of one type: a marker each, and the period of an imprecise date."""
    color = DOCUMENT_TYPE_COLORS[kind]
    marker_x, marker_y, symbols, hover, outlines = [], [], [], [], []
    span_x: list = []
    span_y: list = []
    other_source = from_other_sources(of_kind).tolist()
    for (_, row), reported in zip(of_kind.iterrows(), other_source, strict=True):
        precision = str(row[SIGNED_PRECISION])
        name = names[row[PARTNER_ID]]
        if precision in PERIOD_ENDS:
            first, last = period(row[SIGNED_START], precision)
            span_x += [first, last, None]
            span_y += [name, name, None]
        marker_x.append(period_middle(row[SIGNED_START], precision))
        marker_y.append(name)
        symbol = DOCUMENT_TYPE_SYMBOLS[kind]
        symbol = symbol if precision == "day" else f"{symbol}-open"
        # Another source's document has a dot in its centre (white on a solid marker).
        symbols.append(f"{symbol}-dot" if reported else symbol)
        outlines.append(OTHER_SOURCE_DOT_COLOR if reported else color)
        text = (
            f"{name}<br>{t(f'document_type.{kind}', lang)}<br>"
            f"{format_signed(row[SIGNED], precision, lang)} "
            f"({t(f'precision.{precision}', lang)})"
        )
        if reported:
            publisher = plotly_text(str(row[SOURCE_PUBLISHER]))
            text = f"{text}<br>{t('source.reported_by', lang, source=publisher)}"
        hover.append(text)
    if span_x:
        # A date known to the month or year spans that period: a bar with end marks that
        # stand out above and below the marker, however short the period is on the axis
        # (a month is a few pixels).
        figure.add_trace(
            go.Scatter(
                x=span_x, y=span_y, mode="lines+markers",
                line={"color": color, "width": 4},
                marker={"symbol": "line-ns-open", "size": 2 * PERIOD_CAP_PX,
                        "line": {"width": 3, "color": color}},
                hoverinfo="skip", showlegend=False, legendgroup=kind,
            )
        )  # fmt: skip
    # The legend's entry is drawn solid even if this type's first date is imprecise.
    figure.add_trace(
        go.Scatter(
            x=[None], y=[None], mode="markers", name=t(f"document_type.{kind}", lang),
            legendgroup=kind,
            marker={"color": color, "symbol": DOCUMENT_TYPE_SYMBOLS[kind], "size": MARKER_SIZE},
        )
    )  # fmt: skip
    figure.add_trace(
        go.Scatter(
            x=marker_x, y=marker_y, mode="markers", name=t(f"document_type.{kind}", lang),
            legendgroup=kind, showlegend=False,
            marker={"color": color, "symbol": symbols, "size": MARKER_SIZE,
                    "line": {"width": 2, "color": outlines}},
            hovertext=hover, hoverinfo="text",
        )
    )  # fmt: skip


def add_other_source_legend(figure: go.Figure, lang: str) -> None:
    """One legend entry for the dot that marks a document from a source beyond the page."""
    figure.add_trace(
        go.Scatter(
            x=[None], y=[None], mode="markers", name=t("timeline.other_source", lang),
            marker={"color": RECORD_MARK_COLOR, "symbol": "circle-dot", "size": MARKER_SIZE,
                    "line": {"width": 2, "color": OTHER_SOURCE_DOT_COLOR}},
        )
    )  # fmt: skip
