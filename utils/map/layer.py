# One view's layer as data for the browser (assets/map/partners-map.js draws it): partners
# with their cards, arcs or bundles, homes, the legend, labels, framing and fly-to. The same
# data at 10 partners and at 26,000 links; only the drawing surface changes with the size.
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from utils.data.coords import LAT, LON
from utils.data.record import STATUS_CHOICES, Record, link_keys, status_by_link
from utils.data.registry import COUNTRY_CODE, HOME_ID, PARTNER_ID
from utils.i18n import count_of, country_name, t
from utils.map.text import legend_config, map_words
from utils.style import DOCUMENT_TYPE_COLORS, HOME_COLOR, STATUS_STYLES
from utils.views.cards import (
    CARD_DOCUMENTS,
    CARD_FACTS_COLUMN,
    KINDS,
    LATEST,
    SHARED_FACTS,
    card_table,
    latin_name_facts,
    name_facts,
)
from utils.views.network import (
    HOME_LAT,
    HOME_LON,
    LATEST_TYPE,
    LINKS,
    bundle_links,
    map_bounds,
    network_points,
)
from utils.views.record_lines import RECORD_LINES, RecordLine, record_lines
from utils.views.sources import Source

# CSS classes on the map's shapes, for styling and for the browser tests.
PARTNER_MARKER_CLASS = "partner-marker"
HOME_MARKER_CLASS = "home-marker"
ARC_CLASS = "partner-arc"
LABEL_CLASS = "partner-label"  # a partner's name written beside its marker

# Above this many partners, markers and arcs are painted on a canvas: thousands of SVG
# elements make every pan slow. Below it each marker is an element a keyboard can reach.
CANVAS_FROM = 200
# Above this many links, arcs are drawn per home and country, with their counts.
ARC_LIMIT = 300
PARTNER_RADIUS_PX = 10
CANVAS_RADIUS_PX = 5  # thousands of partners: small dots
ARC_BEND = 0.2  # the arc's bulge as a share of the distance between its ends
ARC_STEPS = 24
POPUP_CLEARANCE_PX = (70, 50)  # an open card pans clear of the zoom, layer and legend buttons
FIT_PADDING_PX = (40, 40)
FIT_MAX_ZOOM = 9  # a single place is not zoomed in to street level
FOCUS_ZOOM = 7  # close enough to tell neighbours apart, far enough to see the region
FLY_SECONDS = 1.2
LABEL_FONT_PX = 20
PLACE_DECIMALS = 5  # about a metre: more would only make the layer's file longer


@dataclass(frozen=True)
class LayerSettings:
    """How a view's layer is drawn, as one value passed whole and hashed as a cache key.

    With `labels`, each partner's name is written beside its marker (presentation mode,
    print, the offline file), at `label_font_px`. The legend opens as `legend_open` says,
    or (None) when the map is wide. `focus` flies the map to that partner and opens its
    card. Otherwise, with `frame`, the map is framed on the view's network whenever the view
    changes: flying there if `fly`, at once if not.
    """

    labels: bool = False
    label_font_px: int = LABEL_FONT_PX
    legend_open: bool | None = None
    focus: str | None = None
    frame: bool = True
    fly: bool = False


# The rows the browser reads (assets/map/partners-map.js), named once here: the layer's
# data carries these names ("fields"), and the script and the tests read each row by them.
ROW_FIELDS = {
    "partner": ("id", "lat", "lon", "kind", "facts", "documents", "status", "record"),
    "document": ("kind", "date", "publisher", "url"),  # publisher None: the published table
    "record": ("topic", "text", "url"),
    "arc": ("home", "partner", "kind", "status"),
    "bundle": ("home", "lat", "lon", "links", "tooltip"),
    "home": ("lat", "lon", "name"),
}


def _place(value: float) -> float:
    """Round a coordinate for the browser."""
    return round(float(value), PLACE_DECIMALS)


_TOPIC_INDEX = {topic: index for index, topic in enumerate(RECORD_LINES)}


def _record_row(lines: list[RecordLine]) -> list[list[object]]:
    """A record's lines for the browser: [topic index, text, http(s) link or None]."""
    return [[_TOPIC_INDEX[line.topic], line.text, line.url] for line in lines]


def _document_row(kind: int, date: str, source: Source | None) -> list[object]:
    """A document for the browser: [kind index, date, publisher, address] (None, None: the page)."""
    return [kind, date, source.publisher, source.url] if source else [kind, date, None, None]


def partner_rows(
    documents: pd.DataFrame,
    links: pd.DataFrame,
    lang: str,
    statuses: dict[tuple[str, str], str],
    records: dict[tuple[str, str], list[RecordLine]],
) -> tuple[list[list[object]], dict[int, list[str]]]:
    """Each partner as [id, lat, lon, kind, facts, [document, ...], status, record].

    Kinds and statuses are indices (KINDS, STATUS_CHOICES); the record is its lines
    (_record_row). The facts of SHARED_FACTS come as indices into the returned lists of
    their values; the name is not sent, the browser takes it from the facts (text.name_facts).
    """
    cards = card_table(documents, links, lang)
    places = links.loc[cards.index]
    keys = link_keys(places)
    status_index = {status: index for index, status in enumerate(STATUS_CHOICES)}
    kind_index = {kind: index for index, kind in enumerate(KINDS)}
    shared: dict[int, dict[str, int]] = {fact: {} for fact in SHARED_FACTS}

    def encoded(facts: list[str | None]) -> list[object]:
        return [
            shared[index].setdefault(value, len(shared[index]))
            if index in shared and value is not None
            else value
            for index, value in enumerate(facts)
        ]

    rows = [
        [
            partner_id, _place(lat), _place(lon), kind_index[latest], encoded(facts),
            [_document_row(kind_index[kind], date, source) for kind, date, source in signed],
            status_index[statuses[key]], _record_row(records[key]),
        ]
        for partner_id, lat, lon, latest, facts, signed, key in zip(
            cards[PARTNER_ID], places[LAT], places[LON], cards[LATEST],
            cards[CARD_FACTS_COLUMN], cards[CARD_DOCUMENTS], keys, strict=True,
        )
    ]  # fmt: skip
    return rows, {index: list(values) for index, values in shared.items()}


