"""The schema's migrations (Alembic, under ``migrations/``): the newest migration id, read from
the files without importing Alembic, and the upgrade of a database to it."""

from __future__ import annotations

import re
from pathlib import Path

from sqlalchemy import Engine, inspect, text

from tradeguard.errors import StoreError

#: The PostgreSQL advisory lock held while the schema is upgraded.
MIGRATION_LOCK = 7_311_001
MIGRATIONS = Path(__file__).parent / "migrations"


_REVISION = re.compile(r"^revision\s*=\s*['\"]([^'\"]+)['\"]", re.M)
_DOWN = re.compile(r"^down_revision\s*=\s*(?:['\"]([^'\"]+)['\"]|None)", re.M)


def migration_head() -> str:
    """The newest migration id, read from the migration files without importing Alembic."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        source = path.read_text("utf-8")
        rev = _REVISION.search(source)
        if rev is None:
            continue
        revisions.add(rev.group(1))
        down = _DOWN.search(source)
        if down is not None and down.group(1):
            parents.add(down.group(1))
    heads = revisions - parents
    if len(heads) != 1:
        raise StoreError(f"the migrations have {len(heads)} heads ({sorted(heads)}); expected one")
    return heads.pop()


def upgrade(engine: Engine) -> None:
    """Upgrade the schema to the newest migration (Alembic is imported only when needed)."""
    head = migration_head()
    with engine.connect() as conn:
        if inspect(conn).has_table("alembic_version"):
            current = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
            if current == head:
                return
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            # workers starting (or recovering) together upgrade one after the other; the
            # upgrade finds the schema current when another one made it so
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
        config.attributes["connection"] = conn
        command.upgrade(config, "head")
