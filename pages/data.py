# Updating the registry: check an uploaded file, then (editors only) apply it with a backup,
# geocode the new places and enter by hand those the geocoder cannot find.
import datetime as dt
import os
from pathlib import Path

import pandas as pd
import streamlit as st

from ui import data
from ui.editor import (
    data_persists,
    editing_enabled,
    failed_attempts,
    is_editor,
    sign_in,
    sign_out,
)
from ui.frame import require_frame
from ui.notices import show_problems
from ui.state import language
from utils.auth import attempts_left
from utils.exports import CSV_MIME
from utils.files import DataWriteError
from utils.geocode import (
    DEFAULT_USER_AGENT,
    USER_AGENT_VARIABLE,
    geocode_places,
    places_to_geocode,
    read_coords_rows,
)
from utils.i18n import t
from utils.places import PLACE_ID
from utils.tables import markdown_text, partner_names
from utils.updates import (
    COORDS_FILE,
    MAX_UPLOAD_BYTES,
    MAX_UPLOAD_ROWS,
    REGISTRY_FILE,
    UploadRefusedError,
    add_manual_coords,
    apply_registry,
    check_upload,
    registry_text,
)

APPLIED_KEY = "_data_applied"  # the backup made by the last apply, to say so after the rerun
WRITE_PROBLEM_KEY = "_data_write_problem"  # why the last apply could not write
GEOCODED_KEY = "_data_geocoded"  # the last geocoding run's report
GEOCODE_ASKED_KEY = "_data_geocode_asked"
MANUAL_PROBLEMS_KEY = "_data_manual_problems"
SIGN_IN_INPUT_KEY = "password"


# The buttons act through callbacks: a callback's effect survives the rerun that
# ui.frame's guard makes on a session's first run, a button's return value would not.
def submit_password() -> None:
    """Check the password typed into the sign-in form, then forget it."""
    sign_in(st.session_state.get(SIGN_IN_INPUT_KEY, ""))
    st.session_state[SIGN_IN_INPUT_KEY] = ""


def apply_upload(documents: pd.DataFrame, folder: Path) -> None:
    """Put a checked registry in place, keeping the old one, and drop every cached view."""
    try:
        backup = apply_registry(documents, folder, dt.datetime.now())
    except DataWriteError as error:
        st.session_state[WRITE_PROBLEM_KEY] = error.problem
        return
    st.cache_data.clear()
    st.session_state[APPLIED_KEY] = backup.name if backup else "-"


def save_manual_coords(coords_path: Path, queries: dict[str, str], today: dt.date) -> None:
    """Add the coordinates typed into the form for the place chosen there."""
    place_id = st.session_state["manual_place"]
    problems = add_manual_coords(
        coords_path,
        place_id,
        queries[place_id],
        lat=st.session_state["lat"],
        lon=st.session_state["lon"],
        today=today,
    )
    st.session_state[MANUAL_PROBLEMS_KEY] = problems
    if not problems:
        st.cache_data.clear()
        st.session_state.pop(GEOCODED_KEY, None)


require_frame()
lang = language()
home = data.home()
documents, _ = data.registry()
folder = data.data_dir()
today = data.today()

st.title(t("page.data", lang))
st.write(t("data.intro", lang))

# Who may change the data.
if not editing_enabled():
    st.info(t("data.editing_off", lang))
elif is_editor():
    with st.container(horizontal=True, vertical_alignment="center"):
        st.success(t("data.signed_in", lang))
        st.button(t("data.sign_out", lang), key="sign_out", on_click=sign_out)
elif attempts_left(failed_attempts()) == 0:
    st.error(t("data.locked", lang))
else:
    with st.form("sign_in_form"):
        st.text_input(t("data.password", lang), type="password", key=SIGN_IN_INPUT_KEY)
        st.form_submit_button(t("data.sign_in", lang), on_click=submit_password)
    if failed_attempts():
        st.error(t("data.wrong_password", lang, left=attempts_left(failed_attempts())))
if not data_persists(Path(__file__).resolve().parent.parent):
    st.warning(t("data.not_persistent", lang))
if applied := st.session_state.pop(APPLIED_KEY, None):
    st.success(t("data.applied", lang, backup=applied))
if write_problem := st.session_state.pop(WRITE_PROBLEM_KEY, None):
    st.error(write_problem.message(lang))

