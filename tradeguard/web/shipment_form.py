"""The shipment form: its fields read into a shipment document, and the model's errors mapped
back onto the fields, so that every error is shown beside the field it is about.

Field names follow the document's paths: ``exporter.name``, ``intermediaries.0.country``,
``items.1.hs``, ``licences.0.number``. An item's parameters are one per line, ``name = value``
with the unit after the value (``wavelength_nm = 193 nm``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from tradeguard.language import i18n
from tradeguard.language.labels import N_

PARTY_ROLES = ("exporter", "consignee", "end_user")
PARTY_FIELDS = ("name", "country", "address")
ITEM_FIELDS = ("description", "hs", "cas", "params", "quantity", "unit", "value", "currency")
LICENCE_FIELDS = ("number", "jurisdiction", "type", "valid_until")
LICENCE_TYPES = ("individual", "general", "comprehensive", "exemption")
MIN_ROWS = {"items": 2, "intermediaries": 1, "licences": 1}
MAX_ROWS = 50
_NUMBER = re.compile(r"^[+-]?\d+(?:\.\d+)?$")

#: The words of the form's labels (the template's msgids), so that the error summary names a
#: field as the page labels it: a field of the declaration, a party's or a row's field with its
#: group, or a row's label that already gives its number (``%(n)s``: the row as shown, from 1).
_TOP = {
    "id": N_("Reference"),
    "destination": N_("Destination country"),
    "export_country": N_("Country of export"),
    "as_of": N_("As of"),
    "end_use": N_("End use (as stated)"),
    "form": N_("Declaration"),
}
_GROUPS = {
    "exporter": N_("Exporter"),
    "consignee": N_("Consignee"),
    "end_user": N_("End user"),
    "intermediaries": N_("Intermediary %(n)s"),
    "items": N_("Item %(n)s"),
    "licences": N_("Licence %(n)s"),
}
_FIELDS = {
    "name": N_("Name"),
    "country": N_("Country"),
    "address": N_("Address"),
    "description": N_("Description (%(n)s)"),
    "hs": N_("HS code"),
    "cas": N_("CAS number"),
    "params": N_("Parameters"),
    "quantity": N_("Quantity"),
    "unit": N_("Unit"),
    "value": N_("Value"),
    "currency": N_("Currency"),
    "number": N_("Licence number (%(n)s)"),
    "jurisdiction": N_("Issued by"),
    "type": N_("Type"),
    "valid_until": N_("Valid until"),
}


@dataclass
class FormState:
    """What the page shows: the values typed, the rows of each table, the errors by field."""

    values: dict[str, str]
    rows: dict[str, int]
    errors: dict[str, list[str]] = field(default_factory=dict)

    def error(self, name: str, message: str) -> None:
        self.errors.setdefault(name, []).append(message)

    def get(self, name: str) -> str:
        return self.values.get(name, "")


def field_label(name: str) -> str:
    """The label of the form field ``name`` in the page's language, with its group where the
    label alone does not say which ("Exporter · Name", "Item 2 · HS code"; "Description (2)").
    A name the form does not have is shown as it is."""
    parts = name.split(".")
    if len(parts) == 1:
        return i18n.gettext(_TOP[name]) if name in _TOP else name
    group, word = _GROUPS.get(parts[0]), _FIELDS.get(parts[-1])
    if group is None or word is None or len(parts) > 3:
        return name
    row = {"n": int(parts[1]) + 1} if len(parts) == 3 and parts[1].isdigit() else {"n": ""}
    label = i18n.gettext(word) % row
    if "%(n)s" in word:  # the label numbers its row
        return label
    return f"{i18n.gettext(group) % row} · {label}"


def blank(as_of: dt.date) -> FormState:
    return FormState({"as_of": as_of.isoformat()}, dict(MIN_ROWS))


def _count(values: Mapping[str, str], table: str) -> int:
    used = -1
    for key, value in values.items():
        parts = key.split(".")
        if len(parts) >= 3 and parts[0] == table and parts[1].isdigit() and value.strip():
            used = max(used, int(parts[1]))
    return used + 1


def read_form(values: Mapping[str, str], more: str = "") -> FormState:
    """The form's state from the posted values (``more`` names a table to add a row to)."""
    clean = {
        k: v for k, v in values.items() if k not in ("csrf", "more") and not k.startswith("rows.")
    }
    rows = {}
    for table, least in MIN_ROWS.items():
        shown = values.get(f"rows.{table}", "")
        posted = int(shown) if shown.isdigit() else 0
        wanted = max(least, _count(clean, table), posted) + (1 if more == table else 0)
        rows[table] = min(MAX_ROWS, wanted)
    return FormState(clean, rows)


def _params(text: str, where: str, state: FormState) -> dict[str, str | float]:
    out: dict[str, str | float] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        name, sep, value = line.partition("=")
        if not sep or not name.strip() or not value.strip():
            state.error(where, f"line {number}: write a parameter as 'name = value unit'")
            continue
        value = value.strip()
        out[name.strip()] = float(value) if _NUMBER.match(value) else value
    return out


