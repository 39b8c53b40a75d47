"""Finding slots: office hours, holidays, the buffer, interpreters, and daylight saving."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from app.audit.service import SYSTEM
from app.config import get_policy
from app.interviews.booking import book_interview
from app.interviews.slots import find_slots
from tests import factories

ZURICH = zoneinfo.ZoneInfo("Europe/Zurich")


def _find(db, worker, location, kind="welfare", after=None, limit=10):  # type: ignore[no-untyped-def]
    slots, need, _loc = find_slots(
        db,
        worker_id=worker.id,
        kind=kind,
        location_id=location.id,
        policy=get_policy(),
        actor=SYSTEM,
        after=after,
        limit=limit,
    )
    return slots, need


def _local(slot, zone=ZURICH):  # type: ignore[no-untyped-def]
    return slot.starts_at.astimezone(zone).replace(tzinfo=None)


def test_earliest_slots_start_at_the_office_opening_with_an_interpreter(db, office, amharic_worker):
    after = dt.datetime(2027, 3, 1, 0, 0, tzinfo=ZURICH)  # a Monday
    slots, need = _find(db, amharic_worker, office.location, after=after, limit=3)
    assert need.interpreter and need.languages == ("am",)
    assert [_local(s) for s in slots] == [
        dt.datetime(2027, 3, 1, 8, 30),
        dt.datetime(2027, 3, 1, 8, 45),  # alternatives, every 15 minutes
        dt.datetime(2027, 3, 1, 9, 0),
    ]
    assert {s.interpreter_id for s in slots} == {office.interpreter.id}
    assert {s.interpreter_language for s in slots} == {"am"}
    assert all(s.starts_at.tzinfo == dt.UTC for s in slots)


def test_a_worker_who_speaks_a_working_language_well_needs_no_interpreter(
    db, office, english_worker
):
    slots, need = _find(db, english_worker, office.location, limit=1)
    assert not need.interpreter
    assert slots[0].interpreter_id is None


def test_booked_times_and_the_buffer_are_skipped(db, office, amharic_worker, english_worker):
    after = dt.datetime(2027, 3, 1, 0, 0, tzinfo=ZURICH)
    book_interview(
        db,
        worker_id=english_worker.id,
        kind="welfare",
        location_id=office.location.id,
        starts_at=dt.datetime(2027, 3, 1, 8, 30, tzinfo=ZURICH),
        policy=get_policy(),
        actor=SYSTEM,
    )
    slots, _need = _find(db, amharic_worker, office.location, after=after, limit=1)
    # The one officer is busy 08:30-09:15 and keeps 15 minutes: 09:30 is the first start.
    assert _local(slots[0]) == dt.datetime(2027, 3, 1, 9, 30)


def test_public_holidays_and_weekends_are_skipped(db, office, english_worker):
    # Ascension Day 2027 is Thursday 6 May; Friday 7 May is an ordinary working day.
    after = dt.datetime(2027, 5, 5, 16, 20, tzinfo=ZURICH)
    slots, _need = _find(db, english_worker, office.location, after=after, limit=1)
    assert _local(slots[0]) == dt.datetime(2027, 5, 7, 8, 30)


def test_an_absent_officer_leaves_no_slot(db, office, english_worker):
    from app.interviews.resources import add_absence

    add_absence(
        db,
        data={
            "starts_at": dt.datetime(2027, 3, 1, 0, 0, tzinfo=ZURICH),
            "ends_at": dt.datetime(2027, 3, 2, 12, 0, tzinfo=ZURICH),
            "reason": None,
        },
        actor=SYSTEM,
        officer_id=office.officer.id,
    )
    after = dt.datetime(2027, 3, 1, 0, 0, tzinfo=ZURICH)
    slots, _need = _find(db, english_worker, office.location, after=after, limit=1)
    assert _local(slots[0]) == dt.datetime(2027, 3, 2, 13, 30)


def test_slots_keep_their_local_time_across_the_spring_and_autumn_changes(
    db, office, english_worker
):
    # Last Sunday of March 2027 is the 28th, of October the 31st.
    for before, after_change in (
        (dt.date(2027, 3, 26), dt.date(2027, 3, 29)),
        (dt.date(2027, 10, 29), dt.date(2027, 11, 1)),
    ):
        friday = _find(
            db,
            english_worker,
            office.location,
            after=dt.datetime.combine(before, dt.time(), ZURICH),
            limit=1,
        )[0][0]
        monday = _find(
            db,
            english_worker,
            office.location,
            after=dt.datetime.combine(after_change, dt.time(), ZURICH),
            limit=1,
        )[0][0]
        assert _local(friday).time() == _local(monday).time() == dt.time(8, 30)
        offset = (
            monday.starts_at.astimezone(ZURICH).utcoffset()
            - friday.starts_at.astimezone(ZURICH).utcoffset()
        )
        assert abs(offset) == dt.timedelta(hours=1)


def test_night_hours_across_a_change_never_give_a_missing_or_doubled_slot(db, english_worker):
    night = {"sun": ["01:00-04:00"]}
    location = factories.interview_location(db, office_hours=night)
    factories.interview_room(db, location.id)
    factories.interview_officer(db, location.id, working_hours=night)
    for sunday in (dt.date(2027, 3, 28), dt.date(2027, 10, 31)):
        slots, _need = _find(
            db,
            english_worker,
            location,
            after=dt.datetime.combine(sunday, dt.time(), ZURICH),
            limit=20,
        )
        on_day = [s for s in slots if s.starts_at.astimezone(ZURICH).date() == sunday]
        starts = [s.starts_at for s in on_day]
        assert starts == sorted(set(starts))  # in order, none twice
        walls = [_local(s) for s in on_day]
        assert len(walls) == len(set(walls))
        assert not any(w.hour == 2 for w in walls) or sunday.month == 10
        for s in on_day:
            assert s.ends_at - s.starts_at == dt.timedelta(minutes=45)
            assert s.blocked_until - s.ends_at == dt.timedelta(minutes=15)
            end_local = s.ends_at.astimezone(ZURICH)
            assert end_local.date() == sunday and end_local.time() <= dt.time(4, 0)


def test_a_consulate_in_another_zone_offers_its_own_local_hours_and_holidays(db):
    addis = zoneinfo.ZoneInfo("Africa/Addis_Ababa")
    consulate = factories.interview_location(
        db,
        kind="consulate",
        name="Consulate in Addis Ababa",
        country="ET",
        time_zone="Africa/Addis_Ababa",
        working_languages=["am", "en"],
        office_hours={"wed": ["09:00-12:00"], "thu": ["09:00-12:00"]},
    )
    factories.interview_room(db, consulate.id)
    factories.interview_officer(db, consulate.id)
    worker = factories.worker(db, factories.mission(db).id)
    # Ethiopian Christmas: Thursday 7 January 2027.
    after = dt.datetime(2027, 1, 6, 11, 5, tzinfo=addis)
    slots, need = _find(db, worker, consulate, kind="pre_departure", after=after, limit=2)
    assert not need.interpreter
    assert [s.starts_at.astimezone(addis).replace(tzinfo=None) for s in slots] == [
        dt.datetime(2027, 1, 13, 9, 0),
        dt.datetime(2027, 1, 13, 9, 15),
    ]
    assert slots[0].starts_at == dt.datetime(2027, 1, 13, 6, 0, tzinfo=dt.UTC)
