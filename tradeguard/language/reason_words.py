"""A shipment decision's reasons in the page's language, written from each reason's ``code``
and ``params`` (:class:`tradeguard.policy.reasons.Reason`) through the catalogues.

The core writes its reasons in English for the command line, the API and the audit log; the
pages write the same facts in Japanese or Korean: names, list entries and codes as they are, and
the sentences quoted from the data files (a rule's title, a hub's note) in English, quoted and
labelled as the original. A reason whose code or parameters the pages do not know is shown by
its code's headline, with the core's English sentence quoted beside it."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from markupsafe import Markup, escape

from tradeguard.language import i18n, reason_sentences
from tradeguard.language.labels import N_, label
from tradeguard.policy.reasons import is_unverified, unverified_note

#: Sentences by ``CODE:form``, ``form`` or ``CODE`` (the first found is used), each one
#: msgid or several tried in turn (:data:`reason_sentences.SENTENCES`).
SENTENCES: dict[str, str | tuple[str, ...]] = {
    "DESIGNATED_PARTY": N_(
        "%(role)s %(name)s matches %(caption)s (%(entity_id)s) on %(list)s, score %(score)s: "
        "its assets are frozen and no goods may be made available to it"
    ),
    "DESIGNATED_PARTY:foreign": N_(
        "%(role)s %(name)s matches %(caption)s (%(entity_id)s) on %(list)s, score %(score)s: "
        "designated by %(jurisdictions)s only, which does not bind a %(exporter)s exporter by "
        "itself; review: secondary sanctions, and a %(jurisdictions)s nexus (content of "
        "%(jurisdictions)s origin, the payment's currency and banks, %(jurisdictions)s persons "
        "taking part) may still make it apply"
    ),
    "DESIGNATED_PARTY:nexus": N_(
        "%(role)s %(name)s matches %(caption)s (%(entity_id)s) on %(list)s, score %(score)s: "
        "its assets are frozen and no goods may be made available to it; the declaration "
        "brings the transaction within %(jurisdictions)s law (%(nexus_text)s)"
    ),
    "TRANSSHIPMENT_HUB:hub_destination": N_(
        "routed through %(hub)s, a transshipment hub associated with diversion "
        "(%(note_text)s), to the declared destination %(final)s (no end user's country "
        "declared)"
    ),
    "LISTED_PARTY:foreign": N_(
        "%(role)s %(name)s is on an end-user list: %(caption)s (%(entity_id)s, %(list)s), "
        "score %(score)s; a red flag for a %(exporter)s exporter to review, not a list of "
        "%(exporter)s's catch-all"
    ),
    "LISTED_PARTY": N_(
        "%(role)s %(name)s is on an end-user list: %(caption)s (%(entity_id)s, %(list)s), "
        "score %(score)s; a catch-all licence may be needed"
    ),
    "POSSIBLE_MATCH": N_(
        "%(role)s %(name)s may be %(caption)s (%(entity_id)s) on %(list)s, score %(score)s"
    ),
    "POSSIBLE_MATCH:other_country": N_(
        "%(role)s %(name)s has the name of %(caption)s (%(entity_id)s) on %(list)s, score "
        "%(score)s, but is in %(countries)s, none of the listed person's countries (%(listed)s), "
        "and no birth date or identifier agrees: the same name in another country, a possible "
        "match; confirm the person's identity (birth date, passport, nationality) before release"
    ),
    "PARTY_NO_ADDRESS": N_("%(role)s %(name)s has no address"),
    "FORWARDER_AS_END_USER": N_(
        "%(role)s %(name)s looks like a freight forwarder or logistics company"
    ),
    "TRANSSHIPMENT_HUB": N_(
        "routed through %(hub)s, a transshipment hub associated with diversion "
        "(%(note_text)s), with the end user in %(final)s"
    ),
    "END_USER_COUNTRY_MISMATCH": N_(
        "end user in %(end_user_country)s, destination declared as %(destination)s"
    ),
    "NO_NATIONAL_POLICY": N_(
        "no national export policy data for %(country)s; UN measures and red flags applied"
    ),
    "NOT_SCREENED": N_("parties were not screened (no screener configured)"),
    "NOT_CLASSIFIED": N_("item %(line)s: cannot be classified: %(error_text)s"),
    "CLASSIFICATION_INCOMPLETE": N_(
        "item %(line)s: may fall under %(entries)s; missing parameters: %(missing)s"
    ),
    "DESCRIPTION_NOT_READ": N_(
        "item %(line)s: the description is not read in full (%(unread_text)s) and no HS code "
        "or CAS number is given: it may name a controlled item"
    ),
    "DESCRIPTION_NOT_UNDERSTOOD": N_(
        "item %(line)s: the description (%(description)s) was not understood: no entry of the "
        "control lists is opened by it and no HS code or CAS number is given; give the CAS "
        "number or the HS code"
    ),
    "DESCRIPTION_MISMATCH:declared": N_(
        "item %(line)s: declared entry %(declared)s is not what the description, HS and CAS "
        "give (%(found)s)"
    ),
    "DESCRIPTION_MISMATCH:facts": N_(
        "item %(line)s: the description and the declared facts disagree: %(problem_text)s"
    ),
    "UN_DPRK_WMD_ITEM:to": N_("Controlled item (%(entries)s) to the DPRK: %(title_text)s"),
    "UN_DPRK_WMD_ITEM:from": N_("Controlled item (%(entries)s) from the DPRK: %(title_text)s"),
    "UN_DPRK_CATCH_ALL": N_(
        "Goods to the DPRK (HS %(hs)s): %(title_text)s; establish that it cannot contribute "
        "before release"
    ),
    "dprk_to": N_("HS %(hs)s to the DPRK: %(title_text)s"),
    "dprk_from": N_("HS %(hs)s from the DPRK: %(title_text)s"),
    "UN_ARMS_EMBARGO:destination": N_(
        "Arms or military item to %(destination)s: UN arms embargo (%(scope_text)s)"
    ),
    "NATIONAL_EMBARGO": N_("%(jurisdiction)s embargo: %(title_text)s"),
    "KR_CWC_NON_PARTY": N_(
        "KR export of %(entries)s (CWC Schedule 2) to %(destination)s, not a state party to the "
        "Chemical Weapons Convention: no licence is granted (Notice Art. 18(5))"
    ),
    "CWC_NON_PARTY:review": N_(
        "%(jurisdiction)s export of %(entries)s (CWC Schedule 2) to %(destination)s, not a state "
        "party to the Chemical Weapons Convention: whether a licence can be granted at all is not "
        "established (no bulk licence is offered)"
    ),
    "CWC_NON_PARTY:prohibited": N_(
        "%(jurisdiction)s export of %(entries)s (CWC Schedule 2) to %(destination)s, not a state "
        "party to the Chemical Weapons Convention: no licence is granted"
    ),
    "KR_POLICY_OF_DENIAL:kr_denial": N_(
        "KR export of %(entries)s to %(destination)s: an individual licence only, under a "
        "policy of denial; exceptional case-by-case review only where %(exceptions_text)s"
    ),
    "APPROVAL_REQUIRED:approval": N_(
        "%(jurisdiction)s export of %(entries)s to %(destination)s needs the export approval "
        "(承認) of the authority: %(title_text)s; no bulk licence covers it"
    ),
    "APPROVAL_UNDECIDED:approval_undecided": N_(
        "%(jurisdiction)s export to %(destination)s: establish whether the goods are of "
        "%(goods_text)s; if so they need the export approval (承認) of the authority"
    ),
    "NATIONAL_EMBARGO:ultimate": N_(
        "ultimate destination %(ultimate)s (%(roles)s there), declared destination "
        "%(destination)s: %(title_text)s"
    ),
    "US_EMBARGO": N_(
        "%(destination)s is in US Country Group %(groups)s: a licence is required for "
        "virtually all items subject to the EAR (general policy of denial)"
    ),
    "LICENCE_COVERED": (
        N_(
            "%(jurisdiction)s export of %(entries)s to %(destination)s (%(group_name)s) needs "
            "%(requirement)s; covered by %(licences)s"
        ),
        N_(
            "%(jurisdiction)s export of %(entries)s to %(destination)s (group %(group)s) needs "
            "%(requirement)s; covered by %(licences)s"
        ),
    ),
    "LICENCE_REQUIRED:none": (
        N_(
            "%(jurisdiction)s export of %(entries)s to %(destination)s (%(group_name)s) needs "
            "%(requirement)s; no licence reference given"
        ),
        N_(
            "%(jurisdiction)s export of %(entries)s to %(destination)s (group %(group)s) needs "
            "%(requirement)s; no licence reference given"
        ),
    ),
    "LICENCE_REQUIRED:insufficient": (
        N_(
            "%(jurisdiction)s export of %(entries)s to %(destination)s (%(group_name)s) needs "
            "%(requirement)s; %(licences)s does not suffice"
        ),
        N_(
            "%(jurisdiction)s export of %(entries)s to %(destination)s (group %(group)s) needs "
            "%(requirement)s; %(licences)s does not suffice"
        ),
    ),
    "LICENCE_COVERED:kr": N_(
        "KR export of %(entries)s to %(destination)s (region %(region)s) needs "
        "%(licence_types)s from %(authorities)s; covered by %(licences)s"
    ),
    "LICENCE_TYPE_UNDECIDED:kr": N_(
        "KR export of %(entries)s to %(destination)s (region %(region)s) needs "
        "%(licence_types)s from %(authorities)s; %(documents)s documents, decision in "
        "%(days)s days; %(licences)s is a comprehensive licence: it covers the export only for "
        "a CP trader of the grade named (CP trader status not given)"
    ),
    "LICENCE_REQUIRED:kr_none": N_(
        "KR export of %(entries)s to %(destination)s (region %(region)s) needs "
        "%(licence_types)s from %(authorities)s; %(documents)s documents, decision in "
        "%(days)s days; no licence reference given"
    ),
    "LICENCE_REQUIRED:kr_insufficient": N_(
        "KR export of %(entries)s to %(destination)s (region %(region)s) needs "
        "%(licence_types)s from %(authorities)s; %(documents)s documents, decision in "
        "%(days)s days; %(licences)s does not suffice"
    ),
    "kr_catch_all": N_(
        "KR: %(licence_types)s needed for %(description)s (HS %(hs)s) to %(destination)s "
        "(region %(region)s): %(why)s; no exemption applies when a party is on the entity "
        "list"
    ),
    **reason_sentences.SENTENCES,
}

#: Korean licence types (``kr_rules.yaml``, ``licence_types``) in words.
KR_LICENCES = {
    "individual": N_("individual export licence"),
    "user_comprehensive": N_("user-comprehensive licence"),
    "item_comprehensive": N_("item-comprehensive licence"),
    "situational": N_("situational licence"),
    "transit": N_("transit or transshipment licence"),
    "brokering": N_("brokering licence"),
    "technology": N_("technology export licence"),
    "mou_approval": N_("Unification Ministry shipment approval"),
    "mou_strategic_approval": N_("Unification Ministry strategic-items shipment approval"),
}

#: Further sentences added when their parameter is not empty.
EXTRAS = {
    "exceptions_text": N_("exceptions: %(exceptions_text)s"),
    "note_text": N_("policy: %(note_text)s"),
    "note_since": N_("in force from %(note_since)s"),
    "notes_text": N_("note: %(notes_text)s"),
    "embargoes_text": N_("arms embargo: %(embargoes_text)s"),
    "findings": N_("US findings: %(findings)s"),
    "hold_lists": reason_sentences.HELD,
}

#: What each code means, for a reason whose parameters the pages cannot write.
HEADLINES = {
    "DESIGNATED_PARTY": N_("a party is designated: asset freeze"),
    "DENIED_PARTY": N_("a party is under a US denial order"),
    "LISTED_PARTY": N_("a party is on an end-user list"),
    "POSSIBLE_MATCH": N_("a party may be a listed party"),
    "PARTY_NO_ADDRESS": N_("a party has no address"),
    "FORWARDER_AS_END_USER": N_("the end user looks like a freight forwarder"),
    "TRANSSHIPMENT_HUB": N_("routed through a transshipment hub"),
    "END_USER_COUNTRY_MISMATCH": N_("the end user is not in the destination"),
    "NO_NATIONAL_POLICY": N_("no national export policy data"),
    "NOT_SCREENED": N_("parties were not screened"),
    "NOT_CLASSIFIED": N_("an item cannot be classified"),
    "CLASSIFICATION_INCOMPLETE": N_("classification incomplete: parameters missing"),
    "DESCRIPTION_NOT_READ": N_("description not read: it may name a controlled item"),
    "DESCRIPTION_NOT_UNDERSTOOD": N_("description not understood: give the CAS number or HS code"),
    "DESCRIPTION_MISMATCH": N_("the declared entry does not match the item"),
    "UN_DPRK_WMD_ITEM": N_("UN ban on controlled items to or from the DPRK"),
    "UN_DPRK_CATCH_ALL": N_("UN catch-all for goods to the DPRK"),
    "UN_DPRK_EXPORT_BAN": N_("UN ban on supplies to the DPRK"),
    "UN_DPRK_IMPORT_BAN": N_("UN ban on purchases from the DPRK"),
    "UN_DPRK_LUXURY_GOODS": N_("UN ban on luxury goods to the DPRK"),
    "UN_DPRK_QUANTITY_CAP": N_("UN quantity cap on trade with the DPRK"),
    "UN_ARMS_EMBARGO": N_("UN arms embargo"),
    "UN_IRAN_ASSET_FREEZE": N_("UN asset freeze (Iran)"),
    "UN_IRAN_ITEMS_BAN": N_("UN ban on supplies to Iran"),
    "UN_IRAN_PROCUREMENT_BAN": N_("UN ban on procurement from Iran"),
    "NATIONAL_EMBARGO": N_("national embargo"),
    "APPROVAL_REQUIRED": N_("export approval required"),
    "KR_POLICY_OF_DENIAL": N_("Korea: policy of denial (individual licence only)"),
    "KR_CWC_NON_PARTY": N_("Korea: no licence for a CWC Schedule 2 chemical to a non-party"),
    "CWC_NON_PARTY": N_("CWC Schedule 2 chemical to a state not party"),
    "APPROVAL_UNDECIDED": N_("whether an export approval is needed is undecided"),
    "US_EMBARGO": N_("US embargo (Country Group E)"),
    "US_LICENCE_UNDECIDED": N_("US licence requirement undecided"),
    "LICENCE_REQUIRED": N_("export licence required"),
    "LICENCE_COVERED": N_("export licence required; covered by the licence given"),
    "LICENCE_TYPE_UNDECIDED": N_(
        "export licence required; whether the licence given covers it is undecided"
    ),
    "LICENCE_EXEMPT": N_("no licence: an exemption applies"),
    "LICENCE_EXEMPT_LOW_VALUE": N_("no licence under the low-value exemption"),
    "LICENCE_EXEMPTION_UNDECIDED": N_("exemption undecided: its conditions are to be shown"),
    "NO_LICENCE_NEEDED": N_("no licence needed"),
    "CATCH_ALL_WMD": N_("catch-all: weapons of mass destruction end use"),
    "CATCH_ALL_END_USER": N_("catch-all: the end user is on a list"),
    "CATCH_ALL_INFORMED": N_("catch-all: informed by the authority"),
    "CATCH_ALL_MILITARY": N_("conventional-arms catch-all: military end use"),
    "CATCH_ALL_NOT_APPLICABLE": N_("the catch-all does not apply"),
    "KR_SITUATIONAL_LICENCE": N_("Korea: situational licence needed (catch-all)"),
    "KR_BROKERING_LICENCE": N_("Korea: brokering licence needed"),
    "KR_TRANSIT_LICENCE": N_("Korea: transit licence needed"),
    "KR_ANNEX2_2_ITEM": N_("Korea: situational licence item (Annex 2-2)"),
    "KR_ANNEX2_2_UNDECIDED": N_("Korea: whether the item is in Annex 2-2 is undecided"),
    "KR_MOU_APPROVAL": N_("Korea: approval needed for goods to North Korea"),
    "OWNED_BY_BLOCKED_PERSONS": N_("blocked under the OFAC 50-percent rule"),
    "OWNED_OR_CONTROLLED_BY_DESIGNATED": N_("owned or controlled by a designated party (EU)"),
    "NETWORK_EXPOSURE": N_("linked to designated parties through ownership or control"),
    "EXPORTER_FROM_SETTINGS": N_("the exporter is the organisation's own record (settings)"),
    "EXPORTER_NOT_DECLARED": N_("no exporter declared"),
}

#: Destination groups a jurisdiction names in words (``params["group_name"]``), as its law
#: names them (the policy files' ``group_names``).
GROUP_NAMES = {
    "EU001": N_("an EU001 destination (Regulation (EU) 2021/821, Annex II, Section A)"),
    "third_country": N_("not an EU001 destination (Regulation (EU) 2021/821, Annex II, Section A)"),
}

#: Licence requirements (``params["requirement"]``) in words.
REQUIREMENTS = {
    "individual": N_("an individual licence"),
    "general": N_("a licence (general/bulk licence allowed)"),
    "individual_or_conditional_bulk": N_(
        "an individual licence or a bulk licence under its conditions"
    ),
}

_KEYS = re.compile(r"%\((\w+)\)s")


def _(message: str) -> str:
    return i18n.gettext(message)


def _original(text: str) -> Markup:
    """A sentence of the data files, quoted in English and labelled as such."""
    return Markup('<q lang="en">{}</q> <small>{}</small>').format(text, _(N_("(original English)")))


def _source(text: str, lang: str) -> Markup:
    """The law's own words in the page's language, quoted and labelled as the original."""
    return Markup('<q lang="{}">{}</q> <small>{}</small>').format(
        lang, text, _(N_("(original text)"))
    )


def _value(key: str, value: Any) -> Markup:
    """One parameter as the sentence shows it."""
    if key.endswith("_text"):
        return _original(str(value))
    if key == "requirement":
        return escape(_(REQUIREMENTS[value]) if value in REQUIREMENTS else str(value))
    if key == "group_name":
        return escape(_(GROUP_NAMES[value]) if value in GROUP_NAMES else str(value))
    if key in ("role", "roles"):
        values = value if isinstance(value, list) else [value]
        return escape(_(N_(", ")).join(label(v) for v in values))
    if key in ("licence_types", "approvals"):
        words = [_(KR_LICENCES[v]) if v in KR_LICENCES else str(v) for v in value]
        return escape(_(N_(" or ") if key == "licence_types" else N_(" and ")).join(words))
    if key in CLAUSE_LISTS:
        return Markup(escape(_(N_("; ")))).join(_clause(c) for c in value)
    if key == "hold_lists" and isinstance(value, list):
        return escape(_(N_(", ")).join(reason_sentences.list_names(value, i18n.current())))
    if key == "flags":
        return Markup(escape(_(N_("; ")))).join(_red_flag(n) for n in value)
    if key == "otherwise":
        return sentence(value)
    if key == "licences" and isinstance(value, list):
        return Markup(escape(_(N_(", ")))).join(_licence(str(v)) for v in value)
    if key in JOINS and isinstance(value, list):
        joined = JOINS[key].join(_percent(str(v)) for v in value)
        return Markup('<span translate="no">{}</span>').format(joined)
    if isinstance(value, str) and (key in DATES or _ISO_DATE.fullmatch(value)):
        return escape(i18n.local_date(value))
    if isinstance(value, str) and _PERCENT.fullmatch(value):
        return escape(_percent(value))
    if key == "score":
        return escape(i18n.local_number(value, "0.00"))
    if key == "limit" and isinstance(value, int | float):
        return escape(i18n.local_number(value, "#,##0"))
    if isinstance(value, int | float) and not isinstance(value, bool):
        return escape(i18n.local_number(value))
    if isinstance(value, list):
        if not value:
            if key == "missing":  # open entries with no modelled parameter: their text decides
                return escape(_(N_("the entry text")))
            return escape(_(N_("not controlled")) if key == "found" else _(N_("not stated")))
        value = _(N_(", ")).join(str(v) for v in value)
    return Markup('<span translate="no">{}</span>').format(value)


#: A licence as the core names it: its number, then its kind in brackets.
_LICENCE = re.compile(r"(?P<number>.+) \((?P<kind>[a-z_]+)\)")


def _licence(text: str) -> Markup:
    """A licence given on the declaration: its number as it is, its kind in words."""
    match = _LICENCE.fullmatch(text)
    if match is None:
        return Markup('<span translate="no">{}</span>').format(text)
    kind = match.group("kind")
    word = _(KR_LICENCES[kind]) if kind in KR_LICENCES else label(kind)
    number = Markup('<span translate="no">{}</span>').format(match.group("number"))
    return escape(_(N_("%(number)s (%(kind)s)"))) % {"number": number, "kind": word}


#: Sentences of the data (``<key>_text``, quoted in English) that may come with their source
#: text (``<key>_original``, in ``original_lang``): a page in that language shows the source.
ORIGINALS = ("title",)

#: Parameters that are lists of clauses (:mod:`tradeguard.policy.clauses`).
CLAUSE_LISTS = ("why", "grounds", "conditions", "findings")


def _red_flag(number: Any) -> Markup:
    """A Korean red flag (Foreign Trade Act Art. 19-3 item ``number``) in words."""
    text = reason_sentences.KR_RED_FLAGS.get(number) if isinstance(number, int) else None
    if text is None:
        return escape(str(number))
    return escape(_(N_("red flag %(number)s: %(text)s"))) % {
        "number": escape(i18n.local_number(number)),
        "text": escape(_(text)),
    }


def _pick(msgids: str | tuple[str, ...] | None, values: Mapping[str, Any]) -> str | None:
    """The first of the msgids whose placeholders all have a value."""
    for msgid in (msgids,) if isinstance(msgids, str) else msgids or ():
        if set(_KEYS.findall(msgid)) <= set(values):
            return msgid
    return None


#: Parameters that are dates (ISO text), shown as the language writes a date; so is any
#: parameter whose value is a whole ISO date (a contract's date, a tranche's start).
DATES = ("since", "on", "contract", "note_since")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
#: The core's words after a measure's title in a licence reason's note (``rules.py``): the
#: title is data, quoted; the date is the core's, written as the language writes a date.
_IN_FORCE = re.compile(r"^(?P<title>.+) \(in force from (?P<since>\d{4}-\d{2}-\d{2})\)$")


def _dated(params: Mapping[str, Any]) -> Mapping[str, Any]:
    """The parameters with a measure's date taken out of its quoted title: ``Individual
    licences ... (in force from 2019-07-04)`` is the title and ``note_since``."""
    note = params.get("note_text")
    found = _IN_FORCE.match(note) if isinstance(note, str) else None
    if found is None:
        return params
    return {**params, "note_text": found.group("title"), "note_since": found.group("since")}


#: A share as the core writes it: ``35 %``, ``50.5 %``.
_PERCENT = re.compile(r"(\d+(?:\.\d+)?) ?%")


def _percent(text: str) -> str:
    """A share written by the core (``35 %``) as the language writes a percentage."""
    match = _PERCENT.fullmatch(text)
    return i18n.local_percent(float(match.group(1)), 100) if match else text


#: Lists shown with their own separator (a route, a sum).
JOINS = {"route": " → ", "shares": " + "}


def _clause(clause: Mapping[str, Any]) -> Markup:
    """One clause of ``why`` or ``grounds`` in the page's language."""
    values = {key: _value(key, value) for key, value in clause.items() if key != "code"}
    if "country_groups" in clause:  # a list of destinations: countries, then Country Groups
        places = [_value("country", c) for c in clause.get("countries", [])] + [
            escape(_(N_("Country Group %(group)s"))) % {"group": _value("group", g)}
            for g in clause["country_groups"]
        ]
        values["where"] = Markup(escape(_(N_(", ")))).join(places)
    msgid = _pick(reason_sentences.CLAUSES.get(str(clause.get("code"))), values)
    if msgid is None:
        return escape(str(clause.get("code")))
    return Markup(escape(_(msgid)) % values)


