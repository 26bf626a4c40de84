"""A party under a US denial order (the BIS Denied Persons List, or its copy on the Consolidated
Screening List): no one may take part with it in an export transaction subject to the EAR.

The declaration shows the export subject to the EAR when it is exported from the US or an item
is of US origin (15 C.F.R. 734.3(a)); then the party makes it prohibited. Otherwise US-made
content or technology may still bring the goods under the EAR, which the declaration does not
tell: the party is a red flag to review."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tradeguard.policy import Reason
from tradeguard.policy.clauses import clause, words
from tradeguard.policy.model import FlagRule
from tradeguard.screening.features import shown
from tradeguard.shipments.decision import PartyMatch
from tradeguard.shipments.model import Shipment


@dataclass(frozen=True)
class EarFacts:
    """Why an export is subject to the EAR as far as its declaration shows (15 C.F.R.
    734.3(a)): exported from the US, or items of US origin (their lines)."""

    us_export: bool = False
    us_items: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return self.us_export or bool(self.us_items)

    def grounds(self) -> list[dict[str, Any]]:
        """The grounds as clauses (:mod:`tradeguard.policy.clauses`)."""
        out = [clause("ear_us_export")] if self.us_export else []
        if self.us_items:
            out.append(clause("ear_us_origin", items=list(self.us_items)))
        return out


def subject_to_ear(shipment: Shipment, exporter: str | None) -> EarFacts:
    """Why the export is subject to the EAR as far as the declaration shows."""
    lines = [str(item.line or n) for n, item in enumerate(shipment.items, 1) if item.origin == "US"]
    return EarFacts(exporter == "US", tuple(lines))


def denied_reason(
    rule: FlagRule,
    role: str,
    name: str,
    best: PartyMatch,
    basis: str,
    ear: EarFacts,
    evidence: dict[str, Any],
    params: dict[str, Any],
) -> Reason:
    """A party under a US denial order: no one may take part with it in an export
    transaction subject to the EAR. Prohibited when the declaration shows the export subject
    to the EAR; otherwise a red flag to review (US content or technology may bring it so)."""
    head = (
        f"{role} {name!r} is under a US denial order: {best.caption} "
        f"({best.entity_id}, {best.list}), score {shown(best.score):.2f}"
    )
    quote = {"quote": rule.quote.text, "quote_in": rule.quote.cite} if rule.quote else {}
    if ear:
        grounds = ear.grounds()
        return Reason(
            code="DENIED_PARTY",
            severity=rule.severity,
            message=f"{head}; the export is subject to the EAR "
            f"({'; '.join(words(c) for c in grounds)}): no one may take part in it with a "
            "denied person",
            legal_basis=basis,
            evidence=evidence | {"subject_to_ear": [words(c) for c in grounds]} | quote,
            rule_id=rule.id,
            verified=rule.verified,
            party=role,
            params=params | {"form": "denied_ear", "grounds": grounds},
        )
    return Reason(
        code="DENIED_PARTY",
        severity="review",
        message=f"{head}; the declaration shows no US export or US-origin item: establish "
        "whether any item is subject to the EAR (US content or technology), in which case no "
        "one may take part in the export with a denied person",
        legal_basis=basis,
        evidence=evidence | {"subject_to_ear": []} | quote,
        rule_id=rule.id,
        verified=rule.verified,
        party=role,
        params=params | {"form": "denied_unknown"},
    )
