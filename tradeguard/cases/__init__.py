"""Cases with four-eyes review, remembered false positives, the registry of counterparties,
ongoing monitoring, the runtime settings and the evidence export of a case."""

from tradeguard.cases.export import export_case
from tradeguard.cases.states import CaseKind, Proposal, Review, Status
from tradeguard.cases.workflow import Case, get_case, list_cases, propose, review

__all__ = [
    "Case",
    "CaseKind",
    "Proposal",
    "Review",
    "Status",
    "export_case",
    "get_case",
    "list_cases",
    "propose",
    "review",
]