# A new registry file: checked for everyone, applied by editors.
st.header(t("data.upload_header", lang))
upload = st.file_uploader(
    t("data.upload", lang),
    type=["csv", "xlsx"],
    key="upload",
    help=t("data.upload_help", lang, mb=MAX_UPLOAD_BYTES // 2**20, rows=MAX_UPLOAD_ROWS),
)
if upload is not None:
    try:
        check = check_upload(upload.getvalue(), upload.name, documents, today)
    except UploadRefusedError as refused:
        reason = refused.problem.message(lang)
        st.error(t("data.refused", lang, file=markdown_text(upload.name), reason=reason))
    else:
        with st.container(horizontal=True, key="upload_summary"):
            st.metric(t("data.file_rows", lang), check.file_rows, border=True)
            st.metric(t("data.valid_rows", lang), len(check.documents), border=True)
            st.metric(t("data.added", lang), check.added, border=True)
            st.metric(t("data.removed", lang), check.removed, border=True)
            st.metric(t("data.new_partners", lang), len(check.new_partners), border=True)
        show_problems(check.problems, markdown_text(upload.name), lang)
        if check.renamed:
            st.warning(t("data.renamed", lang, count=len(check.renamed)))
            st.dataframe(
                pd.DataFrame(
                    check.renamed,
                    columns=[
                        t(f"column.{name}", lang)
                        for name in ("partner_id", "field", "before", "after")
                    ],
                ),
                hide_index=True,
                key="renamed_table",
            )
        if check.can_apply:
            st.success(t("data.ready", lang))
            with st.container(horizontal=True):
                st.download_button(
                    t("data.download_checked", lang),
                    registry_text(check.documents).encode("utf-8"),
                    file_name=REGISTRY_FILE,
                    mime=CSV_MIME,
                    key="download_checked",
                    on_click="ignore",
                )
                if is_editor():
                    st.button(
                        t("data.apply", lang),
                        key="apply_upload",
                        type="primary",
                        on_click=apply_upload,
                        args=(check.documents, folder),
                    )
            if not is_editor():
                st.caption(t("data.editors_only", lang))
        else:
            st.error(t("data.not_ready", lang))

# Places without coordinates: geocode them, or type them in (editors only).
if is_editor():
    coords_path = folder / COORDS_FILE
    known = {str(row[PLACE_ID]) for row in read_coords_rows(coords_path)}
    missing = places_to_geocode(documents, home, known)
    st.header(t("data.coords_header", lang))
    if report := st.session_state.get(GEOCODED_KEY):
        if report.resolved:
            st.success(t("data.resolved", lang, places=", ".join(report.resolved)))
        for place_id, reason in report.unresolved.items():
            st.warning(t("data.unresolved", lang, place=place_id, reason=reason))
    if not missing:
        st.caption(t("data.coords_complete", lang))
    else:
        names = {**partner_names(documents, lang), home.id: home.name(lang)}
        st.write(t("data.coords_missing", lang, places=", ".join(p.place_id for p in missing)))
        st.button(
            t("data.geocode", lang, count=len(missing)),
            key="geocode",
            type="primary",
            on_click=st.session_state.__setitem__,
            args=(GEOCODE_ASKED_KEY, True),
        )
        if st.session_state.pop(GEOCODE_ASKED_KEY, False):
            from geopy.geocoders import Nominatim  # only this step needs it

            agent = os.environ.get(USER_AGENT_VARIABLE, DEFAULT_USER_AGENT)
            progress = st.progress(0.0, text=t("data.geocoding", lang))

            def show_progress(index: int, total: int, place: object) -> None:
                """Move the progress bar on to the place being looked up."""
                progress.progress(index / total, text=f"{index}/{total}: {place.query}")

            try:
                report = geocode_places(
                    missing,
                    Nominatim(user_agent=agent, timeout=10),
                    coords_path,
                    today=today,
                    on_progress=show_progress,
                )
            except DataWriteError as error:
                st.error(error.problem.message(lang))
            else:
                st.session_state[GEOCODED_KEY] = report
                st.cache_data.clear()
                st.rerun()
        with st.form("manual_coords"):
            st.write(t("data.manual", lang))
            st.selectbox(
                t("data.place", lang),
                [place.place_id for place in missing],
                key="manual_place",
                format_func=lambda place_id: f"{names.get(place_id, place_id)} ({place_id})",
            )
            st.number_input(t("data.lat", lang), -90.0, 90.0, format="%.4f", key="lat")
            st.number_input(t("data.lon", lang), -180.0, 180.0, format="%.4f", key="lon")
            st.form_submit_button(
                t("data.save_coords", lang),
                on_click=save_manual_coords,
                args=(coords_path, {place.place_id: place.query for place in missing}, today),
            )
        for problem in st.session_state.pop(MANUAL_PROBLEMS_KEY, []):
            st.error(problem.describe(lang))
    with st.container(horizontal=True):
        for name in (REGISTRY_FILE, COORDS_FILE):
            path = folder / name
            st.download_button(
                t("data.download_file", lang, file=name),
                path.read_bytes() if path.exists() else b"",
                file_name=name,
                mime=CSV_MIME,
                key=f"download_{name}",
                on_click="ignore",
                disabled=not path.exists(),
            )
