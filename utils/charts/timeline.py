# The timeline of documents: a row per partner with its documents at their dates' precision
# and a line over what the record knows; for a large registry, documents per year instead.
from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.graph_objects as go

from utils.charts.document_marks import (
    PERIOD_CAP_PX,
    RECORD_MARK_COLOR,
    add_documents,
    add_other_source_legend,
    period_middle,
)
from utils.charts.layout import (
    CHART_MARGIN_PX,
    DATE_AXIS_PX,
    LEGEND_ENTRY_PX,
    LEGEND_MAX_HEIGHT_PX,
    MARKER_SIZE,
    ROW_HEIGHT_PX,
    chart_layout,
    legend_entries,
    legend_under_axis,
)
from utils.data.provenance import from_other_sources
from utils.data.record import (
    ACTIVE,
    DATE_PRECISION,
    FACT_DATE,
    FACT_PRECISION,
    KIND,
    SINCE,
    SINCE_PRECISION,
    START,
    STATUS,
    STATUS_CHOICES,
    SUSPENDED,
    TERMINATED,
    TITLE_EN,
    TITLE_RU,
    UNRECORDED,
    Record,
    last_facts,
    until,
)
from utils.data.record import DATE as ACTIVITY_DATE
from utils.data.registry import (
    DOCUMENT_TYPE,
    DOCUMENT_TYPES,
    HOME_ID,
    PARTNER_ID,
    SIGNED_START,
    SIGNED_YEAR,
)
from utils.escaping import plotly_text
from utils.i18n import english_data, format_signed, t
from utils.style import DOCUMENT_TYPE_COLORS, STATUS_LINES
from utils.views.tables import partner_name

TIMELINE_ROWS = 80  # partners a timeline can show as rows and still be read
# The timeline's legend names the statuses and marks too: room for two more rows of it.
TIMELINE_LEGEND_EXTRA_PX = 70


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


# Marks on a partner's line: a change to each status, an activity, the end of the record.
STATUS_SYMBOLS = {ACTIVE: "triangle-right", SUSPENDED: "hourglass", TERMINATED: "x"}
ACTIVITY_SYMBOL = "cross"
LAST_RECORD_SYMBOL = "line-ns"  # a faint bar where the record stops
LAST_RECORD_COLOR = "#8A9099"


def _status_segments(
    first: pd.Timestamp, end: pd.Timestamp, changes: list[dict]
) -> list[tuple[str, pd.Timestamp, pd.Timestamp]]:
    """Cut a partner's known span into (status, start, end) pieces; nothing after an ending."""
    pieces = []
    status, start = UNRECORDED, first
    for change in changes:
        since = max(change[START], first)
        if since > start and status != TERMINATED:
            pieces.append((status, start, min(since, end)))
        status, start = str(change[STATUS]), since
    if status != TERMINATED and end > start:
        pieces.append((status, start, end))
    return pieces


