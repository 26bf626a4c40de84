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
    # US licensing under the EAR (tradeguard/policy/us.py): how an entry's ECCN was taken
    "us_entry": "{entry}: {why}",
    "us_outside_ccl": "controlled by the US as {national_code}, outside the EAR's Commerce "
    "Control List; the US licence requirement is not modelled",
    "us_eccn_known": "US ECCN from the knowledge base",
    "us_military_no_eccn": "a Military List entry with no US ECCN known; munitions the US "
    "controls on the USML (22 CFR parts 120 through 130) are not modelled",
    "us_no_eccn_number": "no US ECCN is known for this entry (not a Commerce Control List number)",
    "us_eccn_declared": "the declared code taken as the US ECCN",
    "us_eccn_wassenaar": "US ECCN assumed to carry the Wassenaar-based number of the entry",
    "us_no_eccn_record": "no US ECCN is known for this entry (the knowledge base has no US record)",
    # what the CCL data says of the ECCN
    "us_not_in_ccl": "{entry}: ECCN {eccn} is not in the Commerce Control List data ({version})",
    "us_no_requirements": "{entry}: the CCL data states no License Requirements for ECCN {eccn}",
    "us_no_paragraph": "{entry}: {eccn}.{paragraph} is not a paragraph of ECCN {eccn} in the CCL "
    "data",
    "us_any_eccn": "{see}: a licence for items in any ECCN (Country Chart footnote {footnote})",
    # whether a reason for control's scope covers the item's paragraph
    "us_scope_of": "{reason} {why}",
    "us_scope_entry": "the entire entry",
    "us_scope_condition": "applies to {condition_text} (a condition the engine does not test)",
    "us_scope_unknown_paragraphs": "the paragraph of the item is not known (paragraphs "
    "{paragraphs})",
    "us_scope_unknown_except": "the paragraph of the item is not known (entry except {paragraphs})",
    "us_scope_among": "paragraph {paragraph} is among {paragraphs}",
    "us_scope_narrower": "applies to {paragraphs}, narrower than paragraph {paragraph}",
    "us_scope_only": "applies to {paragraphs} only",
    "us_scope_except": "the entire entry except {paragraphs}",
    "us_scope_except_narrower": "the entire entry except {paragraphs}, narrower than paragraph "
    "{paragraph}",
    # what the reason for control requires for the destination
    "us_no_chart_row": "no Commerce Country Chart row for {destination}",
    "us_chart_x": "{column} (Country Chart X for {country})",
    "us_chart_no_x": "{column} (no X for {country})",
    "us_all_except": "all destinations except {countries}",
    "us_all": "a licence is required for all destinations",
    "us_to": "to {where}",
    "us_only_to": "only to {where}",
    "us_only_to_except": "only to {where} (excluding {except_groups})",
    "us_cwc": "to a State not Party to the CWC [the States Parties are taken from a secondary "
    "source]",
    "us_cwc_unless": "to a State not Party to the CWC, unless {unless_text} [the States Parties "
    "are taken from a secondary source]",
    "us_cwc_only": "only to States not Party to the CWC",
    "us_refer_no_footnote": "{see_text} (the Country Chart row of {country} has no footnote "
    "{footnote})",
    "us_refer": "the Country Chart does not decide it; see {see_text}",
    "us_refer_elsewhere": "the Country Chart does not decide it; see another section of the EAR",
    # a finding as the decision lists it
    "us_checked": "{eccn} {label}: {why}",
    "us_required": "{eccn} {why}",
}


def clause(code: str, **values: Any) -> dict[str, Any]:
    """One clause: its code and values."""
    if code not in ENGLISH:
        raise KeyError(f"no clause {code!r}")
    return {"code": code, **values}


def words(one: dict[str, Any]) -> str:
    """The clause in English, as the core's messages say it."""
    values = {
        key: "; ".join(words(v) for v in value)
        if key == "why"
        else ", ".join(str(v) for v in value)
        if isinstance(value, list)
        else value
        for key, value in one.items()
    }
    if "country_groups" in one:  # a list of destinations: countries, then Country Groups
        groups = [f"Country Group {g}" for g in one["country_groups"]]
        values["where"] = ", ".join([*one.get("countries", []), *groups])
    return ENGLISH[str(one["code"])].format(**values)


def unique(clauses: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """The clauses without repeats, in their first order."""
    return list({json.dumps(c, sort_keys=True, default=str): c for c in clauses}.values())
