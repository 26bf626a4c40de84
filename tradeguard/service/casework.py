"""Case use cases: propose an outcome, review it (four-eyes), keep the counterparties."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from tradeguard.cases import counterparties as cps
from tradeguard.cases import workflow
from tradeguard.service.runtime import Runtime

if TYPE_CHECKING:
    from tradeguard.accounts.users import Actor


class CaseWork(Runtime):
    """The case use cases of :class:`tradeguard.service.Service`."""

    def propose(
        self,
        actor: Actor,
        case_id: int,
        proposal: str,
        comment: str,
        version: int | None = None,
        licence_ref: str | None = None,
    ) -> workflow.Case:
        """Propose an outcome of the case's kind: screening true_match or false_positive,
        shipment block, release or licence_obtained (with ``licence_ref``); or escalate."""
        return workflow.propose(
            self.store, actor, case_id, proposal, comment, version, licence_ref=licence_ref
        )

    def assign(self, actor: Actor, case_id: int, assignee: str | None) -> workflow.Case:
        """Assign a case to a person, or to nobody (``None``)."""
        return workflow.assign(self.store, actor, case_id, assignee)

    def review(
        self,
        actor: Actor,
        case_id: int,
        decision: str,
        comment: str | None = None,
        version: int | None = None,
    ) -> workflow.Case:
        """Approve or reject a proposal: a reviewer other than the proposer (four-eyes)."""
        return workflow.review(self.store, actor, case_id, decision, comment, version)

    def import_counterparties(
        self, actor: Actor, parties: list[cps.Counterparty], source: str
    ) -> cps.ImportSummary:
        """Add or update counterparties; changed ones are screened again at the next run."""
        return cps.import_counterparties(self.store, actor, parties, source)

    def import_counterparty_file(self, actor: Actor, path: Path) -> cps.ImportSummary:
        """Import a CSV or JSON file of counterparties."""
        return cps.import_file(self.store, actor, path)
