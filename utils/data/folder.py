# The data folder: which file holds what, and the key that says which version of each is
# there (its modification time), so caches read a file again only when it has changed.
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

REGISTRY_FILE = "partners.csv"
COORDS_FILE = "coords.csv"
HOME_FILE = "home.toml"
STRATEGY_FILE = "strategy.csv"
STATUS_FILE = "status.csv"  # optional: each partnership's changes of status
ACTIVITIES_FILE = "activities.csv"  # optional: contacts and joint work
BASEMAP_FILE = "basemap.geojson"
# West, south, east, north of the basemap (scripts/build_basemap.py): wide enough that the
# map never shows its edge around the partners, from the North Sea to the Gulf of Finland.
BASEMAP_BOUNDS = (-2.0, 46.0, 42.0, 66.0)
HISTORY_DIR = "history"  # every replaced registry, timestamped
# The app's folder (the repository's checkout), and its own data folder: what the app and
# the command line read unless PARTNERS_DATA_DIR (the app) or an option (the tools) says.
APP_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DATA_DIR = APP_ROOT / "data"


def modified(path: Path) -> float:
    """Return a file's modification time, or 0 when it is missing (the loader then says so)."""
    try:
        return path.stat().st_mtime
    except FileNotFoundError:
        return 0.0


@dataclass(frozen=True)
class DataKey:
    """The data folder's files as they are now: a cache key for everything read from them."""

    folder: Path
    registry_modified: float
    coords_modified: float
    home_modified: float
    strategy_modified: float
    status_modified: float = 0.0
    activities_modified: float = 0.0


@dataclass(frozen=True)
class DataFolder:
    """A folder of data files: the registry and everything read beside it."""

    root: Path

    @property
    def registry(self) -> Path:
        """The partner registry."""
        return self.root / REGISTRY_FILE

    @property
    def coords(self) -> Path:
        """The coordinates of places."""
        return self.root / COORDS_FILE

    @property
    def home(self) -> Path:
        """The home municipality's settings."""
        return self.root / HOME_FILE

    @property
    def strategy(self) -> Path:
        """The strategy's directions of cooperation."""
        return self.root / STRATEGY_FILE

    @property
    def status(self) -> Path:
        """The partnerships' changes of status (the folder may have none)."""
        return self.root / STATUS_FILE

    @property
    def activities(self) -> Path:
        """Contacts and joint work with partners (the folder may have none)."""
        return self.root / ACTIVITIES_FILE

    @property
    def basemap(self) -> Path:
        """The folder's own basemap (it may have none)."""
        return self.root / BASEMAP_FILE

    def key(self) -> DataKey:
        """Return the key of the files as they are now: one stat of each."""
        return DataKey(
            self.root,
            modified(self.registry),
            modified(self.coords),
            modified(self.home),
            modified(self.strategy),
            modified(self.status),
            modified(self.activities),
        )
