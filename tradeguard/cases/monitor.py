"""Ongoing monitoring: screen the counterparties again when a list (or their data) changed.

A counterparty is screened when the set of current list versions differs from the one it was
last screened against, or its own data changed since. Each hit is compared with the last known
hit of the same (counterparty, list entry) pair: a *new* hit or a *changed* one (the entry's or
the counterparty's digest differs) opens a case, unless an approved false positive covers the
pair with the same digests; an *unchanged* hit opens nothing. Hits that disappear are marked
cleared. Every screening is an audit record; the run's summary is kept and audited.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, fields
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Protocol

from sqlalchemy import select, update

from tradeguard import audit
from tradeguard.accounts.users import Actor
from tradeguard.cases.counterparties import Counterparty, _from_row
from tradeguard.cases.suppression import is_suppressed
from tradeguard.cases.tables import CounterpartyRow, MonitorHitRow, MonitorRunRow
from tradeguard.cases.workflow import open_case
from tradeguard.screening import Query

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from tradeguard.screening import Screener
    from tradeguard.store import Store


class Hit(Protocol):
    """What monitoring needs of a screening match (``tradeguard.screening.Match``)."""

    @property
    def entity_id(self) -> str: ...

    @property
    def score(self) -> float: ...

    @property
    def caption(self) -> str: ...

    def to_dict(self) -> dict[str, Any]: ...


ScreenFn = Callable[[Counterparty], Sequence[Hit]]


def counterparty_screen(screener: Screener, threshold: float | None = None) -> ScreenFn:
    """Screen a registered counterparty with everything its record holds."""

    def screen(cp: Counterparty) -> Sequence[Hit]:
        query = Query(
            name=cp.name,
            schema=cp.schema,
            countries=list(cp.countries),
            birth_date=cp.birth_date,
            identifiers=list(cp.identifiers),
        )
        return screener.screen(query, threshold=threshold, limit=10)

    return screen


@dataclass(slots=True)
class MonitorSummary:
    run_id: int
    versions: str
    lists_changed: bool
    counterparties: int = 0
    screened: int = 0
    hits: int = 0
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    suppressed: int = 0
    cleared: int = 0
    cases_opened: list[int] = field(default_factory=list)
    started_at: str = ""
    finished_at: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "run_id": self.run_id,
            "versions": self.versions,
            "lists_changed": self.lists_changed,
            "counterparties": self.counterparties,
            "screened": self.screened,
            "hits": self.hits,
            "new": self.new,
            "changed": self.changed,
            "unchanged": self.unchanged,
            "suppressed": self.suppressed,
            "cleared": self.cleared,
            "cases_opened": self.cases_opened,
            "started_at": self.started_at,
            "finished_at": self.finished_at,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> MonitorSummary:
        """The summary :meth:`to_dict` wrote (a key it does not know is left out)."""
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})


def versions_fingerprint(store: Store) -> str:
    """A hash of the set of current list versions."""
    return hashlib.sha256(store.versions_key().encode("utf-8")).hexdigest()


def _entity_digests(store: Store, entity_ids: Sequence[str]) -> dict[str, str]:
    by_list: dict[str, list[str]] = {}
    for entity_id in entity_ids:
        by_list.setdefault(entity_id.split(":", 1)[0], []).append(entity_id)
    out: dict[str, str] = {}
    for list_id, ids in by_list.items():
        version = store.current_version(list_id)
        if version is None:
            continue
        for entity_id, entity in store.get_entities(version.id, ids).items():
            out[entity_id] = entity.digest()
    return out


def last_run(store: Store) -> MonitorSummary | None:
    """The summary of the last monitoring run, as it was kept (None: none ran yet)."""
    with store.session() as session:
        row = session.execute(
            select(MonitorRunRow).order_by(MonitorRunRow.id.desc()).limit(1)
        ).scalar_one_or_none()
        if row is None:
            return None
        return MonitorSummary.from_dict(json.loads(row.summary))


def _utc_now() -> datetime:
    return datetime.now(UTC)


def run(
    store: Store,
    actor: Actor,
    screen: ScreenFn,
    force: bool = False,
    clock: Callable[[], datetime] = _utc_now,
) -> MonitorSummary:
    """Screen every counterparty that needs it; open cases for new and changed hits only.
    ``clock`` gives the current UTC time the run is stamped with (a test passes its own)."""
    actor.require("monitor")
    started = clock()
    fingerprint = versions_fingerprint(store)
    previous = last_run(store)
    summary = MonitorSummary(
        run_id=0,
        versions=fingerprint,
        lists_changed=previous is None or previous.versions != fingerprint,
        started_at=started.isoformat(timespec="seconds"),
    )
    with store.session() as session:
        rows = list(session.execute(select(CounterpartyRow).order_by(CounterpartyRow.id)).scalars())
    summary.counterparties = len(rows)
    for row in rows:
        if not force and row.screened_versions == fingerprint and row.screened_digest == row.digest:
            continue
        _screen_one(store, actor, screen, _from_row(row), row.digest, fingerprint, summary, clock())
    finished = clock()
    summary.finished_at = finished.isoformat(timespec="seconds")
    with store.session() as session, session.begin():
        run_row = MonitorRunRow(
            started_at=started,
            finished_at=finished,
            actor=actor.name,
            versions=fingerprint,
            summary="{}",
        )
        session.add(run_row)
        session.flush()
        summary.run_id = run_row.id
        run_row.summary = audit.canonical_json(summary.to_dict())
        audit.append(session, actor.name, "monitor.run", f"monitor:{run_row.id}", summary.to_dict())
    return summary


def _screen_one(
    store: Store,
    actor: Actor,
    screen: ScreenFn,
    cp: Counterparty,
    cp_digest: str,
    fingerprint: str,
    summary: MonitorSummary,
    now: datetime,
) -> None:
    """Screen one counterparty; open a case for each new or changed hit (unless a review
    suppressed it), clear the hits no longer found, and audit what was found."""
    hits = list(screen(cp))
    digests = _entity_digests(store, [h.entity_id for h in hits])
    summary.screened += 1
    outcomes: list[dict[str, Any]] = []
    with store.session() as session, session.begin():
        known = {
            h.entity_id: h
            for h in session.execute(
                select(MonitorHitRow).where(MonitorHitRow.counterparty_id == cp.id)
            ).scalars()
        }
        seen: set[str] = set()
        for hit in hits:
            entity_digest = digests.get(hit.entity_id)
            if entity_digest is None or hit.entity_id in seen:
                continue
            seen.add(hit.entity_id)
            summary.hits += 1
            before = known.get(hit.entity_id)
            if (
                before is not None
                and before.active
                and before.entity_digest == entity_digest
                and before.counterparty_digest == cp_digest
            ):
                state = "unchanged"
            else:
                state = "new" if before is None or not before.active else "changed"
            case_id = before.case_id if before is not None else None
            if state != "unchanged":
                if is_suppressed(session, cp.id, hit.entity_id, entity_digest, cp_digest):
                    state = "suppressed"
                else:
                    case_id = open_case(
                        session,
                        actor,
                        kind="screening",
                        subject=cp.name,
                        detail={"query": cp.to_dict(), "match": hit.to_dict(), "change": state},
                        counterparty_id=cp.id,
                        entity_id=hit.entity_id,
                        entity_digest=entity_digest,
                        counterparty_digest=cp_digest,
                        score=round(float(hit.score), 4),
                    )
                    summary.cases_opened.append(case_id)
            setattr(summary, state, getattr(summary, state) + 1)
            outcomes.append(
                {
                    "entity_id": hit.entity_id,
                    "score": round(float(hit.score), 4),
                    "state": state,
                    "case_id": case_id,
                }
            )
            _record_hit(session, cp.id, hit, before, entity_digest, cp_digest, case_id, now)
        for entity_id, before in known.items():
            if before.active and entity_id not in seen:
                before.active = False
                summary.cleared += 1
                outcomes.append({"entity_id": entity_id, "state": "cleared"})
        session.execute(
            update(CounterpartyRow)
            .where(CounterpartyRow.id == cp.id)
            .values(screened_digest=cp_digest, screened_versions=fingerprint)
        )
        audit.append(
            session,
            actor.name,
            "screen.monitor",
            f"counterparty:{cp.id}",
            {"query": cp.to_dict(), "versions": fingerprint, "hits": outcomes},
        )


def _record_hit(
    session: Session,
    counterparty_id: str,
    hit: Hit,
    before: MonitorHitRow | None,
    entity_digest: str,
    cp_digest: str,
    case_id: int | None,
    now: datetime,
) -> None:
    """Remember a hit as active, with the digests it was seen with and its case."""
    if before is None:
        session.add(
            MonitorHitRow(
                counterparty_id=counterparty_id,
                entity_id=hit.entity_id,
                entity_digest=entity_digest,
                counterparty_digest=cp_digest,
                score=float(hit.score),
                case_id=case_id,
                active=True,
                seen_at=now,
            )
        )
        return
    before.entity_digest, before.counterparty_digest = entity_digest, cp_digest
    before.score, before.case_id, before.active, before.seen_at = (
        float(hit.score),
        case_id,
        True,
        now,
    )
