"""Alembic migrations of the worker's store (run by :func:`annotator.core.store.migrate`)."""
