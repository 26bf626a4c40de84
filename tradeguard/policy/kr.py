"""Korea's export licence for strategic items (Foreign Trade Act Art. 19-2; Public Notice on Trade
of Strategic Items): the licence types open to this exporter (its CP grade), the documents the
application needs and the processing time by destination region (가 / 나의1 / 나의2, 가의1 / 가의2
in 2019-2023), and the exemptions of Notice Art. 26 with the report each requires."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from tradeguard.policy.clauses import clause, words
from tradeguard.policy.facts import ItemFacts, LicenceFacts, _unverified
from tradeguard.policy.kr_catch_all import KrCatchAllRules
from tradeguard.policy.kr_common import entry_regimes, kr_cwc_schedule2, kr_numbering, usd_value
from tradeguard.policy.kr_model import Exemption, KrFacts, Region
from tradeguard.policy.reasons import Reason

_COMPREHENSIVE = ("comprehensive", "general", "user_comprehensive", "item_comprehensive")


class KrRules(KrCatchAllRules):
    """Korean licensing of listed (strategic) items."""

    def kr_licensing(
        self,
        destination: str,
        item: ItemFacts,
        licences: Sequence[LicenceFacts],
        on: date,
        facts: KrFacts | None = None,
        end_user_lists: Sequence[str] = (),
    ) -> list[Reason]:
        kr = facts or KrFacts()
        if destination == self.kr.dprk.country:
            return [self.kr_dprk(item, on, strategic=True)]
        if kr.mode == "transit":
            return self.kr_transit(destination, item, on, kr, end_user_lists)
        if kr.mode == "brokering":
            return [self.kr_brokering(destination, item, on, kr)]
        entries = list(item.entries)
        plural = self.kr.plurilateral
        early = [
            e for e in entries if "PLURILATERAL" in entry_regimes(e) and on < plural.effective_from
        ]
        if early and len(early) == len(entries):
            return [
                Reason(
                    code="NO_LICENCE_NEEDED",
                    severity="info",
                    message=f"KR: {', '.join(e.code for e in early)} is a plurilateral item Korea "
                    f"designated only from {plural.effective_from} (Decree Art. 32 item 8): not a "
                    "strategic item on this date; the situational licence still applies",
                    legal_basis=plural.legal_basis,
                    evidence={"quote": plural.quote.text, "quote_in": plural.quote.cite},
                    verified=plural.verified,
                    item=item.line,
                    params={
                        "form": "kr_plurilateral",
                        "entries": [e.code for e in early],
                        "since": plural.effective_from.isoformat(),
                    },
                )
            ]
        prohibited = kr_cwc_schedule2(self.kr, destination, item, on)
        if prohibited is not None:
            return [prohibited]
        group, region = self.kr_region(destination, on)
        if region is None:  # pragma: no cover - every group of kr.yaml has a region record
            raise ValueError(f"kr_rules.yaml has no region {group!r}")
        denial = self.kr.denial
        denied = denial is not None and destination in denial.countries
        denied = denied and denial is not None and on >= denial.effective_from
        required = self._kr_required(destination, group, region, item, licences, on, kr, denied)
        if denied and required.code != "LICENCE_COVERED":
            return [self._kr_denial(destination, item), required]
        if required.code == "LICENCE_COVERED":
            return [required]
        lists = self.kr.situational.entity_list.screening_lists
        listed = [x for x in end_user_lists if x in lists]
        exemption = self._kr_exemption(destination, region, item, on, kr, required, listed)
        return [exemption] if exemption is not None else [required]

    # -- licence types and documents -------------------------------------------------------

    def kr_licence_types(
        self, region: Region, kr: KrFacts, grade: str | None
    ) -> tuple[list[str], list[str]]:
        """The licence types open to this exporter, and notes on those that may be."""
        tech = kr.technology or kr.deemed_export
        open_ = ["technology" if tech else "individual"]
        notes: list[str] = []
        ucl, icl = region.user_comprehensive, region.item_comprehensive
        if ucl is not None and ucl.grades:
            label = f"a user-comprehensive licence (CP traders, grades {'/'.join(ucl.grades)}"
            label += f"; {ucl.condition})" if ucl.condition else ")"
            if grade is None:
                notes.append(label + ": the exporter's CP grade is not given")
            elif grade in ucl.grades:
                met = ucl.condition is None or grade in ("AA", "AAA")
                met = met or (kr.prior_exports_to_buyer_2y or 0) >= 3
                met = met or (kr.contract_years or 0) >= 2 or kr.exhibition
                if met:
                    open_.append("user_comprehensive")
                else:
                    notes.append(label + ": none of its grounds is given")
        elif ucl is not None and ucl.condition:
            notes.append(f"a user-comprehensive licence only {ucl.condition}")
        if icl is not None and icl.grades:
            label = f"an item-comprehensive licence (CP grade {'/'.join(icl.grades)}"
            label += f"; {icl.condition})" if icl.condition else ")"
            if grade is None:
                notes.append(label + ": the exporter's CP grade is not given")
            elif grade in icl.grades:
                met = icl.condition is None or grade == "AAA"
                if met or kr.state_end_user or kr.plant_project:
                    open_.append("item_comprehensive")
                else:
                    notes.append(label + ": grade AA needs a state end user or a plant project")
        return open_, notes

    def kr_regime_members(self, regime: str) -> set[str]:
        """Members of a regime, for the waivers of Notice Art. 21(4): the Wassenaar Arrangement
        as 별표23, the Australia Group and the NSG as US Country Groups A:3 and A:4."""
        if regime == "WASSENAAR":
            return set(self.kr.annex23_countries)
        group = {"AUSTRALIA": "A:3", "NSG": "A:4"}.get(regime)
        return set(self.policy.us_ear.groups.get(group, [])) if group else set()

    def kr_documents(
        self, region: Region, item: ItemFacts, kr: KrFacts, grade: str | None, destination: str = ""
    ) -> list[str]:
        rules = self.kr
        regimes = set().union(*(entry_regimes(e) for e in item.entries)) if item.entries else set()
        # Art. 21(4): items 4 and 6 (and so the AG end-user pledge) waived for WA/AG/NSG items
        # going to members of that regime
        member = bool(regimes) and all(
            r in ("WASSENAAR", "AUSTRALIA", "NSG") and destination in self.kr_regime_members(r)
            for r in regimes
        )
        if kr.technology or kr.deemed_export:
            docs = {
                k: v
                for k, v in rules.technology_documents.items()
                if int(k) not in region.technology_documents_waived
            }
            if grade in ("AA", "AAA"):
                docs["5"] = (
                    "classification (self-classification allowed for AA/AAA CP traders, Notice Art. 12(3)1)"
                )
        else:
            waived = set(region.documents_waived) | ({4, 6} if member else set())
            docs = {k: v for k, v in rules.documents.items() if int(k) not in waived}
        out = [f"{k}. {v}" for k, v in docs.items()]
        for regime, text in rules.regime_documents.items():
            if regime == "AUSTRALIA" and member:
                continue
            if regime in regimes and (regime != "NSG" or region.group.startswith("나")):
                out.append(f"{regime}: {text}")
        return out

    def _kr_denial(self, destination: str, item: ItemFacts) -> Reason:
        """The policy of denial for strategic items to ``destination`` (별표24)."""
        denial = self.kr.denial
        assert denial is not None
        codes = [e.code for e in item.entries]
        return Reason(
            code="KR_POLICY_OF_DENIAL",
            severity="licence_required",
            message=f"KR export of {', '.join(codes)} to {destination}: strategic items to "
            f"{'/'.join(denial.countries)} need an individual licence only, under a policy of "
            "denial; exceptional case-by-case review only where "
            + "; or ".join(denial.exceptions)
            + _unverified(denial.verified),
            legal_basis=denial.legal_basis,
            evidence={
                "destination": destination,
                "entries": codes,
                "effective_from": denial.effective_from.isoformat(),
                "exceptions": denial.exceptions,
                "source": denial.source,
            },
            verified=denial.verified,
            item=item.line,
            params={
                "form": "kr_denial",
                "entries": codes,
                "destination": destination,
                "exceptions_text": "; ".join(denial.exceptions),
            },
        )

    def _kr_required(
        self,
        destination: str,
        group: str | None,
        region: Region,
        item: ItemFacts,
        licences: Sequence[LicenceFacts],
        on: date,
        kr: KrFacts,
        individual_only: bool = False,
    ) -> Reason:
        rules = self.kr
        grade, grade_from = self.kr_grade(kr)
        types = self.kr_licence_types(region, kr, grade)
        open_, notes = (["individual"], []) if individual_only else types
        docs = self.kr_documents(region, item, kr, grade, destination)
        codes = [e.code for e in item.entries]
        numbering = [kr_numbering(e, rules) for e in item.entries]
        authorities = sorted({n["licensing_authority"] for n in numbering})
        names = [rules.licence_type(t).name for t in open_]
        citation = self.kr_cite("19-2", on)
        covering = [lic for lic in licences if any(lic.covers("KR", c, on) for c in codes)]
        individual = [lic for lic in covering if lic.type == "individual"]
        bulk = [lic for lic in covering if lic.type in _COMPREHENSIVE]
        verified = region.verified and all(n["kr_number_verified"] for n in numbering)
        evidence: dict[str, Any] = {
            "jurisdiction": "KR",
            "destination": destination,
            "destination_group": group,
            "entries": codes,
            "kr_entries": numbering,
            "licence_types": open_,
            "licence_types_named": names,
            "licence_types_not_open": notes,
            "cp_grade": grade,
            "cp_grade_from": grade_from,
            "documents": docs,
            **({"documents_note": region.documents_note} if region.documents_note else {}),
            "processing_days": region.processing_days,
            "validity": region.validity,
            "licensing_authority": authorities,
            "citation": citation,
            "region_source": region.source,
            "quote": rules.licence_types_basis.quote.text,
            "quote_in": rules.licence_types_basis.quote.cite,
            "licence_given": bool(covering),
        }
        basis = f"{citation}; {region.legal_basis}"
        where = f"KR export of {', '.join(codes)} to {destination} (region {group})"
        need = f"needs {' or '.join(names)} from {', '.join(authorities)}"
        params = _kr_params(codes, destination, group, open_, authorities, docs, region, notes)
        if individual or (bulk and any(t != "individual" and t != "technology" for t in open_)):
            used = individual or bulk
            evidence["licences"] = [lic.number for lic in used]
            return Reason(
                code="LICENCE_COVERED",
                severity="info",
                message=f"{where} {need}; covered by {', '.join(lic.number for lic in used)}",
                legal_basis=basis,
                evidence=evidence,
                verified=verified,
                item=item.line,
                params=params | {"licences": [lic.number for lic in used]},
            )
        detail = f"; {len(docs)} documents, decision in {region.processing_days} days" + (
            f"; {'; '.join(notes)}" if notes else ""
        )
        if bulk and grade is None and notes:
            evidence["licences"] = [lic.number for lic in bulk]
            return Reason(
                code="LICENCE_TYPE_UNDECIDED",
                severity="review",
                message=f"{where} {need}{detail}; {', '.join(lic.number for lic in bulk)} is a "
                "comprehensive licence: it covers the export only for a CP trader of the grade "
                "named (CP trader status not given)",
                legal_basis=basis,
                evidence=evidence,
                verified=False,
                item=item.line,
                params=params | {"licences": [lic.number for lic in bulk]},
            )
        tail = (
            f"; {', '.join(f'{lic.number} ({lic.type})' for lic in covering)} does not suffice"
            if covering
            else "; no licence reference given"
        )
        return Reason(
            code="LICENCE_REQUIRED",
            severity="licence_required",
            message=f"{where} {need}{detail}{tail}" + _unverified(verified),
            legal_basis=basis,
            evidence=evidence,
            verified=verified,
            item=item.line,
            params=params
            | {
                "form": "kr_insufficient" if covering else "kr_none",
                "licences": [f"{lic.number} ({lic.type})" for lic in covering],
            },
        )

    # -- exemptions (Notice Art. 26) --------------------------------------------------------

    def _kr_exemption(
        self,
        destination: str,
        region: Region,
        item: ItemFacts,
        on: date,
        kr: KrFacts,
        required: Reason,
        listed: Sequence[str] = (),
    ) -> Reason | None:
        """The exemption that frees the export, or an undecided one saying what is missing;
        ``None`` when none can apply (a party on the catch-all entity list — given, or an end
        user screening on a list of UN designees, who are on it — or a listed violator)."""
        rules = self.kr
        if kr.entity_listed or listed or kr.listed_violator:
            required.evidence["exemptions_withheld"] = (
                "a party is on the catch-all entity list (Art. 26(4))"
                if kr.entity_listed or listed
                else "the exporter is a listed violator (Art. 94)"
            )
            return None
        tech = kr.technology or kr.deemed_export
        allowed = [
            e
            for e in rules.exemptions
            if e.technology == tech
            and (region.exemptions == "all" or e.id in region.exemptions)
            and not (tech and region.group == "나의2")
        ]
        for exemption in allowed:
            missing = self._kr_exemption_gap(exemption, destination, item, kr)
            if missing is None:
                continue
            evidence = {
                **required.evidence,
                "licence_types": [],
                "licence_types_otherwise": required.evidence["licence_types"],
                "exemption": exemption.id,
                "exemption_article": f"Notice Art. {exemption.article}",
                "report": rules.exemption_report,
                "report_within_months": rules.exemption_report_months,
                **(
                    {
                        "buyer_year_usd": kr.buyer_year_usd,
                        "buyer_year_usd_from": "shipment (kr.buyer_year_usd)"
                        if kr.buyer_year_usd is not None
                        else "not given",
                    }
                    if exemption.buyer_year_cap_usd is not None
                    else {}
                ),
                "quote": rules.exemptions_basis.quote.text,
                "quote_in": rules.exemptions_basis.quote.cite,
                "penalty_if_unproven": rules.penalty("unproven_exemption").text,
            }
            basis = f"{rules.exemptions_legal_basis}; Notice Art. {exemption.article}"
            params = {
                "form": "kr_exemption",
                "article": exemption.article,
                "title_text": exemption.title,
            }
            if not missing:
                return Reason(
                    code="LICENCE_EXEMPT",
                    severity="info",
                    message=f"KR: no licence under Notice Art. {exemption.article} "
                    f"({exemption.title}); due: {rules.exemption_report}",
                    legal_basis=basis,
                    evidence=evidence,
                    verified=True,
                    item=item.line,
                    params=params | {"report_text": rules.exemption_report},
                )
            evidence["missing"] = [words(c) for c in missing]
            return Reason(
                code="LICENCE_EXEMPTION_UNDECIDED",
                severity="review",
                message=f"KR: exempt under Notice Art. {exemption.article} ({exemption.title}) "
                f"only if: {'; '.join(words(c) for c in missing)}; otherwise: {required.message}",
                legal_basis=f"{basis}; {required.legal_basis}",
                evidence=evidence,
                verified=False,
                item=item.line,
                params=params
                | {
                    "missing_text": "; ".join(words(c) for c in missing),
                    "conditions": missing,
                    "otherwise": required.model_dump(include={"code", "message", "params"}),
                },
            )
        return None

    def _kr_exemption_gap(
        self, exemption: Exemption, destination: str, item: ItemFacts, kr: KrFacts
    ) -> list[dict[str, Any]] | None:
        """What is still to be shown for ``exemption``, as clauses ([] when it holds, ``None``
        when it cannot hold)."""
        regimes = [entry_regimes(e) for e in item.entries]
        wa_only = bool(regimes) and all(r == {"WASSENAAR"} for r in regimes)
        sensitive_gap = (
            None
            if kr.wa_sensitive
            else ([] if kr.wa_sensitive is False else [clause("kr_gap_not_sensitive")])
        )
        if exemption.purpose is not None and exemption.purpose != "internal_civil_use":
            if kr.purpose != exemption.purpose:
                return None
            if any(set(exemption.excluded_regimes) & r for r in regimes):
                return None
            if exemption.id == "tech_own_employee" or exemption.not_sensitive:
                return sensitive_gap
            return []
        if exemption.id == "encryption_internal":
            if kr.purpose != "internal_civil_use":
                return None
            if not all(
                any(e.code.startswith(p) for p in exemption.entry_prefixes) for e in item.entries
            ):
                return None
            countries = set(self.kr.annex23_countries)
            if destination in countries or kr.hq_country in countries:
                return []
            return [clause("kr_gap_wa_member")]
        if exemption.id == "tech_wa_member":
            if not wa_only or destination not in self.kr.annex23_countries:
                return None
            return sensitive_gap
        if exemption.max_value_usd is None or not wa_only or kr.software:
            return None
        if kr.knows_wmd_use or kr.red_flags or kr.informed:
            return None
        value = usd_value(item)
        if value is None:
            return (
                None
                if item.value is None
                else [
                    clause(
                        "kr_gap_usd_value", limit=exemption.max_value_usd, currency=item.currency
                    )
                ]
            )
        if value > exemption.max_value_usd:
            return None
        gaps = list(sensitive_gap) if sensitive_gap is not None else None
        if gaps is None:
            return None
        if exemption.buyer_year_cap_usd is not None:
            if kr.buyer_year_usd is None:
                gaps.append(clause("kr_gap_buyer_year", limit=exemption.buyer_year_cap_usd))
            elif kr.buyer_year_usd > exemption.buyer_year_cap_usd:
                return None
        return gaps


def _kr_params(
    codes: list[str],
    destination: str,
    group: str | None,
    open_: list[str],
    authorities: list[str],
    docs: list[str],
    region: Region,
    notes: list[str],
) -> dict[str, Any]:
    """The values a Korean licence reason is written from (the pages write it in their
    language)."""
    return {
        "form": "kr",
        "entries": codes,
        "destination": destination,
        "region": group or "—",
        "licence_types": open_,
        "authorities": authorities,
        "documents": len(docs),
        "days": region.processing_days,
        "notes_text": "; ".join(notes),
    }
