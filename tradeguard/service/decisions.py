"""Decision use cases: classify an item, evaluate a shipment, trace a party's exposure."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from tradeguard.cases import alerts
from tradeguard.errors import InputError, NotFoundError
from tradeguard.network import check_depth
from tradeguard.network.build import current_graph
from tradeguard.network.exposure import exposure as trace
from tradeguard.service.exposure import resolve_party
from tradeguard.service.results import Classified, Evaluated, Face, Traced
from tradeguard.service.reviews import reviewed
from tradeguard.service.runtime import Runtime

if TYPE_CHECKING:
    from tradeguard.accounts.users import Actor
    from tradeguard.shipments import Shipment
    from tradeguard.shipments.decision import Decision

#: the longest parameter name and text value a classification takes
PARAM_NAME_MAX = 100
PARAM_VALUE_MAX = 200


class DecisionCases(Runtime):
    """The decision use cases of :class:`tradeguard.service.Service`."""

    def classify(
        self,
        actor: Actor,
        description: str | None = None,
        *,
        cas: str | None = None,
        hs: str | None = None,
        params: dict[str, str | float] | None = None,
        jurisdiction: str = "EU",
        face: Face = "api",
    ) -> Classified:
        """Classify an item against the control lists and write the audit record."""
        actor.require("classify")
        params = dict(params or {})
        for key, value in params.items():
            if len(key) > PARAM_NAME_MAX or (
                isinstance(value, str) and len(value) > PARAM_VALUE_MAX
            ):
                raise InputError(
                    f"a parameter name has at most {PARAM_NAME_MAX} characters, "
                    f"a value {PARAM_VALUE_MAX}",
                    field="params",
                )
        from tradeguard.items import classify as classify_item

        result = classify_item(
            description, cas=cas, hs=hs, params=params, jurisdiction=jurisdiction
        )
        request: dict[str, Any] = {
            "description": description,
            "cas": cas,
            "hs": hs,
            "params": params,
            "jurisdiction": jurisdiction,
        }
        recorded = alerts.record_decision(
            self.store, actor, f"classify.{face}", "item", request, result.to_dict()
        )
        return Classified(result, recorded.audit_seq)

    def evaluate(
        self,
        actor: Actor,
        shipment: Shipment,
        as_of: dt.date | None = None,
        *,
        face: Face = "api",
    ) -> Evaluated:
        """Evaluate a shipment on ``as_of`` (default: the shipment's date, else today) and
        write the audit record; a decision that is not CLEAR opens a case. A possible match that
        holds it and that a review dismissed says so (:mod:`tradeguard.service.reviews`)."""
        actor.require("evaluate")
        decision = self.shipment_decision(shipment, as_of)
        request = shipment.model_dump(mode="json", by_alias=True, exclude_none=True)
        subject = f"shipment:{shipment.id}" if shipment.id else "shipment"
        recorded = alerts.record_decision(
            self.store,
            actor,
            f"evaluate.{face}",
            subject,
            request,
            decision.to_dict(),
            open_if_not_clear=True,
        )
        return Evaluated(decision, recorded.audit_seq, recorded.case_id)

    def shipment_decision(self, shipment: Shipment, as_of: dt.date | None = None) -> Decision:
        """The decision on a shipment as every path makes it: :meth:`evaluator`'s, read
        against the reviews (a possible match a review dismissed does not hold it), with no
        audit record and no case (:meth:`evaluate` writes them; a file's audit reads the
        reviews once for all its declarations, :class:`tradeguard.service.reviews.Reviews`)."""
        return reviewed(self.store, self.evaluator().evaluate(shipment, as_of))

    def exposure(self, name_or_id: str, depth: int = 3) -> Traced:
        """Paths from a party to designated entities (OFAC 50 % rule, EU ownership or
        control), any party of the network, on a list or not, traced from all its copies (its
        entries on every list) at once. An id, a party's exact name or a name the screener
        gives to one party clearly is traced; any other name gives the parties it may mean
        (:mod:`tradeguard.service.exposure`) to choose from by id. ``NotFoundError`` when no
        party is named at all alike."""
        check_depth(depth)
        graph, revision = current_graph(self.store)
        parties = self.parties(graph, revision)
        found = resolve_party(self.screener(), graph, parties, name_or_id, revision)
        query = " ".join(name_or_id.split())
        if found.node is None:
            if not found.candidates:
                raise NotFoundError(f"no party of the network is named like {query!r}")
            return Traced(query, None, found.candidates)
        copies = parties.members(found.node)
        result = trace(graph, copies, depth=depth, query=query, parties=parties)
        result.versions_key = revision
        return Traced(query, result, found.candidates)
