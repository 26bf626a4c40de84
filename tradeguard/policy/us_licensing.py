"""The US licence requirement of a controlled item read from the Commerce Country Chart."""

from __future__ import annotations

from datetime import date

from tradeguard.policy.base import EngineBase
from tradeguard.policy.clauses import clause, words
from tradeguard.policy.facts import ItemFacts, LicenceFacts
from tradeguard.policy.model import ChartRow, Jurisdiction
from tradeguard.policy.reasons import Reason
from tradeguard.policy.us import UsLicensing, UsRules, us_code_for

_NO_ROW = ChartRow(marks=[])


def _params(item: ItemFacts, destination: str, **values: object) -> dict[str, object]:
    """The values a US reason is written from (the pages write it in their language)."""
    return {"entries": [e.code for e in item.entries], "destination": destination, **values}


def _evidence(
    found: UsLicensing, bases: dict[str, str], destination: str, source: str
) -> dict[str, object]:
    """What a US reason shows of the findings (in English, with their quoted sentences)."""
    return {
        "destination": destination,
        "us_eccn": bases,
        "findings": [
            {
                "entry": f.entry,
                "eccn": f.eccn,
                "reason": f.reason,
                "requirement": f.label,
                "outcome": f.outcome,
                "why": f.why,
                "quote": f.quote.text if f.quote else None,
                "quote_in": f.quote.cite if f.quote else None,
            }
            for f in found.findings
        ],
        "source": source,
    }


class UsLicensingRules(EngineBase):
    """US licensing under the EAR."""

    def _us_licensing(
        self,
        jur: Jurisdiction,
        destination: str,
        item: ItemFacts,
        licences: list[LicenceFacts],
        on: date,
    ) -> list[Reason]:
        """Each entry's US reasons for control whose scope covers the item, read for the
        destination (15 C.F.R. 738.4); what cannot be read is undecided, never "no licence"."""
        ear = self.policy.us_ear
        if destination in ear.embargoed:
            return []  # reported once by national_embargoes (US_EMBARGO)
        ccl = self.policy.us_ccl
        rules = UsRules(ccl, ear)
        found = UsLicensing()
        bases: dict[str, str] = {}
        for entry in item.entries:
            us_code, basis = us_code_for(entry.code, entry.national_code, entry.declared, ccl)
            bases[entry.code] = f"{us_code}: {words(basis)}" if us_code else words(basis)
            rules.evaluate(entry.code, us_code, basis, destination, found)
        basis_text = jur.licensing.listed_goods.legal_basis
        src = f"{ccl.source}; {ear.source['country_chart']}"
        required = found.of("required")
        undecided = found.of("undecided")
        checked = [
            clause("us_checked", eccn=f.eccn, label=f.label, why=f.clauses) for f in found.findings
        ]
        evidence = _evidence(found, bases, destination, src)
        out: list[Reason] = []
        if required:
            labels = sorted({f.label for f in required})
            note = "; " + "; ".join(f"{f.eccn} {f.why}" for f in required)
            group = ",".join(ear.groups_of(destination)) or None
            out = self._licence_reason(
                "US",
                destination,
                group,
                "individual",
                basis_text,
                note,
                ear.verified,
                item,
                licences,
                on,
                None,
            )
            for reason in out:
                reason.evidence.update(evidence)
                reason.evidence["reasons_for_control"] = labels
                reason.params["findings"] = [
                    clause("us_required", eccn=f.eccn, why=f.clauses) for f in required
                ]
        if undecided:
            missing = [f.why for f in undecided]
            gaps = [c for f in undecided for c in f.clauses]
            out.append(
                Reason(
                    code="US_LICENCE_UNDECIDED",
                    severity="review",
                    message=f"US: licence requirement for {', '.join(e.code for e in item.entries)} "
                    f"to {destination} undecided: " + "; ".join(missing),
                    legal_basis=f"{basis_text}; 738.4(a)(1)",
                    evidence=evidence | {"missing": missing},
                    item=item.line,
                    params=_params(
                        item, destination, missing_text="; ".join(missing), findings=gaps
                    ),
                )
            )
        if not out:
            out.append(
                Reason(
                    code="NO_LICENCE_NEEDED",
                    severity="info",
                    message=f"US: no licence for {', '.join(e.code for e in item.entries)} to "
                    f"{destination} ({'; '.join(words(c) for c in checked)}), subject to General "
                    "Prohibitions 4–10",
                    legal_basis=basis_text,
                    evidence=evidence
                    | {
                        "columns": sorted({f.label for f in found.findings}),
                        "row_marks": (
                            ear.chart.get(rules.row_country(destination)) or _NO_ROW
                        ).marks,
                    },
                    item=item.line,
                    params=_params(
                        item,
                        destination,
                        form="us",
                        checked_text="; ".join(words(c) for c in checked),
                        findings=checked,
                    ),
                )
            )
        return out
