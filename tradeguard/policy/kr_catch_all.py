"""Korea's situational licence (상황허가, Foreign Trade Act Art. 19-3; Notice Art. 54): the
knowledge test (가) or knowledge-or-suspicion test with the 12 red flags (나의1, 나의2), the catch-all
entity list, a ministry notification and the 별표2의2 items for Russia and Belarus; the transit or
transshipment licence (Art. 19-4, Notice Art. 57), the brokering licence (Art. 19-5, Notice Art.
59) and the Unification Ministry's approval of any goods to North Korea."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from tradeguard.policy.clauses import clause, words
from tradeguard.policy.facts import ItemFacts, _unverified
from tradeguard.policy.kr_common import KrBase, kr_numbering
from tradeguard.policy.kr_model import KrFacts
from tradeguard.policy.reasons import Reason


def _review_grounds(kr: KrFacts, first: date) -> list[dict[str, Any]]:
    """The grounds given for the exceptional case-by-case review of 별표24, as clauses."""
    clauses = []
    if kr.contract_date is not None and kr.contract_date < first:
        since = first.isoformat()
        clauses.append(clause("kr_contract_before", contract=str(kr.contract_date), since=since))
    if kr.korean_subsidiary:
        clauses.append(clause("kr_korean_subsidiary"))
    if kr.buyer_in_ga_company:
        clauses.append(clause("kr_buyer_in_ga"))
    return clauses


class KrCatchAllRules(KrBase):
    """Korean rules for goods whatever their listing: situational, transit, brokering, DPRK."""

    def kr_triggers(
        self,
        destination: str,
        on: date,
        kr: KrFacts,
        end_use: str | None,
        end_user_lists: Sequence[str],
    ) -> tuple[list[dict[str, Any]], list[str]]:
        """Why a situational licence is needed (Notice Art. 54(1)-(4)), and the red flags that
        do not count because the destination is in 가 (knowledge only, Art. 54(2))."""
        sit = self.kr.situational
        group, region = self.kr_region(destination, on)
        why: list[dict[str, Any]] = []
        ignored: list[str] = []
        if kr.entity_listed:
            why.append(clause("kr_entity_list", title_text=sit.entity_list.title))
        listed = [x for x in end_user_lists if x in sit.entity_list.screening_lists]
        if listed:
            why.append(clause("kr_listed", lists=sorted(set(listed))))
        if kr.informed:
            why.append(clause("kr_informed"))
        # 대량파괴무기등: WMD, their missiles and conventional weapons (Act Art. 19-3)
        said_uses = self._end_use_triggers(end_use)
        wmd = (*said_uses.get("wmd", ()), *said_uses.get("military", ()))
        if kr.knows_wmd_use or wmd:
            why.append(clause("kr_knows_said", words=list(wmd)) if wmd else clause("kr_knows"))
        numbers = sorted(set(kr.red_flags))
        flags = [f"red flag {n}: {sit.red_flags[n]}" for n in numbers]
        if flags:
            if region is not None and region.catch_all_trigger == "knowledge":
                ignored = flags
            else:
                text = "; ".join(flags)
                why.append(clause("kr_suspicion", region=group, flags_text=text, flags=numbers))
        return why, ignored

    def kr_catch_all(
        self,
        destination: str,
        item: ItemFacts,
        on: date,
        facts: KrFacts | None = None,
        end_use: str | None = None,
        end_user_lists: Sequence[str] = (),
    ) -> list[Reason]:
        """The situational licence for a non-listed item (or the transit/brokering licence
        for one, by ``facts.mode``)."""
        kr = facts or KrFacts()
        if destination == self.kr.dprk.country:
            return [self.kr_dprk(item, on, strategic=False)]
        if kr.mode == "transit":
            return self.kr_transit(destination, item, on, kr, end_user_lists, end_use)
        sit = self.kr.situational
        if kr.purpose in sit.exempt_purposes and not kr.entity_listed:
            return []
        why, ignored = self.kr_triggers(destination, on, kr, end_use, end_user_lists)
        out: list[Reason] = []
        annex = self.kr_annex_reason(destination, item, on, kr)
        if annex is not None:
            out.append(annex)
        if why:
            kind = "brokering" if kr.mode == "brokering" else "situational"
            out.append(self._kr_situational(destination, item, on, why, kind))
        elif ignored:
            group, _ = self.kr_region(destination, on)
            out.append(
                Reason(
                    code="CATCH_ALL_NOT_APPLICABLE",
                    severity="info",
                    message=f"KR: {destination} is in region {group}: only the exporter's knowledge "
                    f"triggers the situational licence (Notice Art. 54(2)); red flags noted: "
                    + "; ".join(ignored),
                    legal_basis=f"{self.kr_cite('19-3', on)}; Public Notice Art. 54(2)",
                    evidence={"destination_group": group, "red_flags": list(kr.red_flags)},
                    item=item.line,
                    params={
                        "form": "kr_knowledge",
                        "destination": destination,
                        "region": group,
                        "flags_text": "; ".join(ignored),
                        "flags": sorted(set(kr.red_flags)),
                    },
                )
            )
        return out

    def _kr_situational(
        self, destination: str, item: ItemFacts, on: date, why: list[dict[str, Any]], kind: str
    ) -> Reason:
        sit = self.kr.situational
        group, _ = self.kr_region(destination, on)
        licence = self.kr.licence_type(kind)
        return Reason(
            code="KR_SITUATIONAL_LICENCE" if kind == "situational" else "KR_BROKERING_LICENCE",
            severity="licence_required",
            message=f"KR: {licence.name} needed for {item.description or 'the goods'} "
            f"(HS {item.hs or 'not given'}) to {destination} (region {group}): "
            + "; ".join(words(c) for c in why)
            + "; no exemption applies when a party is on the entity list",
            params={
                "form": "kr_catch_all",
                "licence_types": [kind],
                "description": item.description or "—",
                "hs": item.hs or "—",
                "destination": destination,
                "region": group,
                "why": why,
            },
            legal_basis=f"{self.kr_cite('19-3', on)}; {sit.legal_basis}",
            evidence={
                "destination": destination,
                "destination_group": group,
                "licence_types": [kind],
                "licence_types_named": [licence.name],
                "licensing_authority": [self.kr.authorities["dual_use"].licensing],
                "triggers": [words(c) for c in why],
                "citation": self.kr_cite("19-3", on),
                "quote": sit.quote.text,
                "quote_in": sit.quote.cite,
            },
            verified=sit.verified,
            item=item.line,
        )

    # -- 별표2의2 (Russia, Belarus) ---------------------------------------------------------

    def kr_annex_reason(
        self, destination: str, item: ItemFacts, on: date, kr: KrFacts
    ) -> Reason | None:
        """The situational licence a 별표2의2 item needs to Russia or Belarus (Notice Art.
        54(5)); undecided when the annex file is not loaded."""
        spec = self.kr.annex2_2
        if destination not in spec.countries:
            return None
        tranche = spec.tranche_on(on)
        if tranche is None:
            return None
        evidence: dict[str, Any] = {
            "destination": destination,
            "tranche_from": tranche.effective_from.isoformat(),
            "tranche_items": tranche.items,
            "tranche": tranche.added,
            "tranche_source": tranche.source,
            "quote": spec.quote.text,
            "quote_in": spec.quote.cite,
        }
        rest = [
            b for b in spec.legal_basis.split("; ") if b != "Foreign Trade Act Art. 19-3 item 13"
        ]
        basis = "; ".join([f"{self.kr_cite('19-3', on)} item 13", *rest])
        after_medical = any(t.removes_medical and t.effective_from <= on for t in spec.tranches)
        if kr.medical_device and after_medical:
            return Reason(
                code="CATCH_ALL_NOT_APPLICABLE",
                severity="info",
                message=f"KR: medical devices are out of 별표2의2 for {destination} from 2025-02-28; "
                "a pre-report is enough",
                legal_basis=basis,
                evidence=evidence,
                verified=False,
                item=item.line,
                params={"form": "kr_medical", "destination": destination},
            )
        annex = self.kr_annex2_2()
        if annex is None:
            return Reason(
                code="KR_ANNEX2_2_UNDECIDED",
                severity="review",
                message=f"KR: undecided — needs the 별표2의2 list: whether HS {item.hs or '(not given)'} "
                f"to {destination} is a situational-licence item on {on} cannot be told without the "
                f"annex file (tranche in force from {tranche.effective_from}"
                + (f": {tranche.items} items" if tranche.items else ", its count not published")
                + "; set TRADEGUARD_KR_ANNEX2_2)",
                legal_basis=basis,
                evidence=evidence,
                verified=False,
                item=item.line,
                params={
                    "form": "counted" if tranche.items else "uncounted",
                    "hs": item.hs or "—",
                    "destination": destination,
                    "on": on.isoformat(),
                    "since": tranche.effective_from.isoformat(),
                    "items": tranche.items or 0,
                },
            )
        rows = annex.matches(item.hs, destination, on)
        if kr.medical_device or after_medical:
            rows = [r for r in rows if not (r.medical and after_medical)]
        if not rows:
            return None
        evidence |= {
            "annex_file": annex.source,
            "annex_rows": [{"no": r.no, "hs": r.hs, "description": r.description} for r in rows],
            "policy": spec.policy,
            "policy_source": spec.policy_source,
        }
        first = min(r.effective_from for r in rows)
        clauses = _review_grounds(kr, first)
        grounds = [words(c) for c in clauses]
        evidence["exceptional_review_grounds"] = grounds
        review = (
            "; exceptional case-by-case review (별표24) is open: " + "; ".join(grounds)
            if grounds
            else "; policy of denial (no ground for the exceptional review of 별표24 given)"
        )
        return Reason(
            code="KR_ANNEX2_2_ITEM",
            severity="licence_required",
            message=f"KR: situational licence needed: HS {item.hs} to {destination} is 별표2의2 row "
            f"{', '.join(str(r.no) for r in rows)} ({rows[0].description}) from {first}{review}"
            + _unverified(False),
            legal_basis=basis,
            evidence=evidence,
            verified=False,
            item=item.line,
            params={
                "form": "kr_review" if clauses else "kr_denial",
                "hs": item.hs or "—",
                "destination": destination,
                "rows": [str(r.no) for r in rows],
                "description": rows[0].description,
                "since": first.isoformat(),
                "grounds": clauses,
            },
        )

    # -- transit, brokering, DPRK -------------------------------------------------------------

    def kr_transit(
        self,
        destination: str,
        item: ItemFacts,
        on: date,
        kr: KrFacts,
        end_user_lists: Sequence[str],
        end_use: str | None = None,
    ) -> list[Reason]:
        """Transit or transshipment in Korea (Notice Art. 57): knowledge (가) or knowledge or
        suspicion (나의1/나의2), the entity list, a notification, or a 별표2의2 item."""
        rule = self.kr.transit
        why, _ = self.kr_triggers(destination, on, kr, end_use, end_user_lists)
        annex = self.kr_annex_reason(destination, item, on, kr)
        if annex is not None and annex.code == "KR_ANNEX2_2_ITEM":
            why.append(clause("kr_annex"))
        out = [annex] if annex is not None and annex.code == "KR_ANNEX2_2_UNDECIDED" else []
        licence = self.kr.licence_type("transit")
        evidence: dict[str, Any] = {
            "destination": destination,
            "licence_types": ["transit"] if why else [],
            "licence_types_named": [licence.name] if why else [],
            "citation": self.kr_cite("19-4", on),
            "quote": rule.quote.text,
            "quote_in": rule.quote.cite,
        }
        basis = f"{self.kr_cite('19-4', on)}; {rule.legal_basis}"
        if why:
            evidence["triggers"] = [words(c) for c in why]
            out.insert(
                0,
                Reason(
                    code="KR_TRANSIT_LICENCE",
                    severity="licence_required",
                    message=f"KR: {licence.name} needed for goods through Korea to {destination}: "
                    + "; ".join(words(c) for c in why),
                    legal_basis=basis,
                    evidence=evidence,
                    verified=rule.verified,
                    item=item.line,
                    params={"licence_types": ["transit"], "destination": destination, "why": why},
                ),
            )
        elif item.controlled:
            out.insert(
                0,
                Reason(
                    code="NO_LICENCE_NEEDED",
                    severity="info",
                    message=f"KR: strategic goods in transit to {destination}: a transit licence only "
                    "on knowledge or suspicion, a notification, the entity list or a 별표2의2 item "
                    "(Decree Art. 33-2; Notice Art. 57): none given",
                    legal_basis=basis,
                    evidence=evidence,
                    verified=rule.verified,
                    item=item.line,
                    params={"form": "kr_transit", "destination": destination},
                ),
            )
        return out

    def kr_brokering(self, destination: str, item: ItemFacts, on: date, kr: KrFacts) -> Reason:
        """Brokering strategic items between third countries (Notice Arts. 59, 59-2)."""
        rule = self.kr.brokering
        licence = self.kr.licence_type("brokering")
        groups = {c: self.kr_region(c, on) for c in (kr.broker_from, destination) if c}
        exempt = [c for c, (g, r) in groups.items() if r is not None and r.brokering_exempt]
        evidence: dict[str, Any] = {
            "from": kr.broker_from,
            "destination": destination,
            "groups": {c: g for c, (g, _) in groups.items()},
            "kr_entries": [kr_numbering(e, self.kr) for e in item.entries],
            "citation": self.kr_cite("19-5", on),
            "quote": rule.quote.text,
            "quote_in": rule.quote.cite,
        }
        basis = f"{self.kr_cite('19-5', on)}; {rule.legal_basis}"
        if exempt and not (kr.entity_listed or kr.listed_violator):
            return Reason(
                code="LICENCE_EXEMPT",
                severity="info",
                message=f"KR: brokering exempt: {', '.join(exempt)} is in region 가 (Notice Art. "
                f"59-2(1)2); due: {self.kr.exemption_report}",
                legal_basis=basis,
                evidence=evidence | {"exemption": "brokering_ga"},
                verified=rule.verified,
                item=item.line,
                params={
                    "form": "kr_brokering",
                    "countries": exempt,
                    "report_text": self.kr.exemption_report,
                },
            )
        evidence |= {
            "licence_types": ["brokering"],
            "licence_types_named": [licence.name],
            "documents": rule.documents,
        }
        return Reason(
            code="KR_BROKERING_LICENCE",
            severity="licence_required",
            message=f"KR: {licence.name} needed to broker {', '.join(e.code for e in item.entries)} "
            f"from {kr.broker_from or '(exporting country not given)'} to {destination}: neither "
            "country is in region 가; exempt also when the exporting country licensed it under "
            "the regimes (Notice Art. 59-2(1)1)",
            legal_basis=basis,
            evidence=evidence,
            verified=rule.verified,
            item=item.line,
            params={
                "form": "kr_broker",
                "licence_types": ["brokering"],
                "entries": [e.code for e in item.entries],
                "from": kr.broker_from or "—",
                "destination": destination,
            },
        )

    def kr_dprk_via(
        self, destination: str, ultimate: Sequence[tuple[str, str]], on: date
    ) -> list[Reason]:
        """Goods declared for a third country whose end user or consignee is in North Korea:
        the Unification Ministry's approval covers movement through a third country too."""
        dprk = self.kr.dprk.country
        roles = [role for role, country in ultimate if country == dprk]
        if destination == dprk or not roles:
            return []
        reason = self.kr_dprk(ItemFacts(), on, strategic=False)
        reason.message = (
            f"KR: declared destination {destination}, {' and '.join(r.replace('_', ' ') for r in roles)} "
            f"in North Korea: {reason.message.removeprefix('KR: ')}"
        )
        reason.evidence |= {"declared_destination": destination, "ultimate_parties": roles}
        reason.params |= {"form": "via", "declared": destination, "roles": roles}
        return [reason]

    def kr_dprk(self, item: ItemFacts, on: date, *, strategic: bool) -> Reason:
        """Any goods to North Korea: Unification Ministry approval, directly or through a
        third country; a strategic item also needs its strategic-items approval."""
        rule = self.kr.dprk
        types = ["mou_approval", *(["mou_strategic_approval"] if strategic else [])]
        names = [self.kr.licence_type(t).name for t in types]
        return Reason(
            code="KR_MOU_APPROVAL",
            severity="licence_required",
            message=f"KR: goods to North Korea{f' (HS {item.hs})' if item.hs else ''} need "
            + " and ".join(names)
            + "; in practice barred (the 5.24 measures of 2010 were never lifted); third-country "
            "routes fall under the Special Measures Notice bans" + _unverified(rule.verified),
            legal_basis=rule.legal_basis,
            evidence={
                "licence_types": types,
                "licence_types_named": names,
                "licensing_authority": [self.kr.authorities["dprk"].licensing],
                "note": rule.note,
                "citation": rule.legal_basis,
                "quote": rule.quote.text,
                "quote_in": rule.quote.cite,
            },
            verified=rule.verified,
            item=item.line,
            params={"form": "hs" if item.hs else "plain", "hs": item.hs, "approvals": types},
        )
