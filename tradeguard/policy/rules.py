"""Evaluate the destination policy "as of" a date: country groups, licence requirements,
UN embargoes (DPRK sectoral bans by HS code, luxury goods, caps, arms embargoes) and catch-all.

The engine works on small fact records (:class:`ItemFacts`, :class:`LicenceFacts`) so the rules
can be tested without a shipment, a classifier or a screener.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from tradeguard.policy.clauses import clause, words
from tradeguard.policy.cwc import cwc_non_party
from tradeguard.policy.facts import (
    EntryFacts,
    ItemFacts,
    LicenceFacts,
    RouteFacts,
    _unverified,
)
from tradeguard.policy.jp import JpRules
from tradeguard.policy.kr import KrRules
from tradeguard.policy.kr_common import kr_domestic
from tradeguard.policy.kr_model import KrFacts
from tradeguard.policy.model import CatchAll, Jurisdiction
from tradeguard.policy.reasons import Reason
from tradeguard.policy.un import UnRules
from tradeguard.policy.us_licensing import UsLicensingRules

__all__ = ["EntryFacts", "ItemFacts", "LicenceFacts", "PolicyEngine", "RouteFacts"]


class PolicyEngine(UnRules, JpRules, UsLicensingRules, KrRules):
    """Evaluates the policy data on a date.

    The policy is frozen, so the engine caches what it derives from it per input: the group of
    a country on a date, the UN DPRK HS rules an HS code falls under, the catch-all keywords of
    an end-use statement."""

    # -- national policy -------------------------------------------------------------------

    def national_embargoes(
        self,
        jurisdiction: str,
        destination: str,
        origin: str | None,
        on: date,
        ultimate: Sequence[tuple[str, str]] = (),
    ) -> list[Reason]:
        """National embargoes on the destination or the origin. ``ultimate`` holds the
        countries of the parties the goods are finally for, as (role, country) pairs (end user,
        consignee): an export ban reaches goods sent through a third country to them."""
        jur = self.policy.jurisdictions.get(jurisdiction)
        if jur is None:
            return []
        reasons: list[Reason] = []
        if jurisdiction == "KR":
            reasons += self.kr_dprk_via(destination, ultimate, on)
        for emb in jur.national_embargoes:
            if not emb.in_force(on):
                continue
            exports = emb.direction in ("export", "both")
            export_hit = exports and destination in emb.destinations
            via = (
                []
                if export_hit or not exports
                else [(role, country) for role, country in ultimate if country in emb.destinations]
            )
            import_hit = emb.direction in ("import", "both") and origin in emb.destinations
            if export_hit or via or import_hit:
                evidence: dict[str, object] = {
                    "jurisdiction": jurisdiction,
                    "destination": destination,
                    "source": emb.source,
                }
                message = emb.title
                if via:
                    evidence["ultimate_destination"] = via[0][1]
                    evidence["ultimate_parties"] = [role for role, _ in via]
                    message = (
                        f"ultimate destination {via[0][1]} ({', '.join(r.replace('_', ' ') for r, _ in via)} "
                        f"there), declared destination {destination}: {emb.title}"
                    )
                if emb.quote is not None:
                    evidence["quote"] = emb.quote.text
                    evidence["quote_in"] = emb.quote.cite
                reasons.append(
                    Reason(
                        code="NATIONAL_EMBARGO",
                        severity="prohibited",
                        message=message + _unverified(emb.verified),
                        params={
                            "jurisdiction": jurisdiction,
                            "destination": destination,
                            "title_text": emb.title,
                            **(
                                {
                                    "form": "ultimate",
                                    "ultimate": via[0][1],
                                    "roles": [role for role, _ in via],
                                }
                                if via
                                else {}
                            ),
                        },
                        legal_basis=emb.legal_basis,
                        evidence=evidence,
                        rule_id=emb.id,
                        verified=emb.verified,
                    )
                )
        if jurisdiction == "US":
            groups = set(self.policy.us_ear.groups_of(destination))
            for gemb in jur.embargoes:
                if gemb.in_force(on) and groups & set(gemb.groups):
                    reasons.append(
                        Reason(
                            code="US_EMBARGO",
                            severity="licence_required",
                            message=f"{destination} is in US Country Group {', '.join(sorted(groups & set(gemb.groups)))}: "
                            "a licence is required for virtually all items subject to the EAR (general policy of denial)",
                            params={
                                "destination": destination,
                                "groups": sorted(groups & set(gemb.groups)),
                            },
                            legal_basis=gemb.legal_basis,
                            evidence={
                                "destination": destination,
                                "groups": sorted(groups),
                                "pointer": self.policy.us_ear.embargoed.get(destination),
                            },
                            rule_id=gemb.id,
                            verified=gemb.verified,
                        )
                    )
        return reasons

    def licensing(
        self,
        jurisdiction: str,
        destination: str,
        item: ItemFacts,
        licences: list[LicenceFacts],
        on: date,
        end_use: str | None = None,
        end_user_lists: Sequence[str] = (),
        informed: frozenset[str] = frozenset(),
        kr: KrFacts | None = None,
    ) -> list[Reason]:
        """Licence requirement of ``jurisdiction`` for a controlled item to ``destination``.

        The end use, the end user's lists and what the exporter was informed of decide whether
        an exemption that the catch-all cases withhold (Japan's low-value exemption) holds;
        ``kr`` holds the Korean facts of the transaction (CP grade, purpose, mode ...)."""
        jur = self.policy.jurisdictions.get(jurisdiction)
        if jur is None or not item.controlled:
            return []
        if jurisdiction == "KR":
            domestic = kr_domestic(destination, item, kr)
            if domestic is not None:
                return [domestic]
            return self.kr_licensing(destination, item, licences, on, kr, end_user_lists)
        if jurisdiction == "US":
            return self._us_licensing(jur, destination, item, licences, on)
        if jurisdiction == "EU" and destination in self.policy.eu_members:
            return [
                Reason(
                    code="NO_LICENCE_NEEDED",
                    severity="info",
                    message=f"Transfer inside the EU to {destination}: no authorisation for Annex I items outside Annex IV (Annex IV not modelled)",
                    legal_basis="Regulation (EU) 2021/821, Art. 11",
                    evidence={"entries": [e.code for e in item.entries]},
                    verified=False,
                    item=item.line,
                    params={"form": "eu_internal", "destination": destination},
                )
            ]
        group, record = self.group(jurisdiction, destination, on)
        listed = jur.licensing.listed_goods
        approval = self.destination_approval(jurisdiction, jur, destination, item, on)
        requirement = "general" if group in listed.general_licence_groups else "individual"
        cwc = cwc_non_party(jurisdiction, listed.cwc_schedule2_non_parties, destination, item, on)
        if cwc is not None:
            approval = [*approval, cwc]
        if approval:
            requirement = "individual"  # no bulk licence stands in for the approval
        elif requirement == "individual" and any(
            group in b.groups and b.condition for b in listed.bulk_licences
        ):
            requirement = "individual_or_conditional_bulk"
        basis = listed.legal_basis
        measure_note = ""
        verified = listed.verified and (record.verified if record else True)
        for measure in jur.measures:
            if not measure.in_force(on) or destination not in measure.destinations:
                continue
            if self._measure_matches(measure.match.cas, measure.match.entry_prefixes, item):
                requirement = measure.requirement
                basis = f"{basis}; {measure.legal_basis}"
                measure_note = f"; {measure.title} (in force from {measure.effective_from})"
                verified = verified and measure.verified
        reasons = self._licence_reason(
            jurisdiction,
            destination,
            group,
            requirement,
            basis,
            measure_note,
            verified,
            item,
            licences,
            on,
            record,
            [b for b in listed.bulk_licences if group in b.groups and not approval],
        )
        if listed.low_value_exemption is not None and reasons[0].code != "LICENCE_COVERED":
            exempt_groups = jur.catch_all.exempt_groups if jur.catch_all else []
            exemption = self._low_value(
                listed.low_value_exemption,
                destination,
                group in exempt_groups,
                item,
                end_use,
                end_user_lists,
                informed,
                reasons[0],
            )
            if exemption is not None:
                return [*approval, exemption]
        return [*approval, *reasons]

    # -- catch-all ---------------------------------------------------------------------------

    def catch_all(
        self,
        jurisdiction: str,
        destination: str,
        item: ItemFacts,
        end_use: str | None,
        end_user_lists: list[str],
        on: date,
        informed: frozenset[str] = frozenset(),
        kr: KrFacts | None = None,
    ) -> list[Reason]:
        """Catch-all licence requirement for a non-listed item, from the end use or end user.

        ``informed`` holds the uses (``wmd``, ``conventional``) the authority has told the
        exporter of (Japan's inform requirement)."""
        jur = self.policy.jurisdictions.get(jurisdiction)
        if jur is None or jur.catch_all is None or item.controlled:
            return []
        if jurisdiction == "KR":
            domestic = kr_domestic(destination, item, kr)
            if domestic is not None:
                return [domestic]
            return self.kr_catch_all(destination, item, on, kr, end_use, end_user_lists)
        if jurisdiction == "EU" and destination in self.policy.eu_members:
            return []
        ca = jur.catch_all
        group, _ = self.group(jurisdiction, destination, on)
        approval = self.destination_approval(jurisdiction, jur, destination, item, on)
        exempt = group is not None and group in ca.exempt_groups
        if exempt and not any(group in p.groups for p in ca.provisions):
            return approval
        triggers = self._end_use_triggers(end_use)
        listed = self.catch_all_lists(jurisdiction, end_user_lists)
        if ca.provisions:
            return approval + self._catch_all_provisions(
                jurisdiction, ca, destination, group, item, triggers, listed, informed, on
            )
        reasons: list[Reason] = list(approval)
        if "wmd" in triggers or listed:
            why = []
            if "wmd" in triggers:
                why.append(clause("wmd_end_use", words=list(triggers["wmd"])))
            if listed:
                why.append(clause("end_user_listed", lists=list(listed)))
            reasons.append(
                Reason(
                    code="CATCH_ALL_WMD" if "wmd" in triggers else "CATCH_ALL_END_USER",
                    severity="licence_required",
                    message=f"{jurisdiction} catch-all for a non-listed item to {destination}: {'; '.join(words(c) for c in why)}"
                    + _unverified(ca.wmd.verified),
                    params={
                        "form": "non_listed",
                        "jurisdiction": jurisdiction,
                        "destination": destination,
                        "why": why,
                    },
                    legal_basis=ca.wmd.legal_basis,
                    evidence={
                        "triggers": list(triggers.get("wmd", ())),
                        "lists": listed,
                        "destination_group": group,
                        "rule": ca.wmd.rule,
                    },
                    rule_id=self.policy.catch_all.end_use.wmd.id
                    if "wmd" in triggers
                    else self.policy.catch_all.end_user.lists.id,
                    verified=ca.wmd.verified,
                    item=item.line,
                )
            )
        military = self._catch_all_military(jurisdiction, jur, ca, destination, triggers, item, on)
        if military is not None:
            reasons.append(military)
        return reasons

    def _catch_all_military(
        self,
        jurisdiction: str,
        jur: Jurisdiction,
        ca: CatchAll,
        destination: str,
        triggers: dict[str, tuple[str, ...]],
        item: ItemFacts,
        on: date,
    ) -> Reason | None:
        """The conventional (military end use) catch-all, when it applies to the destination."""
        embargoed = self.arms_embargoed(on)
        embargoes: list[str] = []
        if ca.conventional.destinations_group == "arms_embargo":
            embargoes = self.arms_embargoes_of(jur, destination, on)
            if embargoes:
                embargoed = embargoed | {destination}
        if "military" not in triggers or not ca.conventional.applies_to(destination, embargoed):
            return None
        limited = ca.conventional.items_listed_in
        return Reason(
            code="CATCH_ALL_MILITARY",
            severity="review" if limited else "licence_required",
            message=f"{jurisdiction} conventional catch-all: military end use ({', '.join(triggers['military'])}) in {destination}"
            + (f" (arms embargo: {'; '.join(embargoes)})" if embargoes else "")
            + (
                f"; the rule applies only to items listed in {limited}: establish whether the item is"
                if limited
                else ""
            )
            + _unverified(ca.conventional.verified),
            params={
                "form": "limited" if limited else "conventional",
                "jurisdiction": jurisdiction,
                "destination": destination,
                "words": list(triggers["military"]),
                "limited_text": limited or "",
                "embargoes_text": "; ".join(embargoes),
            },
            legal_basis=ca.conventional.legal_basis,
            evidence={
                "triggers": list(triggers["military"]),
                "destination": destination,
                "rule": ca.conventional.rule,
                **({"arms_embargoes": embargoes} if embargoes else {}),
                **(
                    {
                        "quote": ca.conventional.quote.text,
                        "quote_in": ca.conventional.quote.cite,
                    }
                    if ca.conventional.quote is not None
                    else {}
                ),
            },
            rule_id=self.policy.catch_all.end_use.military.id,
            verified=ca.conventional.verified,
            item=item.line,
        )
