"""The migrations build the schema from nothing, go back down, and match the models exactly."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from app import dbtools
from app.db import Base, make_engine
from tests.conftest import new_database


def test_upgrade_from_empty_to_head_and_back_down_and_models_agree():
    url = new_database("migrations")
    dbtools.upgrade(url)
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
            assert "worker" in inspect(connection).get_table_names()
        dbtools.downgrade(url, "base")
        with engine.connect() as connection:
            assert set(inspect(connection).get_table_names()) <= {"alembic_version"}
        dbtools.upgrade(url)
    finally:
        engine.dispose()


def test_there_is_one_head():
    from alembic.script import ScriptDirectory

    assert len(ScriptDirectory.from_config(dbtools.alembic_config()).get_heads()) == 1
