"""Evaluate a shipment: screen every party, classify every item, apply the destination policy,
the UN embargoes, catch-all and red flags, and return one :class:`Decision`.

The screener, the classifier and the policy are passed in (``Evaluator(screener=...,
classifier=..., policy=...)``) so a bulk run builds them once. Without a screener no party is
screened and without a classifier only the entries the exporter declared are used; each gap is
stated as an ``info`` reason, never silently.

The evaluator composes three checks, each in its own module: the parties
(:mod:`~tradeguard.shipments.parties`), the goods (:mod:`~tradeguard.shipments.goods`) and the
red flags (:mod:`~tradeguard.shipments.red_flags`); here the route is read and the policy
engine applied to each item.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from tradeguard.policy import (
    LicenceFacts,
    Policy,
    PolicyEngine,
    Reason,
    RouteFacts,
    default_policy,
    sort_reasons,
    verdict_of,
)
from tradeguard.shipments.decision import Decision, ItemResult
from tradeguard.shipments.goods import ItemChecks
from tradeguard.shipments.model import Item, Shipment
from tradeguard.shipments.parties import PartyChecks
from tradeguard.shipments.protocols import Classifier, ExposureCheck
from tradeguard.shipments.red_flags import RedFlagChecks

if TYPE_CHECKING:
    from tradeguard.store import Store

_DPRK = "KP"
_IRAN = "IR"


@dataclass(frozen=True)
class _Route:
    """Where a shipment goes and comes from, as the UN measures read it."""

    destination: str
    end_user_country: str | None
    #: through the DPRK in either direction: destination, end user, consignee or a port
    to_dprk: bool
    from_dprk: bool
    from_iran: bool
    #: destination, end user's and consignee's countries
    parties_in: frozenset[str]

    @classmethod
    def of(cls, shipment: Shipment) -> _Route:
        ports = [
            p
            for p in (*shipment.ports_of_transshipment, shipment.port_of_discharge)
            if p is not None
        ]
        destination = shipment.destination
        end_user_country = shipment.end_user.country if shipment.end_user else None
        consignee_country = shipment.consignee.country if shipment.consignee else None
        loading = shipment.port_of_loading.country if shipment.port_of_loading else None
        return cls(
            destination=destination,
            end_user_country=end_user_country,
            to_dprk=(
                destination == _DPRK
                or end_user_country == _DPRK
                or consignee_country == _DPRK
                or any(p.country == _DPRK for p in ports)
            ),
            from_dprk=shipment.export_country == _DPRK or loading == _DPRK,
            from_iran=shipment.export_country == _IRAN or loading == _IRAN,
            parties_in=frozenset(
                c for c in (destination, end_user_country, consignee_country) if c
            ),
        )


class Evaluator:
    """Evaluates shipments against one policy, screener and classifier (built once, reused).

    Its checks memoise their answers (declarations repeat parties and goods); a pickled copy
    (an evaluator sent to batch workers) starts without them and fills its own."""

    def __init__(
        self,
        *,
        screener: Any | None = None,
        classifier: Classifier | None = None,
        policy: Policy | None = None,
        list_versions: list[dict[str, Any]] | None = None,
        knowledge_base_version: str | None = None,
        exposure: ExposureCheck | None = None,
        entry_lookup: Callable[[str], Any] | None = None,
        kr_cp_grade: str | None = None,
    ) -> None:
        self.screener = screener
        self.classifier = classifier
        self.policy = policy or default_policy()
        self.engine = PolicyEngine(self.policy)
        # the organisation's CP grade (setting kr.cp_grade), for shipments that give none
        self.engine.kr_cp_grade = kr_cp_grade
        self.list_versions = list_versions or []
        self.knowledge_base_version = knowledge_base_version
        self.exposure = exposure
        self.entry_lookup = entry_lookup
        self.parties = PartyChecks(self.policy, screener, self.list_versions, exposure)
        self.goods = ItemChecks(self.policy, classifier, entry_lookup)
        self.red_flags = RedFlagChecks(self.policy)

    @classmethod
    def from_store(cls, store: Store, *, policy: Policy | None = None) -> Evaluator:
        """The full evaluator: a screener over the store's current lists, the classifier, and
        the network exposure check (ownership and joint-venture paths to designated entities).
        The screener's index and the network graph are read (or built) here, once, not on the
        first shipment."""
        from tradeguard.cases.config import get_config
        from tradeguard.items import classify, get_entry, knowledge_base_version
        from tradeguard.network.shipments import exposure_check
        from tradeguard.screening import Screener

        versions = [
            {"list": v.list, "sha256": v.sha256, "published_at": v.published_at}
            for v in store.current_versions()
        ]
        screener = Screener.from_store(store)
        return cls(
            screener=screener,
            classifier=classify,
            policy=policy,
            list_versions=versions,
            knowledge_base_version=knowledge_base_version(),
            entry_lookup=get_entry,
            exposure=exposure_check(store, preload=True, screener=screener),
            kr_cp_grade=get_config(store)["kr.cp_grade"],
        )

    def caches(self) -> dict[str, dict[Any, Any]]:
        """The memo tables of the evaluator's checks, by name."""
        return {**self.parties.caches(), **self.goods.caches(), **self.red_flags.caches()}

    def evaluate(self, shipment: Shipment, as_of: date | None = None) -> Decision:
        """The decision on one shipment as of ``as_of`` (default: its date, else today): who
        (the parties screened), where (national embargoes, the route), what (each item
        classified and put through the UN measures, arms embargoes, licensing and catch-all),
        and the red flags; the reasons deduplicated and sorted, the verdict the strongest."""
        on = as_of or shipment.date or date.today()
        jurisdiction = self.policy.jurisdiction_for(shipment.export_country)
        parties, end_user_lists, reasons = self.parties.check(shipment, on)
        reasons.extend(self._national(shipment, jurisdiction, on))
        items = self._items(shipment, jurisdiction, end_user_lists, on, reasons)
        reasons.extend(self.red_flags.route(shipment))
        reasons.extend(self.red_flags.parties(shipment))
        reasons = sort_reasons(_dedupe(reasons), jurisdiction)
        return Decision(
            shipment_id=shipment.id,
            verdict=verdict_of(reasons),
            as_of=on.isoformat(),
            exporting_jurisdiction=jurisdiction,
            destination=shipment.destination,
            reasons=reasons,
            parties=parties,
            items=items,
            policy_version=self.policy.version,
            list_versions=self.list_versions,
            knowledge_base_version=self.knowledge_base_version,
        )

    def _national(self, shipment: Shipment, jurisdiction: str | None, on: date) -> list[Reason]:
        """The exporting country's embargoes on the destination and the ultimate parties'
        countries, or the note that there is no national policy for it."""
        if jurisdiction is None:
            return [
                Reason(
                    code="NO_NATIONAL_POLICY",
                    severity="info",
                    message=f"no national export policy data for {shipment.export_country or 'an unknown country'}; "
                    "UN measures and red flags applied",
                    legal_basis="—",
                    params={"country": shipment.export_country or "?"},
                )
            ]
        ultimate = [
            (role, party.country)
            for role, party in (
                ("end_user", shipment.end_user),
                ("consignee", shipment.consignee),
            )
            if party is not None and party.country
        ]
        return self.engine.national_embargoes(
            jurisdiction, shipment.destination, None, on, ultimate
        )

    def _items(
        self,
        shipment: Shipment,
        jurisdiction: str | None,
        end_user_lists: list[str],
        on: date,
        reasons: list[Reason],
    ) -> list[ItemResult]:
        """Each item classified and put through the UN measures, the arms embargoes and the
        national licensing and catch-all rules; its verdict from its own reasons."""
        policy = self.policy
        route = _Route.of(shipment)
        classify_jur = jurisdiction or shipment.export_country or "EU"
        licences = [
            LicenceFacts(
                number=lic.number,
                jurisdiction=policy.jurisdiction_for(lic.jurisdiction) or lic.jurisdiction,
                type=lic.type,
                entries=tuple(lic.entries),
                valid_until=lic.valid_until,
            )
            for lic in shipment.licences
        ]
        items: list[ItemResult] = []
        for item in shipment.items:
            item_reasons: list[Reason] = []
            facts, item_result = self.goods.item(item, classify_jur, item_reasons)
            facts_route = RouteFacts(
                to_dprk=route.to_dprk, from_dprk=route.from_dprk or item.origin == _DPRK
            )
            item_reasons.extend(self.engine.un_dprk(facts, facts_route, on))
            item_reasons.extend(
                self.engine.un_iran(
                    facts, _IRAN in route.parties_in, route.from_iran or item.origin == _IRAN, on
                )
            )
            for country in dict.fromkeys(
                c for c in (route.destination, route.end_user_country) if c
            ):
                item_reasons.extend(self.engine.arms_embargo(facts, country, on))
            if jurisdiction is not None:
                item_reasons.extend(
                    self.engine.licensing(
                        jurisdiction,
                        route.destination,
                        facts,
                        licences,
                        on,
                        shipment.end_use,
                        end_user_lists,
                        kr=shipment.kr,
                    )
                )
                item_reasons.extend(
                    self.engine.catch_all(
                        jurisdiction,
                        route.destination,
                        facts,
                        shipment.end_use,
                        end_user_lists,
                        on,
                        kr=shipment.kr,
                    )
                )
            if item.origin and item.origin != jurisdiction:
                item_reasons.extend(
                    self._reexport(item.origin, item, route.destination, licences, on)
                )
            item_result.verdict = verdict_of(item_reasons)
            reasons.extend(item_reasons)
            items.append(item_result)
        return items

    def _reexport(
        self,
        origin: str,
        item: Item,
        destination: str,
        licences: list[LicenceFacts],
        on: date,
    ) -> list[Reason]:
        """The licensing of the item's country of origin when that country's rules follow its
        items abroad (the EAR: 15 C.F.R. 734.3(a)(2)): the item classified under its numbering
        and read for the destination, beside the exporting jurisdiction's own verdict."""
        jur = self.policy.jurisdictions.get(origin)
        rule = jur.reexport if jur is not None else None
        if rule is None:
            return []
        facts, _ = self.goods.item(item, origin, [])
        out = self.engine.licensing(origin, destination, facts, licences, on)
        head = f"{rule.title}: "
        quote = (
            {"reexport_quote": rule.quote.text, "reexport_quote_in": rule.quote.cite}
            if rule.quote
            else {}
        )
        for reason in out:
            reason.message = head + reason.message
            reason.legal_basis = f"{rule.legal_basis}; {reason.legal_basis}"
            reason.evidence.update({"reexport_of_origin": origin, "rule_id": rule.id} | quote)
            reason.verified = reason.verified and rule.verified
        return out


def _dedupe(reasons: list[Reason]) -> list[Reason]:
    seen: set[tuple[Any, ...]] = set()
    out = []
    for r in reasons:
        key = (r.code, r.message, r.item, r.party)
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out


def evaluate(
    shipment: Shipment, as_of: date | None = None, *, evaluator: Evaluator | None = None
) -> Decision:
    """Evaluate one shipment (with a default evaluator: policy only, no screener or classifier)."""
    return (evaluator or Evaluator()).evaluate(shipment, as_of)
