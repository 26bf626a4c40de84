"""Outcomes by case kind (screening: true match / false positive; shipment: block / release /
licence obtained with its reference), assignment to a person, filters, and the migration that
adds the columns to a store made before them."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect

from tradeguard import audit
from tradeguard.accounts import users
from tradeguard.cases import workflow as rv
from tradeguard.errors import InputError
from tradeguard.store import Store

from .helpers import ADMIN, make_users, screening_case


def _shipment_case(store: Store, verdict: str = "LICENCE_REQUIRED") -> int:
    """An open case of a shipment decided ``verdict`` (one shipment id per verdict: a
    shipment has one open case)."""
    with store.session() as session, session.begin():
        return rv.open_case(
            session,
            ADMIN,
            kind="shipment",
            subject=f"shipment:JP-KR-PI-0002-{verdict}",
            detail={"decision": {"verdict": verdict, "reasons": []}},
        )


def test_outcomes_by_kind_and_licence_reference(store: Store) -> None:
    made = make_users(store)
    ana, rita = made["ana"].actor, made["rita"].actor
    screening = screening_case(store)
    shipment = _shipment_case(store)
    with pytest.raises(InputError, match="screening case's outcome is one of true_match"):
        rv.propose(store, ana, screening, "release", "goes")
    with pytest.raises(InputError, match="LICENCE_REQUIRED shipment's outcome is one of block"):
        rv.propose(store, ana, shipment, "true_match", "same party")
    with pytest.raises(InputError, match="reference of the licence") as err:
        rv.propose(store, ana, shipment, "licence_obtained", "licence granted")
    assert err.value.field == "licence_ref"
    with pytest.raises(InputError, match="licence_obtained only"):
        rv.propose(store, ana, shipment, "block", "no", licence_ref="METI-1")
    case = rv.propose(
        store, ana, shipment, "licence_obtained", "individual licence", licence_ref="METI 2019-123"
    )
    assert case.proposal == "licence_obtained" and case.licence_ref == "METI 2019-123"
    case = rv.review(store, rita, shipment, "approve")
    assert case.status == "closed" and case.outcome == "licence_obtained"
    assert case.licence_ref == "METI 2019-123"
    proposed = [
        r for r in audit.records(store, subject=f"case:{shipment}") if r.action == "case.propose"
    ]
    assert proposed[-1].payload["licence_ref"] == "METI 2019-123"
    # a rejected proposal leaves no proposal (nor its licence) behind
    other = _shipment_case(store)
    rv.propose(store, ana, other, "licence_obtained", "granted", licence_ref="X-1")
    case = rv.review(store, rita, other, "reject", "no such licence")
    assert case.proposal is None and case.licence_ref is None and case.status == "open"


def test_the_verdict_bounds_a_shipment_outcome(store: Store) -> None:
    made = make_users(store)
    ana, rita = made["ana"].actor, made["rita"].actor
    prohibited = _shipment_case(store, "PROHIBITED")
    for choice, extra in (("release", {}), ("licence_obtained", {"licence_ref": "METI-1"})):
        with pytest.raises(InputError, match="a PROHIBITED shipment's outcome is one of") as err:
            rv.propose(store, ana, prohibited, choice, "goes", **extra)
        assert err.value.field == "proposal" and "block, escalate" in str(err.value)
    assert rv.get_case(store, prohibited).outcomes() == ("block", "escalate")
    assert rv.propose(store, ana, prohibited, "block", "UN asset freeze").proposal == "block"
    licence = _shipment_case(store, "LICENCE_REQUIRED")
    with pytest.raises(InputError, match="a LICENCE_REQUIRED shipment's outcome is one of"):
        rv.propose(store, ana, licence, "release", "goes")
    review = _shipment_case(store, "REVIEW")
    assert rv.get_case(store, review).outcomes() == (
        "block",
        "release",
        "licence_obtained",
        "escalate",
    )
    rv.propose(store, ana, review, "release", "end user checked: a hospital")
    assert rv.review(store, rita, review, "approve").outcome == "release"


def test_assignment_and_filters(store: Store) -> None:
    made = make_users(store)
    ana = made["ana"].actor
    first = screening_case(store)
    second = _shipment_case(store)
    case = rv.assign(store, ana, first, "rita")
    assert case.assigned_to == "rita"
    with pytest.raises(InputError, match="no active user 'nobody-here'"):
        rv.assign(store, ana, first, "nobody-here")
    users.set_active(store, ADMIN, "rob", False)
    with pytest.raises(InputError, match="no active user 'rob'"):
        rv.assign(store, ana, second, "rob")
    assert [c.id for c in rv.list_cases(store, assigned_to="rita")] == [first]
    assert [c.id for c in rv.list_cases(store, assigned_to="")] == [second]
    assert [c.id for c in rv.list_cases(store, kind="shipment")] == [second]
    with pytest.raises(InputError, match="unknown case kind"):
        rv.list_cases(store, kind="vessel")
    assert rv.assign(store, ana, first, None).assigned_to is None
    trail = [r for r in audit.records(store, subject=f"case:{first}") if r.action == "case.assign"]
    assert [r.payload["assigned_to"] for r in trail] == ["rita", None]


def test_migration_adds_the_columns_to_an_older_store(tmp_path: Path) -> None:
    from alembic import command
    from alembic.config import Config

    from tradeguard.store.upgrade import MIGRATIONS, upgrade

    engine = create_engine(f"sqlite:///{tmp_path / 'old.db'}")
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0004_accounts")
    assert "assigned_to" not in {c["name"] for c in inspect(engine).get_columns("cases")}
    upgrade(engine)
    columns = {c["name"] for c in inspect(engine).get_columns("cases")}
    assert {"assigned_to", "licence_ref"} <= columns