def _add_lifelines(
    figure: go.Figure,
    ordered: pd.DataFrame,
    names: dict[str, str],
    record: Record,
    lang: str,
) -> None:
    """Draw each partner's line over its known span, its status changes and its activities."""
    changes = until(record.changes, record.day)
    activities = until(record.activities, record.day)
    facts = last_facts(ordered, changes, activities)
    first_rows = ordered.drop_duplicates(PARTNER_ID)
    by_partner = {
        partner: group.to_dict("records") for partner, group in changes.groupby(PARTNER_ID)
    }
    lines: dict[str, tuple[list, list]] = {status: ([], []) for status in STATUS_LINES}
    ends: dict[str, list] = {"x": [], "y": [], "text": []}
    for partner, home, first in zip(
        first_rows[PARTNER_ID], first_rows[HOME_ID], first_rows[SIGNED_START], strict=True
    ):
        fact = facts.loc[(str(home), str(partner))]
        end = period_middle(fact[START], str(fact[FACT_PRECISION]))
        partner_changes = [c for c in by_partner.get(partner, []) if c[HOME_ID] == home]
        name = names[partner]
        for status, start, stop in _status_segments(first, end, partner_changes):
            xs, ys = lines[status]
            xs += [start, stop, None]
            ys += [name, name, None]
        if not partner_changes or str(partner_changes[-1][STATUS]) != TERMINATED:
            date = format_signed(str(fact[FACT_DATE]), str(fact[FACT_PRECISION]), lang)
            ends["x"].append(end)
            ends["y"].append(name)
            ends["text"].append(f"{name}<br>{t('timeline.no_later_record', lang, date=date)}")
    for status, (xs, ys) in lines.items():
        if xs:
            figure.add_trace(
                go.Scatter(
                    x=xs, y=ys, mode="lines", line=STATUS_LINES[status], hoverinfo="skip",
                    name=t(f"status.{status}", lang), legendgroup=f"status-{status}",
                    showlegend=False,
                )
            )  # fmt: skip
    if ends["x"]:
        figure.add_trace(
            go.Scatter(
                x=ends["x"], y=ends["y"], mode="markers", name=t("timeline.record_ends", lang),
                marker={"symbol": LAST_RECORD_SYMBOL, "size": 2 * PERIOD_CAP_PX,
                        "line": {"width": 2, "color": LAST_RECORD_COLOR}},
                hovertext=ends["text"], hoverinfo="text",
            )
        )  # fmt: skip
    _add_record_marks(figure, changes, activities, names, lang)
    drawn = {status for status, (xs, _) in lines.items() if xs}
    marked = set(changes[STATUS].astype(str)) & set(STATUS_SYMBOLS)
    _add_status_legend(figure, drawn, marked, lang)


def _add_status_legend(figure: go.Figure, drawn: set[str], marked: set[str], lang: str) -> None:
    """One legend entry per status: its line and the mark of a change to it, together."""
    for status in STATUS_CHOICES:
        if status not in drawn | marked:
            continue
        has_line, has_mark = status in drawn, status in marked
        figure.add_trace(
            go.Scatter(
                x=[None], y=[None], name=t(f"status.{status}", lang),
                legendgroup=f"status-{status}",
                mode="lines+markers" if has_line and has_mark else (
                    "lines" if has_line else "markers"),
                line=STATUS_LINES.get(status, {}),
                marker={"symbol": STATUS_SYMBOLS.get(status, "circle"), "size": MARKER_SIZE,
                        "color": RECORD_MARK_COLOR},
            )
        )  # fmt: skip


def _add_record_marks(
    figure: go.Figure,
    changes: pd.DataFrame,
    activities: pd.DataFrame,
    names: dict[str, str],
    lang: str,
) -> None:
    """Mark each change of status and each activity on its partner's line."""
    for status, symbol in STATUS_SYMBOLS.items():
        rows = changes[(changes[STATUS].astype(str) == status) & changes[PARTNER_ID].isin(names)]
        if rows.empty:
            continue
        label = t(f"status.{status}", lang)
        figure.add_trace(
            go.Scatter(
                x=[period_middle(start, str(p)) for start, p in zip(
                    rows[START], rows[SINCE_PRECISION], strict=True)],
                y=[names[pid] for pid in rows[PARTNER_ID]],
                mode="markers", name=t("timeline.became", lang, status=label),
                legendgroup=f"status-{status}", showlegend=False,
                marker={"symbol": symbol, "size": MARKER_SIZE, "color": RECORD_MARK_COLOR},
                hovertext=[
                    f"{names[pid]}<br>" + t("record.status_since", lang, status=label,
                    date=format_signed(since, str(p), lang, governed=True))
                    for pid, since, p in zip(
                        rows[PARTNER_ID], rows[SINCE], rows[SINCE_PRECISION], strict=True)
                ],
                hoverinfo="text",
            )
        )  # fmt: skip
    shown = activities[activities[PARTNER_ID].isin(names)]
    if shown.empty:
        return
    titles = shown[TITLE_EN].fillna("") if english_data(lang) else shown[TITLE_RU]
    figure.add_trace(
        go.Scatter(
            x=[period_middle(start, str(p)) for start, p in zip(
                shown[START], shown[DATE_PRECISION], strict=True)],
            y=[names[pid] for pid in shown[PARTNER_ID]],
            mode="markers", name=t("timeline.activity", lang),
            marker={"symbol": ACTIVITY_SYMBOL, "size": MARKER_SIZE - 2, "color": RECORD_MARK_COLOR},
            hovertext=[
                f"{names[pid]}<br>{t(f'activity.{kind}', lang)}: "
                f"{plotly_text(title or title_ru)}<br>{format_signed(date, str(p), lang)}"
                for pid, kind, title, title_ru, date, p in zip(
                    shown[PARTNER_ID], shown[KIND], titles, shown[TITLE_RU], shown[ACTIVITY_DATE],
                    shown[DATE_PRECISION], strict=True)
            ],
            hoverinfo="text",
        )
    )  # fmt: skip


