# What every chart shares: large type for a projector, the legend below, the toolbar and the
# date axis in the reader's language, and the PNG download at print quality.
from __future__ import annotations

import plotly.graph_objects as go
from babel import Locale

from utils.i18n import t

FONT = {"size": 16}
MARKER_SIZE = 16
ROW_HEIGHT_PX = 46
CHART_MARGIN_PX = 220
SMALL_COUNT = 12
LEGEND_MAX_HEIGHT_PX = 120  # a bar's label wraps instead of being cut on a narrow chart
LEGEND_ENTRY_PX = 33  # one legend entry's row at FONT's size
# Below the plot, what the date axis takes: its years (upright on a phone) and its title.
DATE_AXIS_PX = 100


def count_tick(largest: int) -> int | None:
    """Tick every whole number on short count axes (no 0.5 partners); plotly decides beyond."""
    return 1 if largest <= SMALL_COUNT else None


# Plotly's own texts (its English, as its locale dictionaries key them) and our catalogue's
# keys for them: the toolbar's button titles and the hint after a zoom.
PLOTLY_TEXTS = {
    "Download plot as a png": "chart.tool.download",  # plotly.js before 3
    "Download plot as a PNG": "chart.tool.download",
    "Zoom": "chart.tool.zoom",
    "Pan": "chart.tool.pan",
    "Zoom in": "chart.tool.zoom_in",
    "Zoom out": "chart.tool.zoom_out",
    "Autoscale": "chart.tool.autoscale",
    "Reset axes": "chart.tool.reset",
    "Double-click to zoom back out": "chart.tool.double_click",
}


def chart_config(file_name: str, lang: str) -> dict:
    """Return plotly's settings: PNG download at print quality, no logo, dates in `lang`.

    Plotly writes month names on a zoomed date axis, and its toolbar, in English unless
    given a locale; Babel's names and the catalogue's texts are passed in the config, so no
    locale script has to be loaded.
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
        "locales": {
            lang: {
                "format": format_names,
                "dictionary": {text: t(key, lang) for text, key in PLOTLY_TEXTS.items()},
            }
        },
    }


def legend_entries(figure: go.Figure) -> int:
    """Count the entries a figure's legend shows."""
    return sum(1 for trace in figure.data if trace.showlegend is not False and trace.name)


def legend_under_axis(figure: go.Figure, legend_px: int) -> go.Figure:
    """Hang the legend from just below the date axis, with room for one entry per row.

    On a phone each entry takes a row of its own; on a wider screen they share rows and the
    room left over is blank below the legend, not between the axis and it.
    """
    height = figure.layout.height
    legend_top_px = figure.layout.margin.b - DATE_AXIS_PX  # from the chart's bottom edge
    figure.update_layout(
        legend={"yanchor": "top", "y": legend_top_px / height, "maxheight": legend_px}
    )
    return figure


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
