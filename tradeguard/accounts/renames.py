"""Renaming an account (``tradeguard users rename OLD NEW``, ``POST /users/{name}/rename``).

A renamed account is the same account. Its API tokens and web sessions name it by its id
(``users.id``), so they go on working. Everything else that names an account does so by its
name: the accounts it created (``users.created_by``, which four-eyes follows up the chain of
creators) and, in the other domains, the columns the caller passes as ``follow`` (the case's
proposer, reviewer, assignee and creator, the approver of a remembered false positive, the
owner of a batch job ...: :data:`tradeguard.service.accounts.NAMING_COLUMNS`). They all take
the new name in the transaction that renames the account and writes its ``user.rename`` record,
so a proposal made under the old name is still the person's own under the new one: four-eyes
refuses their approval of it, and nobody sees the old name in a stored row any more.

The audit log is append-only: its earlier records keep the name as it was when they were
written. The ``user.rename`` record (subject ``user:OLD``, payload ``before``, ``after`` and
how many rows of each column took the new name) links the two, and ``audit verify`` replays it
(:mod:`tradeguard.accounts.integrity`, :mod:`tradeguard.cases.integrity`): a rename the log
explains passes, a name changed in the database is a mismatch. The old name is free again
once the rename is committed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import InstrumentedAttribute, Session

from tradeguard import audit
from tradeguard.accounts import rights
from tradeguard.accounts.tables import UserRow
from tradeguard.accounts.users import Actor, User, _user, name_taken, same_name, valid_username
from tradeguard.errors import InputError, NotFoundError

if TYPE_CHECKING:
    from tradeguard.store import Store

#: The action of the audit record a rename writes.
RENAME = "user.rename"
#: The column of the users table that names an account's creator.
CREATORS = "users.created_by"


@dataclass(frozen=True, slots=True)
class Renamed:
    """An account renamed: the user as it is now, its former name, and how many rows of each
    column that named it by that name took the new one."""

    user: User
    before: str
    followed: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"user": self.user.to_dict(), "before": self.before, "followed": self.followed}


def column_name(column: InstrumentedAttribute[Any]) -> str:
    """``table.column`` of a mapped column, as the audit record and the result name it."""
    return f"{column.class_.__tablename__}.{column.property.columns[0].name}"


def rename_user(
    store: Store,
    actor: Actor,
    old: str,
    new: str,
    *,
    follow: Sequence[InstrumentedAttribute[Any]] = (),
) -> Renamed:
    """Rename the account ``old`` to ``new`` (administrators), with every row of ``follow``
    that names it, in one transaction with its ``user.rename`` record.

    Refused: an unknown ``old`` (:class:`NotFoundError`), a ``new`` that is not a user name as
    ``users add`` takes one or is ``old`` itself (:class:`InputError`), a ``new`` another
    account has, whatever its case (:class:`ConflictError`). A change of case only
    (``rita`` to ``Rita``) is a rename."""
    actor.require("users")
    new = valid_username(new, field="new_username")
    try:
        with store.session() as session, session.begin():
            row = session.execute(
                select(UserRow).where(UserRow.username == old).with_for_update()
            ).scalar_one_or_none()
            if row is None:
                raise NotFoundError(f"no user {old!r}")
            if new == old:
                raise InputError(f"the user is named {old!r} already", field="new_username")
            same = same_name(session, new)
            if same is not None and same != old:
                raise name_taken(same)
            row.username = new
            session.flush()  # the unique indexes hold the new name before anything names it
            followed = {CREATORS: _follow(session, UserRow.created_by, old, new)}
            for column in follow:
                followed[column_name(column)] = _follow(session, column, old, new)
            audit.append(
                session,
                actor.name,
                RENAME,
                f"user:{old}",
                {"before": old, "after": new, "followed": followed},
            )
            renamed = Renamed(_user(row), old, followed)
    except IntegrityError:
        # another account took the new name, in any case, and committed first
        with store.session() as session:
            taken = same_name(session, new)
        raise name_taken(taken or new) from None
    rights.changed()  # a token cache of this process must not answer with the old name
    return renamed


def _follow(session: Session, column: InstrumentedAttribute[Any], old: str, new: str) -> int:
    """Give ``column``'s rows that name ``old`` the name ``new``; how many rows did."""
    result = session.execute(
        update(column.class_)
        .where(column == old)
        .values({column.key: new})
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
