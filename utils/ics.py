# Anniversaries as iCalendar (RFC 5545) events, for a planner's calendar: an all-day event
# on the day a document was signed; a date known only to the month or the year becomes a
# note on that period's first day, and its text says so.
from __future__ import annotations

import datetime as dt

import pandas as pd

from utils.data.record import STATUS, SUSPENDED
from utils.data.registry import DOCUMENT_TYPE, HOME_ID, PARTNER_ID, SIGNED, SIGNED_PRECISION
from utils.i18n import count_of, format_signed, t
from utils.views.anniversaries import ANNIVERSARY, ANNIVERSARY_START, YEARS
from utils.views.sources import source_name, source_of
from utils.views.tables import partner_name

ICS_MIME = "text/calendar"
PRODUCT_ID = "-//partners-dashboard//anniversaries//EN"
UID_DOMAIN = "partners-dashboard"
_LINE_OCTETS = 75  # RFC 5545, 3.1: longer content lines are folded


def _escape(text: str) -> str:
    """Escape a TEXT value (RFC 5545, 3.3.11): backslash, semicolon, comma, line breaks."""
    escaped = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return escaped.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def _fold(line: str) -> str:
    """Fold a content line into lines of at most 75 octets, never inside a character."""
    pieces, current = [], ""
    for char in line:
        limit = _LINE_OCTETS if not pieces else _LINE_OCTETS - 1  # a folded line starts " "
        if len((current + char).encode("utf-8")) > limit:
            pieces.append(current)
            current = char
        else:
            current += char
    pieces.append(current)
    return "\r\n ".join(pieces)


def _event(anniversary: dict, lang: str, stamp: str) -> list[str]:
    """Return one anniversary's VEVENT lines."""
    precision = str(anniversary[SIGNED_PRECISION])
    start = pd.Timestamp(anniversary[ANNIVERSARY_START]).date()
    years = count_of("years", int(anniversary[YEARS]), lang)
    document = t(f"document_type.{anniversary[DOCUMENT_TYPE]}", lang)
    partner = partner_name(anniversary, lang)
    summary = t("ics.summary", lang, years=years, document=document, partner=partner)
    signed = format_signed(str(anniversary[SIGNED]), precision, lang)
    description = [t("ics.signed", lang, date=signed)]
    if precision != "day":
        when = format_signed(str(anniversary[ANNIVERSARY]), precision, lang)
        description.append(t(f"ics.only_{precision}", lang, date=when))
    source = source_of(anniversary)
    if source:  # a document beyond the published table names where it is reported
        description += [f"{t('column.source', lang)}: {source_name(source, lang)}", source.url]
    if anniversary.get(STATUS) == SUSPENDED:
        summary = f"{summary} ({t('record.suspended_flag', lang)})"
        description.append(t("ics.suspended", lang))
    uid = "-".join(
        str(anniversary[column]) for column in (HOME_ID, PARTNER_ID, DOCUMENT_TYPE, SIGNED)
    )
    return [
        "BEGIN:VEVENT",
        f"UID:{uid}-{int(anniversary[YEARS])}@{UID_DOMAIN}",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{start:%Y%m%d}",
        f"DTEND;VALUE=DATE:{start + dt.timedelta(days=1):%Y%m%d}",
        f"SUMMARY:{_escape(summary)}",
        f"DESCRIPTION:{_escape(chr(10).join(description))}",
        "TRANSP:TRANSPARENT",  # a reminder, not a busy day
        "END:VEVENT",
    ]


def anniversaries_ics(anniversaries: pd.DataFrame, lang: str, today: dt.date) -> bytes:
    """Write anniversaries as one iCalendar file, an event each, in `lang`."""
    stamp = f"{today:%Y%m%d}T000000Z"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODUCT_ID}",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{_escape(t('ics.calendar_name', lang))}",
    ]
    for anniversary in anniversaries.to_dict("records"):
        lines.extend(_event(anniversary, lang, stamp))
    lines.append("END:VCALENDAR")
    return ("\r\n".join(_fold(line) for line in lines) + "\r\n").encode("utf-8")
