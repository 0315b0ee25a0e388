# The View: what one run of the app shows, read once by the frame (app.py) from the cached
# loaders and handed to the page; the views cached per View (ui/view_cache.py) key on it.
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from ui.loaders import activities, coords, documents_in_view, home, registry_parts, status
from utils.data.folder import ACTIVITIES_FILE, COORDS_FILE, REGISTRY_FILE, STATUS_FILE, DataKey
from utils.data.places import Home, home_names
from utils.data.problems import Problem
from utils.data.record import Record
from utils.data.registry import HOME_ID
from utils.filters import Filters, home_options, record_in_view, view_end


@dataclass(frozen=True, eq=False)
class View:
    """What one run shows: the language, the data as read once, the filters and their result."""

    lang: str
    key: DataKey
    today: dt.date
    home: Home
    registry: pd.DataFrame  # the whole registry, before any filter (restatements apart)
    problems: list[Problem]
    coords: pd.DataFrame
    coord_problems: list[Problem]
    filters: Filters
    documents: pd.DataFrame  # what the filters let through
    status: pd.DataFrame  # every change of status (utils/data/record.py), oldest first
    activities: pd.DataFrame  # every contact and joint work, oldest first
    record_problems: tuple[list[Problem], list[Problem]] = ([], [])  # status, activities
    version: int = 0  # the store's version this run shows; 0 before any apply
    # Other sources' accounts of published documents (utils/data/restatements.py).
    restatements: pd.DataFrame | None = None

    def cache_key(self) -> tuple[DataKey, dt.date, Filters, str]:
        """What a view's cached parts depend on: the data, today, the filters, the language."""
        return (self.key, self.today, self.filters, self.lang)

    def data_cache_key(self) -> tuple[DataKey, dt.date, str]:
        """What a part drawn from the whole registry depends on: no filter."""
        return (self.key, self.today, self.lang)

    @property
    def file_problems(self) -> list[tuple[str, list[Problem]]]:
        """Each data file's problems, by file name."""
        status_problems, activity_problems = self.record_problems
        return [
            (REGISTRY_FILE, self.problems),
            (COORDS_FILE, self.coord_problems),
            (STATUS_FILE, status_problems),
            (ACTIVITIES_FILE, activity_problems),
        ]

    @property
    def until(self) -> dt.date:
        """Where the time axes end for the filters: today or their last year."""
        return view_end(self.filters, self.registry, self.today)

    @property
    def record(self) -> Record:
        """The living record as of the view's last day (statuses, contacts)."""
        return Record(self.until, self.today, self.status, self.activities)

    @property
    def home_count(self) -> int:
        """How many home municipalities the registry's documents have."""
        return int(self.registry[HOME_ID].nunique())

    @property
    def home_labels(self) -> dict[str, str]:
        """Each home of the registry by its name in the view's language."""
        return home_names(home_options(self.registry), self.coords, self.home, self.lang)


def build_view(
    key: DataKey,
    *,
    lang: str,
    day: dt.date,
    registry_read: tuple[pd.DataFrame, list[Problem]],
    filters: Filters,
    version: int = 0,
) -> View:
    """Put together what a run shows: the data as read once (from the caches), filtered."""
    _, problems = registry_read
    documents, restatements = registry_parts(key, day)
    coordinates, coord_problems = coords(key)
    all_changes, status_problems = status(key, day)
    all_contacts, activity_problems = activities(key, day)
    changes, contacts = record_in_view(filters, all_changes, all_contacts)
    return View(
        lang=lang,
        key=key,
        today=day,
        home=home(key),
        registry=documents,
        problems=problems,
        coords=coordinates,
        coord_problems=coord_problems,
        filters=filters,
        documents=documents_in_view(key, day, filters, documents, changes),
        status=changes,
        activities=contacts,
        record_problems=(status_problems, activity_problems),
        version=version,
        restatements=restatements,
    )
