"""The declarations file of a bulk audit: a CSV or Parquet file with one row per line item, rows
sharing a ``declaration_id`` forming one declaration (its header columns read from its first
row), each turned into the shipment document :func:`tradeguard.shipments.parse_shipment` reads.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from tradeguard import settings
from tradeguard.errors import InputError

REQUIRED = ("declaration_id", "destination")
#: The exporter of a declaration that names none, when the organisation has no record in its
#: settings (``TRADEGUARD_ORG_NAME``): the declaration goes to review (``EXPORTER_NOT_DECLARED``).
NOT_DECLARED = "(not declared)"
#: Every column the audit reads (others are ignored).
COLUMNS = (
    "declaration_id", "date", "export_country", "destination",
    "exporter_name", "exporter_country", "exporter_address",
    "consignee_name", "consignee_country", "consignee_address",
    "end_user_name", "end_user_country", "end_user_address",
    "port_of_loading", "ports_of_transshipment", "port_of_discharge",
    "vessel_name", "vessel_imo", "end_use",
    "line", "description", "hs", "cas", "quantity", "unit", "value", "currency", "origin",
    "control_entry", "params", "licence_number", "licence_type", "licence_jurisdiction",
    "licence_entries", "licence_valid_until",
    "expert_classification_number", "self_classification_number", "exemption_report_number",
)  # fmt: skip
#: Besides ``params`` ("fluorine_pct=12; unprocessed=true"), a column named after a
#: classification parameter or one of its aliases (``concentration_pct``, ``wavelength_nm``)
#: gives that parameter for the row's item. ``licence_number`` may hold several references
#: separated by ``;``; ``licence_entries`` (``;``-separated) are the entries they cover (empty:
#: all), ``licence_valid_until`` their expiry (YYYY-MM-DD).


def _rows(path: Path, fmt: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line, row) of every row, text columns; the file is read whole or refused as a batch
    input is (:func:`tradeguard.tabular.read.read_table`), as the Dask runner reads it."""
    from tradeguard.tabular.read import LINE, read_table

    table = read_table(path, REQUIRED, allow_no_rows=True, fmt=fmt)
    for batch in table.to_batches():
        for row in batch.to_pylist():
            yield row.pop(LINE), row


def read_declarations(path: Path) -> Iterator[tuple[str, int, list[dict[str, Any]]]]:
    """Group the rows of a CSV/Parquet file into declarations: ``(id, first row number, rows)``."""
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        rows: Iterable[tuple[int, dict[str, Any]]] = _rows(path, ".parquet")
    elif suffix in (".csv", ".txt"):
        rows = _rows(path, ".csv")
    else:
        raise InputError("expected a .csv or .parquet file", source=str(path))
    groups: dict[str, tuple[int, list[dict[str, Any]]]] = {}
    for n, row in rows:
        key = _text(row.get("declaration_id"))
        if not key:
            raise InputError(
                "empty declaration_id", source=str(path), line=n, field="declaration_id"
            )
        groups.setdefault(key, (n, []))[1].append(row)
    for key, (n, group) in groups.items():
        yield key, n, group


def _text(value: Any) -> str | None:
    text = None if value is None else str(value).strip()
    return text or None


def declared_party(row: dict[str, Any], prefix: str) -> dict[str, Any] | None:
    name = _text(row.get(f"{prefix}_name"))
    if name is None:
        return None
    return {
        "name": name,
        "country": _text(row.get(f"{prefix}_country")),
        "address": _text(row.get(f"{prefix}_address")),
    }


def _port(value: Any) -> dict[str, Any] | None:
    text = _text(value)
    if text is None:
        return None
    if len(text.replace(" ", "")) == 5 and text[:2].isalpha():
        return {"locode": text}
    if len(text) == 2:
        return {"country": text}
    return {"name": text}


def _number(value: Any, name: str) -> float | None:
    text = _text(value)
    try:
        return None if text is None else float(text.replace(",", ""))
    except ValueError:
        raise InputError(f"{text!r} is not a number", field=name) from None


def declaration_document(decl_id: str, rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The shipment document of one declaration's rows."""
    head = rows[0]
    # no exporter declared: the organisation's own record (the shipment model reads it as
    # the organisation's, so it gets no missing-address review), else a placeholder
    exporter = declared_party(head, "exporter") or settings.organisation() or {"name": NOT_DECLARED}
    consignee = declared_party(head, "consignee") or {"name": "(not declared)"}
    doc: dict[str, Any] = {
        "id": decl_id,
        "date": _text(head.get("date")),
        "export_country": _text(head.get("export_country")),
        "exporter": exporter,
        "consignee": consignee,
        "end_user": declared_party(head, "end_user"),
        "destination": _text(head.get("destination")),
        "end_use": _text(head.get("end_use")),
        "port_of_loading": _port(head.get("port_of_loading")),
        "port_of_discharge": _port(head.get("port_of_discharge")),
        "ports_of_transshipment": [
            p
            for p in (
                _port(x) for x in (_text(head.get("ports_of_transshipment")) or "").split(";")
            )
            if p
        ],
        "items": [],
        "licences": [],
    }
    if _text(head.get("vessel_imo")) or _text(head.get("vessel_name")):
        doc["vessel"] = {
            "name": _text(head.get("vessel_name")),
            "imo": _text(head.get("vessel_imo")),
        }
    licences: dict[str, dict[str, Any]] = {}
    for row in rows:
        line = _text(row.get("line"))
        item: dict[str, Any] = {
            "line": int(float(line)) if line else None,
            "description": _text(row.get("description")),
            "hs": _text(row.get("hs")),
            "cas": _text(row.get("cas")),
            "quantity": _number(row.get("quantity"), "quantity"),
            "unit": _text(row.get("unit")),
            "value": _number(row.get("value"), "value"),
            "currency": _text(row.get("currency")),
            "origin": _text(row.get("origin")),
            "control_entry": _text(row.get("control_entry")),
        }
        params = _params(row)
        if params:
            item["params"] = params
        doc["items"].append(item)
        entries = _list(row.get("licence_entries"))
        for number in _list(row.get("licence_number")):
            lic = licences.get(number)
            if lic is None:
                lic = licences[number] = {
                    "number": number,
                    "type": _text(row.get("licence_type")) or "individual",
                    "jurisdiction": _text(row.get("licence_jurisdiction")),
                    "entries": [],
                    "valid_until": _text(row.get("licence_valid_until")),
                }
            lic["entries"].extend(e for e in entries if e not in lic["entries"])
    doc["licences"] = [{k: v for k, v in lic.items() if v is not None} for lic in licences.values()]
    return {k: v for k, v in doc.items() if v is not None}


def _list(value: Any) -> list[str]:
    return [part.strip() for part in (_text(value) or "").split(";") if part.strip()]


def _params(row: dict[str, Any]) -> dict[str, str]:
    """The item parameters of a row: the ``params`` column and parameter-named columns."""
    from tradeguard.items.classifier import knowledge_base

    aliases = knowledge_base().params.by_alias
    out: dict[str, str] = {}
    for part in _list(row.get("params")):
        name, sep, value = part.partition("=")
        if not sep or not name.strip() or not value.strip():
            raise InputError(f"parameter {part!r}: expected name=value", field="params")
        out[name.strip()] = value.strip()
    for key, value in row.items():
        text = _text(value)
        if text and key not in COLUMNS and str(key).replace("-", "_").lower() in aliases:
            out[str(key)] = text
    return out


def count_declarations(path: Path) -> int:
    """How many declarations a file holds (for a progress bar's total)."""
    return sum(1 for _ in read_declarations(path))
