# The shared filters, each defined once (FILTERS): its field, widget, URL parameters, label,
# the values it offers, how it lets documents through and how a download names it. Adding
# a filter is a field of Filters and an entry of FILTERS; the sidebar, the link, the
# downloads' About sheet and the filtering follow.
from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

import pandas as pd

from utils.data.provenance import ORIGIN, PUBLISHED_TABLE, RECORD_VIEWS, WHOLE_RECORD
from utils.data.reading import FORBIDDEN_CHARACTERS
from utils.data.record import STATUS_CHOICES, empty_activities, empty_status
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
from utils.i18n import country_name, is_country_code, t
from utils.links import Parameter, is_identifier, is_year, one_of

SEARCHED_NAMES = (PARTNER_RU, PARTNER_LOCAL, PARTNER_EN)
MAX_SEARCH_LENGTH = 100
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
    # The whole record, or the published table alone (utils/data/provenance.py).
    record: str = WHOLE_RECORD


# How a filter is chosen: a range of years, some of a list of values, one of them, or a text.
# ONE's first option is its default and lets every document through; another keeps the
# documents whose `column` holds that value.
YEARS, CHOICES, ONE, TEXT = "years", "choices", "one", "text"
YEARS_FIELD = "years"  # the years filter's name: its widget holds (year_from, year_to)
YEAR_FROM_PARAM, YEAR_TO_PARAM = "from", "to"


@dataclass(frozen=True)
class FilterSpec:
    """One filter, defined once. Its field in Filters is also its widget's key."""

    field: str  # a Filters field (YEARS_FIELD: year_from and year_to)
    kind: str  # YEARS, CHOICES, ONE or TEXT
    params: tuple[str, ...]  # its URL parameters: two for the years, one otherwise
    accepts: Callable[[str], bool]  # which values a URL parameter takes (utils/links.py)
    # The values offered, from the whole registry (CHOICES, ONE), in the order they are shown.
    options: Callable[[pd.DataFrame], list[str]] = lambda _registry: []
    option_text: Callable[[str, str], str] = lambda value, _lang: value  # (value, lang)
    normalise: Callable[[str], str] = str  # a link's value as an option ("pl" -> "PL")
    # Which documents it lets through (None: applied with the record, the statuses).
    column: str | None = None
    help: str | None = None  # the catalogue key of its widget's help, if it has one
    shown_from: int = 1  # drawn only when the registry offers at least this many options

    @property
    def label(self) -> str:
        """The catalogue key of the filter's name (its widget, the downloads' About sheet)."""
        return f"filters.{self.field}"


def is_search(value: str) -> bool:
    """Tell whether a value can be a name search: short, no control or bidi characters."""
    return len(value) <= MAX_SEARCH_LENGTH and not FORBIDDEN_CHARACTERS.search(value)


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


# In the sidebar's order.
FILTERS = (
    # First: it says what everything below counts, the whole record or the page alone.
    FilterSpec(
        "record",
        ONE,
        ("record",),
        one_of(RECORD_VIEWS, str.lower),
        lambda _registry: list(RECORD_VIEWS),
        lambda view, lang: t(f"record_view.{view}", lang),
        str.lower,
        column=ORIGIN,
        help="filters.record_help",
    ),
    # More than one home only in a regional registry: the filter is drawn there alone.
    FilterSpec(
        "homes", CHOICES, ("home",), is_identifier, home_options, column=HOME_ID, shown_from=2
    ),
    FilterSpec(YEARS_FIELD, YEARS, (YEAR_FROM_PARAM, YEAR_TO_PARAM), is_year, column=SIGNED_YEAR),
    FilterSpec(
        "countries",
        CHOICES,
        ("country",),
        lambda code: is_country_code(code.upper()),
        country_options,
        country_name,
        str.upper,
        column=COUNTRY_CODE,
    ),
    FilterSpec(
        "document_types",
        CHOICES,
        ("type",),
        one_of(DOCUMENT_TYPES, str.lower),
        document_type_options,
        lambda kind, lang: t(f"document_type.{kind}", lang),
        str.lower,
        column=DOCUMENT_TYPE,
    ),
    FilterSpec(
        "statuses",
        CHOICES,
        ("status",),
        one_of(STATUS_CHOICES, str.lower),
        lambda _registry: list(STATUS_CHOICES),
        lambda status, lang: t(f"status.{status}", lang),
        str.lower,
        help="filters.statuses_help",
    ),
    FilterSpec("search", TEXT, ("q",), is_search, help="filters.search_help"),
)
FILTER_PARAMS = tuple(param for spec in FILTERS for param in spec.params)
# What each filter's parameters take: utils/links.py reads every link through these.
FILTER_LINK_PARAMETERS = tuple(
    Parameter(param, spec.accepts, repeats=spec.kind == CHOICES)
    for spec in FILTERS
    for param in spec.params
)