def arc_rows(
    links: pd.DataFrame,
    partner_ids: list[str],
    homes: list[str],
    lang: str,
    statuses: dict[tuple[str, str], str],
) -> tuple[list[list[int]], list[list[object]]]:
    """Return arcs [home, partner, kind, status] (indices) or, for many links, bundles.

    A bundle is [home index, lat, lon, number of links, what its tooltip says].
    """
    home_index = {home: index for index, home in enumerate(homes)}
    placed = links.dropna(subset=[HOME_LAT, HOME_LON])
    if len(links) > ARC_LIMIT:
        bundles = bundle_links(links)
        return [], [
            [
                home_index[str(home)], _place(lat), _place(lon), int(count),
                f"{country_name(code, lang)}: {count_of('links', int(count), lang)}",
            ]
            for home, lat, lon, count, code in zip(
                bundles[HOME_ID], bundles[LAT], bundles[LON], bundles[LINKS],
                bundles[COUNTRY_CODE], strict=True,
            )
        ]  # fmt: skip
    partner_index = {partner: index for index, partner in enumerate(partner_ids)}
    kind_index = {kind: index for index, kind in enumerate(KINDS)}
    status_index = {status: index for index, status in enumerate(STATUS_CHOICES)}
    arcs = [
        [
            home_index[home], partner_index[partner], kind_index[kind],
            status_index[statuses[(home, partner)]],
        ]
        for (home, partner), kind in zip(link_keys(placed), placed[LATEST_TYPE], strict=True)
    ]  # fmt: skip
    return arcs, []


def frame_config(
    links: pd.DataFrame, homes: dict[str, tuple[float, float]], *, fly: bool
) -> dict | None:
    """Return how the map frames a view's network: bounds, padding, flying or not."""
    points = network_points(links, homes)
    if not points:
        return None
    return {
        "bounds": map_bounds(points),
        "animate": fly,
        "padding": list(FIT_PADDING_PX),
        "maxZoom": FIT_MAX_ZOOM,
    }


def layer_config(
    documents: pd.DataFrame,
    links: pd.DataFrame,
    homes: dict[str, str],
    home_places: dict[str, tuple[float, float]],
    lang: str,
    *,
    settings: LayerSettings,
    legend_home: str,
    frame: dict | None,
    record: Record,
) -> dict[str, object]:
    """Return everything the browser needs to draw one view's layer.

    `homes` names the homes drawn, `home_places` places them; `frame` says how to frame
    the map (frame_config) when no partner is in focus; `record` gives each tie's status
    and the lines of its card as of its day.
    """
    labels, focus = settings.labels, settings.focus
    statuses = status_by_link(links, record.changes, record.day)
    records = record_lines(links, documents, record, lang)
    partners, fact_values = partner_rows(documents, links, lang, statuses, records)
    partner_ids = [row[0] for row in partners]
    home_ids = list(home_places)
    arcs, bundles = arc_rows(links, partner_ids, home_ids, lang, statuses)
    kinds = [kind for kind in KINDS if kind in set(links[LATEST_TYPE])]
    shown_statuses = [status for status in STATUS_CHOICES if status in set(statuses.values())]
    canvas = len(partners) > CANVAS_FROM
    return {
        "partners": partners,
        "arcs": arcs,
        "bundles": bundles,
        "fields": ROW_FIELDS,
        "homes": [
            [_place(lat), _place(lon), homes[home_id]]
            for home_id, (lat, lon) in home_places.items()
        ],
        "colors": [DOCUMENT_TYPE_COLORS[kind] for kind in KINDS],
        "homeColor": HOME_COLOR,
        "statusStyles": [STATUS_STYLES[status] for status in STATUS_CHOICES],
        "statusNames": list(STATUS_CHOICES),  # CSS classes of the arcs: partner-arc-<status>
        "words": map_words(lang),
        "factValues": fact_values,
        "nameFacts": name_facts(lang),
        "latinNameFacts": latin_name_facts(lang),
        "canvas": canvas,
        "radiusPx": CANVAS_RADIUS_PX if canvas else PARTNER_RADIUS_PX,
        "arcBend": ARC_BEND,
        "arcSteps": ARC_STEPS,
        "popupClearance": list(POPUP_CLEARANCE_PX),
        "classes": {
            "marker": PARTNER_MARKER_CLASS,
            "home": HOME_MARKER_CLASS,
            "arc": ARC_CLASS,
            "label": LABEL_CLASS,
        },
        "labels": labels and bool(partners),
        "fontPx": settings.label_font_px,
        "legend": legend_config(
            kinds, legend_home, lang, statuses=shown_statuses, open_=settings.legend_open
        ),
        "frame": None if focus is not None else frame,
        "focus": partner_ids.index(focus) if focus in partner_ids else None,
        "focusZoom": FOCUS_ZOOM,
        "flySeconds": FLY_SECONDS,
        "partnersLabel": t("map.partners", lang),
    }
