"""The sentences of the exemptions, catch-alls, Korean transit, brokering and North Korea
approvals, US licensing, the UN Iran measures and the network's ownership reasons, by
``CODE:form``, ``form`` or ``CODE`` (see :mod:`tradeguard.language.reason_words`), and the clauses
of a reason's ``why`` and ``grounds`` (:mod:`tradeguard.policy.clauses`). Legal references are
kept as the core writes them."""

from __future__ import annotations

from tradeguard.language.labels import N_
from tradeguard.lists.consequences import list_info

#: What a possible match that holds the shipment adds to its sentence (``params["hold_lists"]``,
#: :mod:`tradeguard.shipments.held`).
HELD = N_(
    "if so, it is the designated party on %(hold_lists)s: the shipment is held, whatever "
    "licence it has, until the match is confirmed or dismissed by four-eyes review (screen "
    "%(name)s with a case opened for each hit, propose true_match or false_positive in the "
    "screening case of %(entity_id)s, and have a second person approve it)"
)


def list_names(lists: list[str], lang: str) -> list[str]:
    """The names of ``lists`` (their ids) in ``lang`` (``tradeguard/data/lists``)."""
    return [list_info(str(x)).name(lang) for x in lists]


#: A sentence, or several tried in turn (the first whose values the reason has: a reason
#: stored before its values were codes keeps its quoted English).
SENTENCES: dict[str, str | tuple[str, ...]] = {
    "POSSIBLE_MATCH:dismissed": N_(
        "%(role)s %(name)s may be %(caption)s (%(entity_id)s) on %(list)s, score %(score)s: "
        "possible match dismissed by review (case %(case)s, reviewer %(reviewer)s, "
        "%(reviewed_on)s)"
    ),
    "OWNED_BY_BLOCKED_PERSONS": N_(
        "%(role)s %(name)s is blocked under the OFAC 50%% rule: %(shares)s = %(total)s held by "
        "blocked persons (threshold %(threshold)s)"
    ),
    "OWNED_OR_CONTROLLED_BY_DESIGNATED": N_(
        "%(role)s %(name)s appears owned or controlled by %(controllers)s (EU test); assess "
        "control before any dealing"
    ),
    "NETWORK_EXPOSURE": N_(
        "%(role)s %(name)s: %(paths)s path(s) to designated entities; shortest: %(route)s"
    ),
    "US_LICENCE_UNDECIDED": (
        N_("US: licence requirement for %(entries)s to %(destination)s undecided: %(findings)s"),
        N_(
            "US: licence requirement for %(entries)s to %(destination)s undecided: %(missing_text)s"
        ),
    ),
    "NO_LICENCE_NEEDED:us": (
        N_(
            "US: no licence for %(entries)s to %(destination)s (%(findings)s), subject to "
            "General Prohibitions 4–10"
        ),
        N_(
            "US: no licence for %(entries)s to %(destination)s (%(checked_text)s), subject to "
            "General Prohibitions 4–10"
        ),
    ),
    "NO_LICENCE_NEEDED:eu_internal": N_(
        "Transfer inside the EU to %(destination)s: no authorisation for Annex I items outside "
        "Annex IV (Annex IV not modelled)"
    ),
    "NO_LICENCE_NEEDED:kr_domestic": N_(
        "KR: supply inside Korea, not an export: the Foreign Trade Act's export and "
        "situational licences (Arts. 19-2, 19-3) apply to goods leaving Korea; technology "
        "given to a foreign national or company, in Korea or abroad, is an export (Art. 19-2 "
        "item 2: declare it as a deemed export)"
    ),
    "iran_arms_to": N_("Arms or military item to Iran: %(title_text)s"),
    "iran_arms_from": N_("Arms or military item from Iran: %(title_text)s"),
    "iran_listed_to": N_("%(entries)s (%(regimes)s list) to Iran: %(title_text)s"),
    "iran_listed_from": N_("%(entries)s (%(regimes)s list) from Iran: %(title_text)s"),
    "iran_unknown_to": N_(
        "%(entries)s to Iran: whether it is on the %(regimes)s lists is not known; %(title_text)s"
    ),
    "iran_unknown_from": N_(
        "%(entries)s from Iran: whether it is on the %(regimes)s lists is not known; %(title_text)s"
    ),
    "iran": N_("Iran: %(title_text)s"),
    "LICENCE_TYPE_UNDECIDED:bulk": (
        N_(
            "%(jurisdiction)s export of %(entries)s to %(destination)s (%(group_name)s) needs "
            "%(requirement)s; %(licences)s is a bulk licence: it covers the export only if it is a "
            "%(bulk_text)s and %(conditions_text)s"
        ),
        N_(
            "%(jurisdiction)s export of %(entries)s to %(destination)s (group %(group)s) needs "
            "%(requirement)s; %(licences)s is a bulk licence: it covers the export only if it is a "
            "%(bulk_text)s and %(conditions_text)s"
        ),
    ),
    "LICENCE_EXEMPT_LOW_VALUE": N_(
        "JP export of %(entries)s (row %(rows)s) worth %(value)s to %(destination)s: no licence "
        "under the low-value exemption (at most %(limit)s; the value is the total of the "
        "contract's goods of the row)"
    ),
    "LICENCE_EXEMPTION_UNDECIDED:jp_low_value": N_(
        "JP export of %(entries)s worth %(value)s to %(destination)s: exempt under the low-value "
        "exemption (%(limit)s) unless the item is of Appended Table 3-3 or row 15 (METI notice; "
        "threshold %(reduced)s); otherwise: %(otherwise)s"
    ),
    "CATCH_ALL_NOT_APPLICABLE:no_row": N_(
        "%(jurisdiction)s catch-all does not cover these goods: HS %(hs)s is in no catch-all row"
    ),
    "row_wmd": N_("%(jurisdiction)s WMD catch-all, row %(row)s goods to %(destination)s: %(why)s"),
    "row_conventional": N_(
        "%(jurisdiction)s conventional-weapons catch-all, row %(row)s goods to "
        "%(destination)s: %(why)s"
    ),
    "non_listed": N_(
        "%(jurisdiction)s catch-all for a non-listed item to %(destination)s: %(why)s"
    ),
    "CATCH_ALL_MILITARY:conventional": N_(
        "%(jurisdiction)s conventional catch-all: military end use (%(words)s) in %(destination)s"
    ),
    "CATCH_ALL_MILITARY:limited": N_(
        "%(jurisdiction)s conventional catch-all: military end use (%(words)s) in "
        "%(destination)s; the rule applies only to items listed in %(limited_text)s: establish "
        "whether the item is"
    ),
    "kr_plurilateral": N_(
        "KR: %(entries)s is a plurilateral item Korea designated only from %(since)s (Decree "
        "Art. 32 item 8): not a strategic item on this date; the situational licence still "
        "applies"
    ),
    "LICENCE_EXEMPT:kr_exemption": N_(
        "KR: no licence under Notice Art. %(article)s (%(title_text)s); due: %(report_text)s"
    ),
    "LICENCE_EXEMPTION_UNDECIDED:kr_exemption": (
        N_(
            "KR: exempt under Notice Art. %(article)s (%(title_text)s) only if: %(conditions)s; "
            "otherwise: %(otherwise)s"
        ),
        N_(
            "KR: exempt under Notice Art. %(article)s (%(title_text)s) only if: "
            "%(missing_text)s; otherwise: %(otherwise)s"
        ),
    ),
    "kr_knowledge": (
        N_(
            "KR: %(destination)s is in region %(region)s: only the exporter's knowledge triggers "
            "the situational licence (Notice Art. 54(2)); red flags noted: %(flags)s"
        ),
        N_(
            "KR: %(destination)s is in region %(region)s: only the exporter's knowledge triggers "
            "the situational licence (Notice Art. 54(2)); red flags noted: %(flags_text)s"
        ),
    ),
    "kr_medical": N_(
        "KR: medical devices are out of 별표2의2 for %(destination)s from 2025-02-28; a "
        "pre-report is enough"
    ),
    "KR_ANNEX2_2_UNDECIDED:counted": N_(
        "KR: undecided — needs the 별표2의2 list: whether HS %(hs)s to %(destination)s is a "
        "situational-licence item on %(on)s cannot be told without the annex file (tranche in "
        "force from %(since)s: %(items)s items; set TRADEGUARD_KR_ANNEX2_2)"
    ),
    "KR_ANNEX2_2_UNDECIDED:uncounted": N_(
        "KR: undecided — needs the 별표2의2 list: whether HS %(hs)s to %(destination)s is a "
        "situational-licence item on %(on)s cannot be told without the annex file (tranche in "
        "force from %(since)s, its count not published; set TRADEGUARD_KR_ANNEX2_2)"
    ),
    "kr_review": N_(
        "KR: situational licence needed: HS %(hs)s to %(destination)s is 별표2의2 row %(rows)s "
        "(%(description)s) from %(since)s; exceptional case-by-case review (별표24) is open: "
        "%(grounds)s"
    ),
    "kr_denial": N_(
        "KR: situational licence needed: HS %(hs)s to %(destination)s is 별표2의2 row %(rows)s "
        "(%(description)s) from %(since)s; policy of denial (no ground for the exceptional "
        "review of 별표24 given)"
    ),
    "KR_TRANSIT_LICENCE": N_(
        "KR: %(licence_types)s needed for goods through Korea to %(destination)s: %(why)s"
    ),
    "kr_transit": N_(
        "KR: strategic goods in transit to %(destination)s: a transit licence only on knowledge "
        "or suspicion, a notification, the entity list or a 별표2의2 item (Decree Art. 33-2; "
        "Notice Art. 57): none given"
    ),
    "kr_brokering": N_(
        "KR: brokering exempt: %(countries)s is in region 가 (Notice Art. 59-2(1)2); due: "
        "%(report_text)s"
    ),
    "kr_broker": N_(
        "KR: %(licence_types)s needed to broker %(entries)s from %(from)s to %(destination)s: "
        "neither country is in region 가; exempt also when the exporting country licensed it "
        "under the regimes (Notice Art. 59-2(1)1)"
    ),
    "KR_MOU_APPROVAL:hs": N_(
        "KR: goods to North Korea (HS %(hs)s) need %(approvals)s; in practice barred (the 5.24 "
        "measures of 2010 were never lifted); third-country routes fall under the Special "
        "Measures Notice bans"
    ),
    "KR_MOU_APPROVAL:plain": N_(
        "KR: goods to North Korea need %(approvals)s; in practice barred (the 5.24 measures of "
        "2010 were never lifted); third-country routes fall under the Special Measures Notice "
        "bans"
    ),
    "KR_MOU_APPROVAL:via": N_(
        "KR: declared destination %(declared)s, %(roles)s in North Korea: goods to North Korea "
        "need %(approvals)s; in practice barred (the 5.24 measures of 2010 were never lifted); "
        "third-country routes fall under the Special Measures Notice bans"
    ),
    "DENIED_PARTY:denied_ear": N_(
        "%(role)s %(name)s is under a US denial order: %(caption)s (%(entity_id)s, %(list)s), "
        "score %(score)s; the export is subject to the EAR (%(grounds)s): no one may take part "
        "in it with a denied person"
    ),
    "DENIED_PARTY:denied_unknown": N_(
        "%(role)s %(name)s is under a US denial order: %(caption)s (%(entity_id)s, %(list)s), "
        "score %(score)s; the declaration shows no US export or US-origin item: establish "
        "whether any item is subject to the EAR (US content or technology), in which case no "
        "one may take part in the export with a denied person"
    ),
    "EXPORTER_FROM_SETTINGS": N_(
        "no exporter declared: the organisation's own record %(name)s from its settings "
        "(TRADEGUARD_ORG_NAME) is the exporter"
    ),
    "EXPORTER_NOT_DECLARED": N_(
        "no exporter declared and no organisation record in the settings (TRADEGUARD_ORG_NAME): "
        "the exporter is unknown and was not screened"
    ),
}

