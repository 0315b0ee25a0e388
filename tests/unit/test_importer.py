# The importer of the published table: date phrases, countries, levels, regions, whole cells.
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.helpers.data import DATA, SEED_COPY
from utils.__main__ import main as cli
from utils.data.registry import PUBLISHED_TYPES
from utils.i18n import t
from utils.sources import importer
from utils.sources.importer import import_published, parse_published, slug
from utils.sources.published_cells import (
    PUBLISHED_TITLES,
    PublishedTableError,
    find_country,
    find_level,
    find_region,
    parse_date_phrase,
    parse_documents,
    parse_partner,
)


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("с 14.10.1991г.", ("1991-10-14", "day")),
        ("с 07.08. 2004 года", ("2004-08-07", "day")),  # a space after the second dot
        ("с 31.07.2009 года", ("2009-07-31", "day")),
        ("21.04.2016г.", ("2016-04-21", "day")),  # no «с»
        ("от 1.2.2003 г.", ("2003-02-01", "day")),  # one-digit day and month, «от»
        ("с марта 2009 года", ("2009-03", "month")),  # genitive month: month precision
        ("с Марта 2009 г.", ("2009-03", "month")),  # capitalised
        ("март 2009", ("2009-03", "month")),  # nominative month, no «года»
        ("с 2009 года", ("2009", "year")),  # a year only: never invent a day
        ("с 2010 года", ("2010", "year")),
        ("2012", ("2012", "year")),
    ],
)
def test_date_phrases_are_read_at_their_precision(phrase, expected):
    assert parse_date_phrase(phrase) == expected


@pytest.mark.parametrize(
    "phrase",
    [
        "",  # no date at all
        "с весны 2009 года",  # a season is no month
        "в прошлом году",
        "14/10/1991",  # another separator
        "с 14.10.91г.",  # a two-digit year would be a guess
        "с 2009 года по 2012 год",  # a range
    ],
)
def test_phrases_that_are_no_date_are_refused(phrase):
    assert parse_date_phrase(phrase) is None


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Крайс Пиннеберг земля Шлезвиг-Гольштейн Германия", "DE"),
        ("Самоуправление Неринги Литовской Республики", "LT"),  # adjective + «Республики»
        ("Гмина г. Бранёво Варминьско-Мазурское воеводство Польша", "PL"),
        ("г. Лепель Витебской области Республика Беларусь", "BY"),
        ("Эльблонгский повят Республика Польша", "PL"),
        ("г. Кюлунгсборн Республика Германия", "DE"),
        ("г. Карлскруна Швеция", "SE"),  # a country not yet in the registry
        ("г. Висбю (Швеции)", "SE"),  # genitive of the noun
    ],
)
def test_country_is_recognised(text, code):
    found = find_country(text)
    assert found is not None
    assert found[0] == code


def test_country_phrase_starts_with_its_style_words():
    text = "г. Лепель Витебской области Республика Беларусь"
    _, start = find_country(text)
    assert text[start:] == "Республика Беларусь"


@pytest.mark.parametrize(
    "text",
    [
        "Самоуправление Неринги",  # «Само…» must not be read as Samoa
        "г. Мрангово",
        "Округ Ландкрайз Росток",
    ],
)
def test_no_country_in_a_bare_name(text):
    assert find_country(text) is None


def test_two_countries_are_an_error_not_a_guess():
    with pytest.raises(ValueError, match="DE, PL"):
        find_country("г. Гёрлиц Германия и г. Згожелец Польша")


