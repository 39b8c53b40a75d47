"""Test set-up: a real database built by the migrations, rolled back after every test.

SQLite by default; PostgreSQL when HESTIA_TEST_DATABASE_URL names a server database: the run
then creates its own database there and drops it at the end, so runs never see each other.
"""

from __future__ import annotations

import base64
import os
import tempfile
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

_TMP = Path(tempfile.mkdtemp(prefix="hestia-tests-"))
os.environ["HESTIA_DATA_KEY"] = base64.urlsafe_b64encode(b"k" * 32).decode()
os.environ["HESTIA_VAR_DIR"] = str(_TMP)
os.environ.pop("HESTIA_POLICY_FILE", None)
BASE_URL = os.environ.get("HESTIA_TEST_DATABASE_URL", "")
_created: list[str] = []


def new_database(label: str) -> str:
    """A fresh, empty database of the kind under test; dropped when the run ends."""
    if not BASE_URL or BASE_URL.startswith("sqlite"):
        return f"sqlite:///{_TMP / f'{label}-{uuid.uuid4().hex[:8]}.db'}"
    name = f"hestia_{label}_{uuid.uuid4().hex[:8]}"
    admin = create_engine(BASE_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    _created.append(name)
    return make_url(BASE_URL).set(database=name).render_as_string(hide_password=False)


os.environ["HESTIA_DATABASE_URL"] = new_database("main")
DIALECT = "postgresql" if BASE_URL.startswith("postgresql") else "sqlite"


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    from app.db import get_engine

    get_engine().dispose()
    if not _created:
        return
    admin = create_engine(BASE_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        for name in _created:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def pytest_report_header(config: pytest.Config) -> str:
    return f"hestia test database: {DIALECT}"


@pytest.fixture(scope="session")
def engine() -> Engine:
    from app import dbtools
    from app.db import get_engine

    dbtools.upgrade(os.environ["HESTIA_DATABASE_URL"])
    return get_engine()


@pytest.fixture
def db(engine: Engine) -> Iterator[Session]:
    """A session inside a transaction that is rolled back after the test."""
    connection = engine.connect()
    transaction = connection.begin()
    session = Session(
        bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False
    )
    try:
        yield session
    finally:
        session.close()
        transaction.rollback()
        connection.close()


@pytest.fixture(scope="session")
def app():  # type: ignore[no-untyped-def]
    from app.main import create_app

    return create_app()


@pytest.fixture
def client_factory(app, db: Session) -> Iterator[Callable[..., object]]:  # type: ignore[no-untyped-def]
    """Clients whose requests run in the test's transaction, as the app's session would."""
    from fastapi.testclient import TestClient

    from app.db import request_session

    def _session() -> Iterator[Session]:
        db.commit()  # what the test set up before the request counts as committed
        try:
            yield db
            db.commit()
        except BaseException:
            db.rollback()
            raise

    app.dependency_overrides[request_session] = _session

    def make(token: str | None = None, **headers: str) -> TestClient:
        if token:
            headers["Authorization"] = f"Bearer {token}"
        return TestClient(app, headers=headers, raise_server_exceptions=False)

    yield make
    app.dependency_overrides.clear()


@pytest.fixture
def anonymous(client_factory):  # type: ignore[no-untyped-def]
    return client_factory()


@pytest.fixture
def as_role(client_factory, db: Session):  # type: ignore[no-untyped-def]
    """`as_role("officer")`: a client signed in with a token of a fresh user of that role."""
    from tests import factories

    def make(role: str = "officer"):  # type: ignore[no-untyped-def]
        _user, token = factories.user_with_token(db, role=role)
        return client_factory(token)

    return make


@pytest.fixture
def officer(as_role):  # type: ignore[no-untyped-def]
    return as_role("officer")


@pytest.fixture
def viewer(as_role):  # type: ignore[no-untyped-def]
    return as_role("viewer")


@pytest.fixture
def supervisor(as_role):  # type: ignore[no-untyped-def]
    return as_role("supervisor")


@pytest.fixture
def admin(as_role):  # type: ignore[no-untyped-def]
    return as_role("administrator")