#: The clauses of the US findings under the EAR (:mod:`tradeguard.policy.us`).
US_CLAUSES = {
    "us_entry": N_("%(entry)s: %(why)s"),
    "us_outside_ccl": N_(
        "controlled by the US as %(national_code)s, outside the EAR's Commerce Control List; the "
        "US licence requirement is not modelled"
    ),
    "us_eccn_known": N_("US ECCN from the knowledge base"),
    "us_military_no_eccn": N_(
        "a Military List entry with no US ECCN known; munitions the US controls on the USML (22 "
        "CFR parts 120 through 130) are not modelled"
    ),
    "us_no_eccn_number": N_(
        "no US ECCN is known for this entry (not a Commerce Control List number)"
    ),
    "us_eccn_declared": N_("the declared code taken as the US ECCN"),
    "us_eccn_wassenaar": N_("US ECCN assumed to carry the Wassenaar-based number of the entry"),
    "us_no_eccn_record": N_(
        "no US ECCN is known for this entry (the knowledge base has no US record)"
    ),
    "us_not_in_ccl": N_(
        "%(entry)s: ECCN %(eccn)s is not in the Commerce Control List data (%(version)s)"
    ),
    "us_no_requirements": N_(
        "%(entry)s: the CCL data states no License Requirements for ECCN %(eccn)s"
    ),
    "us_no_paragraph": N_(
        "%(entry)s: %(eccn)s.%(paragraph)s is not a paragraph of ECCN %(eccn)s in the CCL data"
    ),
    "us_any_eccn": N_(
        "%(see)s: a licence for items in any ECCN (Country Chart footnote %(footnote)s)"
    ),
    "us_scope_of": N_("%(reason)s %(why)s"),
    "us_scope_entry": N_("the entire entry"),
    "us_scope_condition": N_(
        "applies to %(condition_text)s (a condition the engine does not test)"
    ),
    "us_scope_unknown_paragraphs": N_(
        "the paragraph of the item is not known (paragraphs %(paragraphs)s)"
    ),
    "us_scope_unknown_except": N_(
        "the paragraph of the item is not known (entry except %(paragraphs)s)"
    ),
    "us_scope_among": N_("paragraph %(paragraph)s is among %(paragraphs)s"),
    "us_scope_narrower": N_("applies to %(paragraphs)s, narrower than paragraph %(paragraph)s"),
    "us_scope_only": N_("applies to %(paragraphs)s only"),
    "us_scope_except": N_("the entire entry except %(paragraphs)s"),
    "us_scope_except_narrower": N_(
        "the entire entry except %(paragraphs)s, narrower than paragraph %(paragraph)s"
    ),
    "us_no_chart_row": N_("no Commerce Country Chart row for %(destination)s"),
    "us_chart_x": N_("%(column)s (Country Chart X for %(country)s)"),
    "us_chart_no_x": N_("%(column)s (no X for %(country)s)"),
    "us_all_except": N_("all destinations except %(countries)s"),
    "us_all": N_("a licence is required for all destinations"),
    "us_to": N_("to %(where)s"),
    "us_only_to": N_("only to %(where)s"),
    "us_only_to_except": N_("only to %(where)s (excluding %(except_groups)s)"),
    "us_cwc": N_(
        "to a State not Party to the CWC [the States Parties are taken from a secondary source]"
    ),
    "us_cwc_unless": N_(
        "to a State not Party to the CWC, unless %(unless_text)s [the States Parties are taken "
        "from a secondary source]"
    ),
    "us_cwc_only": N_("only to States not Party to the CWC"),
    "us_refer_no_footnote": N_(
        "%(see_text)s (the Country Chart row of %(country)s has no footnote %(footnote)s)"
    ),
    "us_refer": N_("the Country Chart does not decide it; see %(see_text)s"),
    "us_refer_elsewhere": N_(
        "the Country Chart does not decide it; see another section of the EAR"
    ),
    "us_checked": N_("%(eccn)s %(label)s: %(why)s"),
    "us_required": N_("%(eccn)s %(why)s"),
}

