# What is wrong with a data file and where (row and column, as a spreadsheet shows them),
# said in the reader's language; the error that carries it to the page or the command line.
from __future__ import annotations

from dataclasses import dataclass, field

from utils.i18n import DEFAULT_LANGUAGE, t


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a data file: where it is and what it is."""

    code: str
    row: int | None = None
    column: str | None = None
    params: dict[str, object] = field(default_factory=dict)

    def message(self, lang: str = DEFAULT_LANGUAGE) -> str:
        """Say what is wrong in the reader's language, without where."""
        return t(f"problem.{self.code}", lang, **self.params)

    def describe(self, lang: str = DEFAULT_LANGUAGE) -> str:
        """Say the problem in the reader's language, starting with its row and column."""
        if self.row is not None and self.column is not None:
            where = t("problem.at_row_column", lang, row=self.row, column=self.column)
        elif self.row is not None:
            where = t("problem.at_row", lang, row=self.row)
        else:
            where = t("problem.at_file", lang)
        return f"{where}: {self.message(lang)}"


class ProblemError(ValueError):
    """An error that carries the Problem to show the reader (what, and where)."""

    def __init__(self, problem: Problem) -> None:
        """Keep the problem that says why."""
        super().__init__(problem.describe("en"))
        self.problem = problem
