# Playing the network's growth year by year (utils/map/growth.py): the state machine behind
# the map page's slider and its play button, on a clock of the test's own.
from __future__ import annotations

import pytest

from utils.map.growth import STEP_DUE_SHARE, STEP_SECONDS, Growth

FIRST, LAST = 1991, 2016


def test_a_new_growth_shows_the_latest_year_and_does_not_play():
    growth = Growth(FIRST, LAST)
    assert (growth.year, growth.latest, growth.playing) == (LAST, True, False)


@pytest.mark.parametrize(
    ("chosen", "year", "latest"),
    [
        (2004, 2004, False),
        (LAST, LAST, True),  # the last year means "always the latest": kept as None
        (1950, FIRST, False),  # before the first year: shown as the first
    ],
)
def test_a_chosen_year_is_shown_inside_the_years(chosen, year, latest):
    growth = Growth(FIRST, LAST).choose(chosen)
    assert (growth.year, growth.latest) == (year, latest)


def test_the_latest_follows_the_years_when_the_filters_change_them():
    growth = Growth(FIRST, LAST)  # at the latest
    assert growth.within(FIRST, 2020).year == 2020
    chosen = growth.choose(2004).within(2005, 2020)  # a year the new range has not: its first
    assert chosen.year == 2005


def test_play_starts_from_the_first_year_when_at_the_latest_and_pause_keeps_the_year():
    playing = Growth(FIRST, LAST).toggle(now=100.0)
    assert (playing.playing, playing.year, playing.stepped) == (True, FIRST, 100.0)
    paused = playing.toggle(now=101.0)
    assert (paused.playing, paused.year) == (False, FIRST)
    # Played again from a year chosen earlier, not from the first.
    again = Growth(FIRST, LAST).choose(2009).toggle(now=0.0)
    assert (again.playing, again.year) == (True, 2009)


def test_a_timed_run_moves_on_a_year_only_when_due():
    growth = Growth(FIRST, LAST).toggle(now=0.0)
    early = growth.tick(now=STEP_SECONDS * STEP_DUE_SHARE - 0.01)  # a reader's click between
    assert early.year == FIRST
    due = growth.tick(now=STEP_SECONDS)
    assert (due.year, due.stepped) == (FIRST + 1, STEP_SECONDS)


def test_playing_stops_at_the_latest_year():
    growth = Growth(2015, LAST).toggle(now=0.0)
    last = growth.tick(now=STEP_SECONDS)
    assert (last.year, last.latest, last.playing) == (LAST, True, False)
    assert last.tick(now=10 * STEP_SECONDS) == last  # a paused growth stays where it is
