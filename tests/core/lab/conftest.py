"""The lab's database for a test: a fresh SQLite file, or a fresh database on the real PostgreSQL server."""
from __future__ import annotations

import os
import uuid

import pytest

from tests.conftest import require_service


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def lab_url(request, tmp_path):
    """A SQLAlchemy URL of an empty lab database, on SQLite and on PostgreSQL."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'lab.sqlite3'}"
        return
    url = os.environ.get("ANNOTATOR_TEST_PG_URL")
    require_service("PostgreSQL", bool(url), "ANNOTATOR_TEST_PG_URL is not set (tools/test-services starts one)")
    import sqlalchemy

    name = f"lab_{uuid.uuid4().hex[:10]}"
    admin = sqlalchemy.create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f"CREATE DATABASE {name}")
    try:
        yield url.rsplit("/", 1)[0] + "/" + name
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.dispose()
