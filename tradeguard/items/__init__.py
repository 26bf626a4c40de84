"""Item classification against the multilateral control lists.

``classify(description, cas=..., hs=..., params=..., jurisdiction=...)`` returns a
:class:`Classification`: ``controlled`` (True / False / None when a parameter is missing) and the
entries considered, each with regimes, reasons for control, confidence, the reasoning and the
parameters still needed. The knowledge base is versioned data under ``tradeguard/data/controls``.
"""

from __future__ import annotations

from tradeguard.errors import InputError, NotFoundError
from tradeguard.items.classifier import (
    Classification,
    classify,
    get_entry,
    knowledge_base,
    knowledge_base_version,
)
from tradeguard.items.entry_check import EntryResult
from tradeguard.items.kb import ControlEntry, Criterion

__all__ = [
    "Classification",
    "ControlEntry",
    "Criterion",
    "EntryResult",
    "InputError",
    "NotFoundError",
    "classify",
    "get_entry",
    "knowledge_base",
    "knowledge_base_version",
]
