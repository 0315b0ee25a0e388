# The shared filters: what they hold, applying them to the registry, and their URL form.
from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from utils.data.reading import FORBIDDEN_CHARACTERS
from utils.data.record import STATUS_CHOICES
from utils.data.registry import (
    COUNTRY_CODE,
    DOCUMENT_TYPE,
    DOCUMENT_TYPES,
    HOME_ID,
    PARTNER_EN,
    PARTNER_LOCAL,
    PARTNER_RU,
    SIGNED_YEAR,
)
from utils.i18n import is_country_code
from utils.links import Parameter, is_identifier, is_year, one_of

# Query parameters of the URL; a view's link carries only those that differ from the defaults.
YEAR_FROM_PARAM = "from"
YEAR_TO_PARAM = "to"
COUNTRY_PARAM = "country"
DOCUMENT_TYPE_PARAM = "type"
SEARCH_PARAM = "q"
HOME_PARAM = "home"
STATUS_PARAM = "status"
FILTER_PARAMS = (
    YEAR_FROM_PARAM,
    YEAR_TO_PARAM,
    COUNTRY_PARAM,
    DOCUMENT_TYPE_PARAM,
    SEARCH_PARAM,
    HOME_PARAM,
    STATUS_PARAM,
)

SEARCHED_NAMES = (PARTNER_RU, PARTNER_LOCAL, PARTNER_EN)
MAX_SEARCH_LENGTH = 100


def is_search(value: str) -> bool:
    """Tell whether a value can be a name search: short, no control or bidi characters."""
    return len(value) <= MAX_SEARCH_LENGTH and not FORBIDDEN_CHARACTERS.search(value)


# What each filter's parameter takes (utils/links.py reads every link through these).
FILTER_LINK_PARAMETERS = (
    Parameter(YEAR_FROM_PARAM, is_year),
    Parameter(YEAR_TO_PARAM, is_year),
    Parameter(COUNTRY_PARAM, lambda code: is_country_code(code.upper()), repeats=True),
    Parameter(DOCUMENT_TYPE_PARAM, one_of(DOCUMENT_TYPES, str.lower), repeats=True),
    Parameter(SEARCH_PARAM, is_search),
    Parameter(HOME_PARAM, is_identifier, repeats=True),
    Parameter(STATUS_PARAM, one_of(STATUS_CHOICES, str.lower), repeats=True),
)
# Letters that Unicode does not decompose into a base letter and an accent.
_UNDECOMPOSED = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ß": "ss", "ё": "е"})


@dataclass(frozen=True)
class Filters:
    """A view of the registry: signing years, countries, types, a name search, statuses.

    Empty `countries`, `document_types`, `homes` or `statuses` mean all of them.
    """

    year_from: int
    year_to: int
    countries: tuple[str, ...] = ()
    document_types: tuple[str, ...] = ()
    search: str = ""
    homes: tuple[str, ...] = ()  # home municipalities, when the registry has several
    # Partnerships' statuses on the view's date (utils/data/record.py), "unrecorded" among them.
    statuses: tuple[str, ...] = ()


def year_bounds(documents: pd.DataFrame) -> tuple[int, int]:
    """Return the first and last signing year in the registry (a one-year range if it is empty)."""
    if documents.empty:
        return (0, 0)
    return int(documents[SIGNED_YEAR].min()), int(documents[SIGNED_YEAR].max())


def country_options(documents: pd.DataFrame) -> list[str]:
    """Return the countries present in the registry, as sorted codes."""
    return sorted(set(documents[COUNTRY_CODE]))


def home_options(documents: pd.DataFrame) -> list[str]:
    """Return the home municipalities of the registry's documents, as sorted ids."""
    return sorted(set(documents[HOME_ID].astype(str)))


def document_type_options(documents: pd.DataFrame) -> list[str]:
    """Return the document types present in the registry, in the vocabulary's order."""
    present = set(documents[DOCUMENT_TYPE].astype(str))
    return [kind for kind in DOCUMENT_TYPES if kind in present]


def default_filters(documents: pd.DataFrame) -> Filters:
    """Return the filters that show the whole registry."""
    first, last = year_bounds(documents)
    return Filters(year_from=first, year_to=last)


def fold(text: str) -> str:
    """Fold text for searching: case, accents and ё ignored ("Mrągowo" ~ "mragowo")."""
    folded = unicodedata.normalize("NFKD", text.casefold().translate(_UNDECOMPOSED))
    return "".join(char for char in folded if not unicodedata.combining(char))


