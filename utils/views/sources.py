# How the app names where a fact comes from: the administration's published table, or
# another public source by its publisher, date, address and own words. Every surface that
# shows a fact beyond the page (cards, tables, the timeline, downloads) says it this way.
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from utils.data.cells import is_web_url
from utils.data.provenance import (
    SOURCE_DATE,
    SOURCE_LANGUAGE,
    SOURCE_PUBLISHER,
    SOURCE_QUOTE,
    SOURCE_URL,
    source_date_precision,
)
from utils.i18n import format_signed, t


@dataclass(frozen=True)
class Source:
    """A public source other than the published table, as a row of a data file names it."""

    publisher: str
    url: str  # always an http(s) address: a row with any other was refused on loading
    date: str = ""  # YYYY-MM-DD, YYYY-MM or YYYY, as the source dates itself; "" if it does not
    quote: str = ""  # what it says, in its own words
    language: str = ""  # the quotation's language (ISO 639), for the reader's browser

    def dated(self, lang: str) -> str:
        """Name the source with its date: «Kreis Pinneberg, 2019», "Ostsee-Zeitung"."""
        if not self.date:
            return self.publisher
        precision = source_date_precision(self.date) or "year"
        return f"{self.publisher}, {format_signed(self.date, precision, lang)}"


def _cell(row: Mapping[str, object], column: str) -> str:
    value = row.get(column)
    return value if isinstance(value, str) else ""


def source_of(row: Mapping[str, object]) -> Source | None:
    """Return the source a row names, or None for the published table's own rows."""
    url = _cell(row, SOURCE_URL)
    if not is_web_url(url):
        return None
    return Source(
        publisher=_cell(row, SOURCE_PUBLISHER),
        url=url,
        date=_cell(row, SOURCE_DATE),
        quote=_cell(row, SOURCE_QUOTE),
        language=_cell(row, SOURCE_LANGUAGE),
    )


def source_name(source: Source | None, lang: str) -> str:
    """Name a fact's source for a table cell: the publisher and date, or the published table."""
    return source.dated(lang) if source else t("source.published_table", lang)


def reported_by(source: Source, lang: str) -> str:
    """Say that a fact is another source's, not the page's: «по данным: Kreis Pinneberg, 2019»."""
    return t("source.reported_by", lang, source=source.dated(lang))
