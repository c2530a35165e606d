"""Deadlines and MDO dates as an iCalendar (.ics) file for Outlook and other agendas.

An agenda lives outside the vault (often synced to a phone or a mail server), so the file holds
no personal data beyond initials, and none at all when the setting is ``"none"``. Every event
is an all-day event (DTEND is the day after, as RFC 5545 wants for dates). UIDs are derived
from the case id and the deadline key only, so importing a newer file updates the same
appointment when a due date moves, instead of adding a second one.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Literal

from thuiszitter_desktop.domain.deadlines import Deadline, DeadlineState

NameSetting = Literal["initials", "none"]

# Fixed namespace: the same case and key give the same UID in every export, on every laptop.
_UID_NAMESPACE = uuid.UUID("6f1d0c53-3c5e-4a35-9a57-0f2b8d5f7a11")
_UID_DOMAIN = "thuiszitter-desktop"
_TUSSENVOEGSELS = {"de", "den", "der", "van", "von", "te", "ten", "ter", "het", "'t", "in",
                   "op", "aan", "d'", "da", "del", "di", "la", "le", "du", "dos", "el", "al"}


@dataclass(frozen=True, slots=True)
class CalendarItem:
    """One all-day entry: a deadline or an MDO of a case."""

    case_id: str
    key: str  # unique within the case, e.g. "DOELEN", "ACTIE:<id>", "MDO:<id>"
    title: str  # what is due, e.g. "Eerste contact" or "MDO"; no personal data
    day: date
    initials: str = ""


def initials(first_name: str, last_name: str) -> str:
    """'Zoë', 'Çelik-d'Hondt' -> 'Z.Ç.'; 'Sem', 'de Vries' -> 'S.V.' (tussenvoegsels skipped)."""
    first = first_name.strip()[:1].upper()
    words = [w for w in last_name.replace("-", " ").split() if w]
    main = next((w for w in words if w.lower() not in _TUSSENVOEGSELS), words[0] if words else "")
    if main.lower().startswith("d'") and len(main) > 2:
        main = main[2:]  # d'Ancona -> A
    last = main.lstrip("'")[:1].upper()
    return "".join(f"{letter}." for letter in (first, last) if letter)


def deadline_items(case_id: str, case_initials: str,
                   deadlines: Iterable[Deadline]) -> list[CalendarItem]:
    """Calendar items for the unmet deadlines of one case (met ones need no appointment).

    Plan actions are exported as 'Actie uit het plan' without their text, which may name people.
    """
    return [
        CalendarItem(case_id, d.key or d.kind.name, d.kind.label, d.due, case_initials)
        for d in deadlines
        if d.state is not DeadlineState.GEHAALD
    ]


def mdo_item(case_id: str, mdo_id: str, day: date, case_initials: str = "") -> CalendarItem:
    """A calendar item for a planned MDO of a case."""
    return CalendarItem(case_id, f"MDO:{mdo_id}", "MDO", day, case_initials)


def uid_for(item: CalendarItem) -> str:
    return f"{uuid.uuid5(_UID_NAMESPACE, f'{item.case_id}/{item.key}')}@{_UID_DOMAIN}"


def summary_for(item: CalendarItem, names: NameSetting) -> str:
    if names == "initials" and item.initials.strip():
        return f"{item.title} – {item.initials.strip()}"
    return item.title


def build_ics(items: Iterable[CalendarItem], *, names: NameSetting, generated_at: datetime,
              calendar_name: str = "Termijnen thuiszitters") -> bytes:
    """The .ics file for ``items``; ``generated_at`` stamps every event (DTSTAMP, in UTC)."""
    # Imported when a file is made: the library costs a noticeable part of start-up.
    from icalendar import Calendar, Event

    stamp = generated_at.astimezone(UTC)
    cal = Calendar()
    cal.add("prodid", "-//Thuiszitter Desktop//Termijnen//NL")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", calendar_name)
    for item in sorted(items, key=lambda i: (i.day, i.case_id, i.key)):
        event = Event()
        event.add("uid", uid_for(item))
        event.add("dtstamp", stamp)
        event.add("summary", summary_for(item, names))
        event.add("dtstart", item.day)
        event.add("dtend", item.day + timedelta(days=1))
        event.add("transp", "TRANSPARENT")  # a deadline does not block the agenda
        event.add("categories", ["Thuiszitters"])
        cal.add_component(event)
    data: bytes = cal.to_ical()
    return data
