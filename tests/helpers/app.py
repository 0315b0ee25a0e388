# AppTest helpers: finding elements by key or column, and driving the Data page.
from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.helpers.data import ROOT

APP = str(ROOT / "app.py")
TIMEOUT = 30


def dataframe_with_column(at: AppTest, *names: str):
    """The dataframe that has one of these columns (st.dataframe carries no key to find it by)."""
    return next(df.value for df in at.dataframe if set(names) & set(df.value.columns))


def documents_table(at: AppTest):
    """The documents table, in either language."""
    return dataframe_with_column(at, "Партнёр", "Partner")


def metrics(at: AppTest) -> dict[str, str]:
    """The summary strip: each metric's label and value."""
    return {metric.label: metric.value for metric in at.metric}


def open_page(at: AppTest, page: str, **params: str | list[str]) -> AppTest:
    """Run the app with these query parameters, then switch to a page of pages/ and run it."""
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    if page != "overview":
        at.switch_page(f"pages/{page}.py").run()
    assert not at.exception, at.exception
    return at


PASSWORD = "верный-пароль"  # noqa: S105 - the test's own


def upload(app, content: bytes, name: str = "partners.csv"):
    app.file_uploader(key="upload").set_value((name, content, "text/csv")).run()
    assert not app.exception, app.exception


def sign_in(app, password: str = PASSWORD):
    app.text_input(key="password").input(password)
    submit = next(b for b in app.get("button") if b.proto.label in {"Sign in", "Войти"})
    submit.click().run()


def upload_record(app, content: bytes, file_name: str = "status.csv"):
    app.radio(key="record_file").set_value(file_name).run()
    app.file_uploader(key="record_upload").set_value(("upload.csv", content, "text/csv")).run()
    assert not app.exception, app.exception