@pytest.mark.parametrize(
    ("name", "level"),
    [
        ("Крайс Пиннеберг", "district"),
        ("Самоуправление Неринги", "municipality"),
        ("Гмина г. Бранёво", "municipality"),  # a gmina, although it says «г.»
        ("г. Биштынек", "city"),
        ("Округ Ландкрайз Росток", "district"),
        ("Эльблонгский повят", "district"),
        ("Неринга", None),  # nothing tells the level
    ],
)
def test_level_is_recognised(name, level):
    assert find_level(name) == level


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("Крайс Пиннеберг земля Шлезвиг-Гольштейн ", "Шлезвиг-Гольштейн"),
        ("г. Лепель Витебской области ", "Витебская область"),  # genitive -> nominative
        ("г. Волин Западнопоморское воеводство ", "Западнопоморское воеводство"),
        ("г. Неман Калининградской области ", "Калининградская область"),
        ("Эльблонгский повят ", None),  # the powiat is the partner, not its region
    ],
)
def test_region_is_recognised(text, region):
    found = find_region(text)
    assert (found[0] if found else None) == region


def test_partner_cell_with_a_misprint_is_fixed():
    partner, problems = parse_partner("Крайс Пиннеберг земля Шлезвик-Гольштейн Германия", 5)
    assert problems == []
    assert partner.name_ru == "Крайс Пиннеберг"
    assert partner.region_ru == "Шлезвиг-Гольштейн"
    assert (partner.level, partner.country_code) == ("district", "DE")


def test_partner_name_gets_a_space_after_g():
    partner, _ = parse_partner("г.Биштынек Варминьско-Мазурское воеводство Польша", 7)
    assert partner.name_ru == "г. Биштынек"


def test_two_documents_in_one_cell():
    cell = "Протокол намерений с 07.08. 2004 года Договор о сотрудничестве с 07.08.2010г."
    documents, problems = parse_documents(cell, 12)
    assert problems == []
    assert [(d.document_type, d.title_ru, d.signed, d.precision) for d in documents] == [
        ("protocol_of_intent", "Протокол намерений", "2004-08-07", "day"),
        ("cooperation_treaty", "Договор о сотрудничестве", "2010-08-07", "day"),
    ]


@pytest.mark.parametrize(
    ("cell", "document_type"),
    [
        ("Соглашение о партнёрском сотрудничестве с 04.04.2011 года", "partnership_agreement"),
        ("Соглашение о партнерском сотрудничестве с 04.04.2011 года", "partnership_agreement"),
        ("Декларация о намерениях 21.04.2016г.", "declaration_of_intent"),
        ("соглашение  о сотрудничестве с 2009 года", "cooperation_agreement"),  # case, spaces
    ],
)
def test_document_types(cell, document_type):
    documents, problems = parse_documents(cell, 1)
    assert problems == []
    assert documents[0].document_type == document_type


@pytest.mark.parametrize(
    ("cell", "code", "text"),
    [
        ("Соглашение о сотрудничестве с весны 2009 года", "unparsed_date", "с весны 2009 года"),
        ("Соглашение о сотрудничестве с 31.02.2009 года", "unparsed_date", "с 31.02.2009 года"),
        ("Меморандум с 2009 года", "no_document", "Меморандум с 2009 года"),
        ("Подписано: Соглашение о сотрудничестве с 2009 года", "unparsed_text", "Подписано:"),
    ],
)
def test_unreadable_document_cells_name_the_line_and_text(cell, code, text):
    documents, problems = parse_documents(cell, 14)
    assert documents == []
    assert [(p.code, p.row, p.params["text"]) for p in problems] == [(code, 14, text)]
    assert "14" in problems[0].describe("ru")
    assert text in problems[0].describe("ru")


def test_published_text_with_a_bad_line_is_refused_whole():
    text = (
        "Пояснение без таблицы\n"
        "г. Волин Польша\tСоглашение о сотрудничестве с 31.07.2009 года\n"
        "г. Нигде\tСоглашение о сотрудничестве с 2009 года\n"
        "г. Лепель Беларусь\tСоглашение о сотрудничестве с когда-то\n"
    )
    with pytest.raises(PublishedTableError) as raised:
        parse_published(text)
    assert [(p.code, p.row) for p in raised.value.problems] == [
        ("no_country", 3),
        ("unparsed_date", 4),
    ]


