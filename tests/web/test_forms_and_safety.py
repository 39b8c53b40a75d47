"""Staff forms: CSRF on every one, roles, escaping, double posts, errors kept in place."""

from __future__ import annotations

import re

from sqlalchemy import func, select

from app.audit.models import AuditEntry
from app.registry.models import Mission, Worker
from tests import factories
from tests.test_routes import all_routes
from tests.web.conftest import soup


def _staff_posts(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [
        route.path
        for route in all_routes(app.routes)
        if route.path.startswith("/staff") and "POST" in getattr(route, "methods", set())
    ]


def test_every_staff_form_without_its_csrf_token_is_refused(app, browser_as, db):
    browser = browser_as("administrator")
    factories.household(db)
    posts = _staff_posts(app)
    assert len(posts) >= 12
    for path in posts:
        url = re.sub(r"\{[^}]+\}", "1", path)
        response = browser.post(url, {"name": "x"}, csrf=False)
        assert response.status_code == 403, f"POST {path} without a token: {response.status_code}"


def test_the_sign_in_form_without_its_token_is_refused(anonymous):
    response = anonymous.post("/staff/login", data={"email": "a@b.example", "password": "x"})
    assert response.status_code == 403


def test_a_csrf_token_stolen_from_another_session_does_not_work(browser_as, db):
    victim, thief = browser_as("officer"), browser_as("officer")
    response = thief.post(
        "/staff/missions", {"csrf_token": victim.csrf, "name": "Embassy X", "kind": "embassy"}
    )
    assert response.status_code == 403
    assert (
        db.scalar(select(func.count()).select_from(Mission).where(Mission.name == "Embassy X")) == 0
    )


def test_a_viewer_sees_no_buttons_to_change_and_cannot_post(browser_as, db):
    viewer = browser_as("viewer")
    _m, _e, w = factories.household(db)
    page = soup(viewer.get(f"/staff/workers/{w.id}"))
    assert page.find("a", href=f"/staff/workers/{w.id}/edit") is None
    assert page.find("a", href=f"/staff/contracts/new?worker_id={w.id}") is None
    assert soup(viewer.get("/staff/workers")).find("a", href="/staff/workers/new") is None
    refused = viewer.post(f"/staff/workers/{w.id}", factories.worker_data(w.mission_id))
    assert refused.status_code == 403
    assert viewer.get("/staff/workers/new").status_code == 403


def test_an_officer_cannot_manage_users(browser_as):
    officer = browser_as("officer")
    assert officer.get("/staff/users").status_code == 403
    assert officer.post("/staff/users", {"email": "x@y.example"}).status_code == 403
    assert soup(officer.get("/staff/")).find("a", href="/staff/users") is None


def test_what_users_typed_is_shown_as_text_never_run(browser_as, db):
    officer = browser_as("officer")
    m = factories.mission(db)
    evil = "<script>alert(1)</script>"
    w = factories.worker(db, m.id, family_name=evil, given_names='"><img src=x onerror=alert(2)>')
    for url in (
        f"/staff/workers/{w.id}",
        "/staff/workers",
        f"/staff/missions/{m.id}",
        f"/staff/workers/{w.id}/edit",
    ):
        response = officer.get(url)
        assert evil not in response.text, url
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text, url
        page = soup(response)
        assert not [s for s in page.find_all("script") if "alert" in (s.string or "")]
        assert page.find("img", src="x") is None


def _worker_form(m_id: int, **overrides: str) -> dict[str, str]:
    data = {
        "mission_id": str(m_id),
        "family_name": "ገብሬ",
        "given_names": "መሰረት",
        "latin_name": "GEBRE MESERET",
        "date_of_birth": "1992-02-03",
        "nationality": "ET",
        "passport_number": "EP4445556",
        "passport_country": "ET",
        "passport_expires_on": "2031-01-01",
        "languages.0.language": "am",
        "languages.0.proficiency": "native",
        "languages.2.language": "en",
        "languages.2.proficiency": "basic",
        "preferred_language": "am",
    }
    data.update(overrides)
    return data


def test_a_new_worker_file_from_the_form_and_posting_it_twice_makes_one(browser_as, db):
    officer = browser_as("officer")
    m = factories.mission(db)
    form_page = soup(officer.get("/staff/workers/new"))
    form_id = form_page.find("input", attrs={"name": "form_id"})["value"]
    data = {**_worker_form(m.id), "form_id": form_id}
    first = officer.post("/staff/workers", data)
    assert first.status_code == 303
    second = officer.post("/staff/workers", data)
    assert second.status_code == 303
    assert second.headers["location"].split("?")[0] == first.headers["location"].split("?")[0]
    assert db.scalar(select(func.count()).select_from(Worker).where(Worker.mission_id == m.id)) == 1
    file = soup(officer.get(first.headers["location"]))
    assert "ገብሬ" in file.find("h1").get_text()
    assert [li.get_text(" ", strip=True) for li in file.select("#h-languages + ul li")] == [
        "Amharic: Mother tongue",
        "English: Basic: needs an interpreter",
    ]


def test_a_form_with_mistakes_comes_back_with_errors_in_place_and_what_was_typed(browser_as, db):
    officer = browser_as("officer")
    m = factories.mission(db)
    response = officer.post(
        "/staff/workers",
        _worker_form(m.id, nationality="XX", date_of_birth="", **{"languages.2.language": "zz"}),
    )
    assert response.status_code == 422
    page = soup(response)
    nationality = page.find("input", attrs={"name": "nationality"})
    assert nationality["value"] == "XX"
    assert nationality["aria-invalid"] == "true"
    assert "Unknown country code" in page.find(id=nationality["aria-describedby"].split()[-1]).text
    assert page.find("input", attrs={"name": "family_name"})["value"] == "ገብሬ"
    # The blank row between the two languages is gone, the error sits on the row it belongs to.
    assert page.find("input", attrs={"name": "languages.1.language"})["value"] == "zz"
    assert page.find("input", attrs={"name": "languages.1.language"})["aria-invalid"] == "true"
    assert page.find(id="e-date_of_birth").text == "This field is required."
    assert page.find(id="error-summary") is not None


def test_a_duplicate_passport_is_shown_on_its_field(browser_as, db):
    officer = browser_as("officer")
    m = factories.mission(db)
    factories.worker(db, m.id, passport_number="EP4445556")
    response = officer.post("/staff/workers", _worker_form(m.id))
    assert response.status_code == 422
    assert "already on the file of worker" in soup(response).find(id="e-passport_number").text


def test_a_contract_against_the_policy_is_saved_and_its_flags_shown_on_the_file(browser_as, db):
    officer = browser_as("officer")
    _m, e, w = factories.household(db)
    form = soup(officer.get(f"/staff/contracts/new?worker_id={w.id}"))
    rules = form.find("form", id="contract-form")
    assert rules["data-max-hours"] == "45"
    response = officer.post(
        "/staff/contracts",
        {
            "worker_id": w.id,
            "employer_id": e.id,
            "starts_on": "2026-02-01",
            "wage.amount": "900",
            "wage.currency": "CHF",
            "wage.period": "month",
            "wage.basis": "net",
            "weekly_hours": "52",
            "weekly_rest_days": "1.5",
            "paid_leave_weeks": "4",
            "board_and_lodging": "true",
            "languages": "am",
            "form_id": form.find("input", attrs={"name": "form_id"})["value"],
        },
    )
    assert response.status_code == 303
    file = soup(officer.get(f"/staff/workers/{w.id}"))
    flags = [li.get_text() for li in file.select(".contract .flags li")]
    assert flags == [
        "The wage (CHF900.00 net a month) is below the minimum (CHF1,200.00 net a month).",
        "52 hours a week is more than the maximum of 45.",
    ]


def test_opening_a_file_is_audited_and_shown_in_its_timeline(browser_as, db):
    viewer = browser_as("viewer")
    _m, _e, w = factories.household(db)
    viewer.get(f"/staff/workers/{w.id}")
    page = soup(viewer.get(f"/staff/workers/{w.id}"))
    reads = db.scalar(
        select(func.count())
        .select_from(AuditEntry)
        .where(
            AuditEntry.worker_id == w.id,
            AuditEntry.action == "read",
            AuditEntry.actor_user_id == viewer.user.id,
        )
    )
    assert reads == 2
    timeline = [li.get_text(" ", strip=True) for li in page.select(".timeline > li")]
    assert any(f"{viewer.user.email} opened the worker's file." in t for t in timeline)
    assert any("system opened a file for the worker." in t for t in timeline)


def test_the_timeline_says_what_happened_in_words_not_codes(browser_as, db):
    _m, _e, w = factories.household(db)
    factories.concern(db, w.id)
    page = soup(browser_as("officer").get(f"/staff/workers/{w.id}"))
    timeline = [li.get_text(" ", strip=True) for li in page.select(".timeline > li")]
    assert any("system: Concern created" in t for t in timeline), timeline
    assert not any("create concern" in t for t in timeline)


def test_supervisors_filter_the_audit_log_by_worker(browser_as, db):
    supervisor = browser_as("supervisor")
    _m, _e, w = factories.household(db)
    supervisor.get(f"/staff/workers/{w.id}")
    page = soup(supervisor.get(f"/staff/audit?worker_id={w.id}&action=read"))
    rows = page.select("tbody tr")
    assert len(rows) == 1
    assert "opened the worker's file" in rows[0].get_text()
    assert browser_as("officer").get("/staff/audit").status_code == 403


def test_lists_search_and_page(browser_as, db):
    viewer = browser_as("viewer")
    m = factories.mission(db)
    for i in range(3):
        factories.worker(db, m.id, family_name=f"Santos {i}", latin_name=None)
    page = soup(viewer.get("/staff/workers", params={"q": "santos", "mission_id": m.id}))
    names = [a.get_text() for a in page.select("tbody td:first-child a")]
    assert names == ["Santos 0, ሰላም", "Santos 1, ሰላም", "Santos 2, ሰላም"]


def test_a_stale_edit_is_refused_and_nothing_is_overwritten(browser_as, db):
    officer = browser_as("officer")
    m = factories.mission(db)
    edit = soup(officer.get(f"/staff/missions/{m.id}/edit"))
    version = edit.find("input", attrs={"name": "version"})["value"]
    base = {"name": m.name, "kind": "embassy", "sending_country": "ET", "version": version}
    assert officer.post(f"/staff/missions/{m.id}", {**base, "name": "First"}).status_code == 303
    stale = officer.post(f"/staff/missions/{m.id}", {**base, "name": "Second"})
    assert stale.status_code == 422
    assert "changed this record after you opened it" in stale.text
    assert db.get(Mission, m.id).name == "First"


def test_pages_speak_the_users_language_with_locale_formatting(browser_as, db):
    browser = browser_as("officer")
    browser.post("/staff/account/language", {"locale": "de"})
    _m, e, w = factories.household(db)
    factories.contract(db, w.id, e.id, weekly_hours="50")
    page = soup(browser.get(f"/staff/workers/{w.id}"))
    assert page.html["lang"] == "de"
    assert "Stunden" in page.select_one(".contract .flags li").get_text()
    assert "12.04.1990" in page.get_text()


def test_right_to_left_names_are_isolated(browser_as, db):
    viewer = browser_as("viewer")
    m = factories.mission(db)
    factories.worker(db, m.id, family_name="حسن", given_names="فاطمة", latin_name=None)
    link = soup(viewer.get("/staff/workers", params={"q": "حسن"})).select_one("tbody td a")
    assert link["dir"] == "auto"


def test_a_crafted_link_cannot_put_words_on_a_staff_page(browser_as, db):
    """Refusals travel in the redirect's query string; only signed ones are shown."""
    _, _, worker = factories.household(db)
    browser = browser_as("officer")
    crafted = "Your session expired: call +41 00 000 00 00 and give your password"
    page = browser.get(f"/staff/workers/{worker.id}", params={"refused": crafted})
    assert crafted not in page.text
    refused = browser.post(
        f"/staff/workers/{worker.id}/salary-accounts", {"iban": "CH00 0000", "holder_name": "X"}
    )
    shown = soup(browser.get(refused.headers["location"])).select_one("#salary .error-summary")
    assert shown is not None and "IBAN" in shown.get_text()
