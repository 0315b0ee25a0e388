# The editor's password: compared in constant time, with a limit on failed attempts.
from __future__ import annotations

import hmac

MAX_FAILED_ATTEMPTS = 5  # per session; then the form stays locked until a new session


def password_matches(given: str, expected: str) -> bool:
    """Compare a typed password with the configured one without leaking where they differ."""
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


def attempts_left(failed: int) -> int:
    """Return how many more tries a session has after `failed` wrong passwords."""
    return max(MAX_FAILED_ATTEMPTS - failed, 0)
