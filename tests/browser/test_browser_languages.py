# The partners' languages in the browser: German (the longest words) on a projector with no
# English left where the app writes the text, and a pseudo-localised run (every text 40 %
# longer) with nothing cut in the sidebar, the buttons or the chart titles.
from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po
from playwright.sync_api import Page, expect

from devtools.harness import AppServer, wait_until_map_is_still
from tests.helpers.browser import EXCEPTION, LOAD_MS, MAP_FRAME, map_frame
from tests.helpers.data import LIVING
from utils.i18n import LOCALES_DIR

PROJECTOR = {"width": 1280, "height": 720}
PADDING = 0.4  # pseudo-localisation: each text this much longer, as German or Polish may be


def catalogue(lang: str) -> dict[str, str]:
    """A language's texts by key; a counted phrase's forms joined into one text."""
    with (LOCALES_DIR / lang / "LC_MESSAGES" / "messages.po").open("rb") as file:
        return {
            m.id[0] if m.pluralizable else m.id: " / ".join(m.string)
            if m.pluralizable
            else m.string
            for m in read_po(file)
            if m.id
        }


def english_phrases() -> set[str]:
    """Phrases of the English texts that German never writes the same: leftovers to find."""
    german = " ".join(catalogue("de").values())
    phrases = set()
    for text in catalogue("en").values():
        for piece in re.split(r"\{\w+\}", text):
            phrase = piece.strip(" .,:;()—–-")
            if len(phrase) >= 12 and " " in phrase and phrase not in german:
                phrases.add(phrase)
    return phrases


@pytest.fixture(scope="module")
def living_server() -> Iterator[AppServer]:
    server = AppServer(env={"PARTNERS_DATA_DIR": str(LIVING), "PARTNERS_TODAY": "2026-11-26"})
    yield server
    server.stop()


def visible_text(page: Page) -> str:
    """What a reader sees: the page's text and the map frame's, if there is one."""
    text = page.locator("body").inner_text()
    if page.locator(MAP_FRAME).count():
        frame = page.locator(MAP_FRAME).element_handle().content_frame()
        text += "\n" + frame.locator("body").inner_text()
    return text


@pytest.mark.parametrize(
    ("path", "ready"),
    [
        ("map?lang=de&partner=pinneberg", ".partner-marker"),
        ("map?lang=de&mode=present&partner=braniewo", ".leaflet-popup"),
        ("map?lang=de&mode=print", ".partner-label"),
        ("partners?lang=de", None),
        ("anniversaries?lang=de", None),
    ],
)
def test_german_leaves_no_english_where_the_app_writes(browser, living_server, path, ready):
    context = browser.new_context(viewport=PROJECTOR)
    page = context.new_page()
    page.goto(f"{living_server.url}/{path}")
    expect(page.locator("h1, h3").first).to_be_visible(timeout=LOAD_MS)
    if ready:
        frame = map_frame(page, ready)
        wait_until_map_is_still(page.locator(MAP_FRAME).element_handle().content_frame())
        toggle = frame.locator(".map-legend-toggle")
        if toggle.count() and toggle.get_attribute("aria-expanded") == "false":
            toggle.click()
    else:
        expect(page.locator("[data-testid='stMarkdown']").first).to_be_visible(timeout=LOAD_MS)
    text = visible_text(page)
    left = sorted(phrase for phrase in english_phrases() if phrase in text)
    assert left == [], left
    assert not page.locator(EXCEPTION).count()
    context.close()


@pytest.mark.parametrize("lang", ["pl", "de", "lt"])
def test_latin_script_readers_get_lepel_in_latin_letters(browser, app_server, lang):
    # Lepel's own name is Belarusian Cyrillic: the map's label and the card give the English
    # «Lepel», as the tables do, while Mrągowo keeps its own name with its «ą».
    context = browser.new_context(viewport=PROJECTOR)
    page = context.new_page()
    page.goto(f"{app_server.url}/map?lang={lang}&mode=present&country=BY")
    frame = map_frame(page, ".partner-label")
    expect(frame.locator(".partner-label")).to_have_text(["Lepel"])
    frame.locator(".partner-marker").click()
    expect(frame.locator(".partner-card-name")).to_have_text("Lepel")
    page.goto(f"{app_server.url}/map?lang={lang}&mode=present&country=PL")
    frame = map_frame(page, ".partner-label")
    expect(frame.locator("body")).to_contain_text("Mrągowo")
    assert "Лепель" not in visible_text(page)
    context.close()


@pytest.mark.parametrize(
    ("lang", "download", "zoom"),
    [
        ("ru", "Скачать график (PNG)", "Приблизить"),
        ("de", "Diagramm herunterladen (PNG)", "Vergrößern"),
    ],
)
def test_the_charts_toolbar_speaks_the_pages_language(browser, app_server, lang, download, zoom):
    context = browser.new_context(viewport=PROJECTOR)
    page = context.new_page()
    page.goto(f"{app_server.url}/timeline?lang={lang}")
    chart = page.locator(".js-plotly-plot").first
    expect(chart).to_be_visible(timeout=LOAD_MS)
    chart.hover()
    buttons = chart.locator(".modebar-btn")
    expect(buttons.first).to_be_attached(timeout=LOAD_MS)
    titles = [button.get_attribute("data-title") for button in buttons.all()]
    assert download in titles
    assert zoom in titles
    assert not {"Download plot as a png", "Zoom in", "Reset axes", "Autoscale"} & set(titles)
    context.close()


