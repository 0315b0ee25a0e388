# Links nobody meant to write: every page opened with malformed parameters shows no
# exception, names what it left out, and applies the rest of the link.
from __future__ import annotations

import pytest

from tests.helpers.app import open_page
from ui.navigation import PAGES

# What a careless hand or a fuzzer puts in a link (each found to break a page, or close to it).
MALFORMED = {
    "from": "²",  # a superscript two: str.isdigit() says yes, int() says no
    "to": "①",
    "status": "dead",
    "type": "<script>alert(1)</script>",
    "home": "../../etc/passwd",
    "q": "\x00\u202e" + "x" * 200,  # a NUL, a bidi override, and too long
    "partner": "Неринга",
    "partners_sort": "drop table",
    "mode": "exec",
    "contry": "PL",  # a mistyped name
}
HUGE_YEAR = "9" * 5000  # int() refuses more than 4,300 digits
OTHER_YEARS = ("١٩٩٦", "２００５", "-1", " 2005", "20a5", "1e3", HUGE_YEAR)


def sidebar_count(app) -> str:
    return app.sidebar.caption[0].value


@pytest.mark.parametrize("page", [page.key for page in PAGES])
def test_every_page_opens_a_malformed_link_and_applies_the_rest(app, page):
    # The valid part of the link: Polish partners, in English.
    open_page(app, page, lang="en", country="PL", **MALFORMED)
    assert not app.exception
    assert app.multiselect(key="countries").value == ["PL"]
    assert app.radio(key="lang").value == "en"
    assert sidebar_count(app) == "Documents shown: 6 of 11"
    # The malformed values are gone from the URL; the valid ones stay.
    assert app.query_params["country"] == "PL"
    assert not {"from", "to", "status", "type", "home", "q", "contry"} & set(app.query_params)


def test_the_reader_is_told_which_parameters_were_left_out(app):
    for name, value in MALFORMED.items():
        app.query_params[name] = value
    app.query_params["country"] = "PL"
    app.run()
    assert not app.exception
    [toast] = app.toast
    assert toast.value == (
        "В ссылке не понято и пропущено: from, to, status, type, home, q, partner, "
        "partners_sort, mode, contry. Остальное из ссылки применено."
    )
    app.run()  # said once, not on every run
    assert not app.toast


@pytest.mark.parametrize("year", OTHER_YEARS)
def test_a_year_that_is_not_four_ascii_digits_is_left_out(app, year):
    open_page(app, "overview", to="2009", **{"from": year})
    assert not app.exception
    assert app.slider(key="years").value == (1991, 2009)


@pytest.mark.parametrize(("mode", "summary"), [("present", "Partners: 5"), ("print", "5")])
def test_both_modes_open_a_malformed_link(app, mode, summary):
    for name, value in {**MALFORMED, "mode": mode, "country": "PL", "lang": "en"}.items():
        app.query_params[name] = value
    app.run()
    assert not app.exception
    assert app.query_params["mode"] == mode
    shown = [element.value for element in [*app.main.markdown, *app.metric]]
    assert any(str(value).startswith(summary) for value in shown)  # Poland's five partners
