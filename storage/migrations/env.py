"""Alembic environment: Kodo always hands a live connection in (``kodo migrate``, or on SQLite any
command), so there is no offline mode and no URL in an ini file."""

from alembic import context

from storage.stores import schema

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=schema(), render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
