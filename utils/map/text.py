# What the map says besides its cards (utils/views/cards.py), translated once per view: the
# legend and the words of the map's controls. The browser sets them with textContent.
from __future__ import annotations

from utils.data.record import STATUS_CHOICES
from utils.i18n import first_upper, t
from utils.style import DOCUMENT_TYPE_COLORS, STATUS_STYLES
from utils.views.cards import KINDS, fact_labels
from utils.views.record_lines import RECORD_LINES

LEGEND_STATUS_COLOR = "#3B4A5A"  # a status's stroke in the legend, whatever the type


def legend_config(
    kinds: list[str],
    home_name: str,
    lang: str,
    *,
    statuses: list[str] = (),
    open_: bool | None = None,
) -> dict[str, object]:
    """Return what the legend says: the home, each document type's colour, each status's stroke."""
    return {
        "title": t("map.legend_title", lang),
        "home": home_name,
        "heading": t("map.legend", lang),
        "open": open_,
        "rows": [
            {"color": DOCUMENT_TYPE_COLORS[kind], "label": t(f"document_type.{kind}", lang)}
            for kind in kinds
        ],
        "statusHeading": t("map.legend_status", lang),
        "statusRows": [
            {
                **STATUS_STYLES[status],
                "color": STATUS_STYLES[status]["color"] or LEGEND_STATUS_COLOR,
                "label": first_upper(t(f"status.{status}", lang)),
            }
            for status in statuses
        ],
    }


def map_words(lang: str) -> dict[str, object]:
    """Return the words the browser writes on the map: card headings, kinds, bundles, notes."""
    return {
        "facts": fact_labels(lang),
        "documents": t("card.documents", lang),
        "kinds": [t(f"document_type.{kind}", lang) for kind in KINDS],
        "moreNames": t("map.more_names", lang),
        "record": [t(f"record.{topic}", lang) for topic in RECORD_LINES],
        "source": t("record.source_link", lang),
        "reportedBy": t("source.by", lang),
        "statuses": [t(f"status.{status}", lang) for status in STATUS_CHOICES],
    }
