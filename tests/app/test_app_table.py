# The table page: the filtered documents, their columns and the downloads.
from __future__ import annotations

from tests.helpers.app import documents_table, open_page


def downloads(app) -> set[str]:
    """The labels of the page's download buttons (their bytes are tested in test_exports)."""
    return {button.proto.label for button in app.main.get("download_button")}


def test_table_in_russian(app):
    open_page(app, "table")
    table = documents_table(app)
    assert list(table.columns) == [
        "Партнёр",
        "Страна",
        "Документ",
        "Дата подписания",
        "Источник",
        "Статус связей",
        "Расстояние, км",
        "Уровень",
        "Регион",
        "Название на языке партнёра",
        "Адрес источника",
        "Что говорит источник",
    ]
    assert len(table) == 11
    assert table.iloc[0]["Дата подписания"] == "14 октября 1991"
    assert set(table["Страна"]) == {"Германия", "Литва", "Польша", "Беларусь"}
    dates = dict(zip(table["Партнёр"], table["Дата подписания"], strict=False))
    assert dates["г. Биштынек"] == "март 2009"
    assert dates["г. Лепель"] == "2009 г."
    assert set(table["Статус связей"]) == {"статус не записан"}  # the published data records none
    assert app.main.caption[0].value == "Документов: 11 · партнёров: 10 · стран: 4"
    assert downloads(app) == {"Скачать CSV", "Скачать Excel (XLSX)"}


def test_table_of_the_filtered_view_in_english(app):
    open_page(app, "table", lang="en", country="PL", **{"from": "2010"})
    table = documents_table(app)
    assert table["Partner"].tolist() == [
        "Braniewo Urban Commune",
        "Mrągowo",
        "Elbląg County",
    ]
    assert table["Distance, km"].tolist() == [77, 133, 114]
    assert app.main.caption[0].value == "Documents: 3 · partners: 3 · countries: 1"
    assert downloads(app) == {"Download CSV", "Download Excel (XLSX)"}


def test_partner_without_coordinates_stays_in_the_table(app, data_dir):
    coords = (data_dir / "coords.csv").read_text(encoding="utf-8").splitlines()
    (data_dir / "coords.csv").write_text(
        "\n".join(line for line in coords if not line.startswith("lepel,")), encoding="utf-8"
    )
    open_page(app, "table", lang="en")
    table = documents_table(app).set_index("Partner")
    assert len(table) == 11  # every document, placed or not
    assert table["Distance, km"].isna().to_dict()["Lepel"]  # no distance without a place
    assert table.loc["Wolin", "Distance, km"] == 400
