# Tables as the reader sees them: localised names, labels and dates at their precision.
from __future__ import annotations

import unicodedata

import pandas as pd

from utils.data.places import DISTANCE_KM, pair_distances_km
from utils.data.problems import Problem
from utils.data.record import STATUS, UNRECORDED, Record, statuses_on
from utils.data.registry import (
    COUNTRY_CODE,
    DOCUMENT_TYPE,
    HOME_ID,
    LEVEL,
    PARTNER_EN,
    PARTNER_ID,
    PARTNER_LOCAL,
    PARTNER_RU,
    REGION_BY_LANGUAGE,
    REGION_EN,
    REGION_RU,
    SIGNED,
    SIGNED_PRECISION,
    SIGNED_START,
)
from utils.data.strategy import (
    DOCUMENT_COUNT,
    IS_OPEN,
    NAME_BY_LANGUAGE,
    NAME_EN,
    NAME_RU,
    PARTNER_COUNT,
    SERVED,
    STANDING,
)
from utils.i18n import count_of, country_name, english_data, format_signed, t
from utils.views.anniversaries import ANNIVERSARY, YEARS
from utils.views.sources import reported_by, source_name, source_of

# The documents table's columns, each a catalogue key "column.<name>" for its header.
# What a reader looks for first comes first: who, where, what and when.
DOCUMENT_TABLE_COLUMNS = (
    "partner",
    "country",
    "document",
    "signed",
    "source",
    "status",
    DISTANCE_KM,
    "level",
    "region",
    "partner_local",
    "source_url",
    "source_quote",
)


# Where a partner's name comes from in each language, the first filled one wins. A Polish,
# German or Lithuanian reader gets the name in the partner's own language when it is written
# in Latin letters (Mrągowo, Kreis Pinneberg), else the English one (Lepel, not Лепель).
NAME_COLUMNS = {
    "ru": (PARTNER_RU,),
    "en": (PARTNER_EN, PARTNER_LOCAL, PARTNER_RU),
}
OTHER_NAME_COLUMNS = (PARTNER_LOCAL, PARTNER_EN, PARTNER_RU)
LATIN_NAME_COLUMNS = (PARTNER_LOCAL,)  # read by OTHER_NAME_COLUMNS' languages only if Latin


def name_columns(lang: str) -> tuple[str, ...]:
    """Return the name columns a language reads, in order of preference."""
    return NAME_COLUMNS.get(lang, OTHER_NAME_COLUMNS)


def latin_only_columns(lang: str) -> tuple[str, ...]:
    """Return the name columns `lang` reads only when they are written in Latin letters."""
    return () if lang in NAME_COLUMNS else LATIN_NAME_COLUMNS


def latin_text(text: str) -> bool:
    """Tell whether every letter of `text` is a Latin one (Mrągowo, not Лепель)."""
    return all(not char.isalpha() or "LATIN" in unicodedata.name(char, "") for char in text)


def partner_name(partner: pd.Series | dict, lang: str) -> str:
    """Return the partner's name in `lang`, falling back to the names that exist."""
    latin_only = latin_only_columns(lang)
    return next(
        (
            partner[column]
            for column in name_columns(lang)
            if partner[column] and (column not in latin_only or latin_text(partner[column]))
        ),
        partner[PARTNER_RU],
    )


def partner_names(documents: pd.DataFrame, lang: str) -> dict[str, str]:
    """Map each partner's id to its name in `lang`, in the order of their first documents."""
    firsts = documents.sort_values(SIGNED_START, kind="stable").drop_duplicates(PARTNER_ID)
    return {row[PARTNER_ID]: partner_name(row, lang) for row in firsts.to_dict("records")}


def describe_document(document: pd.Series, lang: str) -> dict[str, str]:
    """Name a document's type, partner, date (at its precision) and source in `lang`.

    "source" says whose the document is when it is not the published table's ("" if it is);
    "url" is that source's address.
    """
    source = source_of(document)
    return {
        "document": t(f"document_type.{document[DOCUMENT_TYPE]}", lang),
        "partner": partner_name(document, lang),
        "date": format_signed(document[SIGNED], document[SIGNED_PRECISION], lang),
        "source": reported_by(source, lang) if source else "",
        "url": source.url if source else "",
    }


def localised_text(
    row: pd.Series | dict, lang: str, russian: str, english: str, by_language: dict[str, str]
) -> str:
    """Return a row's text in `lang`: its own column, else English (then Russian), else Russian."""
    own = row.get(by_language.get(lang, ""))
    if isinstance(own, str) and own:
        return own
    return (row[english] or row[russian]) if english_data(lang) else row[russian]


def region_name(partner: pd.Series | dict, lang: str) -> str:
    """Return the partner's region in `lang`, falling back to the English, then the Russian."""
    return localised_text(partner, lang, REGION_RU, REGION_EN, REGION_BY_LANGUAGE)


