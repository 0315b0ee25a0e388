# `python -m utils check DIR`: every file of a data folder checked on its own and
# against the registry, one line per problem as `file:row: column: message`.
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from utils.data.coords import load_coords
from utils.data.folder import (
    ACTIVITIES_FILE,
    COORDS_FILE,
    HOME_FILE,
    REGISTRY_FILE,
    STATUS_FILE,
    STRATEGY_FILE,
    DataFolder,
)
from utils.data.places import HomeConfigError, load_home
from utils.data.problems import Problem
from utils.data.provenance import from_other_sources
from utils.data.record import empty_activities, empty_status, load_activities, load_status
from utils.data.registry import (
    PARTNER_ID,
    load_registry,
    registry_frame,
    summary,
)
from utils.data.restatements import restates_published
from utils.data.strategy import load_strategy
from utils.data.table_files import FileRefusedError, read_table_file
from utils.i18n import count_of, t


@dataclass(frozen=True)
class FolderCheck:
    """What a data folder holds once checked: the tables read and each file's problems."""

    documents: pd.DataFrame
    status: pd.DataFrame
    activities: pd.DataFrame
    places: int
    problems: dict[str, list[Problem]] = field(default_factory=dict)  # by file name

    @property
    def clean(self) -> bool:
        """Tell whether no file has a problem."""
        return not any(self.problems.values())


def check_folder(folder: DataFolder, today: dt.date) -> FolderCheck:
    """Read and check every file of a data folder; optional files that are absent are fine."""
    problems: dict[str, list[Problem]] = {}
    try:
        home_id = load_home(folder.home).id
    except HomeConfigError as error:
        problems[HOME_FILE] = [Problem("home_unusable", params={"detail": str(error)})]
        home_id = ""
    documents, problems[REGISTRY_FILE] = load_registry(folder.registry, today, home_id)
    coords, problems[COORDS_FILE] = load_coords(folder.coords)
    if folder.strategy.exists():
        _, problems[STRATEGY_FILE] = load_strategy(folder.strategy)
    status, activities = empty_status(), empty_activities()
    if folder.status.exists():
        status, problems[STATUS_FILE] = load_status(folder.status, documents, home_id, today)
    if folder.activities.exists():
        activities, problems[ACTIVITIES_FILE] = load_activities(
            folder.activities, documents, home_id, today
        )
    return FolderCheck(documents, status, activities, len(coords), problems)


def located(file_name: str, problem: Problem, lang: str) -> str:
    """Say a problem as `file:row: column: message` (row and column where they are known)."""
    where = file_name if problem.row is None else f"{file_name}:{problem.row}"
    column = f" {problem.column}:" if problem.column else ""
    return f"{where}:{column} {problem.message(lang)}"


def folder_report(folder: DataFolder, lang: str, today: dt.date) -> tuple[str, int]:
    """The `check DIR` command's text and exit code: 0 for a clean folder, 1 with problems."""
    checked = check_folder(folder, today)
    lines = [
        located(file_name, problem, lang)
        for file_name, found in checked.problems.items()
        for problem in found
    ]
    if lines:
        lines.append(t("report.folder_problems", lang, problems=len(lines)))
        return "\n".join(lines), 1
    summary = t(
        "report.folder_clean",
        lang,
        documents=count_of("documents", len(checked.documents), lang),
        partners=count_of("partners", checked.documents[PARTNER_ID].nunique(), lang),
        places=count_of("places", checked.places, lang),
        changes=count_of("status_changes", len(checked.status), lang),
        activities=count_of("activities", len(checked.activities), lang),
    )
    other = from_other_sources(checked.documents)
    if other.any():
        restating = int(restates_published(checked.documents).sum())
        summary += " " + t(
            "report.folder_sources",
            lang,
            published=int((~other).sum()),
            other=int(other.sum()),
            restating=restating,
        )
    return summary, 0


def file_report(path: Path, lang: str, today: dt.date) -> tuple[str, int]:
    """The `check FILE` command's text and exit code: 0 for a clean registry, 1 with problems.

    The file is read as the Data page reads an upload (CSV or XLSX, the same limits).
    """
    try:
        table = read_table_file(path.read_bytes(), path.name)
    except FileRefusedError as refused:
        frame, problems, total = registry_frame([]), [refused.problem], 0
    else:
        frame, problems = load_registry(table, today=today)
        total = len(table.records)
    if not problems:
        return summary(frame, lang), 0
    lines = [problem.describe(lang) for problem in problems]
    lines.append(t("report.problems", lang, problems=len(problems), loaded=len(frame), total=total))
    return "\n".join(lines), 1
