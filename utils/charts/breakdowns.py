# Bars of partners and documents by country, by document type and by decade of signing.
from __future__ import annotations

import textwrap

import pandas as pd
import plotly.graph_objects as go

from utils.charts.layout import CHART_MARGIN_PX, FONT, chart_layout, count_tick
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

BAR_HEIGHT_PX = 64


LABEL_WRAP_CHARS = 18


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
