"""Hostile input through the server, on SQLite and PostgreSQL (which cannot store U+0000 and
enforces column sizes): each is a 4xx problem naming the input, never a 500."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from tradeguard.cli import app as cli
from tradeguard.errors import InputError

from ..cases.helpers import PASSWORD
from .conftest import Api

ROOT = Path(__file__).resolve().parents[2]
SHIPMENT = ROOT / "examples" / "shipments" / "jp-us-office-furniture.yaml"


def _shipment() -> dict[str, Any]:
    doc: dict[str, Any] = yaml.safe_load(SHIPMENT.read_text(encoding="utf-8"))
    return doc


def _problem(r: Any, status: int, field: str | None = None) -> dict[str, Any]:
    assert r.status_code == status, r.text[:500]
    assert r.headers["content-type"].startswith("application/problem+json")
    body: dict[str, Any] = r.json()
    if field is not None:
        assert body["field"] == field, body
    assert "\n" not in body["detail"]
    return body


def _csrf(api: Api, who: str = "ana") -> str:
    api.client.cookies.clear()
    r = api.client.post("/ui/login", data={"username": who, "password": PASSWORD})
    assert r.status_code == 200, r.text[:300]
    match = re.search(r'name="csrf" value="([^"]+)"', r.text)
    assert match
    return match.group(1)


def test_nul_characters_are_refused_naming_the_field(api: Api) -> None:
    c, h = api.client, api.auth("adam")
    body = _problem(c.post("/ui/login", data={"username": "ana\x00", "password": "x"}), 422)
    assert body["field"] == "username" and "NUL" in body["detail"]
    _problem(c.post("/screen", json={"name": "Kim\x00Jong"}, headers=h), 422, "name")
    _problem(
        c.post("/screen", json={"name": "Kim", "countries": ["K\x00"]}, headers=h),
        422,
        "countries.0",
    )
    _problem(
        c.post("/counterparties", json=[{"id": "cp-1", "name": "A\x00B"}], headers=h), 422, "0.name"
    )
    _problem(c.get("/cases", params={"status": "open\x00"}, headers=h), 422, "status")
    _problem(c.get("/audit", params={"subject": "\x00"}, headers=h), 422, "subject")
    _problem(c.get("/entities/un_sc:%00", headers=h), 422, "path")
    _problem(c.put("/config/screen.threshold", json={"value": "\x00"}, headers=h), 422, "value")
    _problem(
        c.post(
            "/users", json={"username": "x\x00", "password": "p" * 12, "role": "analyst"}, headers=h
        ),
        422,
        "username",
    )
    doc = _shipment()
    doc["consignee"]["name"] = "ACME\x00"
    _problem(c.post("/evaluate", json=doc, headers=h), 422, "consignee.name")
    bad_key = json.dumps({"name": "x", "k\x00": 1})
    _problem(
        c.post("/screen", content=bad_key, headers=h | {"content-type": "application/json"}), 422
    )
    # an unpaired surrogate is no text either
    lone = '{"name": "Kim \\ud800"}'
    _problem(
        c.post("/screen", content=lone, headers=h | {"content-type": "application/json"}),
        422,
        "name",
    )
    # the pages: a form field of a multipart form (the shipment text)
    csrf = _csrf(api)
    text = json.dumps(_shipment() | {"id": "ship\x00-1"})
    r = c.post("/ui/shipment", data={"csrf": csrf, "shipment": text})
    assert r.status_code == 422 and "field &#39;id&#39;: contains a NUL character" in r.text
    r = c.post("/ui/screen", data={"csrf": csrf, "name": "Kim\x00"})
    _problem(r, 422, "name")
    # nothing of it reached the store: still only the users' own audit records
    assert all("\x00" not in json.dumps(r) for r in c.get("/audit", headers=h).json())


def test_long_values_and_huge_ids(api: Api) -> None:
    c, h = api.client, api.auth("adam")
    body = _problem(
        c.post("/evaluate", json=_shipment() | {"id": "S" * 2000}, headers=h), 422, "id"
    )
    assert "200" in body["detail"]
    for path in ("/cases/99999999999999999999", "/cases/2147483648", "/cases/-1"):
        _problem(c.get(path, headers=h), 422, "case_id")
    _csrf(api)
    for path in ("/ui/cases/99999999999999999999", "/ui/cases/99999999999999999999/report.pdf"):
        _problem(c.get(path), 422, "case_id")
    _problem(c.get("/ui/lists/un_sc/diff", params={"from": 10**20}), 422, "from")


def test_deep_documents(api: Api) -> None:
    c, h = api.client, api.auth("adam")
    deep = "[" * 100_000 + "]" * 100_000
    r = c.post("/evaluate", content=deep, headers=h | {"content-type": "application/json"})
    _problem(r, 422, "body")
    csrf = _csrf(api)
    r = c.post("/ui/shipment", data={"csrf": csrf, "shipment": deep})
    assert r.status_code == 422 and "JSON nested deeper than 64 levels" in r.text
    for deep_yaml in ("- " * 5_000 + "x", "[" * 5_000 + "]" * 5_000):  # block, flow style
        r = c.post("/ui/shipment", data={"csrf": csrf, "shipment": "items:\n  " + deep_yaml})
        assert r.status_code == 422 and "nested deeper than 64 levels" in r.text
    laughs = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]\n" for i in range(8)
    )
    r = c.post("/ui/shipment", data={"csrf": csrf, "shipment": laughs})
    assert r.status_code == 422 and "expands to more than" in r.text


@pytest.mark.parametrize(
    "name",
    ["..", ".", "a/b.csv", "..\\x.csv", "n" * 300, "日本語" * 30],
)
def test_upload_file_names_are_refused(api: Api, name: str) -> None:
    c, h = api.client, api.auth("adam")
    files = {"file": (name, b"id,name\ncp-1,Acme Office Furniture GmbH\n", "text/csv")}
    for path in ("/lists/load", "/counterparties/upload", "/screen/batch"):
        _problem(c.post(path, files=files, headers=h), 400, "file")
    csrf = _csrf(api)
    r = c.post("/ui/batch", data={"csrf": csrf}, files=files)
    assert r.status_code == 400 and "file" in r.text


def test_a_plain_upload_name_is_accepted(api: Api) -> None:
    files = {
        "file": ("日本語 parties.csv", b"id,name\ncp-1,Acme Office Furniture GmbH\n", "text/csv")
    }
    r = api.client.post("/counterparties/upload", files=files, headers=api.auth("adam"))
    assert r.status_code == 200, r.text


def test_cli_deep_or_nul_shipment_is_exit_2(tmp_path: Path) -> None:
    cases = {
        "deep.json": "[" * 100_000 + "]" * 100_000,
        "deep.yaml": "items:\n  " + "- " * 5_000 + "x",
        "nul.yaml": yaml.safe_dump(_shipment() | {"id": "a\x00b"}),
    }
    for name, text in cases.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        res = CliRunner().invoke(cli, ["evaluate", str(path), "--json"])
        assert isinstance(res.exception, InputError), (name, res.output)
        assert res.exception.exit_code == 2 and str(path) in str(res.exception)
        assert "\n" not in str(res.exception)


@pytest.mark.parametrize("cut", [0.4, 0.999])
def test_a_refused_list_upload_names_the_upload_not_a_server_path(api: Api, cut: float) -> None:
    """A cut-short list file is refused naming the uploaded file (and line), never the
    temporary directory the server wrote it to."""
    un = ROOT / "tests" / "fixtures" / "lists" / "un" / "consolidated-2026-02-27-extract.xml"
    data = un.read_bytes()
    files = {"file": (un.name, data[: int(len(data) * cut)], "application/xml")}
    body = _problem(api.client.post("/lists/load", files=files, headers=api.auth("adam")), 422)
    text = json.dumps(body)
    assert body["source"] == un.name and body["line"] > 0, body
    assert "/tmp" not in text and "tmp" not in text.replace(un.name, ""), body
    assert api.client.get("/lists", headers=api.auth("ana")).json() == []


@pytest.mark.parametrize("path", ["/counterparties/upload", "/screen/batch"])
def test_a_refused_table_upload_names_the_upload(api: Api, path: str) -> None:
    files = {"file": ("parties.csv", b'id,name\ncp-1,"Acme Office Furniture\n', "text/csv")}
    body = _problem(api.client.post(path, files=files, headers=api.auth("adam")), 422)
    assert "tmp" not in json.dumps(body).replace("parties.csv", ""), body


def test_the_api_names_its_own_parameters_and_lists(api: Api) -> None:
    c, h = api.client, api.auth("adam")
    body = _problem(
        c.post("/evaluate", params={"as_of": "2026-02-30"}, json=_shipment(), headers=h),
        422,
        "as_of",
    )
    assert "2026-02-30" in body["detail"]
    body = _problem(c.get("/lists/zz/versions", headers=h), 404)
    assert "'zz'" in body["detail"] and "un_sc" in body["detail"]
    assert c.get("/lists/un_sc/versions", headers=h).status_code == 200
    _problem(c.put("/config/screen.threshold", json={"value": 1.0}, headers=h), 422, "value")
    assert c.put("/config/screen.threshold", json={"value": 0.8}, headers=h).status_code == 200


@pytest.mark.parametrize("raw", ["NaN", "Infinity", "-Infinity", "150", "-5"])
def test_impossible_parameter_values_are_refused(api: Api, raw: str) -> None:
    """JSON as Python reads it (NaN, Infinity) or a share past 100 %: a 422 naming the
    parameter, on /classify and on an item of a shipment, never a verdict."""
    c, h = api.client, api.auth("adam")
    body = (
        '{"description": "Hydrofluoric acid 25% solution", "cas": "7664-39-3",'
        ' "params": {"concentration_pct": ' + raw + "}}"
    )
    r = c.post("/classify", content=body, headers=h | {"content-type": "application/json"})
    _problem(r, 422, "concentration_pct")
    doc = _shipment()
    doc["items"][0]["params"] = {"concentration_pct": float(raw)}
    r = c.post(
        "/evaluate", content=json.dumps(doc), headers=h | {"content-type": "application/json"}
    )
    body = _problem(r, 422)
    assert body["field"].startswith("items.0.params") and "concentration_pct" in body["detail"]
