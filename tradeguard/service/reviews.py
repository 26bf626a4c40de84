"""A shipment decision read against the reviews in the store: a held possible match (an
asset-freeze or denial list) that a screening case closed as an approved false positive is
written as dismissed by that review, and no longer holds the shipment.

Every path that decides shipments reads them so: one evaluation (``evaluate``, from the
command line, the API and the web pages) asks the store for its held parties
(:func:`reviewed`); a file of declarations (``audit-declarations``, in this process, in forked
processes or on a cluster) reads the dismissals once (:class:`Reviews`), and each declaration
is looked up in them, with the same answer."""

from __future__ import annotations

from dataclasses import dataclass

from tradeguard.cases.dismissals import Dismissals, dismissal
from tradeguard.shipments.decision import Decision
from tradeguard.shipments.held import Dismissal, dismiss
from tradeguard.store import Store


def _holds(decision: Decision) -> bool:
    return any(r.params.get("hold") for r in decision.reasons)


def reviewed(store: Store, decision: Decision) -> Decision:
    """``decision`` with the held matches the reviews dismissed (one read per held party; no
    read when nothing holds it)."""
    if not _holds(decision):
        return decision
    with store.session() as session:

        def lookup(name: str, entity_ids: list[str]) -> Dismissal | None:
            found = dismissal(session, name, entity_ids)
            return Dismissal(*found) if found is not None else None

        return dismiss(decision, lookup)


@dataclass(frozen=True, slots=True)
class Reviews:
    """:func:`reviewed` over the dismissals read once (:meth:`read`), for many decisions: a
    callable a file's audit applies to each decision (it pickles, for forked and cluster
    workers)."""

    dismissals: Dismissals

    @classmethod
    def read(cls, store: Store) -> Reviews:
        with store.session() as session:
            return cls(Dismissals.read(session))

    def lookup(self, name: str, entity_ids: list[str]) -> Dismissal | None:
        found = self.dismissals.find(name, entity_ids)
        return Dismissal(*found) if found is not None else None

    def __call__(self, decision: Decision) -> Decision:
        return dismiss(decision, self.lookup) if _holds(decision) else decision
