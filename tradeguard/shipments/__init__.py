"""Shipments: the export-declaration model and its evaluation into a Decision, one at a time
(``evaluate``) or in bulk (``audit_declarations``)."""

from tradeguard.shipments.audit import AuditResult, audit_declarations, read_declarations
from tradeguard.shipments.decision import Decision, EntryInfo, ItemResult, PartyMatch, PartyResult
from tradeguard.shipments.evaluate import Evaluator, evaluate
from tradeguard.shipments.model import (
    Item,
    LicenceRef,
    Party,
    Port,
    Shipment,
    Vessel,
    load_shipment,
    parse_shipment,
    shipment_schema,
)
from tradeguard.shipments.protocols import ExposureCheck

__all__ = [
    "AuditResult",
    "Decision",
    "EntryInfo",
    "Evaluator",
    "ExposureCheck",
    "Item",
    "ItemResult",
    "LicenceRef",
    "Party",
    "PartyMatch",
    "PartyResult",
    "Port",
    "Shipment",
    "Vessel",
    "audit_declarations",
    "evaluate",
    "load_shipment",
    "parse_shipment",
    "read_declarations",
    "shipment_schema",
]
