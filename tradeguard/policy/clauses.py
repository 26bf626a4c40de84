"""Why a catch-all, a Korean licence or a denied party's prohibition fired, and what a Korean
exemption still needs shown, as clauses: each a dict with a ``code`` and the
values its words are written from, so that a face can say it in another language
(``Reason.params["why"]``). The English words here are those of the core's messages; a value
named ``*_text`` is a sentence of the data files."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

#: The English words of each clause (``str.format`` with the clause's values, lists joined).
ENGLISH = {
    "informed": "the exporter was informed by the authority",
    "wmd_end_use": "end-use statement mentions {words}",
    "end_user_listed": "end user screens on {lists}",
    "military_end_use": "military end use ({words})",
    "kr_entity_list": "a party is on the {title_text} (Notice Art. 54(3))",
    "kr_listed": "the end user or consignee is on {lists} (UN Security Council designees are on "
    "the catch-all entity list, Notice Art. 94-2 item 1)",
    "kr_informed": "the ministry notified that a licence is needed (Notice Art. 54(4))",
    "kr_knows": "the exporter knows of use for WMD, missiles or conventional arms",
    "kr_knows_said": "the exporter knows of use for WMD, missiles or conventional arms "
    "(end-use statement: {words})",
    "kr_suspicion": "suspicion (region {region}): {flags_text}",
    "kr_annex": "a 별표2의2 item (Notice Art. 57(5))",
    "kr_contract_before": "contract signed {contract}, before the row applied ({since})",
    "kr_korean_subsidiary": "the buyer is an overseas subsidiary of a Korean company",
    "kr_buyer_in_ga": "the buyer is incorporated in a 가-region country",
    "kr_gap_not_sensitive": "the entry is not WA sensitive or very sensitive",
    "kr_gap_wa_member": "the destination is a Wassenaar member or the end user's headquarters is "
    "in a 별표23 country",
    "kr_gap_usd_value": "the value in USD is at most {limit:,.0f} (value given in {currency})",
    "kr_gap_buyer_year": "exports of the item to the same buyer in the year before did not exceed "
    "USD {limit:,.0f} (the buyer's year total is not given)",
    "ear_us_export": "exported from the US",
    "ear_us_origin": "item {items} of US origin",
}


def clause(code: str, **values: Any) -> dict[str, Any]:
    """One clause: its code and values."""
    if code not in ENGLISH:
        raise KeyError(f"no clause {code!r}")
    return {"code": code, **values}


def words(one: dict[str, Any]) -> str:
    """The clause in English, as the core's messages say it."""
    values = {
        key: ", ".join(str(v) for v in value) if isinstance(value, list) else value
        for key, value in one.items()
    }
    return ENGLISH[str(one["code"])].format(**values)


def unique(clauses: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """The clauses without repeats, in their first order."""
    return list({json.dumps(c, sort_keys=True, default=str): c for c in clauses}.values())
