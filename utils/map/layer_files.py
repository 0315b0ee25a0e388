# A view's layer data as a file the browser fetches from the app's static folder, instead
# of inside every session's map message: sessions share one file per view, the message
# stays a few hundred bytes, and a browser that has the file revalidates it (ETag).
from __future__ import annotations

import hashlib
import os
from pathlib import Path

from utils.data.writing import write_text_atomic

LAYERS_DIR = "layers"  # inside the static folder
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
