"""Evaluate a shipment: screen every party, classify every item, apply the destination policy,
the UN embargoes, catch-all and red flags, and return one :class:`Decision`.

The screener, the classifier and the policy are passed in (``Evaluator(screener=...,
classifier=..., policy=...)``) so a bulk run builds them once. Without a screener no party is
screened and without a classifier only the entries the exporter declared are used; each gap is
stated as an ``info`` reason, never silently.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, Protocol

from tradeguard.errors import InputError, NotFoundError
from tradeguard.policy import (
    EntryFacts,
    ItemFacts,
    LicenceFacts,
    Policy,
    PolicyEngine,
    Reason,
    RouteFacts,
    default_policy,
    sort_reasons,
    verdict_of,
)
from tradeguard.shipments.decision import Decision, EntryInfo, ItemResult, PartyMatch, PartyResult
from tradeguard.shipments.model import Item, Party, Shipment

if TYPE_CHECKING:
    from tradeguard.store import Store


class EntryLike(Protocol):
    @property
    def code(self) -> str: ...
    @property
    def regimes(self) -> Sequence[str]: ...
    @property
    def title(self) -> str: ...
    @property
    def reasons_for_control(self) -> Sequence[str]: ...
    @property
    def confidence(self) -> float: ...
    @property
    def missing_parameters(self) -> Sequence[str]: ...
    @property
    def status(self) -> str: ...
    @property
    def national_code(self) -> str | None: ...


class ClassificationLike(Protocol):
    @property
    def controlled(self) -> bool | None: ...
    @property
    def entries(self) -> Sequence[EntryLike]: ...


class Classifier(Protocol):
    def __call__(
        self,
        description: str | None = None,
        *,
        cas: str | None = None,
        hs: str | None = None,
        params: Mapping[str, str | float] | None = None,
        jurisdiction: str = "EU",
    ) -> ClassificationLike: ...


class MatchLike(Protocol):
    @property
    def entity_id(self) -> str: ...
    @property
    def list(self) -> str: ...
    @property
    def caption(self) -> str: ...
    @property
    def matched_name(self) -> str: ...
    @property
    def score(self) -> float: ...
    @property
    def programs(self) -> Sequence[str]: ...


#: Hook for "party has exposure to designated entities" (ownership, joint ventures): called with
#: the role, the party, its screening matches and the date; returns extra reasons.
ExposureCheck = Callable[[str, Party, list[PartyMatch], date], list[Reason]]

_DPRK = "KP"
_IRAN = "IR"
#: The evaluator's memo tables (keyed by every input they depend on), left out when pickled.
_CACHES = ("_screen_cache", "_class_cache", "_item_cache", "_party_cache", "_forwarder_cache")


class Evaluator:
    """Evaluates shipments against one policy, screener and classifier (built once, reused)."""

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
    ) -> None:
        self.screener = screener
        self.classifier = classifier
        self.policy = policy or default_policy()
        self.engine = PolicyEngine(self.policy)
        self.list_versions = list_versions or []
        self.knowledge_base_version = knowledge_base_version
        self.exposure = exposure
        self.entry_lookup = entry_lookup
        self._screen_cache: dict[tuple[Any, ...], list[PartyMatch]] = {}
        self._class_cache: dict[tuple[Any, ...], ClassificationLike | InputError] = {}
        self._item_cache: dict[
            tuple[Any, ...], tuple[tuple[EntryFacts, ...], ItemResult, list[Reason]]
        ] = {}
        self._party_cache: dict[tuple[Any, ...], list[Reason]] = {}
        self._forwarder_cache: dict[str, list[str]] = {}
        keywords = self.policy.red_flags.forwarder_consignee.keywords
        self._forwarder = re.compile(
            "|".join(rf"(?<!\w){re.escape(k.lower())}" for k in keywords) or r"(?!)"
        )

    def __getstate__(self) -> dict[str, Any]:
        """Pickled (an evaluator sent to batch workers) without its caches: they only save
        work, a copy fills its own."""
        state = self.__dict__.copy()
        for name in _CACHES:
            state[name] = {}
        return state

    @classmethod
    def from_store(cls, store: Store, *, policy: Policy | None = None) -> Evaluator:
        """The full evaluator: a screener over the store's current lists, the classifier, and
        the network exposure check (ownership and joint-venture paths to designated entities).
        The screener's index and the network graph are read (or built) here, once, not on the
        first shipment."""
        from tradeguard.items import classify, get_entry, knowledge_base_version
        from tradeguard.network.shipments import exposure_check
        from tradeguard.screening import Screener

        versions = [
            {"list": v.list, "sha256": v.sha256, "published_at": v.published_at}
            for v in store.current_versions()
        ]
        return cls(
            screener=Screener.from_store(store),
            classifier=classify,
            policy=policy,
            list_versions=versions,
            knowledge_base_version=knowledge_base_version(),
            entry_lookup=get_entry,
            exposure=exposure_check(store, preload=True),
        )

    # -- parties ------------------------------------------------------------------------------

    def _screen(
        self,
        name: str,
        schema: str | None,
        countries: list[str],
        ids: list[str],
        birth_date: str | None = None,
    ) -> list[PartyMatch]:
        key = (name, schema, tuple(countries), tuple(ids), birth_date)
        cached = self._screen_cache.get(key)
        if cached is not None:
            return cached
        from tradeguard.screening import Query

        thresholds = self.policy.red_flags.screening
        designated_lists = set(thresholds.designated_lists)
        end_user_lists = set(self.policy.catch_all.end_user.lists.lists)
        if self.screener is None:
            return []
        raw: list[MatchLike] = self.screener.screen(
            Query(
                name=name,
                schema=schema,
                countries=countries,
                identifiers=ids,
                birth_date=birth_date,
            ),
            threshold=thresholds.possible_at,
            limit=10,
        )
        rank = {"designated": 0, "listed": 1, "possible": 2}
        order = {name: n for n, name in enumerate(thresholds.designated_lists)}

        def level_of(list_id: str, score: float) -> str:
            if score >= thresholds.designated_at and list_id in designated_lists:
                return "designated"
            if score >= thresholds.designated_at and list_id in end_user_lists:
                return "listed"
            return "possible"

        out = []
        for m in raw:
            # one match per party: its strongest membership decides (the METI copy's kanji
            # name reaching a UN-designated party gives the UN asset freeze)
            members = list(getattr(m, "memberships", None) or []) or [
                {
                    "entity_id": m.entity_id,
                    "list": m.list,
                    "caption": m.caption,
                    "programs": list(m.programs),
                }
            ]
            score = round(float(m.score), 4)
            strongest = min(
                members,
                key=lambda x: (
                    rank[level_of(x["list"], score)],
                    order.get(x["list"], 99),
                    x["entity_id"] != m.entity_id,
                    x["entity_id"],
                ),
            )
            out.append(
                PartyMatch(
                    entity_id=strongest["entity_id"],
                    list=strongest["list"],
                    caption=strongest["caption"],
                    matched_name=m.matched_name,
                    score=score,
                    programs=list(strongest["programs"]),
                    level=level_of(strongest["list"], score),
                    matched_entity_id=m.entity_id,
                    party_id=getattr(m, "party_id", "") or m.entity_id,
                    memberships=[
                        {
                            "entity_id": x["entity_id"],
                            "list": x["list"],
                            "programs": list(x["programs"]),
                            "list_version": x.get("list_version"),
                            "level": level_of(x["list"], score),
                        }
                        for x in members
                    ],
                )
            )
        self._screen_cache[key] = out
        return out

    def _party_reasons(self, role: str, party: PartyResult, on: date) -> list[Reason]:
        # keyed by every field of the matches: the same name screened with another country
        # scores otherwise, and the score sets the level (designated, listed or possible)
        key = (
            role,
            party.name,
            tuple(
                (
                    m.entity_id,
                    m.matched_entity_id,
                    m.list,
                    m.caption,
                    m.matched_name,
                    m.score,
                    m.level,
                    *m.programs,
                )
                for m in party.matches
            ),
        )
        cached = self._party_cache.get(key)
        if cached is None:
            cached = self._party_reasons_uncached(role, party, on)
            if len(self._party_cache) < 100_000:
                self._party_cache[key] = cached
        return cached

    def _party_reasons_uncached(self, role: str, party: PartyResult, on: date) -> list[Reason]:
        """One reason per party: the strongest match (designated before possible; among equal
        scores, the list named first in ``designated_lists``), the other hits as evidence."""
        flags = self.policy.red_flags
        order = {name: n for n, name in enumerate(flags.screening.designated_lists)}
        rank = {"designated": 0, "listed": 1, "possible": 2}
        hits = sorted(
            party.matches,
            key=lambda m: (rank[m.level], -m.score, order.get(m.list, 99), m.entity_id),
        )
        if not hits:
            return []
        best = hits[0]
        evidence = {
            "role": role,
            "name": party.name,
            "entity_id": best.entity_id,
            "list": best.list,
            "matched_name": best.matched_name,
            "score": best.score,
            "programs": best.programs,
            "matched_entity_id": best.matched_entity_id or best.entity_id,
            "party_id": best.party_id or best.entity_id,
            "memberships": [f"{x['entity_id']} ({x['level']})" for x in best.memberships],
            "list_version": next(
                (v for v in self.list_versions if v.get("list") == best.list), None
            ),
            "also": [f"{m.entity_id} ({m.score:.2f})" for m in hits if m is not best][:10],
        }
        if best.level == "designated":
            return [
                Reason(
                    code="DESIGNATED_PARTY",
                    severity="prohibited",
                    message=f"{role} {party.name!r} matches {best.caption} ({best.entity_id}) on "
                    f"{best.list}, score {best.score:.2f}: its assets are frozen and no goods may be "
                    "made available to it",
                    legal_basis=_asset_freeze_basis(best.list, best.programs),
                    evidence=evidence,
                    party=role,
                )
            ]
        if best.level == "listed":
            rule_l = self.policy.catch_all.end_user.lists
            return [
                Reason(
                    code="LISTED_PARTY",
                    severity="review",
                    message=f"{role} {party.name!r} is on an end-user list: {best.caption} "
                    f"({best.entity_id}, {best.list}), score {best.score:.2f}; a catch-all licence "
                    "may be needed",
                    legal_basis="METI End User List (catch-all); 15 C.F.R. 744.11 (Entity List)",
                    evidence=evidence,
                    rule_id=rule_l.id,
                    verified=rule_l.verified,
                    party=role,
                )
            ]
        rule = flags.possible_hit
        return [
            Reason(
                code="POSSIBLE_MATCH",
                severity=rule.severity,
                message=f"{role} {party.name!r} may be {best.caption} ({best.entity_id}) on {best.list}, "
                f"score {best.score:.2f}",
                legal_basis=rule.legal_basis,
                evidence=evidence,
                rule_id=rule.id,
                verified=rule.verified,
                party=role,
            )
        ]

    # -- items --------------------------------------------------------------------------------

    def _classify(
        self, item: Item, jurisdiction: str, *, text_only: bool = False
    ) -> ClassificationLike | InputError | None:
        if self.classifier is None:
            return None
        params: dict[str, str | float] = {
            k: (str(v).lower() if isinstance(v, bool) else v) for k, v in item.params.items()
        }
        if text_only:
            key: tuple[Any, ...] = ("text", item.description, jurisdiction)
        else:
            key = (item.description, item.cas, item.hs, tuple(sorted(params.items())), jurisdiction)
        if key in self._class_cache:
            return self._class_cache[key]
        try:
            if text_only:
                result: ClassificationLike | InputError = self.classifier(
                    item.description, jurisdiction=jurisdiction
                )
            else:
                result = self.classifier(
                    item.description,
                    cas=item.cas,
                    hs=item.hs,
                    params=params or None,
                    jurisdiction=jurisdiction,
                )
        except InputError as exc:
            result = exc
        self._class_cache[key] = result
        return result

    def _declared_entry(self, code: str, jurisdiction: str) -> EntryFacts:
        regimes: tuple[str, ...] = ()
        rfc: tuple[str, ...] = ()
        title = None
        national_code = None
        if self.entry_lookup is not None:
            try:
                entry = self.entry_lookup(code)
            except (NotFoundError, InputError):
                entry = None
            if entry is not None:
                regimes = tuple(entry.regimes)
                title = entry.title
                rfc = tuple(entry.reasons_for_control.get(jurisdiction, ()))
                national = entry.national.get(jurisdiction)
                if national is not None:
                    national_code = national.code
                    rfc = rfc or tuple(national.reasons_for_control)
        return EntryFacts(
            code=code,
            regimes=regimes,
            reasons_for_control=rfc,
            title=title,
            declared=True,
            national_code=national_code,
        )

    def _item(
        self, item: Item, jurisdiction: str, reasons: list[Reason]
    ) -> tuple[ItemFacts, ItemResult]:
        """Classification of one item, cached: declarations repeat their goods."""
        key = (
            item.line,
            item.description,
            item.cas,
            item.hs,
            tuple(sorted(item.params.items())),
            item.control_entry,
            jurisdiction,
        )
        cached = self._item_cache.get(key)
        if cached is None:
            found: list[Reason] = []
            facts, result = self._classify_item(item, jurisdiction, found)
            cached = (facts.entries, result, found)
            if len(self._item_cache) < 100_000:
                self._item_cache[key] = cached
        entries, template, found = cached
        reasons.extend(found)
        facts = ItemFacts(
            line=item.line or 0,
            description=item.description,
            hs=item.hs,
            cas=item.cas,
            entries=entries,
            quantity=item.quantity,
            value=item.value,
            currency=item.currency,
            origin=item.origin,
        )
        return facts, template.model_copy()

    def _classify_item(
        self, item: Item, jurisdiction: str, reasons: list[Reason]
    ) -> tuple[ItemFacts, ItemResult]:
        line = item.line or 0
        result = ItemResult(line=line, description=item.description, hs=item.hs, cas=item.cas)
        entries: list[EntryFacts] = []
        classification = self._classify(item, jurisdiction)
        if isinstance(classification, InputError):
            reasons.append(
                Reason(
                    code="NOT_CLASSIFIED",
                    severity="review",
                    message=f"item {line}: cannot be classified: {classification.message}",
                    legal_basis="classification of the item is the exporter's duty",
                    item=line,
                )
            )
        elif classification is not None:
            result.classified = True
            result.controlled = classification.controlled
            for e in classification.entries:
                info = EntryInfo(
                    code=e.code,
                    regimes=list(e.regimes),
                    title=e.title,
                    reasons_for_control=list(e.reasons_for_control),
                    confidence=round(float(e.confidence), 3),
                    status=e.status,
                    missing_parameters=list(e.missing_parameters),
                )
                if e.status in ("controlled", "undecided"):
                    result.entries.append(info)
                if e.status == "controlled":
                    entries.append(
                        EntryFacts(
                            e.code,
                            tuple(e.regimes),
                            tuple(e.reasons_for_control),
                            e.title,
                            national_code=e.national_code,
                        )
                    )
            undecided_entries = [e for e in classification.entries if e.status == "undecided"]
            if classification.controlled is None and not undecided_entries:
                # only free-text or HS suggestions: no entry is established for the item
                result.controlled = False
            elif classification.controlled is None:
                missing = sorted(
                    {
                        p
                        for e in classification.entries
                        if e.status == "undecided"
                        for p in e.missing_parameters
                    }
                )
                undecided = [e.code for e in classification.entries if e.status == "undecided"]
                reasons.append(
                    Reason(
                        code="CLASSIFICATION_INCOMPLETE",
                        severity="review",
                        message=f"item {line}: may fall under {', '.join(undecided)}; "
                        f"missing parameters: {', '.join(missing) or 'not stated'}",
                        legal_basis="classification against the control list (parameters decide the entry)",
                        evidence={"entries": undecided, "missing_parameters": missing},
                        item=line,
                    )
                )
        if item.control_entry:
            declared = self._declared_entry(item.control_entry, jurisdiction)
            if not any(_same_entry(declared.code, e.code) for e in entries):
                entries.append(declared)
                result.entries.append(
                    EntryInfo(
                        code=declared.code,
                        regimes=list(declared.regimes),
                        title=declared.title,
                        reasons_for_control=list(declared.reasons_for_control),
                        declared=True,
                        status="declared",
                    )
                )
                if result.controlled is not True:
                    result.controlled = True
                if classification is not None and not isinstance(classification, InputError):
                    flag = self.policy.red_flags.description_mismatch
                    found = [e.code for e in classification.entries if e.status == "controlled"]
                    reasons.append(
                        Reason(
                            code="DESCRIPTION_MISMATCH",
                            severity=flag.severity,
                            message=f"item {line}: declared entry {declared.code} is not what the description, "
                            f"HS and CAS give ({', '.join(found) or 'not controlled'})",
                            legal_basis=flag.legal_basis,
                            evidence={"declared": declared.code, "classified": found},
                            rule_id=flag.id,
                            verified=flag.verified,
                            item=line,
                        )
                    )
            else:
                for info in result.entries:
                    if _same_entry(declared.code, info.code):
                        info.declared = True
        if classification is None and not item.control_entry:
            result.controlled = None
        facts = ItemFacts(
            line=line,
            description=item.description,
            hs=item.hs,
            cas=item.cas,
            entries=tuple(entries),
            quantity=item.quantity,
            value=item.value,
            currency=item.currency,
            origin=item.origin,
        )
        reasons.extend(self._item_consistency(item, jurisdiction, classification))
        return facts, result

    def _item_consistency(
        self, item: Item, jurisdiction: str, classification: ClassificationLike | InputError | None
    ) -> list[Reason]:
        flag = self.policy.red_flags.description_mismatch
        line = item.line or 0
        problems = []
        if item.cas and item.hs and item.hs[:2] not in flag.chemical_chapters:
            problems.append(
                f"CAS {item.cas} given with HS {item.hs} (chapter {item.hs[:2]} is not a chemical chapter)"
            )
        if (
            item.cas
            and item.description
            and classification is not None
            and not isinstance(classification, InputError)
            and classification.controlled
        ):
            by_text = self._classify(item, jurisdiction, text_only=True)
            if (
                by_text is not None
                and not isinstance(by_text, InputError)
                and by_text.controlled is False
            ):
                codes = [e.code for e in classification.entries if e.status == "controlled"]
                problems.append(
                    f"the CAS/HS make it controlled ({', '.join(codes)}) but the description alone does not"
                )
        return [
            Reason(
                code="DESCRIPTION_MISMATCH",
                severity=flag.severity,
                message=f"item {line}: {p}",
                legal_basis=flag.legal_basis,
                evidence={"description": item.description, "hs": item.hs, "cas": item.cas},
                rule_id=flag.id,
                verified=flag.verified,
                item=line,
            )
            for p in problems
        ]

    # -- the whole shipment --------------------------------------------------------------------

    def evaluate(self, shipment: Shipment, as_of: date | None = None) -> Decision:
        on = as_of or shipment.date or date.today()
        policy = self.policy
        jurisdiction = policy.jurisdiction_for(shipment.export_country)
        destination = shipment.destination
        reasons: list[Reason] = []

        # Who
        parties: list[PartyResult] = []
        end_user_lists: list[str] = []
        for where, role, party in shipment.party_fields():
            if self.screener is not None:
                countries = [party.country] if party.country else []
                try:
                    matches = self._screen(
                        party.name, party.schema_, countries, party.identifiers, party.birth_date
                    )
                except InputError as exc:
                    raise _in_field(exc, where) from None
                result = PartyResult(
                    role=role,
                    name=party.name,
                    country=party.country,
                    screened=True,
                    matches=matches,
                )
                reasons.extend(self._party_reasons(role, result, on))
                if role in ("consignee", "end_user"):
                    end_user_lists.extend(
                        m.list for m in result.matches if m.level in ("listed", "designated")
                    )
            else:
                result = PartyResult(role=role, name=party.name, country=party.country)
            if self.exposure is not None:
                reasons.extend(self.exposure(role, party, result.matches, on))
            parties.append(result)
        vessel = shipment.vessel
        if vessel is not None and (vessel.name or vessel.imo):
            result = PartyResult(
                role="vessel", name=vessel.name or f"IMO {vessel.imo}", country=vessel.flag
            )
            if self.screener is not None:
                result.screened = True
                ids = [vessel.imo] if vessel.imo else []
                try:
                    result.matches = self._screen(
                        vessel.name or vessel.imo or "", "Vessel", [], ids
                    )
                except InputError as exc:
                    raise _in_field(exc, "vessel") from None
                reasons.extend(self._party_reasons("vessel", result, on))
            parties.append(result)
        if self.screener is None:
            reasons.append(
                Reason(
                    code="NOT_SCREENED",
                    severity="info",
                    message="parties were not screened (no screener configured)",
                    legal_basis="—",
                )
            )

        # Where: the route through the DPRK, in either direction
        ports = [
            p
            for p in (*shipment.ports_of_transshipment, shipment.port_of_discharge)
            if p is not None
        ]
        end_user_country = shipment.end_user.country if shipment.end_user else None
        consignee_country = shipment.consignee.country if shipment.consignee else None
        to_dprk = (
            destination == _DPRK
            or end_user_country == _DPRK
            or consignee_country == _DPRK
            or any(p.country == _DPRK for p in ports)
        )
        loading = shipment.port_of_loading.country if shipment.port_of_loading else None
        parties_in = {c for c in (destination, end_user_country, consignee_country) if c}
        from_iran = shipment.export_country == _IRAN or loading == _IRAN
        from_dprk_shipment = shipment.export_country == _DPRK or loading == _DPRK

        if jurisdiction is None:
            reasons.append(
                Reason(
                    code="NO_NATIONAL_POLICY",
                    severity="info",
                    message=f"no national export policy data for {shipment.export_country or 'an unknown country'}; "
                    "UN measures and red flags applied",
                    legal_basis="—",
                )
            )
        else:
            ultimate = [
                (role, party.country)
                for role, party in (
                    ("end_user", shipment.end_user),
                    ("consignee", shipment.consignee),
                )
                if party is not None and party.country
            ]
            reasons.extend(
                self.engine.national_embargoes(jurisdiction, destination, None, on, ultimate)
            )

        classify_jur = jurisdiction or shipment.export_country or "EU"
        licences = [
            LicenceFacts(
                number=lic.number,
                jurisdiction=policy.jurisdiction_for(lic.jurisdiction) or lic.jurisdiction,
                type="general" if lic.type == "comprehensive" else lic.type,
                entries=tuple(lic.entries),
                valid_until=lic.valid_until,
            )
            for lic in shipment.licences
        ]
        items: list[ItemResult] = []
        for item in shipment.items:
            item_reasons: list[Reason] = []
            facts, item_result = self._item(item, classify_jur, item_reasons)
            route = RouteFacts(
                to_dprk=to_dprk, from_dprk=from_dprk_shipment or item.origin == _DPRK
            )
            item_reasons.extend(self.engine.un_dprk(facts, route, on))
            item_reasons.extend(
                self.engine.un_iran(
                    facts, _IRAN in parties_in, from_iran or item.origin == _IRAN, on
                )
            )
            for country in dict.fromkeys(c for c in (destination, end_user_country) if c):
                item_reasons.extend(self.engine.arms_embargo(facts, country, on))
            if jurisdiction is not None:
                item_reasons.extend(
                    self.engine.licensing(
                        jurisdiction,
                        destination,
                        facts,
                        licences,
                        on,
                        shipment.end_use,
                        end_user_lists,
                    )
                )
                item_reasons.extend(
                    self.engine.catch_all(
                        jurisdiction, destination, facts, shipment.end_use, end_user_lists, on
                    )
                )
            item_result.verdict = verdict_of(item_reasons)
            reasons.extend(item_reasons)
            items.append(item_result)
        reasons.extend(self._route_flags(shipment))
        reasons.extend(self._party_flags(shipment))
        reasons = sort_reasons(_dedupe(reasons))
        return Decision(
            shipment_id=shipment.id,
            verdict=verdict_of(reasons),
            as_of=on.isoformat(),
            exporting_jurisdiction=jurisdiction,
            destination=destination,
            reasons=reasons,
            parties=parties,
            items=items,
            policy_version=policy.version,
            list_versions=self.list_versions,
            knowledge_base_version=self.knowledge_base_version,
        )

    # -- red flags ------------------------------------------------------------------------------

    def _route_flags(self, shipment: Shipment) -> list[Reason]:
        flags = self.policy.red_flags
        out: list[Reason] = []
        destination = shipment.destination
        end_user_country = shipment.end_user.country if shipment.end_user else None
        hubs = flags.transshipment_hubs
        route_countries = [p.country for p in shipment.ports_of_transshipment if p.country]
        route_countries += [p.country for p in shipment.intermediaries if p.country]
        if shipment.port_of_discharge and shipment.port_of_discharge.country:
            route_countries.append(shipment.port_of_discharge.country)
        final = end_user_country or destination
        via_hubs = [c for c in dict.fromkeys(route_countries) if c in hubs.countries and c != final]
        if destination in hubs.countries and end_user_country and end_user_country != destination:
            via_hubs = list(dict.fromkeys([destination, *via_hubs]))
        for hub in via_hubs:
            out.append(
                Reason(
                    code="TRANSSHIPMENT_HUB",
                    severity=hubs.severity,
                    message=f"routed through {hub}, a transshipment hub associated with diversion "
                    f"({hubs.countries[hub].note}), with the end user in {final}",
                    legal_basis=hubs.legal_basis,
                    evidence={"hub": hub, "final_country": final, "source": hubs.source},
                    rule_id=hubs.id,
                    verified=hubs.verified,
                )
            )
        if end_user_country and end_user_country != destination:
            rule = flags.end_user_country
            out.append(
                Reason(
                    code="END_USER_COUNTRY_MISMATCH",
                    severity=rule.severity,
                    message=f"end user in {end_user_country}, destination declared as {destination}",
                    legal_basis=rule.legal_basis,
                    evidence={"end_user_country": end_user_country, "destination": destination},
                    rule_id=rule.id,
                    verified=rule.verified,
                )
            )
        return out

    def _party_flags(self, shipment: Shipment) -> list[Reason]:
        flags = self.policy.red_flags
        out: list[Reason] = []
        for role, party in shipment.parties():
            if role == "carrier":
                continue
            if not party.address:
                rule = flags.no_address
                out.append(
                    Reason(
                        code="PARTY_NO_ADDRESS",
                        severity=rule.severity,
                        message=f"{role} {party.name!r} has no address",
                        legal_basis=rule.legal_basis,
                        evidence={"role": role, "name": party.name},
                        rule_id=rule.id,
                        verified=rule.verified,
                        party=role,
                    )
                )
        fwd = flags.forwarder_consignee
        final = shipment.end_user or shipment.consignee
        role = "end_user" if shipment.end_user else "consignee"
        hits = self._forwarder_words(final.name)
        if hits:
            out.append(
                Reason(
                    code="FORWARDER_AS_END_USER",
                    severity=fwd.severity,
                    message=f"{role} {final.name!r} looks like a freight forwarder or logistics company",
                    legal_basis=fwd.legal_basis,
                    evidence={"role": role, "name": final.name, "keywords": hits},
                    rule_id=fwd.id,
                    verified=fwd.verified,
                    party=role,
                )
            )
        return out

    def _forwarder_words(self, name: str) -> list[str]:
        """The forwarder keywords in a name (cached per name: parties repeat)."""
        hits = self._forwarder_cache.get(name)
        if hits is None:
            hits = sorted({m.group(0) for m in self._forwarder.finditer(name.lower())})
            if len(self._forwarder_cache) < 100_000:
                self._forwarder_cache[name] = hits
        return list(hits)


def _in_field(exc: InputError, where: str) -> InputError:
    """The screener's refusal of a party (its field ``name`` ...) as an error naming the
    shipment's field, e.g. ``consignee.name``."""
    field = f"{where}.{exc.field}" if exc.field else where
    return InputError(exc.message, source=exc.source, line=exc.line, field=field)


def _same_entry(a: str, b: str) -> bool:
    a, b = a.upper(), b.upper()
    return a.startswith(b) or b.startswith(a)


def _asset_freeze_basis(list_id: str, programs: Sequence[str]) -> str:
    if list_id == "un_sc":
        if any("DPRK" in p.upper() or "1718" in p for p in programs) or not programs:
            return "UNSC res. 1718 (2006) para. 8(d) (asset freeze); 2270 (2016) para. 32"
        return "UN Security Council sanctions list (asset freeze): " + ", ".join(programs)
    return {
        "us_ofac_sdn": "31 C.F.R. Chapter V (OFAC blocking; SDN list)",
        "eu_fsf": "EU financial sanctions (asset freeze)",
        "uk_sanctions": "UK Sanctions List (asset freeze)",
        "jp_mof": "Japan FEFTA asset freeze (Ministry of Finance list)",
    }.get(list_id, f"sanctions list {list_id}")


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
