# The strategy's directions: loading data/strategy.csv and the documents serving each.
from __future__ import annotations

import pytest

from tests.helpers.data import DATA
from utils.data.folder import DEFAULT_DATA_DIR
from utils.data.strategy import (
    DIRECTION_ID,
    DOCUMENT_COUNT,
    IS_OPEN,
    PARTNER_COUNT,
    documents_serving,
    load_strategy,
    strategy_coverage,
)
from utils.views.tables import describe_direction

HEADER = "direction_id,name_ru,name_en,kind,target"


def test_committed_directions_and_what_serves_them(documents):
    strategy, problems = load_strategy(DATA / "strategy.csv")
    assert problems == []
    coverage = strategy_coverage(strategy, documents).set_index(DIRECTION_ID)
    assert coverage[DOCUMENT_COUNT].to_dict() == {
        "neringa-tourism": 1,
        "palanga-tourism": 0,  # no agreement with Palanga yet
        "sweden": 0,  # nor with any Swedish partner
        "germany": 3,
        "poland": 6,  # Braniewo's two documents count as two
    }
    assert coverage[PARTNER_COUNT].to_dict()["poland"] == 5
    assert coverage[IS_OPEN].to_dict() == {
        "neringa-tourism": False, "palanga-tourism": True, "sweden": True,
        "germany": False, "poland": False,
    }  # fmt: skip


def test_documents_serving_a_direction_oldest_first(documents):
    direction = {"kind": "country", "target": "DE"}
    serving = documents_serving(direction, documents)
    assert serving["partner_id"].tolist() == ["pinneberg", "kuhlungsborn", "rostock-district"]


@pytest.mark.parametrize(
    ("row", "code", "column"),
    [
        ("x,Икс,X,region,PL", "unknown_value", "kind"),  # only partner or country
        ("x,Икс,X,country,Poland", "unknown_country", "target"),  # a code, not a name
        ("x,Икс,X,country,ZZ", "unknown_country", "target"),  # not a country CLDR knows
        ("x,,X,partner,p", "missing_value", "name_ru"),
        ("poland,Икс,X,partner,p", "duplicate_id", "direction_id"),
        # A right-to-left override would turn the page's own text after it backwards.
        ("x,Икс,\u202eX,partner,p", "forbidden_character", "name_en"),
    ],
)
def test_bad_direction_rows_are_reported_and_left_out(write_file, row, code, column):
    path = write_file("strategy.csv", f"{HEADER}\npoland,Польша,Poland,country,PL\n{row}\n")
    strategy, problems = load_strategy(path)
    assert [(p.code, p.row, p.column) for p in problems] == [(code, 3, column)]
    assert strategy[DIRECTION_ID].tolist() == ["poland"]


def test_missing_strategy_file_is_a_problem_not_a_crash(tmp_path):
    strategy, problems = load_strategy(tmp_path / "strategy.csv")
    assert strategy.empty
    assert [p.code for p in problems] == ["file_unreadable"]


def test_direction_described_in_both_languages(documents):
    strategy, _ = load_strategy(DATA / "strategy.csv")
    coverage = strategy_coverage(strategy, documents)
    assert describe_direction(coverage.iloc[1], "en") == (
        "Tourism: Palanga",
        "Open: no document yet",
    )
    assert describe_direction(coverage.iloc[4], "ru") == (
        "Польские партнёры",
        "6 документов, 5 партнёров",
    )


def test_a_direction_stands_by_the_statuses_of_its_ties(documents):
    # Every German tie suspended or ended: not served; one with no status recorded: served.
    strategy, _ = load_strategy(DATA / "strategy.csv")
    frame = documents.assign(home_id="zelenogradsk")
    german = ["pinneberg", "rostock-district", "kuhlungsborn"]
    links = {("zelenogradsk", partner): "suspended" for partner in german}
    coverage = strategy_coverage(strategy, frame, links).set_index(DIRECTION_ID)
    assert coverage.at["germany", "standing"] == "suspended"
    links[("zelenogradsk", "pinneberg")] = "terminated"
    coverage = strategy_coverage(strategy, frame, links).set_index(DIRECTION_ID)
    assert coverage.at["germany", "standing"] == "suspended"  # one still only suspended
    links = dict.fromkeys(links, "terminated")
    coverage = strategy_coverage(strategy, frame, links).set_index(DIRECTION_ID)
    assert coverage.at["germany", "standing"] == "ended"
    assert describe_direction(coverage.loc["germany"], "en")[1] == (
        "Not served: 3 documents with 3 partners, but every tie has ended"
    )
    links[("zelenogradsk", "kuhlungsborn")] = "unrecorded"  # silent data: still served
    coverage = strategy_coverage(strategy, frame, links).set_index(DIRECTION_ID)
    assert coverage.at["germany", "standing"] == "served"
    assert coverage.at["palanga-tourism", "standing"] == "open"


@pytest.mark.parametrize(
    ("lang", "name"),
    [
        ("ru", "Немецкие партнёры"),
        ("en", "German partners"),
        ("de", "Deutsche Partner"),  # its own column
        ("pl", "Partnerzy niemieccy"),
        ("lt", "Vokietijos partneriai"),
    ],
)
def test_a_direction_is_named_in_the_readers_language(documents, lang, name):
    # The app's own data/ has the Polish, German and Lithuanian names (the test copies not).
    strategy, problems = load_strategy(DEFAULT_DATA_DIR / "strategy.csv")
    assert problems == []
    coverage = strategy_coverage(strategy, documents).set_index(DIRECTION_ID)
    assert describe_direction(coverage.loc["germany"], lang)[0] == name


def test_a_file_without_the_optional_names_gives_the_english_to_latin_readers(documents):
    strategy, problems = load_strategy(DATA / "strategy.csv")
    assert problems == []
    coverage = strategy_coverage(strategy, documents).set_index(DIRECTION_ID)
    assert describe_direction(coverage.loc["germany"], "de")[0] == "German partners"
