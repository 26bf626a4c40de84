"""The query's country, birth date and identifiers reach screening on every path: the command
line's options, the API's request, the web form, a batch file, a batch job and monitoring (a
counterparty's record) and a shipment's party give the parties and scores the service gives
(bundled snapshot of the real lists).

The queries are about Floribert Ngabu Njabu (UN CDi.021: born 1971-05-23, Congolese, passport
OB 0243318): with his birth year he alerts; born 1941 or from Japan he is a namesake and does
not; born 1941 with his passport number he alerts again. A path that dropped a field would give
another decision for one of them."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tradeguard import audit, jobs
from tradeguard.accounts.users import Actor, Role
from tradeguard.cases import counterparties as cps
from tradeguard.cli import app
from tradeguard.jobs.screening import run_screen_batch
from tradeguard.screening import Query
from tradeguard.service import Service
from tradeguard.shipments.model import Shipment
from tradeguard.store import Store

from ..api.conftest import make_api
from ..web.helpers import log_in, page_client

ANA = Actor("ana", Role.ANALYST)
RITA = Actor("rita", Role.REVIEWER)
TARGET = "un_sc:CDi.021"


@dataclass(frozen=True)
class Asked:
    name: str
    country: str
    birth_date: str | None
    identifier: str | None
    alerts: bool
    #: the verdict of a shipment with this party as end user
    verdict: str

    def query(self) -> Query:
        ids = [self.identifier] if self.identifier else []
        return Query(self.name, "Person", [self.country], self.birth_date, ids)


ASKED = {
    "listed": Asked("Floribert Ngabu Njabu", "CD", "1971", None, True, "PROHIBITED"),
    "namesake": Asked("Floribert Ngabu Njabu", "CD", "1941", None, False, "REVIEW"),
    # a country none of the party's is where the party is, not a nationality (algorithm 32): a
    # designated person abroad still alerts, 0.05 lower; on the name alone, from a country none
    # of his, a shipment takes it for a possible match to confirm, not the designee himself
    "foreigner": Asked("Floribert Ngabu Njabu", "JP", None, None, True, "REVIEW"),
    # the passport agrees and the birth year does not: a possible match for a person to review
    "passport": Asked("Floribert Njabu", "CD", "1941", "OB 0243318", True, "REVIEW"),
}

#: a decision: the parties found (their best entry) with their scores, best first
Decision = list[tuple[str, float]]


def _decision(hits: list[dict[str, Any]]) -> Decision:
    return [(str(h["entity_id"]), round(float(h["score"]), 4)) for h in hits]


def _holds_target(hits: list[dict[str, Any]]) -> bool:
    return any(
        h["entity_id"] == TARGET or TARGET in h.get("party", []) or TARGET in h.get("lists", [])
        for h in hits
    )


@pytest.fixture
def store(loaded_home: Path) -> Iterator[Store]:
    """The store the command line uses (the snapshot loaded), open for the other faces."""
    s = Store.open()
    try:
        yield s
    finally:
        s.close()


@pytest.fixture
def expected(store: Store) -> dict[str, Decision]:
    """What the service decides for each query, checked against what the query means (one
    service for them all: it loads the snapshot's index once, not once per query)."""
    service = Service(store)
    out = {}
    for key, asked in ASKED.items():
        matches = service.screen(ANA, asked.query()).matches
        hits = [
            {
                "entity_id": m.entity_id,
                "score": m.score,
                "party": [x["entity_id"] for x in m.memberships],
            }
            for m in matches
        ]
        assert _holds_target(hits) is asked.alerts, (key, hits)
        out[key] = _decision(hits)
    return out


def _screenings(store: Store, action: str) -> list[audit.AuditRecord]:
    return [r for r in audit.records(store, limit=1000) if r.action == action]


def test_the_command_line_options(store: Store, expected: dict[str, Decision]) -> None:
    for key, asked in ASKED.items():
        args = ["screen", asked.name, "--type", "Person", "--country", asked.country, "--json"]
        if asked.birth_date:
            args += ["--birth-date", asked.birth_date]
        if asked.identifier:
            args += ["--id", asked.identifier]
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 0, result.output
        assert _decision(json.loads(result.stdout)["matches"]) == expected[key], key
    queries = [r.payload["query"] for r in _screenings(store, "screen.cli")]
    assert queries == [a.query().to_dict() for a in ASKED.values()]


def test_the_api_request(store: Store, expected: dict[str, Decision]) -> None:
    api = next(make_api(store))
    for key, asked in ASKED.items():
        body = {
            "name": asked.name,
            "type": "Person",
            "countries": [asked.country],
            "birth_date": asked.birth_date,
            "identifiers": [asked.identifier] if asked.identifier else [],
        }
        r = api.client.post("/screen", json=body, headers=api.auth("ana"))
        assert r.status_code == 200, r.text
        assert _decision(r.json()["matches"]) == expected[key], key


def test_the_web_form(store: Store, expected: dict[str, Decision]) -> None:
    client = next(page_client(store))
    csrf = log_in(client)
    for key, asked in ASKED.items():
        form = {
            "csrf": csrf,
            "name": asked.name,
            "type": "Person",
            "country": asked.country,
            "birth_date": asked.birth_date or "",
            "identifier": asked.identifier or "",
        }
        r = client.post("/ui/screen", data=form)
        assert r.status_code == 200, r.text[:300]
        record = _screenings(store, "screen.web")[-1]
        assert record.payload["query"] == asked.query().to_dict()
        assert _decision(record.payload["hits"]) == expected[key], key
        for hit in record.payload["hits"]:  # the page shows each party found
            assert "/ui/entity/" + hit["entity_id"].replace(":", "%3A") in r.text, key


def test_a_batch_file(tmp_path: Path, store: Store, expected: dict[str, Decision]) -> None:
    source, output = tmp_path / "parties.csv", tmp_path / "matches.csv"
    with source.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "name", "type", "country", "birth_date", "identifier"])
        for key, a in ASKED.items():
            writer.writerow([key, a.name, "Person", a.country, a.birth_date, a.identifier])
    result = CliRunner().invoke(app, ["screen-batch", str(source), "-o", str(output)])
    assert result.exit_code == 0, result.output
    with output.open(newline="", encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if r["entity_id"]]
    for key in ASKED:
        hits = [r for r in rows if r["id"] == key]
        assert _decision(hits) == expected[key], key


