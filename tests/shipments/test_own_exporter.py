"""The organisation's own exporter from its settings (TRADEGUARD_ORG_NAME, _COUNTRY, _ADDRESS): an omitted exporter, or
the organisation named as exporter, is its record and gives no missing-address review; and
reasons in the exporting jurisdiction's order (its own, then the UN, then the others)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tradeguard.errors import InputError
from tradeguard.lists.consequences import basis_jurisdiction
from tradeguard.policy import Reason, sort_reasons
from tradeguard.shipments import Evaluator, audit_declarations, parse_shipment
from tradeguard.shipments.audit import NOT_DECLARED
from tradeguard.shipments.model import is_organisation

OWN = {"name": "Morita Chemical Trading Co., Ltd.", "country": "JP", "address": "1-2-3 Otemachi"}
DPRK = {
    "date": "2024-03-15",
    "consignee": {"name": "Pyongyang Machine Tool Import Company", "country": "KP"},
    "destination": "KP",
    "items": [{"description": "CNC horizontal lathe", "hs": "8458.11"}],
}


@pytest.fixture
def organisation(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRADEGUARD_ORG_NAME", OWN["name"])
    monkeypatch.setenv("TRADEGUARD_ORG_COUNTRY", "日本")
    monkeypatch.setenv("TRADEGUARD_ORG_ADDRESS", OWN["address"])


def _no_address(decision: Any) -> set[str]:
    return {str(r.party) for r in decision.reasons if r.code == "PARTY_NO_ADDRESS"}


@pytest.mark.usefixtures("organisation")
def test_an_omitted_exporter_is_the_organisation() -> None:
    shipment = parse_shipment(DPRK)
    assert shipment.exporter.name == OWN["name"] and shipment.exporter.own
    assert shipment.exporter.country == "JP" and shipment.export_country == "JP"
    assert shipment.exporter.address == OWN["address"]
    decision = Evaluator().evaluate(shipment)
    assert _no_address(decision) == {"consignee"}  # the foreign party still gets its review


@pytest.mark.usefixtures("organisation")
def test_the_organisation_named_loosely_uses_its_record(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TRADEGUARD_ORG_ADDRESS")
    named = parse_shipment(DPRK | {"exporter": {"name": "MORITA chemical trading co ltd"}})
    assert named.exporter.own and named.exporter.name == OWN["name"]
    # no address configured: still no review for the organisation's own record
    assert named.exporter.address is None
    assert _no_address(Evaluator().evaluate(named)) == {"consignee"}
    other = parse_shipment(DPRK | {"exporter": {"name": "Another Trading KK", "country": "JP"}})
    assert not other.exporter.own
    assert _no_address(Evaluator().evaluate(other)) == {"exporter", "consignee"}
    # the same name in another country is another firm
    abroad = {"name": OWN["name"], "country": "CN", "address": "Dalian"}
    assert not parse_shipment(DPRK | {"exporter": abroad}).exporter.own


def test_without_the_setting_an_exporter_is_required() -> None:
    with pytest.raises(InputError, match="exporter"):
        parse_shipment(DPRK)
    shipment = parse_shipment(DPRK | {"exporter": {"name": OWN["name"], "country": "JP"}})
    assert not shipment.exporter.own
    assert "exporter" in _no_address(Evaluator().evaluate(shipment))


@given(
    st.text(alphabet=" .,-", max_size=3),
    st.sampled_from([str.upper, str.lower, str.title, str]),
)
def test_the_organisation_is_known_by_its_name_whatever_the_case_and_punctuation(
    extra: str, case: Any
) -> None:
    assert is_organisation({"name": case(OWN["name"]) + extra, "country": None}, OWN)
    assert not is_organisation({"name": "Morita Chemicals Trading"}, OWN)


def test_reasons_the_exporting_jurisdiction_first_then_the_un() -> None:
    exporter = {"name": "Morita Chemical Trading Co., Ltd.", "country": "JP", "address": "Tokyo"}
    decision = Evaluator().evaluate(parse_shipment(DPRK | {"exporter": exporter}))
    where = [basis_jurisdiction(r.legal_basis) for r in decision.reasons]
    assert where[0] == "JP" and "UN" in where
    assert where.index("UN") > max(i for i, w in enumerate(where) if w == "JP")
    chinese = exporter | {"country": "CN", "address": "Dandong"}
    decision = Evaluator().evaluate(parse_shipment(DPRK | {"exporter": chinese}))
    assert basis_jurisdiction(decision.reasons[0].legal_basis) == "UN"


def test_sort_reasons_by_basis_then_severity() -> None:
    def reason(code: str, severity: str, basis: str) -> Reason:
        return Reason(code=code, severity=severity, message=code, legal_basis=basis)  # type: ignore[arg-type]

    reasons = [
        reason("flag", "review", "BIS red flag 6"),
        reason("un", "prohibited", "UNSC res. 2397 (2017) para. 7"),
        reason("us", "licence_required", "15 CFR 744.21"),
        reason("jp-review", "review", "FEFTA Art. 25"),
        reason("jp", "prohibited", "FEFTA Art. 48(3)"),
    ]
    assert [r.code for r in sort_reasons(reasons, "JP")] == ["jp", "jp-review", "un", "us", "flag"]
    assert [r.code for r in sort_reasons(reasons, "US")][:2] == ["us", "un"]


def test_a_bad_organisation_country_names_the_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRADEGUARD_ORG_NAME", OWN["name"])
    monkeypatch.setenv("TRADEGUARD_ORG_COUNTRY", "Korea")
    with pytest.raises(InputError) as raised:
        parse_shipment(dict(DPRK))
    assert raised.value.field == "TRADEGUARD_ORG_COUNTRY" and "ambiguous" in str(raised.value)
    monkeypatch.setenv("TRADEGUARD_ORG_COUNTRY", "日本")
    assert parse_shipment(dict(DPRK)).exporter.country == "JP"


def _audit_without_exporter(tmp_path: Path) -> tuple[dict[str, Any], Any]:
    """A declaration that names no exporter, audited with the decisions kept."""
    path = tmp_path / "declarations.csv"
    path.write_text(
        "declaration_id,date,export_country,destination,consignee_name,consignee_country,"
        "consignee_address,line,description,hs\n"
        "D1,2024-05-01,JP,CN,Shanghai Huada Trading Co. Ltd.,CN,Shanghai,1,office chairs,940131\n",
        encoding="utf-8",
    )
    result, decisions = audit_declarations(path, Evaluator(), keep_decisions=True)
    return result.to_dict(), decisions[0]


@pytest.mark.usefixtures("organisation")
def test_a_declaration_without_exporter_is_the_organisations(tmp_path: Path) -> None:
    out, decision = _audit_without_exporter(tmp_path)
    exporter = decision.parties[0]
    assert exporter.role == "exporter" and exporter.name == OWN["name"]
    row = out["declarations"][0]
    assert row["verdict"] == "CLEAR", row
    assert row["reason_codes"].split(";") == ["EXPORTER_FROM_SETTINGS"]  # said in the output
    assert not _no_address(decision)
    assert out["summary"]["exporter_from_settings"] == 1
    assert out["summary"]["exporter_not_declared"] == 0


def test_a_declaration_without_exporter_and_no_setting_is_reviewed(tmp_path: Path) -> None:
    out, decision = _audit_without_exporter(tmp_path)
    assert decision.parties[0].name == NOT_DECLARED
    row = out["declarations"][0]
    assert row["verdict"] == "REVIEW"
    assert "EXPORTER_NOT_DECLARED" in row["reason_codes"].split(";")
    assert "EXPORTER_FROM_SETTINGS" not in row["reason_codes"]
    assert out["summary"]["exporter_not_declared"] == 1