def documents_table(
    partners: pd.DataFrame,
    coords: pd.DataFrame,
    lang: str,
    record: Record | None = None,
    *,
    iso_dates: bool = False,
) -> pd.DataFrame:
    """One row per document, oldest first, with headers and values in `lang`.

    The status column is the tie's status on the record's day; without a record, none.
    The source columns name the published table, or another source's publisher and date,
    address and words.
    With `iso_dates` (the downloads), the date also comes as YYYY-MM-DD, YYYY-MM or YYYY
    beside the date in words, so that a spreadsheet sorts it.
    """
    ordered = partners.sort_values(SIGNED_START, kind="stable")
    statuses = (
        statuses_on(ordered, record.changes, record.day)
        if record is not None
        else [UNRECORDED] * len(ordered)
    )
    distance = pair_distances_km(ordered[PARTNER_ID], ordered[HOME_ID], coords)
    records = ordered.to_dict("records")
    sources = [source_of(row) for row in records]
    rows = {
        "partner": [partner_name(row, lang) for row in records],
        "partner_local": ordered[PARTNER_LOCAL].fillna(""),
        "level": [t(f"level.{level}", lang) for level in ordered[LEVEL]],
        "region": [region_name(row, lang) for row in records],
        "country": [country_name(code, lang) for code in ordered[COUNTRY_CODE]],
        "document": [t(f"document_type.{kind}", lang) for kind in ordered[DOCUMENT_TYPE]],
        "signed": [
            format_signed(signed, precision, lang)
            for signed, precision in zip(ordered[SIGNED], ordered[SIGNED_PRECISION], strict=True)
        ],
        "status": [t(f"status.{status}", lang) for status in statuses],
        # Whole kilometres as integers: "712", never "712.0" or "712,0".
        DISTANCE_KM: distance.round(0).astype("Int64"),
        "signed_iso": ordered[SIGNED].astype(str).tolist(),
        "source": [source_name(source, lang) for source in sources],
        "source_url": [source.url if source else "" for source in sources],
        "source_quote": [source.quote if source else "" for source in sources],
    }
    columns = list(DOCUMENT_TABLE_COLUMNS)
    if iso_dates:
        columns.insert(columns.index("signed") + 1, "signed_iso")
    table = pd.DataFrame({column: list(rows[column]) for column in columns})
    table[DISTANCE_KM] = table[DISTANCE_KM].astype("Int64")
    return table.rename(columns={c: t(f"column.{c}", lang) for c in columns})


def problems_table(problems: list[Problem], lang: str) -> pd.DataFrame:
    """One row per problem: the file row, the column and what is wrong, in `lang`."""
    return pd.DataFrame(
        {
            t("column.row", lang): pd.array([p.row for p in problems], dtype="Int64"),
            t("column.column", lang): [p.column or "" for p in problems],
            t("column.problem", lang): [p.message(lang) for p in problems],
        }
    )


# The anniversaries table's columns, each a catalogue key "column.<name>".
# The tie's status beside the partner: a suspended tie is seen before anything is planned.
ANNIVERSARY_TABLE_COLUMNS = (
    "anniversary", "years", "partner", "status", "country", "document", "signed", "source",
)  # fmt: skip


def anniversaries_table(anniversaries: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One row per anniversary, in the given order, with headers and values in `lang`."""
    precisions = anniversaries[SIGNED_PRECISION]
    rows = {
        "anniversary": [
            format_signed(date, precision, lang)
            for date, precision in zip(anniversaries[ANNIVERSARY], precisions, strict=True)
        ],
        "years": anniversaries[YEARS].astype("int64"),
        "partner": [partner_name(row, lang) for row in anniversaries.to_dict("records")],
        "country": [country_name(code, lang) for code in anniversaries[COUNTRY_CODE]],
        "document": [t(f"document_type.{kind}", lang) for kind in anniversaries[DOCUMENT_TYPE]],
        "signed": [
            format_signed(signed, precision, lang)
            for signed, precision in zip(anniversaries[SIGNED], precisions, strict=True)
        ],
        "source": [source_name(source_of(row), lang) for row in anniversaries.to_dict("records")],
        "status": [
            t(f"status.{status}", lang)
            for status in anniversaries.get(
                STATUS, pd.Series(UNRECORDED, index=anniversaries.index)
            )
        ],
    }
    table = pd.DataFrame({column: list(rows[column]) for column in ANNIVERSARY_TABLE_COLUMNS})
    return table.rename(columns={c: t(f"column.{c}", lang) for c in ANNIVERSARY_TABLE_COLUMNS})


def describe_direction(direction: pd.Series, lang: str) -> tuple[str, str]:
    """Name a strategy direction in `lang` and say whether documents serve it."""
    name = localised_text(direction, lang, NAME_RU, NAME_EN, NAME_BY_LANGUAGE)
    if direction[IS_OPEN]:
        return name, t("strategy.open", lang)
    documents = count_of("documents", int(direction[DOCUMENT_COUNT]), lang)
    partners = count_of("partners", int(direction[PARTNER_COUNT]), lang)
    served = t("strategy.served", lang, documents=documents, partners=partners)
    if direction.get(STANDING, SERVED) == SERVED:
        return name, served
    return name, t(f"strategy.only_{direction[STANDING]}", lang, served=served)