#: The clauses of ``why`` and ``grounds`` (:data:`tradeguard.policy.clauses.ENGLISH`).
CLAUSES: dict[str, str | tuple[str, ...]] = {
    "informed": N_("the exporter was informed by the authority"),
    "wmd_end_use": N_("end-use statement mentions %(words)s"),
    "end_user_listed": N_("end user screens on %(lists)s"),
    "military_end_use": N_("military end use (%(words)s)"),
    "kr_entity_list": N_("a party is on the %(title_text)s (Notice Art. 54(3))"),
    "kr_listed": N_(
        "the end user or consignee is on %(lists)s (UN Security Council designees are on the "
        "catch-all entity list, Notice Art. 94-2 item 1)"
    ),
    "kr_informed": N_("the ministry notified that a licence is needed (Notice Art. 54(4))"),
    "kr_knows": N_("the exporter knows of use for WMD, missiles or conventional arms"),
    "kr_knows_said": N_(
        "the exporter knows of use for WMD, missiles or conventional arms (end-use statement: "
        "%(words)s)"
    ),
    "kr_suspicion": (
        N_("suspicion (region %(region)s): %(flags)s"),
        N_("suspicion (region %(region)s): %(flags_text)s"),
    ),
    "kr_annex": N_("a 별표2의2 item (Notice Art. 57(5))"),
    "kr_contract_before": N_("contract signed %(contract)s, before the row applied (%(since)s)"),
    "kr_korean_subsidiary": N_("the buyer is an overseas subsidiary of a Korean company"),
    "kr_buyer_in_ga": N_("the buyer is incorporated in a 가-region country"),
    "kr_gap_not_sensitive": N_("the entry is not WA sensitive or very sensitive"),
    "kr_gap_wa_member": N_(
        "the destination is a Wassenaar member or the end user's headquarters is in a 별표23 "
        "country"
    ),
    "kr_gap_usd_value": N_("the value in USD is at most %(limit)s (value given in %(currency)s)"),
    "kr_gap_buyer_year": N_(
        "exports of the item to the same buyer in the year before did not exceed USD %(limit)s "
        "(the buyer's year total is not given)"
    ),
    "ear_us_export": N_("exported from the US"),
    "ear_us_origin": N_("item %(items)s of US origin"),
    **US_CLAUSES,
}

#: The red flags of the Foreign Trade Act Art. 19-3 items 1–12 (``kr_rules.yaml``
#: ``situational.red_flags``, whose English they repeat; a test keeps the two the same).
KR_RED_FLAGS = {
    1: N_("the importer avoids giving end-use information"),
    2: N_("the item is not used in the end user's line of business"),
    3: N_("the item is far beyond the importing country's technology level"),
    4: N_("the end user has no business record in the field the item is for"),
    5: N_("the end user asks for the item without expertise in it"),
    6: N_("the end user refuses installation, maintenance or training"),
    7: N_("the final consignee is a transporter"),
    8: N_("price or payment terms outside the usual range"),
    9: N_("delivery date outside the usual period"),
    10: N_("transport route outside the usual route"),
    11: N_("use in the importing country or re-export is unclear"),
    12: N_("secrecy beyond the usual about the item or its destination"),
}
