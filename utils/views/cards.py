# What a partner's card says, on the map (popup and side panel) and on the Partners page:
# names, level, region, country and distance, and the documents with their dates.
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd
from babel.numbers import format_decimal

from utils.data.places import DISTANCE_KM
from utils.data.provenance import PROVENANCE_COLUMNS, SOURCE_URL
from utils.data.registry import (
    COUNTRY_CODE,
    DOCUMENT_TYPE,
    LEVEL,
    PARTNER_EN,
    PARTNER_ID,
    PARTNER_LOCAL,
    PARTNER_RU,
    REGION_EN,
    REGION_RU,
    REGION_TRANSLATIONS,
    SIGNED,
    SIGNED_PRECISION,
    SIGNED_START,
)
from utils.i18n import country_name, format_signed, t
from utils.style import DOCUMENT_TYPE_COLORS
from utils.views.network import latest_per_partner
from utils.views.sources import Source, source_of
from utils.views.tables import latin_only_columns, name_columns, partner_name, region_name

# The facts of a card, in reading order: catalogue key of the label and how to get the value.
CARD_FACTS = (
    "card.name_ru",
    "card.name_local",
    "card.name_en",
    "column.level",
    "column.region",
    "column.country",
    "card.distance",
)


# Facts whose few values repeat over thousands of partners: the browser gets each value
# once and an index per partner.
SHARED_FACTS = (CARD_FACTS.index("column.level"), CARD_FACTS.index("column.country"))


_NAME_FACT = {PARTNER_RU: 0, PARTNER_LOCAL: 1, PARTNER_EN: 2}  # their places in CARD_FACTS


def name_facts(lang: str) -> list[int]:
    """Where the browser finds a partner's name among its facts, first filled wins."""
    return [_NAME_FACT[column] for column in name_columns(lang)]


def latin_name_facts(lang: str) -> list[int]:
    """The name facts the browser takes only when written in Latin letters (tables.latin_text)."""
    return [_NAME_FACT[column] for column in latin_only_columns(lang)]


# Columns of the card table.
CARD_NAME = "name"


LATEST = "latest"  # the document type of the partner's latest document


CARD_FACTS_COLUMN = "facts"


CARD_DOCUMENTS = "documents"


# The columns a card reads.
CARD_SOURCE_COLUMNS = (
    PARTNER_ID, PARTNER_RU, PARTNER_LOCAL, PARTNER_EN, LEVEL, REGION_RU, REGION_EN,
    *REGION_TRANSLATIONS, COUNTRY_CODE, DOCUMENT_TYPE, DISTANCE_KM,
)  # fmt: skip


KINDS = tuple(
    DOCUMENT_TYPE_COLORS
)  # document types in the legend's order; the browser gets indices


@dataclass(frozen=True)
class PartnerCard:
    """What the map says about one partner: names, place, documents and distance."""

    name: str
    facts: tuple[tuple[str, str], ...]  # (label, value), in reading order
    # (document type's name, date at its precision, type, its source if not the page's)
    documents: tuple[tuple[str, str, str, Source | None], ...]


def fact_labels(lang: str) -> list[str]:
    """Return the labels of a card's facts in `lang`, in CARD_FACTS order."""
    return [t(key, lang) for key in CARD_FACTS]


def _distance_text(distance_km: float, lang: str) -> str | None:
    """Write a distance in whole kilometres, or None when it is not known."""
    if distance_km is None or math.isnan(distance_km):
        return None
    return _kilometres(round(distance_km), lang)


@lru_cache(maxsize=8192)  # a few thousand distinct distances over 26,000 cards
def _kilometres(km: int, lang: str) -> str:
    """Write whole kilometres grouped as the language writes numbers: "1,110 km", «1 110 км»."""
    return t("card.km", lang, km=format_decimal(km, locale=lang))


def _present(value: object) -> str | None:
    """Return a fact as text, or None where the data has nothing (empty, missing)."""
    return value if isinstance(value, str) and value else None


