# The shared filters: applying them, and reading and writing their URL form.
from __future__ import annotations

import datetime as dt

import pytest

from utils.filters import (
    Filters,
    apply_filters,
    default_filters,
    filters_from_params,
    filters_to_params,
    fit_filters,
    fold,
    growth_years,
    home_options,
    signed_by_end_of,
    view_end,
)
from utils.views.picker import picker_choices


def test_defaults_cover_the_whole_registry(documents):
    defaults = default_filters(documents)
    assert defaults == Filters(year_from=1991, year_to=2016)
    assert len(apply_filters(documents, defaults)) == 11


@pytest.mark.parametrize(
    ("changes", "documents_left", "partners_left"),
    [
        ({}, 11, 10),
        ({"countries": ("PL",)}, 6, 5),  # Braniewo's two documents, one partner
        ({"countries": ("DE", "LT")}, 4, 4),
        ({"year_from": 2009, "year_to": 2009}, 3, 3),  # Bisztynek (month), Lepel (year), Wolin
        ({"year_from": 2005, "year_to": 2010}, 5, 5),  # Braniewo by its 2010 treaty only
        ({"document_types": ("protocol_of_intent",)}, 3, 3),
        ({"countries": ("PL",), "document_types": ("cooperation_treaty",)}, 1, 1),
        ({"search": "мранг"}, 1, 1),  # Russian name, any case
        ({"search": "MRAGOWO"}, 1, 1),  # local name without its ą
        ({"search": "Бранево"}, 2, 1),  # ё typed as е
        ({"search": "rostock district"}, 1, 1),  # English name
        ({"search": "elblag"}, 1, 1),
        ({"search": "   "}, 11, 10),  # blanks search nothing
        ({"search": "Paris"}, 0, 0),
        ({"countries": ("SE",)}, 0, 0),  # a country with no partner yet
    ],
)
def test_apply_filters(documents, changes, documents_left, partners_left):
    filters = Filters(**{"year_from": 1991, "year_to": 2016, **changes})
    kept = apply_filters(documents, filters)
    assert len(kept) == documents_left
    assert kept["partner_id"].nunique() == partners_left


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Mrągowo", "mragowo"),
        ("Elbląg", "elblag"),
        ("Ёлка", "елка"),
        ("Kühlungsborn", "kuhlungsborn"),
        ("Neringos savivaldybė", "neringos savivaldybe"),
    ],
)
def test_fold(text, folded):
    assert fold(text) == folded


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, Filters(1991, 2016)),
        ({"from": ["2000"], "to": ["2010"]}, Filters(2000, 2010)),
        ({"from": ["2010"], "to": ["2000"]}, Filters(2000, 2010)),  # swapped: put in order
        ({"from": ["1900"], "to": ["2100"]}, Filters(1991, 2016)),  # clamped to the data
        ({"from": ["soon"]}, Filters(1991, 2016)),  # not a number: ignored
        ({"country": ["pl", "XX", "DE"]}, Filters(1991, 2016, ("DE", "PL"))),  # unknown dropped
        (
            {"type": ["protocol_of_intent", "memo"]},
            Filters(1991, 2016, (), ("protocol_of_intent",)),
        ),
        ({"q": ["  Wolin "]}, Filters(1991, 2016, search="Wolin")),
        ({"q": ["x" * 500]}, Filters(1991, 2016, search="x" * 100)),  # a link cannot bloat it
    ],
)
def test_filters_from_params(documents, params, expected):
    assert filters_from_params(params, documents) == expected


def test_params_round_trip_and_leave_out_defaults(documents):
    defaults = default_filters(documents)
    assert filters_to_params(defaults, defaults) == {}
    chosen = Filters(1995, 2011, ("DE", "PL"), ("protocol_of_intent",), "rostock")
    params = filters_to_params(chosen, defaults)
    assert params == {
        "from": ["1995"],
        "to": ["2011"],
        "country": ["DE", "PL"],
        "type": ["protocol_of_intent"],
        "q": ["rostock"],
    }
    assert filters_from_params(params, documents) == chosen


def test_fit_filters_to_a_smaller_registry(documents):
    # A filter state kept from a larger file must fit the options of the new one.
    smaller = documents[documents["country_code"] == "DE"]
    kept = Filters(1991, 2016, ("PL", "DE"), ("cooperation_treaty", "protocol_of_intent"))
    assert fit_filters(kept, smaller) == Filters(1991, 2011, ("DE",), ("protocol_of_intent",))


@pytest.mark.parametrize(
    ("year_to", "end"),
    [
        (2016, dt.date(2026, 11, 26)),  # the registry's last year: the axes run to today
        (2009, dt.date(2009, 12, 31)),  # an earlier end: to the last day of that year
    ],
)
def test_view_end(documents, year_to, end):
    filters = Filters(1991, year_to)
    assert view_end(filters, documents, dt.date(2026, 11, 26)) == end


@pytest.mark.parametrize(
    ("year", "partners"),
    [
        (1990, []),  # before the first agreement: nobody
        (2000, ["neringa", "pinneberg"]),
        (2009, ["bisztynek", "braniewo", "lepel", "neringa", "pinneberg", "wolin"]),
        (2026, None),  # today: everyone
    ],
)
def test_signed_by_end_of_a_year(documents, year, partners):
    shown = signed_by_end_of(documents, year)
    expected = sorted(documents["partner_id"].unique()) if partners is None else partners
    assert sorted(shown["partner_id"].unique()) == expected


def test_growth_years_run_from_the_first_agreement_to_the_last(documents):
    # Not on to today: the last document is of 2016, and so is the slider's last year.
    assert growth_years(documents, dt.date(2026, 11, 26)) == (1991, 2016)
    assert growth_years(documents, dt.date(2010, 12, 31)) == (1991, 2010)  # a view ending earlier
    # A view that ends before its first year still has one year to show.
    assert growth_years(documents, dt.date(1980, 1, 1)) == (1991, 1991)


def test_home_filter_params_round_trip(documents):
    homes = documents.copy()
    homes["home_id"] = ["zelenogradsk"] * 10 + ["baltiysk"]
    filters = filters_from_params({"home": ["baltiysk", "nowhere"]}, homes)
    assert filters.homes == ("baltiysk",)  # an unknown home is dropped
    assert filters_to_params(filters, default_filters(homes)) == {"home": ["baltiysk"]}
    assert len(apply_filters(homes, filters)) == 1
    assert home_options(homes) == ["baltiysk", "zelenogradsk"]


NAMES = {"mragowo": "Mrągowo", "wolin": "Wolin", "lepel": "Лепель", "elblag": "Powiat elbląski"}


@pytest.mark.parametrize(
    ("search", "selected", "limit", "offered", "total"),
    [
        ("", None, 10, ["mragowo", "wolin", "lepel", "elblag"], 4),  # empty: every partner
        ("", None, 2, ["mragowo", "wolin"], 4),  # at most `limit`, the count says how many
        ("MRAG", None, 10, ["mragowo"], 1),  # case and marks folded, as the sidebar's search
        (" ЛЕП ", None, 10, ["lepel"], 1),  # spaces around ignored, any script
        ("elbląski", "wolin", 10, ["elblag", "wolin"], 1),  # the open card's partner stays
        ("", "elblag", 2, ["mragowo", "wolin", "elblag"], 4),  # ...also beyond the limit
        ("nowhere", "gone", 10, [], 0),  # a partner no longer shown is not kept
    ],
)
def test_picker_choices(search, selected, limit, offered, total):
    assert picker_choices(NAMES, search, selected, limit) == (offered, total)
