"""Cross-list resolution: the same designated entity on the UN, OFAC, CSL, EU, UK and Japanese
lists, linked as one real-world entity with a reviewable confidence.

Candidate links are proposed from the loaded lists by

- ``identifier`` (confidence 0.97): the same strong identifier (IMO, MMSI, passport, national
  id, registration, tax, SWIFT/BIC, LEI, crypto address, ...) on entries of two lists; the
  countries of the identifiers, when both are stated, must agree;
- ``exact_name`` (0.80–0.95): the same normalised name (primary or strong alias) and a
  compatible schema; a shared birth date or country raises the confidence.

Proposed links at or above 0.95 count (clusters, exposure) until a reviewer rejects them; lower
ones count once confirmed. ``review_link`` records who confirmed or rejected a link and when.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import combinations
from typing import TYPE_CHECKING, Any

from sqlalchemy import insert, select

from tradeguard.errors import InputError, NotFoundError
from tradeguard.lists.lookup import EntityReport, entity_report
from tradeguard.lists.model import Entity, NameKind
from tradeguard.network.build import AUTO_LINK_CONFIDENCE
from tradeguard.network.graph import normalise_name
from tradeguard.network.tables import EntityLinkRow

if TYPE_CHECKING:
    from tradeguard.store import Store

_TYPE_ALIASES = {
    "crypto_wallet": "crypto",
    "aircraft_tail_number": "aircraft_tail",
    "bic": "swift",
}
STRONG_TYPES = frozenset(
    {
        "imo",
        "mmsi",
        "passport",
        "national_id",
        "registration",
        "tax",
        "vat",
        "swift",
        "lei",
        "crypto",
        "aircraft_msn",
        "aircraft_tail",
        "isin",
        "duns",
    }
)
_ORGS = frozenset({"Organization", "Company", "LegalEntity"})
MAX_GROUP = 12  # a name or number shared by more entries than this is not an identity


def _id_key(type_: str, value: str) -> tuple[str, str] | None:
    kind = _TYPE_ALIASES.get(type_, type_)
    if kind not in STRONG_TYPES:
        return None
    norm = "".join(ch for ch in value.upper() if ch.isalnum())
    if len(norm) < 5:
        return None
    return kind, norm


def _compatible(a: Entity, b: Entity) -> bool:
    if a.schema == b.schema:
        return True
    return a.schema in _ORGS and b.schema in _ORGS


def _countries(e: Entity) -> set[str]:
    out = set(e.countries) | set(e.nationalities)
    out |= {a.country for a in e.addresses if a.country}
    return out


def candidate_links(entities: list[Entity]) -> dict[tuple[str, str], tuple[float, str, list[str]]]:
    """(a, b) → (confidence, method, evidence) for entries of different lists."""
    by_id = {e.id: e for e in entities}
    found: dict[tuple[str, str], tuple[float, str, list[str]]] = {}

    def propose(a: str, b: str, conf: float, method: str, why: str) -> None:
        key = (a, b) if a < b else (b, a)
        old = found.get(key)
        if old is None or conf > old[0]:
            found[key] = (conf, method, [why])
        elif why not in old[2]:
            old[2].append(why)

    idents: dict[tuple[str, str], list[tuple[str, str | None]]] = {}
    names: dict[str, list[str]] = {}
    for e in entities:
        for ident in e.identifiers:
            key = _id_key(ident.type, ident.value)
            if key is not None:
                idents.setdefault(key, []).append((e.id, ident.country))
        for name in e.names:
            if name.kind in (NameKind.PRIMARY, NameKind.ALIAS, NameKind.ORIGINAL_SCRIPT):
                norm = normalise_name(name.value)
                if len(norm) >= 6:
                    names.setdefault(norm, []).append(e.id)
    for (kind, value), holders in idents.items():
        if len(holders) > MAX_GROUP:
            continue
        for (a, ca), (b, cb) in combinations(holders, 2):
            ea, eb = by_id[a], by_id[b]
            if ea.list == eb.list or a == b or not _compatible(ea, eb):
                continue
            if ca and cb and ca != cb:
                continue
            propose(a, b, 0.97, "identifier", f"same {kind} {value}")
    for norm, named in names.items():
        unique = sorted(set(named))
        if len(unique) > MAX_GROUP:
            continue
        for na, nb in combinations(unique, 2):
            ea, eb = by_id[na], by_id[nb]
            if ea.list == eb.list or not _compatible(ea, eb):
                continue
            conf = 0.8
            why = f"same name {norm!r}"
            shared_dob = set(ea.birth_dates) & set(eb.birth_dates)
            if shared_dob:
                conf = 0.95
                why += f" and birth date {sorted(shared_dob)[0]}"
            elif ea.schema in _ORGS and _countries(ea) & _countries(eb):
                conf = 0.9
                why += f" and country {sorted(_countries(ea) & _countries(eb))[0]}"
            elif ea.schema == "Person":
                conf = 0.7
            propose(na, nb, conf, "exact_name", why)
    return found


def propose_links(store: Store) -> dict[str, int]:
    """Compute candidate links over the current lists and store the new ones as proposed."""
    entities = list(store.iter_current_entities())
    found = candidate_links(entities)
    now = datetime.now(UTC)
    with store.session() as session, session.begin():
        existing = {
            (a, b) for a, b in session.execute(select(EntityLinkRow.a_id, EntityLinkRow.b_id)).all()
        }
        rows = [
            {
                "a_id": a,
                "b_id": b,
                "confidence": conf,
                "method": method,
                "evidence": evidence,
                "status": "proposed",
                "created_at": now,
            }
            for (a, b), (conf, method, evidence) in sorted(found.items())
            if (a, b) not in existing
        ]
        for start in range(0, len(rows), 2000):
            session.execute(insert(EntityLinkRow), rows[start : start + 2000])
        added = len(rows)
    return {"candidates": len(found), "added": added}


@dataclass(frozen=True, slots=True)
class Link:
    """A proposed, confirmed or rejected link between two list entries: how it was found, how
    confident, whether it joins them (``counts``) and who reviewed it when."""

    id: int
    a: str
    b: str
    confidence: float
    method: str
    evidence: list[str]
    status: str
    counts: bool
    reviewed_by: str | None
    reviewed_at: datetime | None

    @classmethod
    def of(cls, row: EntityLinkRow) -> Link:
        return cls(
            id=row.id,
            a=row.a_id,
            b=row.b_id,
            confidence=row.confidence,
            method=row.method,
            evidence=list(row.evidence),
            status=row.status,
            counts=counts(row),
            reviewed_by=row.reviewed_by,
            reviewed_at=row.reviewed_at,
        )

    def other(self, entity_id: str) -> str:
        """The entry this link joins ``entity_id`` to."""
        return self.b if self.a == entity_id else self.a

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "a": self.a,
            "b": self.b,
            "confidence": self.confidence,
            "method": self.method,
            "evidence": list(self.evidence),
            "status": self.status,
            "counts": self.counts,
            "reviewed_by": self.reviewed_by,
            "reviewed_at": self.reviewed_at.isoformat(timespec="seconds")
            if self.reviewed_at
            else None,
        }


@dataclass(frozen=True, slots=True)
class Cluster:
    """The entries joined as one entity (the asked one first) and every link that touches
    them, counting or not, by id."""

    entities: list[str]
    links: list[Link]

    def to_dict(self) -> dict[str, Any]:
        return {"entities": list(self.entities), "links": [x.to_dict() for x in self.links]}


@dataclass(frozen=True, slots=True)
class ClusterReport(EntityReport):
    """The entity report with the memberships of every entry linked to it as the same
    real-world entity, and the links (``tradeguard entity ID``)."""

    cluster: Cluster

    def to_dict(self) -> dict[str, Any]:
        return {**EntityReport.to_dict(self), "cluster": self.cluster.to_dict()}


def counts(row: EntityLinkRow) -> bool:
    """Whether a link joins its two entries into one entity (clusters, exposure)."""
    if row.status == "rejected":
        return False
    return row.status == "confirmed" or row.confidence >= AUTO_LINK_CONFIDENCE


def list_links(
    store: Store, entity_id: str | None = None, status: str | None = None, limit: int = 100
) -> list[Link]:
    query = select(EntityLinkRow).order_by(EntityLinkRow.confidence, EntityLinkRow.id)
    if entity_id:
        query = query.where((EntityLinkRow.a_id == entity_id) | (EntityLinkRow.b_id == entity_id))
    if status:
        query = query.where(EntityLinkRow.status == status)
    with store.session() as session:
        return [Link.of(r) for r in session.execute(query.limit(limit)).scalars()]


def review_link(store: Store, link_id: int, decision: str, reviewer: str) -> Link:
    """Confirm or reject a proposed link (recorded with the reviewer and the time)."""
    if decision not in ("confirmed", "rejected", "proposed"):
        raise InputError(
            f"unknown decision {decision!r}; expected confirmed or rejected", field="decision"
        )
    if not reviewer.strip():
        raise InputError("a review needs the reviewer's name", field="reviewer")
    with store.session() as session, session.begin():
        row = session.get(EntityLinkRow, link_id)
        if row is None:
            raise NotFoundError(f"no link {link_id}")
        row.status = decision
        row.reviewed_by = reviewer.strip()
        row.reviewed_at = datetime.now(UTC)
        session.flush()
        return Link.of(row)


def cluster(store: Store, entity_id: str) -> Cluster:
    """The entries joined with ``entity_id`` by counting links (transitively), and the links."""
    members = {entity_id}
    frontier = [entity_id]
    links: dict[int, Link] = {}
    with store.session() as session:
        while frontier:
            rows = session.execute(
                select(EntityLinkRow).where(
                    EntityLinkRow.a_id.in_(frontier) | EntityLinkRow.b_id.in_(frontier)
                )
            ).scalars()
            nxt = []
            for row in rows:
                links[row.id] = Link.of(row)
                if not counts(row):
                    continue
                for other in (row.a_id, row.b_id):
                    if other not in members:
                        members.add(other)
                        nxt.append(other)
            frontier = nxt
    ordered = [entity_id, *sorted(members - {entity_id})]
    return Cluster(ordered, sorted(links.values(), key=lambda x: x.id))


def entity_report_with_cluster(store: Store, entity_id: str) -> ClusterReport:
    """``tradeguard entity ID``: the entity report plus the memberships of every list entry
    linked to it as the same real-world entity, and the links (with their review state)."""
    report = entity_report(store, entity_id)
    joined = cluster(store, entity_id)
    memberships = list(report.memberships)
    for other in joined.entities[1:]:
        try:
            extra = entity_report(store, other)
        except (NotFoundError, InputError):
            continue
        memberships.extend(extra.memberships)
    return ClusterReport(report.entity, memberships, report.history, joined)
