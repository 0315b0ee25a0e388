# The Data page's second half (editors only): places without coordinates, geocoded or
# typed in by hand, and the data files to download.
from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import streamlit as st

from ui.data_page.apply import put_in_place
from ui.data_page.editors import is_editor
from ui.view import View
from utils.data.coords import PLACE_ID, add_manual_coords, read_coords_rows
from utils.data.folder import COORDS_FILE, REGISTRY_FILE
from utils.data.reading import read_text_file
from utils.data.writing import DataWriteError
from utils.exports import CSV_MIME, inert_csv
from utils.i18n import t
from utils.sources.geocode import (
    DEFAULT_USER_AGENT,
    USER_AGENT_VARIABLE,
    Place,
    geocode_places,
    places_to_geocode,
)
from utils.views.tables import partner_names

GEOCODED_KEY = "_data_geocoded"  # the last geocoding run's report
GEOCODE_ASKED_KEY = "_data_geocode_asked"
MANUAL_PROBLEMS_KEY = "_data_manual_problems"
COORDS_APPLIED_KEY = "_coords_applied"  # the version the last coordinates made
COORDS_PROBLEM_KEY = "_coords_problem"  # why the last coordinates were not applied


@contextmanager
def scratch_copy(path: Path) -> Iterator[Path]:
    """Yield a copy of a data file to write into; the store then applies it as a version."""
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / path.name
        if path.exists():
            shutil.copy2(path, copy)
        yield copy


def apply_coords(copy: Path, based_on: int, places: list[str]) -> None:
    """Apply a written copy of coords.csv as a new version, naming the places it adds."""
    put_in_place(
        {COORDS_FILE: read_text_file(copy)},
        based_on,
        applied_key=COORDS_APPLIED_KEY,
        problem_key=COORDS_PROBLEM_KEY,
        comment=f"{COORDS_FILE}: {', '.join(places)}",
    )


def save_manual_coords(
    coords_path: Path, queries: dict[str, str], today: dt.date, based_on: int
) -> None:
    """Add the coordinates typed into the form for the place chosen there."""
    place_id = st.session_state["manual_place"]
    with scratch_copy(coords_path) as copy:
        problems = add_manual_coords(
            copy,
            place_id,
            queries[place_id],
            lat=st.session_state["lat"],
            lon=st.session_state["lon"],
            today=today,
        )
        st.session_state[MANUAL_PROBLEMS_KEY] = problems
        if not problems:
            apply_coords(copy, based_on, [place_id])
            st.session_state.pop(GEOCODED_KEY, None)


def coordinates_news(lang: str) -> None:
    """Say what the last geocoding or typed-in coordinates did."""
    if applied := st.session_state.pop(COORDS_APPLIED_KEY, None):
        st.success(t("data.record_applied", lang, file=COORDS_FILE, number=applied))
    if problem := st.session_state.pop(COORDS_PROBLEM_KEY, None):
        st.error(problem.message(lang))
    if report := st.session_state.get(GEOCODED_KEY):
        if report.resolved:
            st.success(t("data.resolved", lang, places=", ".join(report.resolved)))
        for place_id, reason in report.unresolved.items():
            st.warning(t("data.unresolved", lang, place=place_id, reason=reason))


def geocode_missing(missing: list[Place], coords_path: Path, view: View) -> None:
    """Look the missing places up with Nominatim, with a progress bar; apply what it found."""
    from geopy.geocoders import Nominatim  # noqa: PLC0415 - only this step needs it

    lang = view.lang
    agent = os.environ.get(USER_AGENT_VARIABLE, DEFAULT_USER_AGENT)
    progress = st.progress(0.0, text=t("data.geocoding", lang))

    def show_progress(index: int, total: int, place: Place) -> None:
        """Move the progress bar on to the place being looked up."""
        progress.progress(index / total, text=f"{index}/{total}: {place.query}")

    with scratch_copy(coords_path) as copy:
        try:
            report = geocode_places(
                missing,
                Nominatim(user_agent=agent, timeout=10),
                copy,
                today=view.today,
                on_progress=show_progress,
            )
        except DataWriteError as error:
            st.error(error.problem.message(lang))
        else:
            st.session_state[GEOCODED_KEY] = report
            if report.resolved:
                apply_coords(copy, view.version, list(report.resolved))
            st.rerun()


def manual_coords_form(missing: list[Place], coords_path: Path, view: View) -> None:
    """Take a place's coordinates typed in by hand, for what the geocoder cannot find."""
    lang = view.lang
    names = {**partner_names(view.registry, lang), view.home.id: view.home.name(lang)}
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
            args=(
                coords_path,
                {place.place_id: place.query for place in missing},
                view.today,
                view.version,
            ),
        )
    for problem in st.session_state.pop(MANUAL_PROBLEMS_KEY, []):
        st.error(problem.describe(lang))


def data_file_downloads(folder: Path, lang: str) -> None:
    """Offer the registry and coordinates files as they are, formula-like cells marked."""
    with st.container(horizontal=True):
        for name in (REGISTRY_FILE, COORDS_FILE):
            path = folder / name
            st.download_button(
                t("data.download_file", lang, file=name),
                # Read and marked only when clicked, not on every rerun of the page.
                (lambda path=path: inert_csv(read_text_file(path))) if path.exists() else b"",
                file_name=name,
                mime=CSV_MIME,
                key=f"download_{name}",
                on_click="ignore",
                disabled=not path.exists(),
            )


def coordinates_panel(view: View) -> None:
    """List places without coordinates; geocode them or take them typed in by hand."""
    if not is_editor():
        return
    lang, folder = view.lang, view.key.folder
    coords_path = folder / COORDS_FILE
    known = {str(row[PLACE_ID]) for row in read_coords_rows(coords_path)}
    missing = places_to_geocode(view.registry, view.home, known)
    st.header(t("data.coords_header", lang))
    coordinates_news(lang)
    if not missing:
        st.caption(t("data.coords_complete", lang))
    else:
        places = ", ".join(place.place_id for place in missing)
        st.write(t("data.coords_missing", lang, places=places))
        st.button(
            t("data.geocode", lang, count=len(missing)),
            key="geocode",
            type="primary",
            on_click=st.session_state.__setitem__,
            args=(GEOCODE_ASKED_KEY, True),
        )
        if st.session_state.pop(GEOCODE_ASKED_KEY, False):
            geocode_missing(missing, coords_path, view)
        manual_coords_form(missing, coords_path, view)
    data_file_downloads(folder, lang)
