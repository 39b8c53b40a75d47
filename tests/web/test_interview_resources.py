"""The staff screens for interview resources: locations, rooms, officers (with absences) and
interpreters; the same checks and roles as the API, errors beside their fields."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from sqlalchemy import func, select

from app.audit.models import AuditEntry
from app.interviews.models import (
    Absence,
    Interpreter,
    InterviewLocation,
    InterviewOfficer,
    InterviewRoom,
)
from tests import factories
from tests.web.conftest import soup


def _form_id(browser: Any, url: str) -> str:
    return soup(browser.get(url)).find("input", attrs={"name": "form_id"})["value"]


def _location_form(**overrides: str) -> dict[str, str]:
    data = {
        "name": "Protocol office, Geneva annex",
        "kind": "office",
        "address": "Rue de l'Exemple 1, 1202 Genève",
        "country": "CH",
        "subdivision": "GE",
        "time_zone": "",
        "working_languages.0": "fr",
        "working_languages.3": "en",
        "hours.mon": "8:30-12:00, 13:30-17:00",
        "hours.wed": "09:00–12:00",
    }
    data.update(overrides)
    return data


def _error(page: Any, name: str) -> str:
    return page.find(id=f"e-{name.replace('.', '-')}").get_text()


def _text(element: Any) -> str:
    return " ".join(element.get_text(" ").split())


def _count(db: Any, model: Any, *where: Any) -> int:
    return int(db.scalar(select(func.count()).select_from(model).where(*where)) or 0)


# Locations ---------------------------------------------------------------------------------


def test_a_supervisor_adds_a_location_its_zone_from_the_country_and_its_own_hours(browser_as, db):
    supervisor = browser_as("supervisor")
    form_id = _form_id(supervisor, "/staff/resources/locations/new")
    response = supervisor.post(
        "/staff/resources/locations", {**_location_form(), "form_id": form_id}
    )
    assert response.status_code == 303
    assert re.fullmatch(
        r"/staff/resources/locations/\d+\?notice=created", response.headers["location"]
    )
    location = db.scalars(
        select(InterviewLocation).where(InterviewLocation.name == "Protocol office, Geneva annex")
    ).one()
    assert location.time_zone == "Europe/Zurich"
    assert location.working_languages == ["fr", "en"]
    assert location.office_hours == {"mon": ["08:30-12:00", "13:30-17:00"], "wed": ["09:00-12:00"]}
    assert location.subdivision == "GE"
    page = soup(supervisor.get(response.headers["location"]))
    facts = page.select_one("dl.facts").get_text(" ", strip=True)
    assert "Mon 08:30–12:00, 13:30–17:00; Wed 09:00–12:00 (Europe/Zurich)" in facts
    assert "French, English" in facts
    audited = db.scalars(
        select(AuditEntry).where(
            AuditEntry.entity == "interview_location", AuditEntry.entity_id == location.id
        )
    ).one()
    assert (audited.action, audited.actor_user_id, audited.channel) == (
        "create",
        supervisor.user.id,
        "web",
    )
    listed = soup(supervisor.get("/staff/resources")).select("tbody tr")
    assert any("Protocol office, Geneva annex" in row.get_text() for row in listed)


def test_a_location_without_own_hours_says_it_uses_the_policys(browser_as, db):
    supervisor = browser_as("supervisor")
    response = supervisor.post(
        "/staff/resources/locations",
        _location_form(**{"hours.mon": "", "hours.wed": "", "time_zone": "Europe/Zurich"}),
    )
    assert response.status_code == 303
    location_id = int(response.headers["location"].split("?")[0].rsplit("/", 1)[1])
    assert db.get(InterviewLocation, location_id).office_hours is None
    facts = soup(supervisor.get(f"/staff/resources/locations/{location_id}")).select_one("dl.facts")
    assert "The policy's office hours" in facts.get_text()
    assert "Fri 08:30–12:00, 13:30–16:00" in facts.get_text()


def test_a_location_form_with_mistakes_comes_back_with_each_error_beside_its_field(browser_as, db):
    supervisor = browser_as("supervisor")
    before = _count(db, InterviewLocation)
    response = supervisor.post(
        "/staff/resources/locations",
        _location_form(
            time_zone="Mars/Olympus_Mons",
            name="",
            **{"hours.tue": "25:00-26:00", "hours.thu": "12:00-08:00", "working_languages.3": "zz"},
        ),
    )
    assert response.status_code == 422
    page = soup(response)
    assert page.find(id="error-summary") is not None
    assert "not an IANA time zone" in _error(page, "time_zone")
    assert page.find("input", attrs={"name": "time_zone"})["value"] == "Mars/Olympus_Mons"
    assert "25:00-26:00 is not a time of day like 08:30-12:00" in _error(page, "hours.tue")
    assert page.find("input", attrs={"name": "hours.tue"})["value"] == "25:00-26:00"
    assert "12:00-08:00" in _error(page, "hours.thu")
    assert page.find("input", attrs={"name": "hours.thu"})["aria-invalid"] == "true"
    # The blank rows between the languages are gone; the unknown one stays on its own row.
    assert "Unknown language code" in _error(page, "working_languages.1")
    chosen = page.find("select", attrs={"name": "working_languages.1"}).find(
        "option", selected=True
    )
    assert chosen["value"] == "zz"
    assert _error(page, "name") == "This field is required."
    assert page.find("input", attrs={"name": "hours.mon"})["value"] == "8:30-12:00, 13:30-17:00"
    assert _count(db, InterviewLocation) == before


def test_a_country_with_several_time_zones_asks_for_one(browser_as):
    supervisor = browser_as("supervisor")
    page = soup(
        supervisor.post(
            "/staff/resources/locations",
            _location_form(kind="consulate", country="US", subdivision=""),
        )
    )
    message = _error(page, "time_zone")
    assert message.startswith("United States has several time zones: choose one (")
    assert "America/" in message


def test_a_region_whose_holidays_are_unknown_is_refused_on_its_field(browser_as):
    supervisor = browser_as("supervisor")
    response = supervisor.post("/staff/resources/locations", _location_form(subdivision="XX"))
    assert response.status_code == 422
    assert "public holidays of this country or region are not known" in _error(
        soup(response), "subdivision"
    )


def test_a_location_is_corrected_and_taken_out_of_use_and_a_stale_edit_is_refused(browser_as, db):
    supervisor = browser_as("supervisor")
    location = factories.interview_location(db, office_hours={"mon": ["08:00-12:00"]})
    edit = soup(supervisor.get(f"/staff/resources/locations/{location.id}/edit"))
    assert edit.find("input", attrs={"name": "hours.mon"})["value"] == "08:00-12:00"
    assert edit.find("input", attrs={"name": "active"}).has_attr("checked")
    version = edit.find("input", attrs={"name": "version"})["value"]
    base = _location_form(name=location.name, time_zone="Europe/Zurich", version=version)
    saved = supervisor.post(
        f"/staff/resources/locations/{location.id}", {**base, "name": "Renamed office"}
    )
    assert saved.status_code == 303
    db.refresh(location)
    assert (location.name, location.active) == ("Renamed office", False)
    stale = supervisor.post(
        f"/staff/resources/locations/{location.id}", {**base, "name": "Second", "active": "true"}
    )
    assert stale.status_code == 422
    assert "changed this record after you opened it" in stale.text
    db.refresh(location)
    assert (location.name, location.active) == ("Renamed office", False)


# Rooms -------------------------------------------------------------------------------------


def test_rooms_are_added_to_a_location_and_renamed(browser_as, db):
    supervisor = browser_as("supervisor")
    location = factories.interview_location(db)
    form = soup(supervisor.get(f"/staff/resources/rooms/new?location_id={location.id}"))
    chosen = form.find("select", attrs={"name": "location_id"}).find("option", selected=True)
    assert chosen.get_text() == f"{location.name} (Europe/Zurich)"
    data = {
        "location_id": location.id,
        "name": "Room B",
        "form_id": form.find("input", attrs={"name": "form_id"})["value"],
    }
    first = supervisor.post("/staff/resources/rooms", data)
    assert first.headers["location"] == f"/staff/resources/locations/{location.id}?notice=created"
    again = supervisor.post("/staff/resources/rooms", data)
    assert again.headers["location"] == f"/staff/resources/locations/{location.id}"
    assert _count(db, InterviewRoom, InterviewRoom.location_id == location.id) == 1
    room = db.scalars(select(InterviewRoom).where(InterviewRoom.location_id == location.id)).one()

    edit = soup(supervisor.get(f"/staff/resources/rooms/{room.id}/edit"))
    version = edit.find("input", attrs={"name": "version"})["value"]
    empty = supervisor.post(f"/staff/resources/rooms/{room.id}", {"name": "", "version": version})
    assert empty.status_code == 422
    assert _error(soup(empty), "name") == "This field is required."
    renamed = supervisor.post(
        f"/staff/resources/rooms/{room.id}",
        {"name": "Room C", "active": "true", "version": version},
    )
    assert renamed.status_code == 303
    rows = soup(supervisor.get(f"/staff/resources/locations/{location.id}")).select(
        "section[aria-labelledby=h-rooms] tbody tr"
    )
    assert [r.find("td").get_text() for r in rows] == ["Room C"]


def test_a_room_for_a_location_that_does_not_exist_is_refused_on_its_field(browser_as):
    supervisor = browser_as("supervisor")
    response = supervisor.post("/staff/resources/rooms", {"location_id": "999999", "name": "X"})
    assert response.status_code == 422
    assert _error(soup(response), "location_id") == "There is no such interview location."


# Officers and absences ---------------------------------------------------------------------


def test_a_supervisor_makes_a_staff_user_an_officer_with_weekly_hours(browser_as, db):
    supervisor = browser_as("supervisor")
    location = factories.interview_location(db)
    taken = factories.interview_officer(db, location.id)
    user, _token = factories.user_with_token(db, role="officer")
    viewer, _token = factories.user_with_token(db, role="viewer")
    form = soup(supervisor.get("/staff/resources/officers/new"))
    offered = {o["value"] for o in form.select("select[name=staff_user_id] option")}
    assert str(user.id) in offered
    assert str(taken.staff_user_id) not in offered
    assert str(viewer.id) not in offered
    response = supervisor.post(
        "/staff/resources/officers",
        {
            "staff_user_id": user.id,
            "location_id": location.id,
            "hours.tue": "09:00-12:00",
            "form_id": form.find("input", attrs={"name": "form_id"})["value"],
        },
    )
    assert response.status_code == 303
    officer = db.scalars(
        select(InterviewOfficer).where(InterviewOfficer.staff_user_id == user.id)
    ).one()
    assert officer.working_hours == {"tue": ["09:00-12:00"]}
    page = soup(supervisor.get(response.headers["location"]))
    assert page.find("h1").get_text() == user.display_name
    assert "Tue 09:00–12:00 (Europe/Zurich)" in _text(page.select_one("dl.facts"))


def test_only_active_staff_with_the_officer_role_can_interview(browser_as, db):
    supervisor = browser_as("supervisor")
    location = factories.interview_location(db)
    viewer, _token = factories.user_with_token(db, role="viewer")
    response = supervisor.post(
        "/staff/resources/officers",
        {"staff_user_id": viewer.id, "location_id": location.id, "hours.fri": "8-12"},
    )
    assert response.status_code == 422
    page = soup(response)
    assert "8-12 is not a time of day" in _error(page, "hours.fri")
    assert page.find("input", attrs={"name": "hours.fri"})["value"] == "8-12"
    response = supervisor.post(
        "/staff/resources/officers", {"staff_user_id": viewer.id, "location_id": location.id}
    )
    assert "active staff with the officer role" in _error(soup(response), "staff_user_id")
    assert _count(db, InterviewOfficer, InterviewOfficer.staff_user_id == viewer.id) == 0


def test_an_officers_hours_are_changed_and_a_stale_edit_is_refused(browser_as, db):
    supervisor = browser_as("supervisor")
    location = factories.interview_location(db)
    officer = factories.interview_officer(db, location.id)
    edit = soup(supervisor.get(f"/staff/resources/officers/{officer.id}/edit"))
    assert "(Europe/Zurich)" in edit.find("label", attrs={"for": "f-hours-mon"}).get_text()
    data = {
        "location_id": location.id,
        "hours.mon": "13:00-17:00",
        "active": "true",
        "version": edit.find("input", attrs={"name": "version"})["value"],
    }
    assert supervisor.post(f"/staff/resources/officers/{officer.id}", data).status_code == 303
    db.refresh(officer)
    assert officer.working_hours == {"mon": ["13:00-17:00"]}
    stale = supervisor.post(
        f"/staff/resources/officers/{officer.id}", {**data, "hours.mon": "08:00-09:00"}
    )
    assert stale.status_code == 422
    db.refresh(officer)
    assert officer.working_hours == {"mon": ["13:00-17:00"]}


def test_an_officer_records_an_absence_in_the_locations_time_and_a_double_post_adds_one(
    browser_as, db
):
    location = factories.interview_location(db, time_zone="Asia/Tokyo", country="JP")
    officer = factories.interview_officer(db, location.id)
    browser = browser_as("officer")
    url = f"/staff/resources/officers/{officer.id}"
    page = soup(browser.get(url))
    assert (
        page.find("label", attrs={"for": "f-starts_at"})
        .get_text()
        .startswith("From (local time, Asia/Tokyo)")
    )
    data = {
        "starts_at": "2026-05-04T09:00",
        "ends_at": "2026-05-08T18:00",
        "reason": "Training",
        "form_id": page.find("input", attrs={"name": "form_id"})["value"],
    }
    first = browser.post(f"{url}/absences", data)
    assert first.headers["location"] == f"{url}?notice=absence"
    assert browser.post(f"{url}/absences", data).headers["location"] == url
    absence = db.scalars(select(Absence).where(Absence.officer_id == officer.id)).one()
    assert absence.starts_at == dt.datetime(2026, 5, 4, 0, 0, tzinfo=dt.UTC)
    rows = soup(browser.get(first.headers["location"])).select("#h-absences ~ table tbody tr")
    assert len(rows) == 1
    assert "09:00 (Asia/Tokyo)" in rows[0].get_text()
    assert "Training" in rows[0].get_text()
    assert db.scalar(
        select(AuditEntry.id).where(
            AuditEntry.entity == "absence", AuditEntry.entity_id == absence.id
        )
    )


def test_an_absence_that_ends_before_it_starts_is_refused_with_what_was_typed(browser_as, db):
    location = factories.interview_location(db)
    officer = factories.interview_officer(db, location.id)
    browser = browser_as("officer")
    url = f"/staff/resources/officers/{officer.id}/absences"
    response = browser.post(url, {"starts_at": "2026-05-08T09:00", "ends_at": "2026-05-04T09:00"})
    assert response.status_code == 422
    page = soup(response)
    assert _error(page, "ends_at") == "An absence ends after it starts."
    assert page.find("input", attrs={"name": "starts_at"})["value"] == "2026-05-08T09:00"
    response = browser.post(url, {"starts_at": "next week", "ends_at": ""})
    page = soup(response)
    assert response.status_code == 422
    assert _error(page, "starts_at").startswith("Enter a day and a time")
    assert _error(page, "ends_at") == "This field is required."
    # 02:30 on the last Sunday of March does not happen in Zurich: the clocks go forward.
    response = browser.post(url, {"starts_at": "2026-03-29T02:30", "ends_at": "2026-03-29T12:00"})
    assert "does not exist in Europe/Zurich" in _error(soup(response), "starts_at")
    assert _count(db, Absence, Absence.officer_id == officer.id) == 0


# Interpreters ------------------------------------------------------------------------------


def test_an_interpreter_is_added_with_languages_chosen_by_name(browser_as, db):
    supervisor = browser_as("supervisor")
    location = factories.interview_location(db)
    form = soup(supervisor.get(f"/staff/resources/interpreters/new?location_id={location.id}"))
    options = {o.get_text(): o["value"] for o in form.select("select[name='languages.0'] option")}
    assert options["Amharic"] == "am"
    assert options["Tigrinya"] == "ti"
    data = {
        "name": "Selam Fictional",
        "location_id": location.id,
        "languages.1": "am",
        "languages.4": "ti",
        "hours.thu": "09:00-12:00",
        "form_id": form.find("input", attrs={"name": "form_id"})["value"],
    }
    first = supervisor.post("/staff/resources/interpreters", data)
    assert first.headers["location"] == f"/staff/resources/locations/{location.id}?notice=created"
    supervisor.post("/staff/resources/interpreters", data)
    found = db.scalars(select(Interpreter).where(Interpreter.name == "Selam Fictional")).all()
    assert len(found) == 1
    assert (found[0].languages, found[0].availability) == (["am", "ti"], {"thu": ["09:00-12:00"]})
    rows = soup(supervisor.get(f"/staff/resources/interpreters?location_id={location.id}")).select(
        "table.interpreters tbody tr"
    )
    text = " ".join(rows[0].get_text(" ", strip=True).split())
    assert "Selam Fictional" in text
    assert "Amharic, Tigrinya" in text
    assert "Thu 09:00–12:00 (Europe/Zurich)" in text


def test_language_names_follow_the_staff_language(browser_as, db):
    supervisor = browser_as("supervisor")
    supervisor.post("/staff/account/language", {"locale": "de"})
    form = soup(supervisor.get("/staff/resources/interpreters/new"))
    options = {o["value"]: o.get_text() for o in form.select("select[name='languages.0'] option")}
    assert options["am"] == "Amharisch"


def test_an_interpreter_with_an_unknown_language_or_none_is_refused(browser_as, db):
    supervisor = browser_as("supervisor")
    location = factories.interview_location(db)
    response = supervisor.post(
        "/staff/resources/interpreters",
        {"name": "A. Fictional", "location_id": location.id, "languages.2": "zz"},
    )
    assert response.status_code == 422
    page = soup(response)
    assert "Unknown language code" in _error(page, "languages.0")
    assert page.find("input", attrs={"name": "name"})["value"] == "A. Fictional"
    response = supervisor.post(
        "/staff/resources/interpreters", {"name": "A. Fictional", "location_id": location.id}
    )
    assert "This field is required." in soup(response).find(id="f-languages").get_text()
    assert _count(db, Interpreter, Interpreter.name == "A. Fictional") == 0


def test_an_interpreter_is_corrected_and_a_stale_edit_is_refused(browser_as, db):
    supervisor = browser_as("supervisor")
    location = factories.interview_location(db)
    interpreter = factories.interpreter(db, location.id, languages=["am"])
    edit = soup(supervisor.get(f"/staff/resources/interpreters/{interpreter.id}/edit"))
    assert (
        edit.find("select", attrs={"name": "languages.0"}).find("option", selected=True)["value"]
        == "am"
    )
    data = {
        "name": interpreter.name,
        "location_id": location.id,
        "languages.0": "am",
        "languages.1": "ar",
        "active": "true",
        "version": edit.find("input", attrs={"name": "version"})["value"],
    }
    assert (
        supervisor.post(f"/staff/resources/interpreters/{interpreter.id}", data).status_code == 303
    )
    db.refresh(interpreter)
    assert interpreter.languages == ["am", "ar"]
    stale = supervisor.post(
        f"/staff/resources/interpreters/{interpreter.id}", {**data, "languages.1": "fr"}
    )
    assert stale.status_code == 422
    db.refresh(interpreter)
    assert interpreter.languages == ["am", "ar"]


# Roles, as the API enforces them -----------------------------------------------------------


def test_officers_and_viewers_read_but_only_supervisors_change(browser_as, db):
    location = factories.interview_location(db)
    room = factories.interview_room(db, location.id)
    officer_record = factories.interview_officer(db, location.id)
    interpreter = factories.interpreter(db, location.id)
    reading = [
        "/staff/resources",
        f"/staff/resources/locations/{location.id}",
        "/staff/resources/officers",
        f"/staff/resources/officers/{officer_record.id}",
        "/staff/resources/interpreters",
    ]
    changing = [
        ("/staff/resources/locations/new", "/staff/resources/locations"),
        (
            f"/staff/resources/locations/{location.id}/edit",
            f"/staff/resources/locations/{location.id}",
        ),
        (f"/staff/resources/rooms/{room.id}/edit", f"/staff/resources/rooms/{room.id}"),
        ("/staff/resources/officers/new", "/staff/resources/officers"),
        (
            f"/staff/resources/officers/{officer_record.id}/edit",
            f"/staff/resources/officers/{officer_record.id}",
        ),
        (
            f"/staff/resources/interpreters/{interpreter.id}/edit",
            f"/staff/resources/interpreters/{interpreter.id}",
        ),
    ]
    for role in ("viewer", "officer"):
        browser = browser_as(role)
        for url in reading:
            assert browser.get(url).status_code == 200, (role, url)
        for form_url, post_url in changing:
            assert browser.get(form_url).status_code == 403, (role, form_url)
            assert browser.post(post_url, {"name": "Changed"}).status_code == 403, (role, post_url)
        page = soup(browser.get(f"/staff/resources/locations/{location.id}"))
        assert page.find("a", href=f"/staff/resources/locations/{location.id}/edit") is None
        assert page.find("a", href=f"/staff/resources/rooms/new?location_id={location.id}") is None
    db.refresh(location)
    assert location.name != "Changed"
    # The API lets officers record absences, and viewers not: the screens agree.
    viewer = browser_as("viewer")
    absence_url = f"/staff/resources/officers/{officer_record.id}"
    assert soup(viewer.get(absence_url)).find("form", action=f"{absence_url}/absences") is None
    data = {"starts_at": "2026-06-01T09:00", "ends_at": "2026-06-01T12:00"}
    assert viewer.post(f"{absence_url}/absences", data).status_code == 403
    assert browser_as("officer").post(f"{absence_url}/absences", data).status_code == 303


def test_signed_out_visitors_are_sent_to_sign_in(anonymous):
    for url in ("/staff/resources", "/staff/resources/interpreters/new"):
        response = anonymous.get(url, follow_redirects=False)
        assert response.status_code == 303
        assert response.headers["location"].startswith("/staff/login?next=")


def test_the_interviews_page_links_to_the_resources(browser_as):
    viewer = browser_as("viewer")
    assert soup(viewer.get("/staff/interviews")).find("a", href="/staff/resources") is not None
    nav = soup(viewer.get("/staff/resources")).find(
        "nav", attrs={"aria-label": "Interview resources"}
    )
    assert [a["href"] for a in nav.find_all("a")][1:] == [
        "/staff/resources",
        "/staff/resources/officers",
        "/staff/resources/interpreters",
    ]


def test_names_typed_into_resources_are_shown_as_text(browser_as, db):
    viewer = browser_as("viewer")
    evil = "<script>alert(1)</script>"
    location = factories.interview_location(db, name=f"Office {evil}")
    factories.interpreter(db, location.id, name=f"Interpreter {evil}")
    for url in (
        "/staff/resources",
        f"/staff/resources/locations/{location.id}",
        "/staff/resources/interpreters",
    ):
        response = viewer.get(url)
        assert evil not in response.text, url
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text, url
