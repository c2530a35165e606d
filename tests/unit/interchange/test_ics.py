"""The .ics export: parses with icalendar, right all-day dates, stable UIDs, no names."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from icalendar import Calendar

from thuiszitter_desktop.domain.deadlines import ActionDue, ClockFacts, case_deadlines
from thuiszitter_desktop.interchange.ics import (
    CalendarItem,
    NameSetting,
    build_ics,
    deadline_items,
    initials,
    mdo_item,
)

STAMP = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def events(data: bytes) -> list[dict[str, object]]:
    cal = Calendar.from_ical(data)
    return [
        {
            "uid": str(ev["UID"]),
            "summary": str(ev["SUMMARY"]),
            "start": ev.decoded("DTSTART"),
            "end": ev.decoded("DTEND"),
        }
        for ev in cal.walk("VEVENT")
    ]


@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [
        ("Zoë", "Çelik-d'Hondt", "Z.Ç."),
        ("Sem", "de Vries", "S.V."),
        ("Jan", "van 't Hof", "J.H."),
        ("Lieke", "d'Ancona", "L.A."),
        ("Mo", "", "M."),
    ],
)
def test_initials(first: str, last: str, expected: str) -> None:
    assert initials(first, last) == expected


@pytest.mark.parametrize(
    ("day", "end"),
    [
        (date(2026, 12, 31), date(2027, 1, 1)),
        (date(2028, 2, 28), date(2028, 2, 29)),
        (date(2028, 2, 29), date(2028, 3, 1)),
        (date(2027, 2, 28), date(2027, 3, 1)),
    ],
)
def test_all_day_event_ends_the_next_day(day: date, end: date) -> None:
    data = build_ics([CalendarItem("c1", "DOELEN", "Doelen gesteld", day, "S.V.")],
                     names="initials", generated_at=STAMP)
    [event] = events(data)
    assert (event["start"], event["end"]) == (day, end)
    assert not isinstance(event["start"], datetime)


@pytest.mark.parametrize(
    ("names", "summary"),
    [("initials", "Passend aanbod – Z.Ç."), ("none", "Passend aanbod")],
)
def test_names_setting_limits_personal_data(names: NameSetting, summary: str) -> None:
    item = CalendarItem("c1", "PASSEND_AANBOD", "Passend aanbod", date(2027, 2, 28), "Z.Ç.")
    data = build_ics([item], names=names, generated_at=STAMP)
    assert [e["summary"] for e in events(data)] == [summary]
    assert "Zoë".encode() not in data and "Çelik".encode() not in data


def test_deadlines_and_mdo_of_a_case_export_with_right_dates() -> None:
    facts = ClockFacts(
        aanmelding_date=date(2028, 1, 31), home_since=date(2027, 11, 30),
        contact_dates=(date(2028, 2, 3),),
        actions=(ActionDue("a1", "Bel Sem de Vries over zijn rooster", date(2028, 2, 20)),),
    )
    items = deadline_items("case-1", "S.V.", case_deadlines(facts, date(2028, 2, 10)))
    items.append(mdo_item("case-1", "mdo-7", date(2028, 3, 2), "S.V."))
    data = build_ics(items, names="initials", generated_at=STAMP)
    found = {(e["summary"], e["start"]) for e in events(data)}
    assert found == {
        ("Doelen gesteld – S.V.", date(2028, 2, 29)),
        ("Passend aanbod – S.V.", date(2028, 2, 29)),
        ("Actie uit het plan – S.V.", date(2028, 2, 20)),
        ("MDO – S.V.", date(2028, 3, 2)),
    }
    # Met deadlines (eerste contact) are not exported; action text may name people: left out.
    assert b"Eerste contact" not in data and b"Vries" not in data and b"rooster" not in data


def test_uids_are_stable_when_the_date_moves_and_unique_per_deadline() -> None:
    before = [CalendarItem("c1", "DOELEN", "Doelen gesteld", date(2026, 12, 1)),
              CalendarItem("c1", "PASSEND_AANBOD", "Passend aanbod", date(2027, 1, 1)),
              CalendarItem("c2", "DOELEN", "Doelen gesteld", date(2026, 12, 1))]
    after = [CalendarItem(i.case_id, i.key, i.title, date(2027, 3, 1)) for i in before]
    uids_before = [e["uid"] for e in events(build_ics(before, names="none",
                                                      generated_at=STAMP))]
    uids_after = [e["uid"] for e in events(build_ics(after, names="none", generated_at=STAMP))]
    assert len(set(uids_before)) == 3
    assert sorted(uids_before) == sorted(uids_after)


def test_calendar_header_and_stamp() -> None:
    data = build_ics([], names="none", generated_at=STAMP)
    cal = Calendar.from_ical(data)
    assert str(cal["VERSION"]) == "2.0"
    assert cal["PRODID"]
    data = build_ics([CalendarItem("c", "DOELEN", "Doelen gesteld", date(2026, 12, 1))],
                     names="none", generated_at=STAMP)
    [event] = Calendar.from_ical(data).walk("VEVENT")
    assert event.decoded("DTSTAMP") == STAMP
