# Whether this replica can serve readers, for a proxy or an orchestrator to ask: beside
# Streamlit's liveness (/_stcore/health: the process answers), readiness (/readyz) says
# whether the data can be read and what version this replica shows. A replica whose
# database is down but that showed a version before still serves it (a meeting goes on),
# so only a replica with nothing to show turns page loads away with 503, which nginx's
# passive check takes as a failure and sends the reader to the other replica.
from __future__ import annotations

import json
import time
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from starlette.concurrency import run_in_threadpool

from utils.audit import replica_name
from utils.data.folder import REGISTRY_FILE
from utils.editing.store.base import StoreError
from utils.editing.store.settings import make_engine
from utils.editing.store.sql import SqlStore, database_errors

READY_PATH = "readyz"  # answered at /readyz, and under a base path at /<base>/readyz
CHECK_SECONDS = 2.0  # a page load asks at most this often; the endpoint itself every time
# The version this process's readers last got: set by the app on every run it reads one.
_SHOWN: list[int] = []


def note_shown(number: int) -> None:
    """Record the version this process has just shown (called on every run of the app)."""
    _SHOWN[:] = [number]


def last_shown() -> int | None:
    """Return the version this process last showed, None if it has shown none."""
    return _SHOWN[0] if _SHOWN else None


@dataclass(frozen=True)
class Readiness:
    """What a readiness check found: ready or not, why, and the version shown."""

    ready: bool
    status: str  # "ready", "stale" (database down, last version shown), "not_ready"
    version: int | None = None
    reason: str = ""

    def as_json(self) -> bytes:
        """The answer's body: also which replica answers, for the one who checks."""
        fields = {"status": self.status, "version": self.version, "reason": self.reason,
                  "replica": replica_name()}  # fmt: skip
        return json.dumps({k: v for k, v in fields.items() if v not in (None, "")}).encode()

    @property
    def can_serve(self) -> bool:
        """Whether readers get data from this replica: ready, or the last version read."""
        return self.ready or self.status == "stale"


_STORES: dict[str, SqlStore] = {}


def _database_state(url: str) -> tuple[int, bool, bool]:
    """Return the latest version, whether the database is empty, whether it has a registry."""
    if url not in _STORES:
        _STORES[url] = SqlStore(make_engine(url))  # its tables made once, as the app does
    store = _STORES[url]
    number, empty = store.latest(), store.is_empty()
    with database_errors(), store.engine.connect() as connection:
        found = connection.execute(
            sa.select(store.files_table.c.number)
            .where(store.files_table.c.name == REGISTRY_FILE)
            .limit(1)
        ).first()
    return number, empty, found is not None


def check_readiness(url: str | None, data_dir: Path, shown: int | None) -> Readiness:
    """Ask the store: can it be read, and does it hold a registry (or the folder one)?"""
    folder_has_registry = (data_dir / REGISTRY_FILE).is_file()
    if not url:
        if folder_has_registry:
            return Readiness(ready=True, status="ready", version=shown)
        return Readiness(ready=False, status="not_ready", reason="no_registry")
    try:
        number, empty, has_registry = _database_state(url)
    except StoreError as error:
        status = "stale" if shown is not None else "not_ready"
        return Readiness(ready=False, status=status, version=shown, reason=error.problem.code)
    if empty and folder_has_registry:
        return Readiness(ready=True, status="ready", version=0)
    if not has_registry:
        return Readiness(ready=False, status="not_ready", version=number, reason="no_registry")
    return Readiness(ready=True, status="ready", version=number)


Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]


class ReadinessMiddleware:
    """Answer /readyz, and turn page loads away (503) while this replica has nothing to show."""

    def __init__(self, app: Callable, check: Callable[[], Readiness]) -> None:
        """Wrap the ASGI app; `check` asks the store (run in a thread: it may block)."""
        self.app = app
        self.check = check
        self._last: tuple[float, Readiness] | None = None

    async def _readiness(self, *, fresh: bool) -> Readiness:
        now = time.monotonic()
        if not fresh and self._last is not None and now - self._last[0] < CHECK_SECONDS:
            return self._last[1]
        found = await run_in_threadpool(self.check)
        self._last = (now, found)
        return found

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Serve /readyz itself; let everything else through unless a page load must wait."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = str(scope.get("path", "")).rstrip("/")
        if path == f"/{READY_PATH}" or path.endswith(f"/{READY_PATH}"):
            found = await self._readiness(fresh=True)
            await _answer(send, 200 if found.ready else 503, found.as_json())
            return
        if _is_page_load(scope):
            found = await self._readiness(fresh=False)
            if not found.can_serve:
                await _answer(send, 503, found.as_json())
                return
        await self.app(scope, receive, send)


def _is_page_load(scope: Scope) -> bool:
    """Tell a browser's page load (GET asking for HTML) from the app's own requests."""
    if scope.get("method") != "GET":
        return False
    accept = dict(scope.get("headers") or []).get(b"accept", b"")
    return b"text/html" in accept


async def _answer(send: Send, status: int, body: bytes) -> None:
    await send({
        "type": "http.response.start",
        "status": status,
        "headers": [(b"content-type", b"application/json"), (b"cache-control", b"no-store"),
                    (b"content-length", str(len(body)).encode())],
    })  # fmt: skip
    await send({"type": "http.response.body", "body": body})
