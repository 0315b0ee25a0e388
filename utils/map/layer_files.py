# A view's layer data as a file the browser fetches from the app's static folder, instead
# of inside every session's map message: sessions share one file per view, and the message
# stays a few hundred bytes. A file's name is its content's hash, so the hosted app
# (serve.py, LayerCacheMiddleware) lets a browser keep it for a year without asking again.
from __future__ import annotations

import hashlib
import os
from pathlib import Path

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from utils.data.writing import write_text_atomic

LAYERS_DIR = "layers"  # inside the static folder
LAYER_ROUTE = f"/app/static/{LAYERS_DIR}/"  # where Streamlit serves them, after any base path
# Never changes under its name: kept a year, used without a request (RFC 8246).
LAYER_CACHE_CONTROL = b"public, max-age=31536000, immutable"
KEEP_FILES = 256  # views kept on disk; a view's file is written again when it is shown


def layer_file_name(config_json: str) -> str:
    """Name a layer's data by its content, so that a new view never reuses an old name."""
    return hashlib.sha256(config_json.encode("utf-8")).hexdigest()[:24] + ".json"


def publish_layer(folder: Path, name: str, config_json: str) -> Path:
    """Make sure the layer's file is in `folder` (written once, touched when shown again)."""
    path = folder / name
    if path.exists():
        os.utime(path)  # recently shown: the last to be pruned
        return path
    folder.mkdir(parents=True, exist_ok=True)
    write_text_atomic(path, config_json)
    prune_layers(folder)
    return path


def prune_layers(folder: Path, keep: int = KEEP_FILES) -> list[Path]:
    """Delete all but the `keep` most recently shown layer files; return those deleted."""
    files = sorted(folder.glob("*.json"), key=lambda path: path.stat().st_mtime, reverse=True)
    stale = files[keep:]
    for path in stale:
        path.unlink(missing_ok=True)  # another session may have pruned it just before
    return stale


class LayerCacheMiddleware:
    """Serve layer files as immutable: a long Cache-Control, their name as ETag, 304 on it.

    Streamlit's static route sends neither a Cache-Control nor a 304 (its ETag follows the
    file's time, which a new showing of the view touches), so without this every view of
    the map downloads its layer again.
    """

    def __init__(self, app: ASGIApp) -> None:
        """Wrap the ASGI app."""
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Answer a revalidation of a layer file with 304; mark its 200 as immutable."""
        path = str(scope.get("path", "")) if scope["type"] == "http" else ""
        if LAYER_ROUTE not in path:
            await self.app(scope, receive, send)
            return
        etag = f'"{path.rsplit("/", 1)[-1].removesuffix(".json")}"'.encode()
        if dict(scope.get("headers") or []).get(b"if-none-match") == etag:
            headers = [(b"etag", etag), (b"cache-control", LAYER_CACHE_CONTROL)]
            await send({"type": "http.response.start", "status": 304, "headers": headers})
            await send({"type": "http.response.body", "body": b""})
            return

        async def send_cached(message: Message) -> None:
            if message["type"] == "http.response.start" and message["status"] == 200:
                kept = [
                    (name, value)
                    for name, value in message.get("headers", [])
                    if name.lower() not in {b"etag", b"cache-control", b"last-modified"}
                ]
                kept += [(b"etag", etag), (b"cache-control", LAYER_CACHE_CONTROL)]
                message = {**message, "headers": kept}
            await send(message)

        await self.app(scope, receive, send_cached)
