"""Korea's customs view of export declarations (KCS Notice on Export Clearance of Strategic Items,
관세청고시 2025-60, Art. 3): a declaration of a strategic item must carry a licence number, an
expert-classification number (전문판정), a self-classification registration number (자가판정) or an
exemption (pre-)report number. A Korean declaration whose HS code can cover a strategic item (the
item was classified or declared as controlled, or its HS-6 subheading is linked to a control
entry in the knowledge base, as customs' HS link table does) and that carries none of them is
flagged, with the penalty band of Foreign Trade Act Art. 53, and counted by year, goods category
and destination."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from tradeguard.policy import default_policy
from tradeguard.shipments.decision import Decision

#: The declaration columns that carry the numbers customs asks for (besides ``licence_number``).
NUMBER_COLUMNS = (
    "licence_number",
    "expert_classification_number",
    "self_classification_number",
    "exemption_report_number",
)
FLAG = "KR_CUSTOMS_NO_NUMBER"

#: Goods categories of the Korean dual-use list (별표2 Parts 1-10) and munitions (별표3).
CATEGORIES = {
    "0": "Part 10 nuclear-only",
    "1": "1 special materials",
    "2": "2 materials processing",
    "3": "3 electronics",
    "4": "4 computers",
    "5": "5 telecommunications and information security",
    "6": "6 sensors and lasers",
    "7": "7 navigation and avionics",
    "8": "8 marine",
    "9": "9 aerospace and propulsion",
}


def _category(code: str) -> str:
    if code.upper().startswith("ML"):
        return "munitions (별표3)"
    return CATEGORIES.get(code[:1], "other")


@dataclass(frozen=True)
class CustomsFinding:
    """A Korean declaration whose goods can be strategic, and whether it carries a number."""

    year: str
    destination: str
    categories: tuple[str, ...]
    entries: tuple[str, ...]
    numbers: tuple[str, ...]

    @property
    def flagged(self) -> bool:
        return not self.numbers


def _hs6(value: Any) -> str:
    return re.sub(r"\D", "", str(value or ""))[:6]


def customs_finding(rows: list[dict[str, Any]], decision: Decision) -> CustomsFinding | None:
    """The customs view of one declaration (``None``: not a Korean export, or no line whose HS
    code can cover a strategic item)."""
    head = rows[0]
    if str(head.get("export_country") or "").strip().upper() != "KR":
        return None
    from tradeguard.items.classifier import knowledge_base

    by_hs = knowledge_base().by_hs
    entries: set[str] = set()
    for item in decision.items:
        entries |= {e.code for e in item.entries if e.status in ("controlled", "declared")}
    for row in rows:
        entries |= set(by_hs.get(_hs6(row.get("hs")), ()))
    if not entries:
        return None
    numbers = tuple(
        sorted(
            {
                f"{column}={str(row[column]).strip()}"
                for row in rows
                for column in NUMBER_COLUMNS
                if row.get(column) is not None and str(row[column]).strip()
            }
        )
    )
    return CustomsFinding(
        year=str(decision.as_of)[:4],
        destination=decision.destination,
        categories=tuple(sorted({_category(e) for e in entries})),
        entries=tuple(sorted(entries)),
        numbers=numbers,
    )


def penalty_band() -> str:
    """The penalty band of an export of a strategic item without the licence."""
    rules = default_policy().kr
    plain, intent = rules.penalty("no_intent"), rules.penalty("intent")
    return f"{plain.legal_basis}: {plain.text}; with intent to proliferate, {intent.legal_basis}: {intent.text}"


def tally(summary: dict[str, Any], finding: CustomsFinding) -> None:
    """Add one finding to the audit summary's ``kr_customs`` section."""
    section = summary.setdefault(
        "kr_customs",
        {
            "strategic_hs": 0,
            "without_number": 0,
            "by_year": {},
            "by_category": {},
            "by_destination": {},
        },
    )
    section["strategic_hs"] += 1
    if not finding.flagged:
        return
    section["without_number"] += 1
    for key, values in (
        ("by_year", [finding.year]),
        ("by_category", list(finding.categories)),
        ("by_destination", [finding.destination]),
    ):
        for value in values:
            section[key][value] = section[key].get(value, 0) + 1


def finish(summary: dict[str, Any]) -> None:
    """Sort the counts and name the legal basis and penalty band (when there is a section)."""
    section = summary.get("kr_customs")
    if section is None:
        return
    for key in ("by_year", "by_category", "by_destination"):
        section[key] = dict(sorted(section[key].items(), key=lambda kv: (-kv[1], kv[0])))
    rules = default_policy().kr
    section["legal_basis"] = rules.declaration_legal_basis
    section["penalty"] = penalty_band()