def _counterparties() -> list[cps.Counterparty]:
    """The queries as a counterparty file names its columns."""
    lines = ["id,name,type,countries,birth_date,identifiers"]
    for key, a in ASKED.items():
        lines.append(f"{key},{a.name},Person,{a.country},{a.birth_date or ''},{a.identifier or ''}")
    return cps.parse_bytes("\n".join(lines).encode() + b"\n", "counterparties.csv")


def test_a_batch_job(store: Store, expected: dict[str, Decision]) -> None:
    service = Service(store)
    rows = _counterparties()
    job_id = jobs.create_job(store, "screen.batch", len(rows), ANA.name)
    run_screen_batch(store, ANA, job_id, rows, service.counterparty_screen())
    result = jobs.get_job(store, job_id, with_result=True).result
    assert result is not None and len(result) == len(rows)
    for row in result:
        assert _decision(row["matches"]) == expected[row["id"]], row["id"]


def test_monitoring(store: Store, expected: dict[str, Decision]) -> None:
    service = Service(store)
    service.import_counterparties(RITA, _counterparties(), "counterparties.csv")
    summary = service.monitor(RITA, force=True)
    assert summary.screened == len(ASKED)
    for record in _screenings(store, "screen.monitor"):
        key = record.payload["query"]["id"]
        assert _decision(record.payload["hits"]) == expected[key], key
    # one case per party found: the listed person and the holder of his passport
    assert len(summary.cases_opened) == sum(len(expected[k]) for k in ASKED)


def test_a_shipments_party(store: Store, expected: dict[str, Decision]) -> None:
    service = Service(store)
    for key, asked in ASKED.items():
        shipment = Shipment.model_validate(
            {
                "export_country": "JP",
                "destination": "CD",
                "exporter": {"name": "Acme Trading KK", "country": "JP"},
                "consignee": {"name": "Kinshasa Widget SARL", "country": "CD"},
                "end_user": {
                    "name": asked.name,
                    "schema": "Person",
                    "country": asked.country,
                    "birth_date": asked.birth_date,
                    "identifiers": [asked.identifier] if asked.identifier else [],
                },
                "items": [{"description": "ball bearings", "hs": "848210"}],
            }
        )
        decision = service.evaluate(ANA, shipment).decision
        end_user = next(p for p in decision.parties if p.role == "end_user")
        # a shipment names each party by its strongest entry, the screening by its best-scoring
        screened = service.screen(ANA, asked.query()).matches
        assert {m.party_id for m in end_user.matches} == {m.party_id for m in screened}, key
        assert len(screened) == len(expected[key])
        assert decision.verdict == asked.verdict, (key, decision.verdict)
        on_lists = [
            r for r in decision.reasons if r.party == "end_user" and r.code != "PARTY_NO_ADDRESS"
        ]
        assert bool(on_lists) is asked.alerts, (key, [r.code for r in on_lists])
