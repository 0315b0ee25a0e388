# The editor's password: compared in constant time, and wrong tries counted on the server,
# per client address and overall, with a growing delay: reloading the page or opening new
# sessions resets nothing.
from __future__ import annotations

import hmac
import threading

import sqlalchemy as sa

from utils.editing.store import database_errors
from utils.editing.store.schema import upgrade_schema

MAX_FAILED_ATTEMPTS = 5  # per client address within LOCKOUT_SECONDS; then it is locked out
LOCKOUT_SECONDS = 15 * 60
FIRST_DELAY_SECONDS = 1.0  # after a wrong password the next try waits this, doubling each time
OVERALL_LIMIT = 30  # wrong passwords from all addresses within LOCKOUT_SECONDS lock everyone
FAILURES_TABLE = "partners_sign_in_failures"  # the shared count, where the data is in a database


def password_matches(given: str, expected: str) -> bool:
    """Compare a typed password with the configured one without leaking where they differ."""
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


class Lockout:
    """Wrong passwords by client address, kept by the server process for every session.

    The counting reads a snapshot of the recent wrong tries; SqlLockout keeps them in the
    database instead, so that every replica counts the same tries.
    """

    def __init__(self) -> None:
        """Start with no wrong tries."""
        self.failures: dict[str, list[float]] = {}  # address -> times
        self._guard = threading.Lock()

    def _snapshot(self, now: float) -> dict[str, list[float]]:
        """Return each address's wrong tries within the window, oldest first."""
        with self._guard:
            for client in list(self.failures):
                recent = [at for at in self.failures[client] if now - at < LOCKOUT_SECONDS]
                if recent:
                    self.failures[client] = recent
                else:
                    del self.failures[client]
            return {client: list(times) for client, times in self.failures.items()}

    def failed(self, client: str, now: float) -> None:
        """Count a wrong password from a client."""
        with self._guard:
            self.failures.setdefault(client, []).append(now)

    def succeeded(self, client: str) -> None:
        """Forget a client's wrong tries once it has given the right password."""
        with self._guard:
            self.failures.pop(client, None)

    def clear(self) -> None:
        """Forget every wrong try (a server's administrator lifting a lock-out)."""
        with self._guard:
            self.failures.clear()

    def attempts_left(self, client: str, now: float) -> int:
        """Return how many more tries a client has before it is locked out."""
        recent = self._snapshot(now)
        if sum(len(times) for times in recent.values()) >= OVERALL_LIMIT:
            return 0
        return max(MAX_FAILED_ATTEMPTS - len(recent.get(client, [])), 0)

    def wait_seconds(self, client: str, now: float) -> float:
        """Return how long a client must wait before its next try (0: it may try now)."""
        recent = self._snapshot(now)
        overall = sorted(at for times in recent.values() for at in times)
        mine = sorted(recent.get(client, []))
        if len(overall) >= OVERALL_LIMIT:
            return overall[-OVERALL_LIMIT] + LOCKOUT_SECONDS - now
        if len(mine) >= MAX_FAILED_ATTEMPTS:
            return mine[-MAX_FAILED_ATTEMPTS] + LOCKOUT_SECONDS - now
        if not mine:
            return 0.0
        return max(mine[-1] + FIRST_DELAY_SECONDS * 2 ** (len(mine) - 1) - now, 0.0)


class SqlLockout(Lockout):
    """The wrong tries in a database table: every replica of the app counts the same ones.

    Times are wall-clock seconds (time.time()): processes share no monotonic clock.
    """

    def __init__(self, engine: sa.Engine) -> None:
        """Keep the engine and create the table on first use."""
        super().__init__()
        self.engine = engine
        metadata = sa.MetaData()
        self.table = sa.Table(
            FAILURES_TABLE,
            metadata,
            sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
            sa.Column("client", sa.String(64), nullable=False, index=True),
            sa.Column("at", sa.Float, nullable=False),
        )
        with database_errors():
            upgrade_schema(engine)

    def _snapshot(self, now: float) -> dict[str, list[float]]:
        """Read the wrong tries within the window, dropping older ones from the table."""
        recent: dict[str, list[float]] = {}
        with self.engine.begin() as connection:
            connection.execute(
                sa.delete(self.table).where(self.table.c.at <= now - LOCKOUT_SECONDS)
            )
            query = sa.select(self.table.c.client, self.table.c.at).order_by(self.table.c.at)
            for client, at in connection.execute(query):
                recent.setdefault(client, []).append(at)
        return recent

    def failed(self, client: str, now: float) -> None:
        """Count a wrong password from a client, for every replica."""
        with database_errors(), self.engine.begin() as connection:
            connection.execute(sa.insert(self.table), [{"client": client, "at": now}])

    def succeeded(self, client: str) -> None:
        """Forget a client's wrong tries, for every replica."""
        with database_errors(), self.engine.begin() as connection:
            connection.execute(sa.delete(self.table).where(self.table.c.client == client))

    def clear(self) -> None:
        """Forget every wrong try, for every replica."""
        with database_errors(), self.engine.begin() as connection:
            connection.execute(sa.delete(self.table))