@pytest.mark.parametrize(
    ("lang", "button", "limit", "remove"),
    [
        ("ru", "Выбрать файл", "до 10 МБ • CSV, XLSX", "Убрать partners.csv"),
        ("de", "Datei wählen", "bis 10 MB • CSV, XLSX", "partners.csv entfernen"),
        # English keeps Streamlit's «Remove …»: the script must leave it, not write it again
        # for ever (the page hung once a file was chosen).
        ("en", "Choose file", "up to 10 MB • CSV, XLSX", "Remove partners.csv"),
    ],
)
def test_the_uploader_speaks_the_pages_language(browser, app_server, lang, button, limit, remove):
    # Streamlit writes «Upload» and «10MB per file» in every language; the Data page's
    # script gives both uploaders the page's words, and the chosen file's remove button too.
    context = browser.new_context(viewport=PROJECTOR)
    page = context.new_page()
    page.goto(f"{app_server.url}/data?lang={lang}")
    uploaders = page.locator("[data-testid='stFileUploader']")
    expect(uploaders).to_have_count(2, timeout=LOAD_MS)
    for uploader in uploaders.all():
        expect(uploader.locator("[data-testid='stFileUploaderDropzone'] button p")).to_have_text(
            button, timeout=LOAD_MS
        )
        expect(uploader.locator("[data-testid='stFileUploaderDropzoneInstructions']")).to_have_text(
            limit
        )
    registry = uploaders.first
    registry.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(
        "data/partners.csv"
    )
    expect(registry.get_by_role("button", name=remove)).to_be_visible(timeout=LOAD_MS)
    # The page answers: the file is checked, which a page hung in its own script never shows.
    expect(page.get_by_text(catalogue(lang)["data.ready"])).to_be_visible(timeout=LOAD_MS)
    for uploader in uploaders.all():
        text = uploader.inner_text()
        assert "Upload" not in text
        assert "per file" not in text
    assert not page.locator(EXCEPTION).count()
    context.close()


def padded(text: str) -> str:
    """A text 40 % longer, bracketed so that a cut end shows."""
    extra = max(3, round(len(text) * PADDING))
    return f"[{text} {'~' * (extra - 3)}]"


def pseudo_localised(folder: Path) -> Path:
    """A copy of the catalogues whose English texts are 40 % longer (placeholders kept)."""
    shutil.copytree(LOCALES_DIR, folder, dirs_exist_ok=True)
    path = folder / "en" / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as file:
        catalog = read_po(file)
    for message in catalog:
        if message.id and message.string:
            message.string = (
                tuple(padded(form) for form in message.string)
                if message.pluralizable
                else padded(message.string)
            )
    with path.open("wb") as file:
        write_po(file, catalog)
    return folder


@pytest.fixture(scope="module")
def pseudo_server(tmp_path_factory) -> Iterator[AppServer]:
    folder = pseudo_localised(tmp_path_factory.mktemp("locales"))
    server = AppServer(
        env={
            "PARTNERS_LOCALES_DIR": str(folder),
            "PARTNERS_DATA_DIR": str(LIVING),
            "PARTNERS_TODAY": "2026-11-26",
        }
    )
    yield server
    server.stop()


# Elements whose text must show whole: a cut one is wider inside than its box.
CUT_JS = """() => [...document.querySelectorAll(
    '[data-testid="stSidebar"] label, [data-testid="stSidebar"] p, button, '
    + '[data-testid="stWidgetLabel"] p, [data-testid="stMetricLabel"] p')]
  .filter(e => e.offsetParent !== null && e.scrollWidth > e.clientWidth + 1
          && getComputedStyle(e).overflow !== 'visible')
  .map(e => e.textContent)"""
TITLES_JS = """() => [...document.querySelectorAll('.js-plotly-plot')].flatMap(plot => {
  const box = plot.getBoundingClientRect();
  return [...plot.querySelectorAll('.gtitle')].map(title => {
    const r = title.getBoundingClientRect();
    return r.left >= box.left - 1 && r.right <= box.right + 1 ? null : title.textContent;
  }).filter(Boolean);
})"""


@pytest.mark.parametrize("size", [(1280, 720), (1024, 768), (390, 844)])
@pytest.mark.parametrize("path", ["?lang=en", "timeline?lang=en", "anniversaries?lang=en"])
def test_a_pseudo_localised_run_cuts_no_text(browser, pseudo_server, path, size):
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    page = context.new_page()
    page.goto(f"{pseudo_server.url}/{path}")
    sidebar = page.locator("[data-testid='stSidebar']")
    expect(sidebar).to_contain_text("[Filters ]", timeout=LOAD_MS)  # the padded texts
    if path.startswith("timeline"):
        expect(page.locator(".js-plotly-plot .gtitle").first).to_be_visible(timeout=LOAD_MS)
    else:
        expect(page.locator("[data-testid='stMarkdown']").first).to_be_visible(timeout=LOAD_MS)
    assert page.evaluate(CUT_JS) == []
    assert page.evaluate(TITLES_JS) == []
    assert not page.locator(EXCEPTION).count()
    context.close()
