"""Alembic migrations of the lab's database (version table ``lab_alembic_version``)."""
