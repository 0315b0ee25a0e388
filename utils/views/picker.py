# The map's partner picker: beyond a list's worth of partners, a search and its matches.
from __future__ import annotations

from collections.abc import Mapping

from utils.filters import fold

# Beyond this many partners the map's picker is a search box and a list of its matches: a
# list of every name went to the browser on every run (128 KB of a 140 KB message at 10,000
# links).
PICKER_LIST_MAX = 100


def picker_choices(
    names: Mapping[str, str], search: str, selected: str | None, limit: int
) -> tuple[list[str], int]:
    """Return the partners a picker offers for `search`, and how many match in all.

    At most `limit` are offered, and the selected partner always; an empty search matches all.
    """
    wanted = fold(search.strip())
    matching = [pid for pid, name in names.items() if wanted in fold(name)]
    offered = matching[:limit]
    if selected in names and selected not in offered:
        offered.append(selected)
    return offered, len(matching)
