# The editor's password: compared in constant time, and wrong tries counted on the server,
# per client address and overall, with a growing delay: reloading the page or opening new
# sessions resets nothing.
from __future__ import annotations

import hmac
import threading
from dataclasses import dataclass, field

MAX_FAILED_ATTEMPTS = 5  # per client address within LOCKOUT_SECONDS; then it is locked out
LOCKOUT_SECONDS = 15 * 60
FIRST_DELAY_SECONDS = 1.0  # after a wrong password the next try waits this, doubling each time
OVERALL_LIMIT = 30  # wrong passwords from all addresses within LOCKOUT_SECONDS lock everyone


def password_matches(given: str, expected: str) -> bool:
    """Compare a typed password with the configured one without leaking where they differ."""
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


@dataclass
class Lockout:
    """Wrong passwords by client address, kept by the server process for every session."""

    failures: dict[str, list[float]] = field(default_factory=dict)  # address -> times
    _guard: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def _recent(self, client: str, now: float) -> list[float]:
        """Return a client's wrong tries within the lockout window, dropping older ones."""
        recent = [at for at in self.failures.get(client, []) if now - at < LOCKOUT_SECONDS]
        self.failures[client] = recent
        return recent

    def _overall(self, now: float) -> list[float]:
        """Return every address's wrong tries within the window, oldest first."""
        return sorted(at for client in list(self.failures) for at in self._recent(client, now))

    def attempts_left(self, client: str, now: float) -> int:
        """Return how many more tries a client has before it is locked out."""
        with self._guard:
            if len(self._overall(now)) >= OVERALL_LIMIT:
                return 0
            return max(MAX_FAILED_ATTEMPTS - len(self._recent(client, now)), 0)

    def wait_seconds(self, client: str, now: float) -> float:
        """Return how long a client must wait before its next try (0: it may try now)."""
        with self._guard:
            overall = self._overall(now)
            mine = self._recent(client, now)
            if len(overall) >= OVERALL_LIMIT:
                return overall[-OVERALL_LIMIT] + LOCKOUT_SECONDS - now
            if len(mine) >= MAX_FAILED_ATTEMPTS:
                return mine[-MAX_FAILED_ATTEMPTS] + LOCKOUT_SECONDS - now
            if not mine:
                return 0.0
            return max(mine[-1] + FIRST_DELAY_SECONDS * 2 ** (len(mine) - 1) - now, 0.0)

    def failed(self, client: str, now: float) -> None:
        """Count a wrong password from a client."""
        with self._guard:
            self._recent(client, now).append(now)

    def succeeded(self, client: str) -> None:
        """Forget a client's wrong tries once it has given the right password."""
        with self._guard:
            self.failures.pop(client, None)
