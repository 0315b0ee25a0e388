# The network's growth: partners so far, stepping up at each partner's first document.
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from utils.charts.layout import chart_layout, count_tick
from utils.charts.timeline import TIMELINE_ROWS
from utils.data.registry import PARTNER_EN, PARTNER_LOCAL, PARTNER_RU, SIGNED, SIGNED_PRECISION
from utils.escaping import plotly_text
from utils.i18n import count_of, format_signed, t
from utils.style import MEASURE_COLORS
from utils.views.stats import DATE, PARTNERS, PARTNERS_SO_FAR, partners_over_time
from utils.views.tables import partner_name

# What the growth chart's hover text reads of each partner.
GROWTH_HOVER_COLUMNS = (
    PARTNER_RU, PARTNER_LOCAL, PARTNER_EN, SIGNED, SIGNED_PRECISION, PARTNERS_SO_FAR,
)  # fmt: skip


def growth_figure(documents: pd.DataFrame, lang: str) -> go.Figure:
    """The number of partners so far, stepping up at each partner's first document.

    The line ends at the last partner's first document: drawn on to today it read as "ten
    ties today", which no document says.

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
            x=dates,
            y=counts,
            mode="lines+markers",
            line={"shape": "hv", "width": 3, "color": MEASURE_COLORS[PARTNERS]},
            marker={"size": 10},
            hovertext=hover,
            hoverinfo="text",
            showlegend=False,
        )
    )
    figure.update_xaxes(title_text=t("timeline.date", lang), type="date")
    figure.update_yaxes(
        title_text=t("timeline.partners", lang), rangemode="tozero", dtick=count_tick(len(growth))
    )
    return chart_layout(figure, t("timeline.growth", lang), 420)
