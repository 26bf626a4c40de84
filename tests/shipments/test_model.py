"""The shipment model: JSON/YAML input, validation errors that name the field, JSON Schema."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tradeguard.errors import InputError
from tradeguard.shipments import load_shipment, parse_shipment, shipment_schema

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "shipments"

BASE = {
    "exporter": {"name": "A Co", "country": "JP", "address": "Tokyo"},
    "consignee": {"name": "B Co", "country": "KR", "address": "Seoul"},
    "destination": "KR",
    "items": [{"description": "chairs", "hs": "9401.31"}],
}


def test_every_example_loads() -> None:
    files = sorted(EXAMPLES.iterdir())
    assert len(files) >= 10
    for path in files:
        shipment = load_shipment(path)
        assert shipment.items and shipment.destination


def test_normalisation() -> None:
    doc = json.loads(json.dumps(BASE))
    doc["destination"] = "Republic of Korea"
    doc["items"][0]["cas"] = "7664-39-3"
    doc["vessel"] = {"name": "SEA STAR", "imo": "IMO 9123456", "flag": "pa"}
    doc["ports_of_transshipment"] = [{"locode": "sg sin"}]
    s = parse_shipment(doc)
    assert s.destination == "KR"
    assert s.export_country == "JP"  # from the exporter
    assert s.items[0].hs == "940131" and s.items[0].line == 1
    assert s.vessel is not None and s.vessel.imo == "9123456" and s.vessel.flag == "PA"
    assert s.ports_of_transshipment[0].country == "SG"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"destination": "Atlantis"}, "destination"),
        ({"items": []}, "items"),
        ({"items": [{"hs": "84a"}]}, "items.0.hs"),
        ({"items": [{"cas": "7664393"}]}, "items.0.cas"),
        ({"vessel": {"imo": "12345"}}, "vessel.imo"),
        ({"exporter": {"name": ""}}, "exporter.name"),
        ({"consignee": {"name": "A"}}, "consignee.name"),
        ({"consignee": {"name": "-", "country": "KR"}}, "consignee.name"),
        ({"end_user": {"name": "株"}}, "end_user.name"),
        ({"intermediaries": [{"name": "Busan Freight"}, {"name": "B."}]}, "intermediaries.1.name"),
        ({"vessel": {"name": "X"}}, "vessel.name"),
        ({"surprise": 1}, "surprise"),
    ],
)
def test_bad_input_names_the_field(change: dict[str, object], field: str) -> None:
    doc = json.loads(json.dumps(BASE)) | change
    with pytest.raises(InputError) as err:
        parse_shipment(doc, source="s.json")
    assert err.value.field == field
    assert "s.json" in str(err.value)


def test_party_names_the_screener_cannot_screen() -> None:
    doc = json.loads(json.dumps(BASE))
    with pytest.raises(InputError) as err:
        parse_shipment(doc | {"consignee": {"name": "A"}}, source="s.json")
    assert err.value.message == "the name 'A' has a single letter or digit: too short to screen"
    with pytest.raises(InputError, match="has no letters or digits"):
        parse_shipment(doc | {"consignee": {"name": "{-}"}})
    # an identifier (an IMO number for a vessel) is screened in the name's place
    s = parse_shipment(
        doc
        | {
            "consignee": {"name": "A", "identifiers": ["KR-110111-1234567"]},
            "vessel": {"name": "X", "imo": "9123456"},
        }
    )
    assert s.consignee.name == "A" and s.vessel is not None and s.vessel.name == "X"
    # optional parties may still be left out, or given as null
    s = parse_shipment(doc | {"end_user": None, "carrier": None, "vessel": {"imo": "9123456"}})
    assert [role for role, _ in s.parties()] == ["exporter", "consignee"]
    fields = parse_shipment(doc | {"intermediaries": [{"name": "Busan Freight"}]}).party_fields()
    assert [(where, role) for where, role, _ in fields] == [
        ("exporter", "exporter"),
        ("consignee", "consignee"),
        ("intermediaries.0", "intermediary"),
    ]


def test_bad_files(tmp_path: Path) -> None:
    bad = tmp_path / "s.json"
    bad.write_text('{"exporter": ', encoding="utf-8")
    with pytest.raises(InputError, match="invalid JSON"):
        load_shipment(bad)
    yml = tmp_path / "s.yaml"
    yml.write_text("exporter: [\n", encoding="utf-8")
    with pytest.raises(InputError, match="invalid YAML"):
        load_shipment(yml)
    lst = tmp_path / "l.yaml"
    lst.write_text("- 1\n", encoding="utf-8")
    with pytest.raises(InputError, match="top level"):
        load_shipment(lst)
    with pytest.raises(InputError, match="not found"):
        load_shipment(tmp_path / "missing.json")


def test_schema() -> None:
    schema = shipment_schema()
    assert schema["title"] == "Shipment"
    assert {"exporter", "consignee", "destination", "items"} <= set(schema["required"])
    assert "Item" in schema["$defs"] and "schema" in schema["$defs"]["Party"]["properties"]