def _sentence(code: str, params: Mapping[str, Any]) -> str | None:
    form = params.get("form")
    for key in (f"{code}:{form}", str(form), code) if form else (code,):
        msgid = _pick(SENTENCES.get(key), params)
        if msgid is not None:
            return msgid
    return None


def unverified(reason: Mapping[str, Any]) -> bool:
    """Whether the page marks the reason as not verified against the official text (once:
    its sentence is shown without the core's own note saying so)."""
    return is_unverified(reason)


def sentence(reason: Mapping[str, Any]) -> Markup:
    """One reason in the page's language (the core's English sentence in English), without
    the note that its source is not verified: the page marks that beside it
    (:func:`unverified`)."""
    raw = unverified_note(str(reason.get("message") or ""))[0]
    if i18n.current() == "en":
        return escape(raw)
    code = str(reason.get("code") or "")
    params = _dated(reason.get("params") or {})
    msgid = _sentence(code, params)
    if msgid is None:
        headline = HEADLINES.get(code)
        if headline is None:
            return _original(raw)
        return Markup("{}{}{}").format(_(headline), _(N_(": ")), _original(raw))
    values = {key: _value(key, value) for key, value in params.items()}
    for key in ORIGINALS:  # a sentence of the data whose source text is in the page's language
        original = params.get(f"{key}_original")
        if original and params.get("original_lang") == i18n.current():
            values[f"{key}_text"] = _source(str(original), str(params["original_lang"]))
    out = escape(_(msgid)) % values
    for key, extra in EXTRAS.items():
        if key == "note_text" and "findings" in params:
            continue  # the US findings say it in words (below)
        if params.get(key) and f"%({key})s" not in msgid:
            out += escape(_(N_("; "))) + escape(_(extra)) % values
    return Markup(out)