def timeline_figure(
    documents: pd.DataFrame,
    lang: str,
    until: dt.date,
    record: Record | None = None,
    row_px: int = ROW_HEIGHT_PX,
    *,
    legend_one_per_row: bool = True,
) -> go.Figure:
    """One row per partner, a marker per document by type, a line over what is known.

    Dates known only to the month or year are drawn over that whole period, with a
    hollow marker in its middle, and the hover text says how precise the date is.
    A partner's line runs from its first document to its last known fact (a document, a
    change of status or an activity, up to `until`), styled by the status in force; it
    ends at a termination, and otherwise with a faint "no later record" mark: never on to
    today on the strength of nothing. Changes of status and activities are marked on it.
    Beyond TIMELINE_ROWS partners a row each cannot be read: the documents are counted
    per year instead (documents_per_year_figure). `row_px` is each row's height (less on
    paper, where the chart and its legend must fit one page). `legend_one_per_row` gives
    the legend room for an entry per row, as a phone draws it; paper, always as wide, keeps
    the shared room.
    """
    if not timeline_has_rows(documents):
        return documents_per_year_figure(documents, lang)
    record = record or Record(day=until, today=until)
    ordered = documents.sort_values(SIGNED_START, kind="stable")
    names = {
        pid: plotly_text(partner_name(row, lang))
        for pid, row in ordered.groupby(PARTNER_ID).first().iterrows()
    }
    rows = list(dict.fromkeys(names[pid] for pid in ordered[PARTNER_ID]))
    figure = go.Figure()
    _add_lifelines(figure, ordered, names, record.on(until), lang)
    for kind in DOCUMENT_TYPES:
        of_kind = ordered[ordered[DOCUMENT_TYPE].astype(str) == kind]
        if not of_kind.empty:
            add_documents(figure, of_kind, kind, names, lang)
    if from_other_sources(ordered).any():
        add_other_source_legend(figure, lang)
    figure.update_xaxes(title_text=t("timeline.date", lang), type="date", showgrid=True)
    figure.update_yaxes(categoryorder="array", categoryarray=rows[::-1], title_text=None)
    legend_px = LEGEND_MAX_HEIGHT_PX + TIMELINE_LEGEND_EXTRA_PX
    if not legend_one_per_row:
        return chart_layout(
            figure, t("timeline.documents", lang), CHART_MARGIN_PX + row_px * len(rows) +
            TIMELINE_LEGEND_EXTRA_PX, legend_px=legend_px,
        )  # fmt: skip
    legend_px = max(legend_px, legend_entries(figure) * LEGEND_ENTRY_PX)
    below_plot_px = DATE_AXIS_PX + legend_px
    chart_layout(
        figure,
        t("timeline.documents", lang),
        CHART_MARGIN_PX - LEGEND_MAX_HEIGHT_PX + row_px * len(rows) + below_plot_px,
        legend_px=below_plot_px,
    )
    return legend_under_axis(figure, legend_px)
