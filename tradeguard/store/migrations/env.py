"""Alembic environment: runs against the connection the store hands over."""

from __future__ import annotations

from alembic import context

import tradeguard.accounts.tables
import tradeguard.audit.tables
import tradeguard.cases.tables
import tradeguard.jobs.tables
import tradeguard.network.tables  # noqa: F401  (network tables)
from tradeguard.store.schema import Base

target_metadata = Base.metadata
connection = context.config.attributes.get("connection")

if connection is None:  # offline mode / plain alembic CLI
    from sqlalchemy import create_engine

    from tradeguard import settings

    engine = create_engine(settings.database_url())
    with engine.begin() as conn:
        context.configure(connection=conn, target_metadata=target_metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
else:
    context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()
