# Presentation mode and the print view: ?mode=present and ?mode=print on any page's URL.
from __future__ import annotations

import json

from streamlit.testing.v1 import AppTest

from tests.helpers.app import open_page
from tests.helpers.map_layer import drawn, layer_settings


def run_mode(at: AppTest, mode: str, **params: str) -> AppTest:
    """Run the app in a mode: whichever page the URL names, the mode's page runs."""
    for name, value in {"mode": mode, **params}.items():
        at.query_params[name] = value
    at.run()
    assert not at.exception, at.exception
    return at


def layer_script(at: AppTest, index: int = 0) -> str:
    """The script of the partners' layer that a map component was given."""
    components = at.main.get("component_instance")
    return json.loads(components[index].proto.json_args)["feature_group"]


def test_presentation_hides_the_sidebar_and_labels_the_partners(app):
    run_mode(app, "present", lang="en")
    assert not app.get("radio")  # no language switch: the sidebar is not drawn
    assert not app.get("multiselect")
    layer = layer_script(app)
    assert drawn(layer)["partners"] == 10
    settings = layer_settings(layer)
    assert settings["labels"] is True  # the browser writes each partner's name beside it
    assert len(settings["partners"]) == 10
    assert settings["fontPx"] >= 18  # read from the back of a meeting room
    summary = [markdown.value for markdown in app.main.markdown]
    assert "Partners: 10 · countries: 4 · documents: 11 · 1991–2016" in summary


def test_presentation_keeps_the_filters_of_the_url(app):
    run_mode(app, "present", country="DE")
    assert drawn(layer_script(app))["partners"] == 3
    assert app.query_params["country"] == "DE"
    assert app.query_params["mode"] == "present"


def test_presenter_steps_through_the_partners_in_order(app):
    run_mode(app, "present", lang="en")
    assert app.button(key="present_network").disabled  # the whole network is shown
    app.button(key="present_next").click().run()
    assert app.query_params["partner"] == "pinneberg"
    settings = layer_settings(layer_script(app))
    assert settings["partners"][settings["focus"]]["id"] == "pinneberg"
    app.button(key="present_next").click().run()
    assert app.query_params["partner"] == "neringa"
    assert any("2 of 10: Neringa Municipality" in m.value for m in app.main.markdown)
    app.button(key="present_previous").click().run()
    app.button(key="present_previous").click().run()
    # Before the first partner comes the whole network again.
    assert "partner" not in app.query_params
    settings = layer_settings(layer_script(app))
    assert settings["focus"] is None
    assert settings["frame"]["animate"] is True  # flies back to the whole network
    app.button(key="present_previous").click().run()
    assert app.query_params["partner"] == "elblag-county"  # the last one to sign
    app.button(key="present_network").click().run()
    assert "partner" not in app.query_params


def test_leaving_the_presentation_returns_to_the_dashboard_with_its_filters(app):
    run_mode(app, "present", country="PL")
    app.button(key="leave_present").click().run()
    assert "mode" not in app.query_params
    assert app.query_params["country"] == "PL"
    assert app.multiselect(key="countries").value == ["PL"]


def test_sidebar_buttons_enter_the_modes(app):
    open_page(app, "map", lang="en")
    assert app.button(key="enter_present").label == "Presentation mode"
    app.button(key="enter_present").click().run()
    assert app.query_params["mode"] == "present"
    assert app.button(key="present_next")
    app.button(key="leave_present").click().run()
    app.button(key="enter_print").click().run()
    assert app.query_params["mode"] == "print"
    assert app.button(key="leave_print")


def test_print_view_lays_out_summary_map_and_charts(app):
    run_mode(app, "print", lang="en", country="PL")
    assert app.title[0].value == "International partners of the Zelenogradsk Municipal District"
    assert {metric.label: metric.value for metric in app.metric} == {
        "Partners": "5",
        "Countries": "1",
        "Documents": "6",
        "First document": "7 August 2004",
        "Latest document": "21 April 2016",
    }
    # The handout says no status is recorded rather than imply live ties.
    (line,) = [c.value for c in app.caption if c.value.startswith("Status of the ties on")]
    assert line.endswith(": no status recorded — 5.")
    assert drawn(layer_script(app))["partners"] == 5
    charts = [chart.proto.id.rsplit("-", 1)[-1] for chart in app.get("plotly_chart")]
    assert charts == [  # the timeline, then page three's three charts side by side
        "print_timeline_chart", "print_country_chart", "print_document_type_chart",
        "print_decade_chart",
    ]  # fmt: skip
    assert app.caption[0].value == "To print or save as PDF, press Ctrl+P: A4 pages, landscape."


def test_the_modes_stylesheets_agree_with_the_layout_the_pages_use():
    # The modes' CSS lives in assets/app/; its sizes and container classes are the ones
    # the pages are laid out with (ui/chrome.py).
    from ui.chrome import (  # noqa: PLC0415
        PRESENT_CHROME_PX,
        PRESENT_CHROME_STEPS,
        PRESENT_CSS,
        PRESENT_MAP_BOX,
        PRINT_COLUMN_PX,
        PRINT_CSS,
        PRINT_SECTION_PREFIX,
    )

    present = PRESENT_CSS.read_text(encoding="utf-8")
    assert f".st-key-{PRESENT_MAP_BOX} iframe" in present
    assert f"calc(100vh - {PRESENT_CHROME_PX}px)" in present
    for width, chrome in PRESENT_CHROME_STEPS:
        assert f"@media (max-width: {width}px) {{ .st-key-{PRESENT_MAP_BOX} iframe" in present
        assert f"calc(100vh - {chrome}px)" in present
    printed = PRINT_CSS.read_text(encoding="utf-8")
    assert f"width: {PRINT_COLUMN_PX}px !important" in printed
    assert f'[class*="st-key-{PRINT_SECTION_PREFIX}"] {{ break-before: page; }}' in printed
