# Plotly figures: the breakdowns by country, document type and decade, and what every
# chart shares (layout, fonts, the toolbar in the reader's language, safe text).
from __future__ import annotations

import html
import textwrap

import pandas as pd
import plotly.graph_objects as go
from babel import Locale

from utils.i18n import country_name, t
from utils.style import MEASURE_COLORS
from utils.views.stats import (
    DOCUMENTS,
    GROUP,
    PARTNERS,
    counts_by_country,
    counts_by_decade,
    counts_by_document_type,
)

FONT = {"size": 16}
MARKER_SIZE = 16
ROW_HEIGHT_PX = 46
BAR_HEIGHT_PX = 64
CHART_MARGIN_PX = 220
SMALL_COUNT = 12
LABEL_WRAP_CHARS = 18
LEGEND_MAX_HEIGHT_PX = 120  # a bar's label wraps instead of being cut on a narrow chart


def count_tick(largest: int) -> int | None:
    """Tick every whole number on short count axes (no 0.5 partners); plotly decides beyond."""
    return 1 if largest <= SMALL_COUNT else None


def chart_config(file_name: str, lang: str) -> dict:
    """Return plotly's settings: PNG download at print quality, no logo, dates in `lang`.

    Plotly writes month names on a zoomed date axis in English unless given a locale;
    Babel's names are passed in the config, so no locale script has to be loaded.
    """
    names = Locale.parse(lang)
    months = names.months["stand-alone"]
    days = names.days["stand-alone"]
    format_names = {
        "months": [months["wide"][number] for number in range(1, 13)],
        "shortMonths": [months["abbreviated"][number] for number in range(1, 13)],
        # CLDR counts days from Monday (0); plotly, like d3, from Sunday.
        "days": [days["wide"][(number + 6) % 7] for number in range(7)],
        "shortDays": [days["abbreviated"][(number + 6) % 7] for number in range(7)],
    }
    return {
        "displaylogo": False,
        "toImageButtonOptions": {"format": "png", "filename": file_name, "scale": 2},
        "modeBarButtonsToRemove": ["select2d", "lasso2d"],
        "locale": lang,
        "locales": {lang: {"format": format_names}},
    }


def chart_layout(
    figure: go.Figure, title: str, height: int, legend_px: int = LEGEND_MAX_HEIGHT_PX
) -> go.Figure:
    """Apply the shared look: large type, title, legend below (`legend_px` high at most)."""
    figure.update_layout(
        title={"text": title, "font": {"size": 20}},
        font=FONT,
        height=height,
        template="plotly_white",
        margin={"l": 10, "r": 30, "t": 70, "b": legend_px + 10},
        # Below the axis: a legend of long Russian names wraps to two lines and would run
        # into the title above the chart.
        # From the chart's left edge, not the plot's (long axis labels leave it little
        # room on a phone); entries that still wrap get rows enough, never a scroller.
        legend={
            "orientation": "h",
            "xref": "container",
            "yref": "container",
            "yanchor": "bottom",
            "y": 0.01,
            "x": 0,
            "maxheight": legend_px,
            "valign": "top",
        },
        hoverlabel={"font_size": 15},
    )
    # Streamlit's chart theme sets smaller axis and legend type; a projector needs larger.
    figure.update_xaxes(tickfont={"size": FONT["size"]}, title_font={"size": FONT["size"]})
    figure.update_yaxes(tickfont={"size": FONT["size"]}, title_font={"size": FONT["size"]})
    figure.update_layout(legend_font={"size": FONT["size"]})
    return figure


def counts_figure(counts: pd.DataFrame, labels: list[str], title: str, lang: str) -> go.Figure:
    """Horizontal bars of partners and documents per group, with the values written on them."""
    labels = [wrap_label(label) for label in labels]
    figure = go.Figure()
    for measure in (PARTNERS, DOCUMENTS):
        figure.add_trace(
            go.Bar(
                y=labels,
                x=counts[measure],
                name=t(f"measure.{measure}", lang),
                orientation="h",
                marker_color=MEASURE_COLORS[measure],
                text=counts[measure],
                textposition="outside",
                textfont={"size": FONT["size"]},
                cliponaxis=False,
                hovertemplate="%{y}: %{x}<extra>" + t(f"measure.{measure}", lang) + "</extra>",
            )
        )
    figure.update_layout(barmode="group", bargap=0.25)
    figure.update_yaxes(autorange="reversed")
    figure.update_xaxes(
        title_text=t("breakdowns.count", lang),
        rangemode="tozero",
        dtick=count_tick(int(counts[[PARTNERS, DOCUMENTS]].to_numpy().max(initial=0))),
    )
    return chart_layout(figure, title, CHART_MARGIN_PX + BAR_HEIGHT_PX * len(labels))


def plotly_text(text: str) -> str:
    """Escape text from the data for plotly, which reads <a>, <b>, <span style> and <br>."""
    return html.escape(text, quote=False)


def wrap_label(label: str, width: int = LABEL_WRAP_CHARS) -> str:
    """Break a long axis label into lines of about `width` characters (plotly's <br>)."""
    return "<br>".join(textwrap.wrap(label, width)) or label


def country_figure(documents: pd.DataFrame, lang: str) -> go.Figure:
    """Partners and documents per country."""
    counts = counts_by_country(documents)
    labels = [country_name(code, lang) for code in counts[GROUP]]
    return counts_figure(counts, labels, t("breakdowns.country", lang), lang)


def document_type_figure(documents: pd.DataFrame, lang: str) -> go.Figure:
    """Partners and documents per document type."""
    counts = counts_by_document_type(documents)
    labels = [t(f"document_type.{kind}", lang) for kind in counts[GROUP]]
    return counts_figure(counts, labels, t("breakdowns.document_type", lang), lang)


def decade_figure(documents: pd.DataFrame, lang: str) -> go.Figure:
    """Partners and documents per decade of signing."""
    counts = counts_by_decade(documents)
    labels = [t("decade", lang, decade=decade) for decade in counts[GROUP]]
    return counts_figure(counts, labels, t("breakdowns.decade", lang), lang)
