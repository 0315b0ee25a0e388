# The Partners page's cards: one per partner, with everything the files say about it (names,
# place, documents with links, status history, activities, last contact, next anniversary),
# each fact beyond the published table with its source, and the orders an analyst sorts
# them in. Where the record is silent it says so; silence is not called dormancy.
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from utils.data.cells import is_web_url
from utils.data.places import DISTANCE_KM, pair_distances_km
from utils.data.record import (
    DATE,
    DATE_PRECISION,
    KIND,
    LINK,
    START,
    TITLE_EN,
    TITLE_RU,
    Record,
    last_contacts,
    until,
    years_since,
)
from utils.data.registry import DOCUMENT_URL, HOME_ID, PARTNER_ID, SIGNED_START
from utils.i18n import english_data, format_signed, t
from utils.views.cards import PartnerCard, partner_cards
from utils.views.record_lines import RecordLine, record_lines, status_text
from utils.views.sources import source_of

# How the cards can be ordered; the first is the default.
SORT_ORDERS = ("joined", "quiet", "name")
SORT_ALIASES = {"dormant": "quiet"}  # links made before the order was renamed
QUIET_AFTER_YEARS = 2  # a contact last year or this year needs no word


@dataclass(frozen=True)
class Profile:
    """One partner's card on the Partners page."""

    partner_id: str
    card: PartnerCard  # names, level, region, country, distance; documents
    document_links: tuple[str | None, ...]  # each document's link (http(s) only), in order
    record: tuple[RecordLine, ...]  # status, decision, note, last contact, anniversary, site
    history: tuple[RecordLine, ...]  # every change of status, oldest first, with its source
    activities: tuple[RecordLine, ...]  # every contact, joint work or announcement, oldest first
    joined: pd.Timestamp  # its first document
    last_contact: pd.Timestamp  # its latest document or activity
    quiet_years: int  # calendar years since the last contact


def _links(documents: pd.DataFrame, coords: pd.DataFrame) -> pd.DataFrame:
    """One row per partnership (its latest document), in order of joining, with distances."""
    ordered = documents.sort_values(SIGNED_START, kind="stable")
    latest = ordered.drop_duplicates(LINK, keep="last").copy()
    latest[DISTANCE_KM] = pair_distances_km(latest[PARTNER_ID], latest[HOME_ID], coords)
    joined = ordered.drop_duplicates(LINK).set_index(LINK)[SIGNED_START]
    order = [joined[link] for link in zip(latest[HOME_ID], latest[PARTNER_ID], strict=True)]
    return (
        latest.assign(_joined=order).sort_values("_joined", kind="stable").drop(columns="_joined")
    )


def _history(changes: pd.DataFrame, lang: str) -> list[RecordLine]:
    """Every change of status as a line: the status with its date, and its source."""
    return [
        RecordLine("status", status_text(change, None, lang), source=source_of(change))
        for change in changes.to_dict("records")
    ]


def _activities(activities: pd.DataFrame, lang: str) -> list[RecordLine]:
    """Every activity as a line: its kind, title and date, and its source."""
    lines = []
    for activity in activities.to_dict("records"):
        title = (activity[TITLE_EN] if english_data(lang) else "") or activity[TITLE_RU]
        date = format_signed(activity[DATE], activity[DATE_PRECISION], lang)
        text = f"{t(f'activity.{activity[KIND]}', lang)}: {title}, {date}"
        lines.append(RecordLine("last_contact", text, source=source_of(activity)))
    return lines


def _web(value: object) -> str | None:
    """Return a link only if it is an http(s) address."""
    return value if is_web_url(value) else None


def partner_profiles(
    documents: pd.DataFrame, coords: pd.DataFrame, record: Record, lang: str
) -> list[Profile]:
    """Return a card for each partner of the documents, in order of joining."""
    if documents.empty:
        return []
    links = _links(documents, coords)
    cards = partner_cards(documents, links, lang)
    records = record_lines(links, documents, record, lang)
    changes = until(record.changes, record.day)
    activities = until(record.activities, record.day)
    contacts = last_contacts(
        documents[documents[SIGNED_START] <= pd.Timestamp(record.day)], activities
    )
    ordered = documents.sort_values(SIGNED_START, kind="stable")
    profiles = []
    for home, partner in zip(
        links[HOME_ID].astype(str), links[PARTNER_ID].astype(str), strict=True
    ):
        if partner not in cards or any(profile.partner_id == partner for profile in profiles):
            continue  # a partner of several homes: one card, of its first partnership
        own = ordered[ordered[PARTNER_ID] == partner]
        mine = (changes[PARTNER_ID] == partner) & (changes[HOME_ID] == home)
        done = (activities[PARTNER_ID] == partner) & (activities[HOME_ID] == home)
        last = contacts.loc[(home, partner), START]
        profiles.append(
            Profile(
                partner_id=partner,
                card=cards[partner],
                document_links=tuple(_web(url) for url in own.get(DOCUMENT_URL, [None] * len(own))),
                record=tuple(records[(home, partner)]),
                history=tuple(_history(changes[mine], lang)),
                activities=tuple(_activities(activities[done], lang)),
                joined=own[SIGNED_START].iloc[0],
                last_contact=last,
                quiet_years=years_since(last, record.day),
            )
        )
    return profiles


def sorted_profiles(profiles: list[Profile], order: str) -> list[Profile]:
    """Order the cards: by joining, by the longest without a recorded contact first, or by name."""
    if order == "quiet":
        return sorted(profiles, key=lambda profile: profile.last_contact)
    if order == "name":
        return sorted(profiles, key=lambda profile: profile.card.name.casefold())
    return list(profiles)


def silence_text(profile: Profile, lang: str) -> str | None:
    """Say plainly that the record is silent after the last contact, from the second year on.

    «Контактов после 2016 года не записано»: what the files hold, not a judgement on the tie.
    """
    if profile.quiet_years < QUIET_AFTER_YEARS:
        return None
    return t("partners.silent_after", lang, year=profile.last_contact.year)
