"""Alembic environment of the lab's database: run on the connection handed over."""
from alembic import context

connection = context.config.attributes["connection"]
context.configure(connection=connection, version_table="lab_alembic_version", render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
