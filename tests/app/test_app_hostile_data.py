# Data files as careless editors and Russian Excel leave them: what `check` accepts loads on
# every page and in every apply, and what would lose a row on apply is refused by row and
# column before anything is applied.
from __future__ import annotations

from tests.helpers.app import PASSWORD, metrics, open_page, sign_in, upload, upload_record
from tests.helpers.data import DATA, LIVING_STATUS


def test_a_bare_carriage_return_is_refused_by_row_and_column_before_apply(app, data_dir):
    app.secrets["editor_password"] = PASSWORD
    open_page(app, "data", lang="en")
    sign_in(app)
    text = (DATA / "partners.csv").read_text(encoding="utf-8")
    split = text.replace("Самоуправление Неринги", '"Самоуправление\rНеринги"', 1)
    upload(app, split.encode("utf-8"))
    problems = next(df.value for df in app.dataframe if "What is wrong" in df.value.columns)
    forbidden = "a character that is not allowed: U+000D (a control or text-direction character)"
    assert problems.to_numpy().tolist() == [[3, "partner_ru", forbidden]]
    assert not [button for button in app.button if button.key == "apply_upload"]
    # The same in a status file: refused, never applied with a row split in two.
    upload_record(app, LIVING_STATUS.replace(b"Rada Miejska", b'"Rada\rMiejska"'))
    assert not [button for button in app.button if button.key == "apply_record"]
    assert not (data_dir / "status.csv").exists()


def test_a_registry_saved_by_russian_excel_loads_on_every_page_and_in_every_apply(app, data_dir):
    # Windows-1251 with ";": what Russian Excel's "CSV (разделители — точки с запятой)"
    # writes. Its ą, ü, ė become "?", which the check says, keeping the rows.
    text = (DATA / "partners.csv").read_text(encoding="utf-8").replace(",", ";")
    (data_dir / "partners.csv").write_bytes(text.encode("cp1251", errors="replace"))
    app.secrets["editor_password"] = PASSWORD
    open_page(app, "overview", lang="en")
    assert metrics(app)["Documents"] == "11"
    assert metrics(app)["Partners"] == "10"
    for page in ("map", "partners", "timeline", "table", "anniversaries", "strategy", "data"):
        app.switch_page(f"pages/{page}.py").run()
        assert not app.exception, page
    sign_in(app)
    upload_record(app, LIVING_STATUS)
    app.button(key="apply_record").click().run()
    assert not app.exception
    assert "status.csv replaced: this is version 1. The previous file stays in History below." in [
        success.value for success in app.success
    ]
    app.switch_page("pages/overview.py").run()
    assert metrics(app)["Ended"] == "1"
