"""The migrations are the only source of the schema, and they match the models."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from qa_app.extensions import db as _db


def test_migrations_match_models(app, db):
    """After `db upgrade`, Alembic finds no difference between the models and the database."""
    with _db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        diff = compare_metadata(context, _db.metadata)
    assert diff == []


def test_every_model_table_exists_after_upgrade(app, db):
    """Every table the models declare was created by the migrations."""
    from sqlalchemy import inspect

    tables = set(inspect(_db.engine).get_table_names())
    assert set(_db.metadata.tables) <= tables
    assert "alembic_version" in tables
