"""Account use cases that reach beyond the accounts: renaming an account, with every row of
the other domains that names it (:mod:`tradeguard.accounts.renames`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import InstrumentedAttribute

from tradeguard.accounts.renames import Renamed, rename_user
from tradeguard.cases.tables import CaseRow, ConfigRow, MonitorRunRow, SuppressionRow
from tradeguard.jobs.tables import JobRow
from tradeguard.service.runtime import Runtime

if TYPE_CHECKING:
    from tradeguard.accounts.users import Actor

#: Every column outside the users table that names an account by its name, and so takes an
#: account's new name when it is renamed: who opened, proposed, reviewed and is assigned a
#: case (four-eyes compares the proposer with the reviewer; the case list filters by
#: assignee), who approved a remembered false positive, who started a batch job (only they
#: see it), who last changed a setting and who ran a monitoring pass. Not here: the audit log
#: (append-only: its records keep the name they were written with, and the ``user.rename``
#: record links the names) and a cross-list link's reviewer (a name typed with
#: ``graph review --by``, not an account). ``tests/cases/test_rename.py`` fails when a new
#: column that names an actor is in neither list.
NAMING_COLUMNS: tuple[InstrumentedAttribute[Any], ...] = (
    CaseRow.created_by,
    CaseRow.proposed_by,
    CaseRow.reviewed_by,
    CaseRow.assigned_to,
    SuppressionRow.approved_by,
    JobRow.created_by,
    ConfigRow.updated_by,
    MonitorRunRow.actor,
)


class AccountCases(Runtime):
    """The account use cases of :class:`tradeguard.service.Service`."""

    def rename_user(self, actor: Actor, old: str, new: str) -> Renamed:
        """Rename the account ``old`` to ``new`` (administrators): its tokens and sessions go
        on working, and every row naming it takes the new name in the same transaction as its
        ``user.rename`` audit record (see :mod:`tradeguard.accounts.renames`)."""
        return rename_user(self.store, actor, old, new, follow=NAMING_COLUMNS)