def test_text_without_a_table_is_refused():
    with pytest.raises(PublishedTableError) as raised:
        parse_published("Международные связи\n\nТолько текст.")
    assert [p.code for p in raised.value.problems] == ["no_table"]


def test_seed_gives_ten_partners_and_eleven_documents():
    rows = parse_published(SEED_COPY.read_text(encoding="utf-8"))
    assert len(rows) == 11
    assert len({row["partner_ru"] for row in rows}) == 10
    assert sum(row["partner_ru"] == "Гмина г. Бранёво" for row in rows) == 2


def test_seed_copy_in_tests_is_the_published_one():
    seed = Path(__file__).resolve().parents[3] / "shared" / "seed" / "partners_page_ru.txt"
    if not seed.is_file():
        pytest.skip("shared/seed is not beside this checkout")
    assert SEED_COPY.read_text(encoding="utf-8") == seed.read_text(encoding="utf-8")


def test_import_reproduces_the_committed_registry(tmp_path):
    output = tmp_path / "partners.csv"
    shutil.copy(DATA / "partners.csv", output)
    import_published(SEED_COPY, output)
    assert output.read_text(encoding="utf-8") == (DATA / "partners.csv").read_text(encoding="utf-8")


def test_import_without_a_registry_fills_all_but_the_hand_kept_columns(tmp_path):
    output = tmp_path / "partners.csv"
    rows, new_ids = import_published(SEED_COPY, output)
    committed = (DATA / "partners.csv").read_text(encoding="utf-8").splitlines()
    assert len(new_ids) == 10
    assert rows[0]["partner_local"] == rows[0]["partner_en"] == ""
    generated = [
        {k: v for k, v in row.items() if k not in {*importer.HAND_KEPT_COLUMNS, "region_ru"}}
        for row in rows
    ]
    header = committed[0].split(",")
    for row, line in zip(generated, committed[1:], strict=True):
        stored = dict(zip(header, line.split(","), strict=True))
        assert all(stored[column] == value for column, value in row.items()), row


def test_failed_import_leaves_the_output_untouched(tmp_path, write_file):
    output = tmp_path / "partners.csv"
    output.write_text("keep me\n", encoding="utf-8")
    source = write_file("page.txt", "г. Нигде\tСоглашение о сотрудничестве с 2009 года\n")
    with pytest.raises(PublishedTableError):
        import_published(source, output)
    assert output.read_text(encoding="utf-8") == "keep me\n"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("г. Биштынек", "bishtynek"),
        ("Эльблонгский повят", "elblongskiy"),  # soft sign dropped, level word dropped
        ("Гмина г. Бранёво", "branevo"),
        ("г. Объезд", "obezd"),  # hard sign dropped
    ],
)
def test_slug(name, expected):
    assert slug(name) == expected


def test_cli_reports_problems_and_exits_1(write_file, tmp_path, capsys):
    source = write_file("page.txt", "г. Волин Польша\tСоглашение о сотрудничестве с когда-то\n")
    assert cli(["import", str(source), "-o", str(tmp_path / "out.csv")]) == 1
    assert "Строка 1" in capsys.readouterr().err
    assert not (tmp_path / "out.csv").exists()


def test_cli_writes_and_lists_new_partners(tmp_path, capsys):
    assert cli(["import", str(SEED_COPY), "-o", str(tmp_path / "out.csv"), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "Wrote 11 documents (10 partners)" in out
    assert "bishtynek" in out


def test_the_importers_titles_name_every_type_as_the_interface_does():
    # The importer has its own table, so that editing a label cannot change what it
    # recognises; when the two disagree, one of them has drifted: this says which type.
    assert sorted(PUBLISHED_TITLES.values()) == sorted(PUBLISHED_TYPES)
    for title, code in PUBLISHED_TITLES.items():
        label = t(f"document_type.{code}", "ru").lower().replace("ё", "е")
        assert title == label, code
