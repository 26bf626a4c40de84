"""The network's vocabulary: relation kinds, provenance classes, nodes and edges.

A node is any party: an entity of a loaded list (id ``"{list}:{source_id}"``) or a party on no
list (a trading firm, an association), kept in the network's own tables with a ``custom:`` id.
An edge is one stated relation between two nodes, with where it comes from (the source, its
class and the dataset that brought it) and the dates it held.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class RelationKind(StrEnum):
    OWNERSHIP = "ownership"  # from = owner, to = owned (share_pct when known)
    JOINT_VENTURE = "joint_venture"  # from = partner / investor, to = the venture
    INVESTMENT = "investment"  # from = investor, to = investee (not a stated ownership share)
    DIRECTORSHIP = "directorship"  # from = director, to = organisation
    MANAGEMENT = "management"  # from = manager, to = organisation (or vessel manager)
    MEMBERSHIP = "membership"  # from = member / founded under, to = organisation
    FAMILY = "family"
    ASSOCIATE = "associate"
    SHARED_ADDRESS = "shared_address"
    SHARED_PHONE = "shared_phone"
    VESSEL_OWNER = "vessel_owner"  # from = owner, to = vessel
    VESSEL_OPERATOR = "vessel_operator"
    VESSEL_MANAGER = "vessel_manager"
    UNKNOWN = "unknown"  # an unknown link (FtM UnknownLink): the source says only "linked"
    SAME_AS = "same_as"  # two records of one real-world entity (a confirmed cross-list link)


# Kinds in which the ``from`` side holds or controls the ``to`` side (EU "ownership or control").
CONTROL_KINDS = frozenset(
    {
        RelationKind.OWNERSHIP,
        RelationKind.MANAGEMENT,
        RelationKind.DIRECTORSHIP,
        RelationKind.VESSEL_OWNER,
        RelationKind.VESSEL_MANAGER,
        RelationKind.VESSEL_OPERATOR,
    }
)


class Provenance(StrEnum):
    OFFICIAL_LIST = "official_list"
    COMPANY_REGISTRY = "company_registry"
    PRESS_REPORT = "press_report"
    USER_INVESTIGATION = "user_investigation"


# FtM relation schemas → kinds (OpenSanctions exports and the parsers' Relation.schema).
FTM_KINDS: dict[str, RelationKind] = {
    "Ownership": RelationKind.OWNERSHIP,
    "Directorship": RelationKind.DIRECTORSHIP,
    "Membership": RelationKind.MEMBERSHIP,
    "Family": RelationKind.FAMILY,
    "Associate": RelationKind.ASSOCIATE,
    "UnknownLink": RelationKind.UNKNOWN,
    "Representation": RelationKind.MANAGEMENT,
    "Employment": RelationKind.ASSOCIATE,
    "Succession": RelationKind.UNKNOWN,
}


def kind_for_relation(schema: str, role: str) -> RelationKind:
    """The kind of a relation a list states (FtM schema plus the source's wording)."""
    low = role.lower()
    if "vessel" in low:
        if "operat" in low:
            return RelationKind.VESSEL_OPERATOR
        if "manag" in low:
            return RelationKind.VESSEL_MANAGER
        return RelationKind.VESSEL_OWNER
    if "joint venture" in low:
        return RelationKind.JOINT_VENTURE
    if "director" in low:
        return RelationKind.DIRECTORSHIP
    return FTM_KINDS.get(schema, RelationKind.UNKNOWN)


@dataclass(slots=True)
class Node:
    id: str
    name: str
    schema: str = "LegalEntity"
    country: str | None = None
    aliases: list[str] = field(default_factory=list)
    notes: str | None = None
    listed: bool = False  # on a loaded list (designated / denied)
    lists: list[str] = field(default_factory=list)
    programs: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "schema": self.schema,
            "country": self.country,
            "aliases": list(self.aliases),
            "notes": self.notes,
            "listed": self.listed,
            "lists": list(self.lists),
            "programs": list(self.programs),
        }


@dataclass(slots=True)
class Edge:
    source_id: str  # the "from" node
    target_id: str  # the "to" node
    kind: RelationKind
    role: str = ""
    share_pct: float | None = None
    start_date: str | None = None
    end_date: str | None = None
    source: str | None = None  # the citation: list entry, registry extract, article
    url: str | None = None
    provenance: Provenance = Provenance.USER_INVESTIGATION
    dataset: str = ""  # which import brought it ("list:un_sc", "demo-kicjv", a file name)

    def to_dict(self) -> dict[str, Any]:
        return {
            "from": self.source_id,
            "to": self.target_id,
            "kind": str(self.kind),
            "role": self.role,
            "share_pct": self.share_pct,
            "start_date": self.start_date,
            "end_date": self.end_date,
            "source": self.source,
            "url": self.url,
            "provenance": str(self.provenance),
            "dataset": self.dataset,
        }