def record_in_view(
    filters: Filters, changes: pd.DataFrame, activities: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return the changes of status and the activities the view shows.

    The published table records neither: shown alone, it shows no status and no contact.
    """
    if filters.record == PUBLISHED_TABLE:
        return empty_status(), empty_activities()
    return changes, activities


def year_bounds(documents: pd.DataFrame) -> tuple[int, int]:
    """Return the first and last signing year in the registry (a one-year range if it is empty)."""
    if documents.empty:
        return (0, 0)
    return int(documents[SIGNED_YEAR].min()), int(documents[SIGNED_YEAR].max())


def default_filters(documents: pd.DataFrame) -> Filters:
    """Return the filters that show the whole registry."""
    first, last = year_bounds(documents)
    return Filters(year_from=first, year_to=last)


def value_of(filters: Filters, spec: FilterSpec) -> object:
    """Return a filter's value: (from, to) for the years, a tuple of choices, or the text."""
    if spec.kind == YEARS:
        return (filters.year_from, filters.year_to)
    return getattr(filters, spec.field)


def with_value(filters: Filters, spec: FilterSpec, value: object) -> Filters:
    """Return the filters with one filter's value changed."""
    if spec.kind == YEARS:
        year_from, year_to = value
        return replace(filters, year_from=int(year_from), year_to=int(year_to))
    if spec.kind == CHOICES:
        return replace(filters, **{spec.field: tuple(value)})
    return replace(filters, **{spec.field: str(value)})  # ONE, TEXT


def fold(text: str) -> str:
    """Fold text for searching: case, accents and ё ignored ("Mrągowo" ~ "mragowo")."""
    folded = unicodedata.normalize("NFKD", text.casefold().translate(_UNDECOMPOSED))
    return "".join(char for char in folded if not unicodedata.combining(char))


def _matches(documents: pd.DataFrame, spec: FilterSpec, value: object) -> pd.Series | None:
    """Return which documents one filter lets through (None: it lets every one through)."""
    if spec.kind == YEARS:
        return documents[spec.column].between(*value)
    if spec.kind == CHOICES:
        return documents[spec.column].astype(str).isin(value) if value else None
    if spec.kind == ONE:
        default = spec.options(documents)[0]
        return None if value == default else documents[spec.column].astype(str) == value
    needle = fold(str(value).strip())
    if not needle:
        return None
    names = documents[list(SEARCHED_NAMES)].fillna("").astype(str).agg(" ".join, axis=1)
    return names.map(fold).str.contains(needle, regex=False)


def apply_filters(documents: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """Return the documents that the filters let through, in their original order.

    Statuses are not applied here: they need the record and a day (record.keep_statuses).
    """
    keep = pd.Series(data=True, index=documents.index)
    for spec in FILTERS:
        if spec.column is not None or spec.kind == TEXT:
            mask = _matches(documents, spec, value_of(filters, spec))
            if mask is not None:
                keep &= mask
    return documents[keep]


def _known(
    values: Sequence[str], options: Sequence[str], normalise: Callable[[str], str]
) -> tuple[str, ...]:
    """Keep the values found among the options, each once, in the options' order."""
    wanted = {normalise(value.strip()) for value in values}
    return tuple(option for option in options if option in wanted)


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
    fitted = filters
    for spec in FILTERS:
        value = value_of(filters, spec)
        if spec.kind == YEARS:
            year_from, year_to = value
            if made_for is not None:
                year_from = first if year_from == made_for[0] else year_from
                year_to = last if year_to == made_for[1] else year_to
            value = sorted(min(max(year, first), last) for year in (year_from, year_to))
        elif spec.kind == CHOICES:
            value = _known(value, spec.options(documents), spec.normalise)
        elif spec.kind == ONE:
            options = spec.options(documents)
            value = next(iter(_known([str(value)], options, spec.normalise)), options[0])
        else:
            value = str(value).strip()[:MAX_SEARCH_LENGTH]
        fitted = with_value(fitted, spec, value)
    return fitted


def filters_from_params(params: Mapping[str, Sequence[str]], documents: pd.DataFrame) -> Filters:
    """Read filters from URL parameters (each a list of values), fitted to the registry.

    The parameters are those read_link (utils/links.py) took; a year that is not one is
    passed over here too.
    """
    requested = default_filters(documents)
    for spec in FILTERS:
        given = [params.get(param, ()) for param in spec.params]
        if spec.kind == YEARS:
            years = [next((int(v) for v in values if is_year(v)), None) for values in given]
            defaults = value_of(requested, spec)
            value = tuple(d if y is None else y for y, d in zip(years, defaults, strict=True))
        elif spec.kind == CHOICES:
            value = tuple(given[0])
        elif spec.kind == ONE:
            value = next(iter(given[0]), value_of(requested, spec))
        else:
            value = next(iter(given[0]), "")
        requested = with_value(requested, spec, value)
    return fit_filters(requested, documents)


def filters_to_params(filters: Filters, defaults: Filters) -> dict[str, list[str]]:
    """Write filters as URL parameters, leaving out what equals the defaults."""
    params: dict[str, list[str]] = {}
    for spec in FILTERS:
        value, default = value_of(filters, spec), value_of(defaults, spec)
        if spec.kind == YEARS:
            for param, year, usual in zip(spec.params, value, default, strict=True):
                if year != usual:
                    params[param] = [str(year)]
        elif spec.kind == CHOICES and value:
            params[spec.params[0]] = list(value)
        elif spec.kind == ONE and value != default:
            params[spec.params[0]] = [str(value)]
        elif spec.kind == TEXT and str(value).strip():
            params[spec.params[0]] = [str(value).strip()]
    return params


def filter_text(
    filters: Filters, spec: FilterSpec, lang: str, names: Mapping[str, str] | None = None
) -> str:
    """Say a filter's value in words (a download's About sheet): "1991–2016", "Польша, Германия".

    `names` names the values where the caller knows them better (homes, by their names).
    """
    value = value_of(filters, spec)
    if spec.kind == YEARS:
        return f"{value[0]}–{value[1]}"
    if spec.kind == CHOICES:
        said = [(names or {}).get(item) or spec.option_text(item, lang) for item in value]
        return ", ".join(said) or t("filters.all", lang)
    if spec.kind == ONE:
        return spec.option_text(str(value), lang)
    return str(value) or "—"


def view_end(filters: Filters, documents: pd.DataFrame, today: dt.date) -> dt.date:
    """Return where time axes end: today, or the last day of the last year the filters show."""
    _, last = year_bounds(documents)
    return today if filters.year_to >= last else dt.date(filters.year_to, 12, 31)


def signed_by_end_of(documents: pd.DataFrame, year: int) -> pd.DataFrame:
    """Return the documents signed by the end of `year`: the network as it stood then."""
    return documents[documents[SIGNED_YEAR] <= year]


def growth_years(documents: pd.DataFrame, until: dt.date) -> tuple[int, int]:
    """Return the years a growth slider runs over: the first document's to the last's.

    Not on to today («at the end of 2026: ten partners» reads as ten ties today).
    """
    first, last = year_bounds(documents)
    return first, max(first, min(last, until.year))
