# A document from another source dated exactly as one of the published table's documents of
# the same partnership is that document described again, not a second one: Kreis Pinneberg
# calls the agreement of 14 October 1991 a "Partnerschaftsvereinbarung", the page a
# cooperation agreement. Such a restatement is not counted, drawn or downloaded as a
# document; it is kept for the list of places where the sources disagree.
from __future__ import annotations

import pandas as pd

from utils.data.provenance import ORIGIN, PUBLISHED
from utils.data.registry import HOME_ID, PARTNER_ID, SIGNED, SIGNED_PRECISION

SAME_DOCUMENT = [HOME_ID, PARTNER_ID, SIGNED, SIGNED_PRECISION]


def restates_published(registry: pd.DataFrame) -> pd.Series:
    """Tell, row by row, whether a row from another source restates a published document."""
    published = registry[registry[ORIGIN] == PUBLISHED]
    keys = pd.MultiIndex.from_frame(registry[SAME_DOCUMENT].astype(str))
    published_keys = pd.MultiIndex.from_frame(published[SAME_DOCUMENT].astype(str))
    return pd.Series(keys.isin(published_keys), index=registry.index) & (
        registry[ORIGIN] != PUBLISHED
    )


def split_restatements(registry: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return the registry's documents, and apart from them the restatements of published ones."""
    restating = restates_published(registry)
    return (
        registry[~restating].reset_index(drop=True),
        registry[restating].reset_index(drop=True),
    )
