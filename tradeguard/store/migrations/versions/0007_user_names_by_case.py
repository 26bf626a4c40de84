"""users: a user name is unique whatever its case (a unique index on lower(username))

Revision ID: 0007_user_names_by_case
Revises: 0006_job_bad_rows
Create Date: 2026-12-06

A store that already holds names differing only by case ('Alice' and 'alice') is not upgraded:
the migration refuses, naming them, and changes nothing, so that no account is lost or merged
behind its holders' backs. One of them is to be renamed (or removed) by the administrator first.
"""

import sqlalchemy as sa
from alembic import op

from tradeguard.errors import StoreError

revision = "0007_user_names_by_case"
down_revision = "0006_job_bad_rows"
branch_labels = None
depends_on = None

INDEX = "ux_users_username_lower"


def case_twins(conn: sa.Connection) -> list[list[str]]:
    """The groups of user names that differ only by case, each sorted, in name order."""
    users = sa.table("users", sa.column("username", sa.String()))
    twins: dict[str, list[str]] = {}
    for (name,) in conn.execute(sa.select(users.c.username).order_by(users.c.username)):
        twins.setdefault(name.lower(), []).append(name)
    return [names for _, names in sorted(twins.items()) if len(names) > 1]


def upgrade() -> None:
    twins = case_twins(op.get_bind())
    if twins:
        named = "; ".join(" and ".join(repr(n) for n in names) for names in twins)
        raise StoreError(
            f"cannot make user names unique regardless of case: {named} differ only by case. "
            "Rename or remove all but one of each (an administrator's decision: each may hold "
            "tokens, cases and audit records), then open the store again; nothing was changed"
        )
    op.create_index(INDEX, "users", [sa.text("lower(username)")], unique=True)


def downgrade() -> None:
    op.drop_index(INDEX, table_name="users")
