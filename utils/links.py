# Reading a view's link: every query parameter goes through one strict parser. A value the
# parameter does not take (a year that is not four ASCII digits, an unknown code, a search
# too long or holding control characters) is left out and its parameter named, so that the
# rest of the link still opens its view and nothing a link says can break a page.
from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

YEAR = re.compile(r"[0-9]{4}")  # ASCII only: int() also reads "²" and "١٩٩١", and 5,000 digits
IDENTIFIER = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")  # a partner's or a home's id
# Streamlit's own parameters (?embed=true for an app inside an iframe): not ours to judge.
STREAMLIT_PARAMS = ("embed", "embed_options")


@dataclass(frozen=True)
class Parameter:
    """A query parameter the app reads: its name, the values it takes, whether it repeats."""

    name: str
    accepts: Callable[[str], bool]
    repeats: bool = False  # ?country=PL&country=DE


@dataclass(frozen=True)
class ReadLink:
    """A link's parameters as read: the values taken, and the parameters left out."""

    values: dict[str, list[str]]
    ignored: tuple[str, ...] = ()  # in the link's order, each once


def is_year(value: str) -> bool:
    """Tell whether a value is a year of four ASCII digits."""
    return YEAR.fullmatch(value) is not None


def is_identifier(value: str) -> bool:
    """Tell whether a value is an id as the registry writes them (lower case, digits, -)."""
    return IDENTIFIER.fullmatch(value) is not None


def one_of(choices: Sequence[str], normalise: Callable[[str], str] = str) -> Callable[[str], bool]:
    """Accept the values among `choices` (after `normalise`: "pl" for "PL")."""
    known = frozenset(choices)
    return lambda value: normalise(value) in known


def read_link(params: Mapping[str, Sequence[str]], parameters: Sequence[Parameter]) -> ReadLink:
    """Read a link's parameters: keep each value its parameter takes, name the others.

    A parameter that takes one value keeps the first it takes; an unknown parameter is
    left out and named too (a mistyped ?contry=PL), Streamlit's own are left to it.
    """
    known = {parameter.name: parameter for parameter in parameters}
    values: dict[str, list[str]] = {}
    ignored: dict[str, None] = {}
    for name, given in params.items():
        if name in STREAMLIT_PARAMS:
            continue
        parameter = known.get(name)
        if parameter is None:
            ignored[name] = None
            continue
        taken = [value for value in given if parameter.accepts(value)]
        if len(taken) < len(given) or (len(taken) > 1 and not parameter.repeats):
            ignored[name] = None
        if taken:
            values[name] = list(dict.fromkeys(taken)) if parameter.repeats else taken[:1]
    return ReadLink(values, tuple(ignored))
