"""The shipment form: fields read into a shipment, every error beside its field, a 422 page
with the form as typed (never a blank page), and a decision from a valid form."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError

from tradeguard.shipments import Shipment
from tradeguard.store import Store
from tradeguard.web import shipment_form as sf

from .helpers import log_in, page_client

VALID = {
    "id": "FORM-1",
    "destination": "中国",
    "as_of": "2026-03-01",
    "exporter.name": "Morita Chemical Trading Co., Ltd.",
    "exporter.country": "日本",
    "exporter.address": "1-2-3 Marunouchi, Tokyo",
    "consignee.name": "Dandong Hongxiang Industrial Development Co., Ltd.",
    "consignee.country": "CN",
    "consignee.address": "Dandong, Liaoning",
    "end_user.name": "조선련봉총회사",
    "end_user.country": "북한",
    "items.0.description": "Centrifugal pumps, stainless steel",
    "items.0.hs": "8413.70",
    "items.0.quantity": "4",
    "items.0.value": "16000",
    "items.0.currency": "USD",
}


def test_form_to_document_skips_blank_rows_and_reads_parameters() -> None:
    state = sf.read_form(
        VALID
        | {
            "items.1.description": "",
            "items.2.description": "Fluorinated polyimide",
            "items.2.params": "fluorine_pct = 27 %\nthickness_um = 25",
            "licences.0.number": "JP-2026-001",
            "licences.0.jurisdiction": "JP",
            "licences.0.type": "individual",
        }
    )
    assert state.rows["items"] == 3
    doc = sf.to_document(state)
    assert [i["description"] for i in doc["items"]][1] == "Fluorinated polyimide"
    assert doc["items"][1]["params"] == {"fluorine_pct": "27 %", "thickness_um": 25.0}
    ship = Shipment.model_validate(doc)
    assert ship.destination == "CN" and ship.end_user is not None
    assert ship.end_user.country == "KP" and ship.licences[0].number == "JP-2026-001"


def test_errors_land_on_the_form_row_they_are_about() -> None:
    state = sf.read_form(
        VALID
        | {
            "destination": "Korea",
            "items.1.description": "",
            "items.2.description": "Valves",
            "items.2.hs": "84x",
            "items.2.params": "no equals sign",
            "consignee.name": "",
        }
    )
    doc = sf.to_document(state)
    with pytest.raises(ValidationError) as err:
        Shipment.model_validate(doc)
    sf.map_errors(state, err.value)
    assert "KR (South Korea) or KP (North Korea)" in state.errors["destination"][0]
    assert "not an HS code" in state.errors["items.2.hs"][0]  # the form's row 3, not the doc's 2
    assert "name = value" in state.errors["items.2.params"][0]
    assert "consignee.name" in state.errors


def test_the_error_summary_names_each_field_by_its_label() -> None:
    """The summary of the fields to correct names them as the page labels them (it named them
    by their document paths, ``destination``, in English on every page)."""
    names = {
        "destination": "Destination country",
        "exporter.name": "Exporter · Name",
        "items.2.description": "Description (3)",
        "items.2.hs": "Item 3 · HS code",
        "licences.0.number": "Licence number (1)",
        "intermediaries.1.country": "Intermediary 2 · Country",
        "form": "Declaration",
        "nope.x": "nope.x",
    }
    assert {n: sf.field_label(n) for n in names} == names


@pytest.mark.parametrize("lang", ["ja", "ko"])
def test_the_error_summary_is_in_the_page_language(client: TestClient, lang: str) -> None:
    csrf = log_in(client)
    bad = VALID | {"csrf": csrf, "destination": "XX", "items.0.cas": "7664-39", "exporter.name": ""}
    r = client.post("/ui/shipment/form", data=bad, headers={"Accept-Language": lang})
    assert r.status_code == 422
    summary = r.text[r.text.index('id="form-errors"') :].split("</p>")[0]
    links = dict(re.findall(r'<a href="#(f-[^"]+)">([^<]+)</a>', summary))
    assert set(links) == {"f-destination", "f-items-0-cas", "f-exporter-name"}
    for field_id, text in links.items():
        label = re.search(rf'<label for="{field_id}">([^<]+)</label>', r.text)
        assert label and label.group(1) in text, (field_id, text)  # as the page labels it
        assert not re.search(r"[a-z]{3}", text), text  # no English word, no path


@pytest.fixture
def client(loaded_store: Store) -> Iterator[TestClient]:
    yield from page_client(loaded_store)


def _error_beside(html: str, name: str) -> str:
    field_id = "f-" + name.replace(".", "-")
    match = re.search(rf'id="{field_id}-err"[^>]*>([^<]*)<', html)
    assert match, f"no error shown beside {name}"
    return match.group(1)


def test_form_page_errors_then_decision(client: TestClient) -> None:
    csrf = log_in(client)
    page = client.get("/ui/shipment/form")
    assert page.status_code == 200 and 'name="items.1.hs"' in page.text
    bad = VALID | {
        "csrf": csrf,
        "destination": "XX",
        "items.0.cas": "7664-39",
        "as_of": "2026-13-01",
    }
    r = client.post("/ui/shipment/form", data=bad)
    assert r.status_code == 422
    assert "unknown country code" in _error_beside(r.text, "destination")
    assert "not a CAS number" in _error_beside(r.text, "items.0.cas")
    assert "not a date" in _error_beside(r.text, "as_of")
    summary = r.text[r.text.index('id="form-errors"') :].split("</p>")[0]
    assert '<a href="#f-destination">Destination country</a>' in summary
    assert '<a href="#f-items-0-cas">Item 1 · CAS number</a>' in summary
    assert 'value="Morita Chemical Trading Co., Ltd."' in r.text  # the form as typed
    more = client.post("/ui/shipment/form", data=VALID | {"csrf": csrf, "more": "items"})
    assert more.status_code == 200 and 'name="items.2.hs"' in more.text
    assert "Decision:" not in more.text
    r = client.post("/ui/shipment/form", data=VALID | {"csrf": csrf})
    assert r.status_code == 200, r.text[-500:]
    assert re.search(r'class="verdict v-prohibited"', r.text)
    assert "/ui/cases/" in r.text
    assert client.post("/ui/shipment/form", data=VALID).status_code == 403  # no CSRF token


def test_screening_result_one_row_per_party_with_consequences(client: TestClient) -> None:
    csrf = log_in(client)
    form = {"csrf": csrf, "name": "Korea Ryonbong General Corp", "type": "Organization"}
    r = client.post("/ui/screen", data=form)
    assert r.status_code == 200
    rows = r.text.count('<li class="match">')
    assert rows == 1  # one party, whatever the number of lists it is on
    badges = re.findall(r'<span class="badge"[^>]*>([^<]+)</span>', r.text)
    assert badges[0] == "UN Security Council Consolidated List"  # the UN first
    assert "OFAC Specially Designated Nationals List" in badges
    assert "UN Security Council asset freeze" in r.text
    assert re.search(r"<mark>ryonbong</mark>", r.text, re.IGNORECASE)
    assert "Words that agree" in r.text and '"tokens"' not in r.text  # words, no raw JSON
    results = r.text[r.text.index('id="results-h"') :]
    assert "un_sc" not in re.sub(r'href="[^"]*"', "", results)  # list names, not codes


def test_country_names_follow_the_page_language(client: TestClient) -> None:
    from tradeguard.language.i18n import negotiate

    assert negotiate("ko-KR,ko;q=0.9,en;q=0.8") == "ko"
    assert negotiate("ja,en-US;q=0.7") == "ja"
    assert negotiate("fr-FR,de;q=0.5") == "en"
    assert negotiate("") == "en"
    log_in(client)
    client.get("/ui/lang", params={"l": "ko", "next": "/ui/"})  # the switch, not the browser
    text = client.get("/ui/shipment/form", headers={"Accept-Language": "ja"}).text
    assert '<option value="KP">북한</option>' in text and "North Korea</option>" not in text


def test_the_organisations_own_exporter_on_the_form_and_the_api(
    client: TestClient, loaded_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tradeguard.cases.workflow import get_case
    from tradeguard.lists.consequences import basis_jurisdiction

    from ..cases.helpers import token

    monkeypatch.setenv("TRADEGUARD_ORG_NAME", "Morita Chemical Trading Co., Ltd.")
    monkeypatch.setenv("TRADEGUARD_ORG_COUNTRY", "JP")
    monkeypatch.setenv("TRADEGUARD_ORG_ADDRESS", "1-2-3 Marunouchi, Tokyo")
    csrf = log_in(client)
    blank = {k: v for k, v in VALID.items() if not k.startswith("exporter.")}
    r = client.post("/ui/shipment/form", data=blank | {"csrf": csrf})
    assert r.status_code == 200, r.text[-500:]
    assert re.search(r'class="verdict v-prohibited"', r.text)
    assert "exporter &#39;Morita" not in r.text and "exporter 'Morita" not in r.text
    case_id = int(re.findall(r"/ui/cases/(\d+)", r.text)[0])
    request = get_case(loaded_store, case_id).to_dict()
    assert "1-2-3 Marunouchi" in str(request)
    # the API: no exporter given, the organisation's; reasons by legal basis, JP first
    bearer = {"Authorization": f"Bearer {token(loaded_store, 'ana').token}"}
    body = {
        "date": "2026-03-01",
        "consignee": {"name": "Pyongyang Machine Tool Import Company", "country": "KP"},
        "destination": "KP",
        "items": [{"description": "CNC horizontal lathe", "hs": "8458.11"}],
    }
    r = client.post("/evaluate", json=body, headers=bearer)
    assert r.status_code == 200, r.text
    decision = r.json()
    assert decision["exporting_jurisdiction"] == "JP"
    assert not [x for x in decision["reasons"] if x["party"] == "exporter"]
    where = [basis_jurisdiction(x["legal_basis"]) for x in decision["reasons"]]
    assert where[0] == "JP" and where.index("UN") > where.index("JP")