def apply_filters(documents: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """Return the documents that the filters let through, in their original order.

    Statuses are not applied here: they need the record and a day (record.keep_statuses).
    """
    keep = documents[SIGNED_YEAR].between(filters.year_from, filters.year_to)
    if filters.countries:
        keep &= documents[COUNTRY_CODE].isin(filters.countries)
    if filters.document_types:
        keep &= documents[DOCUMENT_TYPE].astype(str).isin(filters.document_types)
    if filters.homes:
        keep &= documents[HOME_ID].astype(str).isin(filters.homes)
    needle = fold(filters.search.strip())
    if needle:
        names = documents[list(SEARCHED_NAMES)].fillna("").astype(str).agg(" ".join, axis=1)
        keep &= names.map(fold).str.contains(needle, regex=False)
    return documents[keep]


def fit_filters(
    filters: Filters, documents: pd.DataFrame, made_for: tuple[int, int] | None = None
) -> Filters:
    """Bring filters inside what the registry holds.

    Years are clamped to the registry's range and put in order; unknown countries and
    document types are dropped, so an old or mistyped link still opens a sensible view.
    A year at an end of the range the filters were `made_for` follows that end when the
    registry grows: "up to the latest" stays the latest after a new document arrives.
    """
    first, last = year_bounds(documents)
    year_from, year_to = filters.year_from, filters.year_to
    if made_for is not None:
        year_from = first if year_from == made_for[0] else year_from
        year_to = last if year_to == made_for[1] else year_to
    years = sorted(min(max(year, first), last) for year in (year_from, year_to))
    return Filters(
        year_from=years[0],
        year_to=years[1],
        countries=_known(filters.countries, country_options(documents), str.upper),
        document_types=_known(filters.document_types, document_type_options(documents), str.lower),
        search=filters.search.strip()[:MAX_SEARCH_LENGTH],
        homes=_known(filters.homes, home_options(documents), str.strip),
        statuses=_known(filters.statuses, STATUS_CHOICES, str.lower),
    )


def _known(
    values: Sequence[str], options: Sequence[str], normalise: Callable[[str], str]
) -> tuple[str, ...]:
    """Keep the values found among the options, each once, in the options' order."""
    wanted = {normalise(value.strip()) for value in values}
    return tuple(option for option in options if option in wanted)


def _first_year(values: Sequence[str]) -> int | None:
    """Return the first value that is a year of four ASCII digits, or None."""
    return next((int(value) for value in values if is_year(value)), None)


def filters_from_params(params: Mapping[str, Sequence[str]], documents: pd.DataFrame) -> Filters:
    """Read filters from URL parameters (each a list of values), fitted to the registry.

    The parameters are those read_link (utils/links.py) took; a year that is not one is
    passed over here too.
    """
    defaults = default_filters(documents)
    year_from = _first_year(params.get(YEAR_FROM_PARAM, ()))
    year_to = _first_year(params.get(YEAR_TO_PARAM, ()))
    requested = Filters(
        year_from=defaults.year_from if year_from is None else year_from,
        year_to=defaults.year_to if year_to is None else year_to,
        countries=tuple(params.get(COUNTRY_PARAM, ())),
        document_types=tuple(params.get(DOCUMENT_TYPE_PARAM, ())),
        search=next(iter(params.get(SEARCH_PARAM, ())), ""),
        homes=tuple(params.get(HOME_PARAM, ())),
        statuses=tuple(params.get(STATUS_PARAM, ())),
    )
    return fit_filters(requested, documents)


def filters_to_params(filters: Filters, defaults: Filters) -> dict[str, list[str]]:
    """Write filters as URL parameters, leaving out what equals the defaults."""
    params: dict[str, list[str]] = {}
    if filters.year_from != defaults.year_from:
        params[YEAR_FROM_PARAM] = [str(filters.year_from)]
    if filters.year_to != defaults.year_to:
        params[YEAR_TO_PARAM] = [str(filters.year_to)]
    if filters.countries:
        params[COUNTRY_PARAM] = list(filters.countries)
    if filters.document_types:
        params[DOCUMENT_TYPE_PARAM] = list(filters.document_types)
    if filters.homes:
        params[HOME_PARAM] = list(filters.homes)
    if filters.statuses:
        params[STATUS_PARAM] = list(filters.statuses)
    if filters.search.strip():
        params[SEARCH_PARAM] = [filters.search.strip()]
    return params


def view_end(filters: Filters, documents: pd.DataFrame, today: dt.date) -> dt.date:
    """Return where time axes end: today, or the last day of the last year the filters show."""
    _, last = year_bounds(documents)
    return today if filters.year_to >= last else dt.date(filters.year_to, 12, 31)


def signed_by_end_of(documents: pd.DataFrame, year: int) -> pd.DataFrame:
    """Return the documents signed by the end of `year`: the network as it stood then."""
    return documents[documents[SIGNED_YEAR] <= year]


def growth_years(documents: pd.DataFrame, until: dt.date) -> tuple[int, int]:
    """Return the years a growth slider runs over: the first agreement's to `until`'s."""
    first, _ = year_bounds(documents)
    return first, max(first, until.year)
