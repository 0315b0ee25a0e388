# Playing the network's growth year by year on the map: a small state machine with no
# Streamlit in it; pages/map.py keeps one in the session and draws its slider and button.
from __future__ import annotations

from dataclasses import dataclass, replace

STEP_SECONDS = 1.5  # how long each year stays on the map while playing
# A timed run comes every STEP_SECONDS; a run a reader's click causes in between does not
# move the year on. Timers are not exact, hence the margin.
STEP_DUE_SHARE = 0.8


@dataclass(frozen=True)
class Growth:
    """Which year the map shows (None: always the latest) and whether the years play."""

    first: int
    last: int
    chosen: int | None = None
    playing: bool = False
    stepped: float = 0.0  # when the year last moved on (time.monotonic)

    @property
    def year(self) -> int:
        """Return the year shown: the choice, kept inside the current years."""
        return self.last if self.chosen is None else min(max(self.chosen, self.first), self.last)

    @property
    def latest(self) -> bool:
        """Tell whether the map shows the network as it is now."""
        return self.year >= self.last

    def within(self, first: int, last: int) -> Growth:
        """Return the same choice for the years the filters now give."""
        return replace(self, first=first, last=last)

    def choose(self, year: int) -> Growth:
        """Show a year; the last year means "always the latest"."""
        return replace(self, chosen=None if year >= self.last else year)

    def toggle(self, now: float) -> Growth:
        """Start playing (from the first year when at the latest), or pause."""
        if self.playing:
            return replace(self, playing=False)
        start = self.choose(self.first) if self.latest else self
        return replace(start, playing=True, stepped=now)

    def tick(self, now: float) -> Growth:
        """On a timed run, move a playing map on a year when due; stop at the latest."""
        if not self.playing:
            return self
        moved = self
        if now - self.stepped >= STEP_SECONDS * STEP_DUE_SHARE:
            moved = replace(self.choose(self.year + 1), stepped=now)
        return replace(moved, playing=False) if moved.latest else moved
