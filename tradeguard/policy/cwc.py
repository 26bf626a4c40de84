"""A CWC Schedule 2 chemical to a state not party to the Chemical Weapons Convention, for a
jurisdiction whose listed-goods rule carries ``cwc_schedule2_non_parties`` (Japan): no bulk
licence stands for it, and the export is left for review (or prohibited, when the national
rule has been read) with the reason. Korea has its own rule (Notice Art. 18(5), kr_common)."""

from __future__ import annotations

from datetime import date

from tradeguard.policy.facts import ItemFacts, _unverified
from tradeguard.policy.kr_common import cwc_schedule
from tradeguard.policy.model import CwcNonParties
from tradeguard.policy.reasons import Reason


def schedule2_codes(item: ItemFacts) -> list[str]:
    """The item's entries that name CWC Schedule 2 among their regimes."""
    return [e.code for e in item.entries if cwc_schedule(e) == 2]


def cwc_non_party(
    jurisdiction: str, rule: CwcNonParties | None, destination: str, item: ItemFacts, on: date
) -> Reason | None:
    """The reason when ``rule`` applies to the item and the destination, else None."""
    if rule is None or on < rule.effective_from or destination not in rule.countries:
        return None
    codes = schedule2_codes(item)
    if not codes:
        return None
    prohibited = rule.outcome == "prohibited"
    message = (
        f"{jurisdiction} export of {', '.join(codes)} (CWC Schedule 2) to {destination}, not a "
        f"state party to the Chemical Weapons Convention (as of {rule.as_of}): "
        + (
            "no licence is granted"
            if prohibited
            else "whether a licence can be granted at all is not established (no bulk licence "
            "is offered)"
        )
        + _unverified(rule.verified)
    )
    return Reason(
        code="CWC_NON_PARTY",
        severity="prohibited" if prohibited else "review",
        message=message,
        legal_basis=rule.legal_basis,
        evidence={
            "jurisdiction": jurisdiction,
            "destination": destination,
            "entries": codes,
            "cwc_schedule": 2,
            "non_parties": rule.countries,
            "non_parties_as_of": rule.as_of.isoformat(),
            "source": rule.source,
            "outcome": rule.outcome,
            "note": rule.note,
        },
        verified=rule.verified,
        item=item.line,
        params={
            "form": rule.outcome,
            "jurisdiction": jurisdiction,
            "entries": codes,
            "destination": destination,
        },
    )
