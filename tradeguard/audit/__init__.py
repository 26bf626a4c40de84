"""The audit log: append-only and hash-chained.

Every decision (screening, classification, shipment evaluation done through the API or
monitoring), every review, list load, user change and configuration change is one record with
its actor and time. Each record carries the hash of the record before it, so
:func:`verify` detects a record edited, inserted or deleted directly in the database.
The evidence export of one case is :func:`tradeguard.cases.export_case`.
"""

from tradeguard.audit.chain import (
    GENESIS,
    AuditRecord,
    Verification,
    append,
    canonical_json,
    record,
    records,
    verify,
)
from tradeguard.audit.loads import list_load_record

__all__ = [
    "GENESIS",
    "AuditRecord",
    "Verification",
    "append",
    "canonical_json",
    "list_load_record",
    "record",
    "records",
    "verify",
]
