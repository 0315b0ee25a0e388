# The server's count of wrong passwords (utils/editing/auth.py): per client address and overall,
# with a growing pause, whatever session or reload the tries come from.
from __future__ import annotations

import pytest
import sqlalchemy as sa

from utils.editing.auth import (
    FIRST_DELAY_SECONDS,
    LOCKOUT_SECONDS,
    MAX_FAILED_ATTEMPTS,
    OVERALL_LIMIT,
    Lockout,
    SqlLockout,
)


@pytest.fixture(params=["process", "sqlite", "postgresql"])
def new_lockout(request, tmp_path):
    """Make lockouts that share one count: one process's, or one database's (replicas)."""
    if request.param == "process":
        shared = Lockout()
        yield lambda: shared
        return
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'lockout.sqlite'}"
    else:
        url = request.getfixturevalue("postgres_url")
    engines = []

    def make() -> SqlLockout:
        engines.append(sa.create_engine(url))
        return SqlLockout(engines[-1])

    yield make
    for engine in engines:
        engine.dispose()


def test_the_pause_grows_after_each_wrong_password(new_lockout):
    lockout, now = new_lockout(), 1000.0
    assert lockout.wait_seconds("10.0.0.1", now) == 0
    waits = []
    for _ in range(MAX_FAILED_ATTEMPTS - 1):
        lockout.failed("10.0.0.1", now)
        waits.append(lockout.wait_seconds("10.0.0.1", now))
        now += waits[-1]  # the client waits exactly as long as asked
    assert waits == [FIRST_DELAY_SECONDS * 2**n for n in range(MAX_FAILED_ATTEMPTS - 1)]
    assert lockout.attempts_left("10.0.0.1", now) == 1
    assert lockout.wait_seconds("10.0.0.2", now) == 0  # another address is not held up


def test_the_fifth_wrong_password_locks_the_address_for_the_whole_window(new_lockout):
    lockout, start = new_lockout(), 0.0
    for step in range(MAX_FAILED_ATTEMPTS):
        lockout.failed("10.0.0.1", start + step * 100)
    last = start + (MAX_FAILED_ATTEMPTS - 1) * 100
    assert lockout.attempts_left("10.0.0.1", last) == 0
    # Locked until the window has passed since the first of the five tries, not less.
    assert lockout.wait_seconds("10.0.0.1", last) == pytest.approx(LOCKOUT_SECONDS - 400)
    # Then the oldest try leaves the window: one more try, the other four still counted.
    assert lockout.attempts_left("10.0.0.1", start + LOCKOUT_SECONDS + 1) == 1
    assert lockout.attempts_left("10.0.0.1", last + LOCKOUT_SECONDS) == MAX_FAILED_ATTEMPTS


def test_many_addresses_guessing_at_once_lock_everyone(new_lockout):
    # A password guessed from many addresses (one try each) is still a password under attack.
    lockout, now = new_lockout(), 0.0
    for index in range(OVERALL_LIMIT):
        lockout.failed(f"10.0.{index}.1", now)
    assert lockout.attempts_left("192.168.1.1", now) == 0
    assert lockout.wait_seconds("192.168.1.1", now) == LOCKOUT_SECONDS


def test_the_right_password_forgets_that_clients_wrong_tries(new_lockout):
    lockout = new_lockout()
    lockout.failed("10.0.0.1", 0.0)
    lockout.succeeded("10.0.0.1")
    assert lockout.attempts_left("10.0.0.1", 1.0) == MAX_FAILED_ATTEMPTS


def test_replicas_on_one_database_count_the_same_tries(new_lockout):
    # Tries spread over two replicas (no sticky sessions) add up; so does the overall limit.
    first, second = new_lockout(), new_lockout()
    for step in range(MAX_FAILED_ATTEMPTS):
        (first if step % 2 else second).failed("10.0.0.1", step * 100.0)
    assert first.attempts_left("10.0.0.1", 500.0) == 0
    assert second.attempts_left("10.0.0.1", 500.0) == 0
    second.succeeded("10.0.0.1")
    assert first.attempts_left("10.0.0.1", 500.0) == MAX_FAILED_ATTEMPTS