def signed_documents(
    documents: pd.DataFrame, lang: str
) -> dict[str, list[tuple[str, str, Source | None]]]:
    """Map each partner to its documents, oldest first: (type, date at its precision, source).

    The source is None for the published table's documents, another source's otherwise.
    """
    ordered = documents.sort_values(SIGNED_START, kind="stable")
    sources = document_sources(ordered)
    signed: dict[str, list[tuple[str, str, Source | None]]] = {}
    for partner, kind, date, precision, source in zip(
        ordered[PARTNER_ID].astype(str).tolist(),
        ordered[DOCUMENT_TYPE].astype(str).tolist(),
        ordered[SIGNED].astype(str).tolist(),
        ordered[SIGNED_PRECISION].astype(str).tolist(),
        sources,
        strict=True,
    ):
        signed.setdefault(partner, []).append((kind, format_signed(date, precision, lang), source))
    return signed


def document_sources(documents: pd.DataFrame) -> list[Source | None]:
    """Return each document's source, in the documents' order: None for the page's own."""
    if SOURCE_URL not in documents.columns:
        return [None] * len(documents)
    columns = [column for column in PROVENANCE_COLUMNS if column in documents.columns]
    values = [documents[column].fillna("").astype(str).tolist() for column in columns]
    return [source_of(dict(zip(columns, row, strict=True))) for row in zip(*values, strict=True)]


def card_table(documents: pd.DataFrame, links: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One row per partner on the map, in the links' order: its id, name, facts and documents.

    The facts are in CARD_FACTS order, None where the data has nothing; the documents are
    (type, date at its precision) pairs, oldest first. Popups and the side panel read this.
    """
    latest = latest_per_partner(links)
    levels = {level: t(f"level.{level}", lang) for level in latest[LEVEL].unique()}
    countries = {code: country_name(code, lang) for code in latest[COUNTRY_CODE].unique()}
    # Only the columns a card reads, each turned into Python objects at once: to_dict over
    # every column took half a second at 26,000 links.
    columns = [latest[column].tolist() for column in CARD_SOURCE_COLUMNS]
    partners = [
        dict(zip(CARD_SOURCE_COLUMNS, row, strict=True)) for row in zip(*columns, strict=True)
    ]
    signed = signed_documents(documents, lang)
    ids = [str(partner[PARTNER_ID]) for partner in partners]
    facts = [
        [
            _present(value)
            for value in (
                partner[PARTNER_RU],
                partner[PARTNER_LOCAL],
                partner[PARTNER_EN],
                levels[partner[LEVEL]],
                region_name(partner, lang),
                countries[partner[COUNTRY_CODE]],
                _distance_text(partner[DISTANCE_KM], lang),
            )
        ]
        for partner in partners
    ]
    return pd.DataFrame(
        {
            PARTNER_ID: ids,
            CARD_NAME: [partner_name(partner, lang) for partner in partners],
            LATEST: [str(partner[DOCUMENT_TYPE]) for partner in partners],
            CARD_FACTS_COLUMN: facts,
            CARD_DOCUMENTS: [signed.get(partner_id, []) for partner_id in ids],
        },
        index=latest.index,
    )


def partner_cards(
    documents: pd.DataFrame, links: pd.DataFrame, lang: str
) -> dict[str, PartnerCard]:
    """Return the card of every partner on the map, by id, in the links' order."""
    labels = fact_labels(lang)
    kind_names = {kind: t(f"document_type.{kind}", lang) for kind in KINDS}
    table = card_table(documents, links, lang)
    return {
        partner_id: PartnerCard(
            name=name,
            facts=tuple(pair for pair in zip(labels, facts, strict=True) if pair[1]),
            documents=tuple(
                (kind_names[kind], date, kind, source) for kind, date, source in signed
            ),
        )
        for partner_id, name, facts, signed in zip(
            table[PARTNER_ID], table[CARD_NAME], table[CARD_FACTS_COLUMN], table[CARD_DOCUMENTS],
            strict=True,
        )
    }  # fmt: skip


def partner_card(
    documents: pd.DataFrame, partner_id: str, distance_km: float | None, lang: str
) -> PartnerCard:
    """Gather what the side panel shows about one partner (the same as its popup)."""
    rows = documents[documents[PARTNER_ID] == partner_id]
    link = rows.head(1).assign(**{DISTANCE_KM: math.nan if distance_km is None else distance_km})
    return partner_cards(rows, link, lang)[partner_id]