def to_document(state: FormState) -> dict[str, Any]:
    """The shipment document of the form (JSON-like, for ``Shipment.model_validate``); blank
    fields and blank rows are left out. Parameter lines that cannot be read are errors."""
    get = state.get
    doc: dict[str, Any] = {}
    for key in ("id", "destination", "export_country", "end_use"):
        if get(key).strip():
            doc[key] = get(key)
    for role in PARTY_ROLES:
        party = {f: get(f"{role}.{f}") for f in PARTY_FIELDS if get(f"{role}.{f}").strip()}
        if party or role != "end_user":
            doc[role] = party
    doc["intermediaries"] = []
    for n in range(state.rows["intermediaries"]):
        party = {f: get(f"intermediaries.{n}.{f}") for f in PARTY_FIELDS}
        if any(v.strip() for v in party.values()):
            doc["intermediaries"].append({k: v for k, v in party.items() if v.strip()})
    doc["items"] = []
    for n in range(state.rows["items"]):
        raw = {f: get(f"items.{n}.{f}") for f in ITEM_FIELDS}
        if not any(v.strip() for v in raw.values()):
            continue
        item: dict[str, Any] = {k: v for k, v in raw.items() if v.strip() and k != "params"}
        if raw["params"].strip():
            item["params"] = _params(raw["params"], f"items.{n}.params", state)
        doc["items"].append(item)
    doc["licences"] = []
    for n in range(state.rows["licences"]):
        raw = {f: get(f"licences.{n}.{f}") for f in LICENCE_FIELDS}
        if raw["number"].strip() or raw["jurisdiction"].strip() or raw["valid_until"].strip():
            doc["licences"].append({k: v for k, v in raw.items() if v.strip()})
    return doc


def _row_positions(state: FormState, table: str, fields: tuple[str, ...]) -> list[int]:
    """The form rows that made it into the document, in order (blank rows are skipped, so the
    document's ``items.1`` may be the form's row 2)."""
    return [
        n
        for n in range(state.rows[table])
        if any(state.get(f"{table}.{n}.{f}").strip() for f in fields)
    ]


def map_errors(state: FormState, exc: ValidationError) -> None:
    """Each of the model's errors onto the form field it is about (the nearest one shown)."""
    positions = {
        "items": _row_positions(state, "items", ITEM_FIELDS),
        "intermediaries": _row_positions(state, "intermediaries", PARTY_FIELDS),
        "licences": _row_positions(state, "licences", ("number", "jurisdiction", "valid_until")),
    }
    for err in exc.errors():
        loc = [str(p) for p in err["loc"]]
        message = str(err["msg"]).removeprefix("Value error, ")
        if loc and loc[0] in positions and len(loc) >= 2 and loc[1].isdigit():
            rows = positions[loc[0]]
            index = int(loc[1])
            loc[1] = str(rows[index]) if index < len(rows) else loc[1]
        if loc and loc[0] == "items" and len(loc) == 1:
            loc = ["items", str(positions["items"][0] if positions["items"] else 0), "description"]
            message = "enter at least one item"
        if len(loc) >= 3 and loc[0] == "items" and loc[2] == "params":
            loc = loc[:3]
        if loc in (["exporter"], ["consignee"]):
            loc.append("name")
        name = ".".join(loc[:3]) if loc else "form"
        state.error(name if _shown(state, name) else _nearest(name), message)


def _shown(state: FormState, name: str) -> bool:
    parts = name.split(".")
    if parts[0] in ("destination", "export_country", "id", "end_use", "as_of"):
        return len(parts) == 1
    if parts[0] in PARTY_ROLES:
        return len(parts) == 2 and parts[1] in PARTY_FIELDS
    tables = {"items": ITEM_FIELDS, "intermediaries": PARTY_FIELDS, "licences": LICENCE_FIELDS}
    return (
        parts[0] in tables
        and len(parts) == 3
        and parts[1].isdigit()
        and int(parts[1]) < state.rows[parts[0]]
        and parts[2] in tables[parts[0]]
    )


def _nearest(name: str) -> str:
    parts = name.split(".")
    if parts[0] in PARTY_ROLES:
        return f"{parts[0]}.name"
    if parts[0] == "items" and len(parts) >= 2:
        return f"items.{parts[1]}.description"
    if parts[0] == "intermediaries" and len(parts) >= 2:
        return f"intermediaries.{parts[1]}.name"
    if parts[0] == "licences" and len(parts) >= 2:
        return f"licences.{parts[1]}.number"
    return "form"


def parse_as_of(state: FormState) -> dt.date | None:
    text = state.get("as_of").strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        state.error("as_of", f"{text!r} is not a date (YYYY-MM-DD)")
        return None
