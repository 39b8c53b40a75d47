"""The API's promises: problem documents, a complete schema, no query per row, safe logs."""

from __future__ import annotations

import logging

from sqlalchemy import event

from tests import factories


def test_unknown_addresses_are_problem_documents_in_the_api_and_pages_elsewhere(viewer, anonymous):
    response = viewer.get("/api/v1/nowhere")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["status"] == 404
    page = anonymous.get("/staff/nowhere")
    assert page.status_code == 404
    assert page.headers["content-type"].startswith("text/html")
    assert "Page not found" in page.text


def test_every_operation_documents_its_responses(anonymous):
    schema = anonymous.get("/openapi.json").json()
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            codes = set(operation["responses"])
            success = {c for c in codes if c.startswith("2")}
            assert success, f"{method} {path}: no success response"
            if path.startswith("/api/"):
                assert {"401", "403", "422"} <= codes, f"{method} {path}: {codes}"
            if "{" in path:
                assert "404" in codes, f"{method} {path} does not document 404"


def test_security_headers_are_on_every_response(anonymous):
    response = anonymous.get("/healthz")
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    assert "'unsafe-inline'" not in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"


def _count_queries(db, call) -> int:
    count = 0

    def before(*_args) -> None:
        nonlocal count
        count += 1

    connection = db.connection()
    event.listen(connection, "before_cursor_execute", before)
    try:
        call()
    finally:
        event.remove(connection, "before_cursor_execute", before)
    return count


def test_list_requests_issue_no_query_per_row(officer, db):
    m = factories.mission(db)
    e = factories.employer(db, m.id)
    workers = [factories.worker(db, m.id) for _ in range(3)]
    for w in workers:
        factories.contract(db, w.id, e.id)
    urls = [
        "/api/v1/workers",
        "/api/v1/contracts",
        "/api/v1/missions",
        "/api/v1/employers",
        "/api/v1/audit",
    ]
    officer.get("/api/v1/me")  # the token's first use is recorded once; not part of a list
    small = {u: _count_queries(db, lambda u=u: officer.get(u, params={"limit": 2})) for u in urls}
    for _ in range(6):
        w = factories.worker(db, m.id)
        factories.contract(db, w.id, e.id)
        factories.employer(db, m.id)
        factories.mission(db)
    db.commit()  # what the loop above made is stored before counting, as in real use
    large = {u: _count_queries(db, lambda u=u: officer.get(u, params={"limit": 9})) for u in urls}
    assert small == large


def test_no_passport_number_or_address_reaches_the_logs(officer, db, caplog):
    caplog.set_level(logging.DEBUG)
    m = factories.mission(db)
    data = factories.worker_data(
        m.id, passport_number="EP5550001", address="Chemin Secret 9, 1200 Genève"
    )
    officer.post("/api/v1/workers", json=data)
    officer.post("/api/v1/workers", json=data)  # the duplicate, refused
    officer.post("/api/v1/workers", json={**data, "nationality": "XX"})
    text = caplog.text
    assert "EP5550001" not in text and "Chemin Secret" not in text


def test_access_log_lines_carry_no_query_string():
    from app.logs import DropQueryString

    record = logging.LogRecord(
        "uvicorn.access",
        logging.INFO,
        "",
        0,
        '%s - "%s %s HTTP/%s" %d',
        ("127.0.0.1:1", "GET", "/api/v1/workers?q=Selam", "1.1", 200),
        None,
    )
    DropQueryString().filter(record)
    assert "Selam" not in record.getMessage()
