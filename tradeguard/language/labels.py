"""Words the pages show for codes (verdicts, severities, case states and outcomes, relations)
and for the messages the core raises, in the page's language.

The English words are the msgids of the Gettext catalogues: ``N_`` marks them for
``pybabel extract`` (keyword ``N_``) and ``label``/``message`` translate them when a page is
rendered. A code or a message without an entry is shown as it is."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from tradeguard.language import i18n


def N_(message: str) -> str:
    """Marks ``message`` for extraction; translated when shown."""
    return message


#: Verdicts, severities, case states, kinds and outcomes, entity types, user roles.
CODES = {
    "PROHIBITED": N_("PROHIBITED"),
    "LICENCE_REQUIRED": N_("LICENCE_REQUIRED"),
    "REVIEW": N_("REVIEW"),
    "CLEAR": N_("CLEAR"),
    "prohibited": N_("prohibited"),
    "licence_required": N_("licence required"),
    "review": N_("review"),
    "info": N_("info"),
    "designated": N_("designated"),
    "listed": N_("listed"),
    "denied": N_("export privileges denied"),
    "possible": N_("possible match"),
    "individual": N_("individual"),
    "general": N_("general"),
    "comprehensive": N_("comprehensive"),
    "exemption": N_("exemption"),
    "open": N_("open"),
    "proposed": N_("proposed"),
    "escalated": N_("escalated"),
    "closed": N_("closed"),
    "screening": N_("screening"),
    "shipment": N_("shipment"),
    "true_match": N_("True match"),
    "false_positive": N_("False positive"),
    "release": N_("Release the shipment"),
    "licence_obtained": N_("Licence obtained"),
    "escalate": N_("Escalate"),
    "approve": N_("approve"),
    "reject": N_("reject"),
    "approved": N_("approved"),
    "rejected": N_("rejected"),
    "Person": N_("Person"),
    "Organization": N_("Organization"),
    "Company": N_("Company"),
    "LegalEntity": N_("Legal entity"),
    "Vessel": N_("Vessel"),
    "Airplane": N_("Aircraft"),
    "analyst": N_("analyst"),
    "reviewer": N_("reviewer"),
    "admin": N_("admin"),
    "exporter": N_("exporter"),
    "consignee": N_("consignee"),
    "end_user": N_("end user"),
    "intermediary": N_("intermediary"),
    "queued": N_("queued"),
    "running": N_("running"),
    "done": N_("done"),
    "failed": N_("failed"),
    "primary": N_("primary"),
    "alias": N_("alias"),
    "weak_alias": N_("weak alias"),
    "original_script": N_("original script"),
    "former": N_("former name"),
    # the export control regimes an item's entries belong to
    "Wassenaar dual-use": N_("Wassenaar dual-use"),
    "Wassenaar munitions": N_("Wassenaar munitions"),
    "Australia Group": N_("Australia Group"),
    "NSG": N_("NSG"),
    "NSG Part 1": N_("NSG Part 1"),
    "NSG Part 2": N_("NSG Part 2"),
    "MTCR": N_("MTCR"),
    "CWC Schedule 1": N_("CWC Schedule 1"),
}

#: An entry's fields, as a list's changes name them (:func:`tradeguard.lists.diff.field_changes`).
FIELDS = {
    "schema": N_("Type"),
    "names": N_("Names"),
    "birth_dates": N_("Birth dates"),
    "birth_places": N_("Birth places"),
    "nationalities": N_("Nationalities"),
    "countries": N_("Countries"),
    "addresses": N_("Addresses"),
    "identifiers": N_("Identifiers"),
    "programs": N_("Programmes"),
    "listed_on": N_("Listed on"),
    "remarks": N_("Remarks"),
    "relations": N_("Relations"),
    "gender": N_("Gender"),
    "positions": N_("Positions"),
    "properties": N_("Other properties"),
    "source_url": N_("Source address"),
}


def field_name(name: str) -> str:
    """An entry's field in the page's language (a field without words as it is)."""
    words = FIELDS.get(name)
    return i18n.gettext(words) if words is not None else name


#: What an HTTP error of the pages says (the API's problem bodies keep their own details).
HTTP_STATUS = {
    404: "there is no page at this address",
    405: "this page does not take this kind of request",
}

#: What a page's fault says: the server failed (500), or its store does not answer (503).
FAULTS = {
    500: N_("the server failed to handle the request; see its log"),
    503: N_(
        "the service is unavailable for a moment: its database does not answer; try again shortly"
    ),
}

#: Case outcomes and proposals.
OUTCOMES = {"block": N_("Block the shipment")}

#: How an edge reads from its ``from`` side to its ``to`` side.
VERBS = {
    "ownership": N_("owns"),
    "joint_venture": N_("partner in"),
    "investment": N_("invests in"),
    "directorship": N_("directs"),
    "management": N_("manages"),
    "membership": N_("member of"),
    "family": N_("family of"),
    "associate": N_("associate of"),
    "shared_address": N_("shares an address with"),
    "shared_phone": N_("shares a phone with"),
    "vessel_owner": N_("owns vessel"),
    "vessel_operator": N_("operates vessel"),
    "vessel_manager": N_("manages vessel"),
    "unknown": N_("linked to"),
    "same_as": N_("same party as"),
}

#: The short label of a relation that has a share, the share placed as each language places it.
SHARE_VERBS = {
    "ownership": N_("owns %(share)s"),
    "investment": N_("invests %(share)s"),
}

#: Messages of the core and the pages, as (pattern, msgid): the pattern's named groups fill
#: the msgid's placeholders; anything else is shown as raised.
_Q = r"'(?P<value>[^']*)'|\"(?P<value2>[^\"]*)\""
MESSAGES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(p.replace("VALUE", _Q)), m)
    for p, m in (
        (
            r"ambiguous country (?:VALUE): (?P<candidates>.+); give the code",
            N_("ambiguous country “%(value)s”: %(candidates)s; give the code"),
        ),
        (
            r"unknown country code (?:VALUE) \(not in ISO 3166-1; e\.g\. KR, KP, JP\)",
            N_("unknown country code “%(value)s” (not in ISO 3166-1; e.g. KR, KP, JP)"),
        ),
        (
            r"unknown country (?:VALUE) \(expected an ISO 3166-1 code such as KR, or a name in "
            r"English, Japanese or Korean\)",
            N_(
                "unknown country “%(value)s” (expected an ISO 3166-1 code such as KR, or a name "
                "in English, Japanese or Korean)"
            ),
        ),
        (r"empty country", N_("empty country")),
        (r"(?:VALUE) is not a date \(YYYY-MM-DD\)", N_("“%(value)s” is not a date (YYYY-MM-DD)")),
        (
            r"birth date (?:VALUE) is not a date \(YYYY, YYYY-MM or YYYY-MM-DD\)",
            N_("birth date “%(value)s” is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"),
        ),
        (
            r"line (?P<line>\d+): write a parameter as 'name = value unit'",
            N_("line %(line)s: write a parameter as “name = value unit”"),
        ),
        (
            r"not an HS code \(2–12 digits\): (?:VALUE)",
            N_("not an HS code (2–12 digits): “%(value)s”"),
        ),
        (
            r"not a CAS number \(e\.g\. 7664-39-3\): (?:VALUE)",
            N_("not a CAS number (e.g. 7664-39-3): “%(value)s”"),
        ),
        (r"Field required", N_("required")),
        (r"enter at least one item", N_("enter at least one item")),
        (r"wrong user name or password", N_("wrong user name or password")),
        (
            r"too many failed log-ins: try again in (?P<seconds>\d+) s, or ask an administrator "
            r"to lift the lock",
            N_(
                "too many failed log-ins: try again in %(seconds)s s, or ask an administrator "
                "to lift the lock"
            ),
        ),
        (r"the two new passwords differ", N_("the two new passwords differ")),
        (r"the current password is wrong", N_("the current password is wrong")),
        (r"the new password is the current one", N_("the new password is the current one")),
        (
            r"the form's CSRF token is missing or wrong; reload the page",
            N_("the form's CSRF token is missing or wrong; reload the page"),
        ),
        (r"at most (?P<rows>[\d,]+) rows per batch", N_("at most %(rows)s rows per batch")),
        (r"a comment is required", N_("a comment is required")),
        (
            r"(?P<list>\S+) was published (?P<age>\d+) days ago \(more than (?P<limit>\d+)\); "
            r"run `(?P<command>[^`]+)`",
            N_("%(list)s was published %(age)s days ago (more than %(limit)s); run `%(command)s`"),
        ),
        (
            r"(?P<list>\S+) was loaded (?P<age>\d+) days ago \(more than (?P<limit>\d+)\); "
            r"run `(?P<command>[^`]+)`",
            N_("%(list)s was loaded %(age)s days ago (more than %(limit)s); run `%(command)s`"),
        ),
        (
            r"give the reference of the licence obtained",
            N_("give the reference of the licence obtained"),
        ),
        (r"there is no page at this address", N_("there is no page at this address")),
        (
            r"logicalId (?P<id>\S+) repeats the entry of line (?P<line>\d+): merged into it",
            N_("logicalId %(id)s repeats the entry of line %(line)s: merged into it"),
        ),
        (r"nationality (?:VALUE) not recognised", N_("nationality “%(value)s” not recognised")),
        (r"country (?:VALUE) not recognised", N_("country “%(value)s” not recognised")),
        (
            r"(?P<file>\S+) read without (?P<extra>\S+): strong aliases and addresses are not "
            r"in the main file",
            N_(
                "%(file)s read without %(extra)s: strong aliases and addresses are not in the "
                "main file"
            ),
        ),
        (
            r"(?:entry|row|sanctionEntity \S+|Designation \S+) without a (?:usable )?name skipped",
            N_("an entry without a name skipped"),
        ),
        (
            r"duplicate (?P<what>[\w. ]+?) (?P<value>\S+) skipped",
            N_("duplicate %(what)s %(value)s skipped"),
        ),
        (r"unknown ent_num (?P<value>\S+) skipped", N_("unknown ent_num %(value)s skipped")),
        (
            r"this page does not take this kind of request",
            N_("this page does not take this kind of request"),
        ),
        (
            r"unknown list (?:VALUE) in entity id '(?P<id>[^']*)'",
            N_("unknown list “%(value)s” in entity id “%(id)s”"),
        ),
        (r"no entity (?P<value>\S+)", N_("no entity “%(value)s”")),
        (r"no case (?P<value>\S+)", N_("no case %(value)s")),
        (r"no list version (?P<value>\S+)", N_("no list version %(value)s")),
        (r"list (?P<list>\S+) has no version loaded", N_("list %(list)s has no version loaded")),
        (
            r"list (?P<list>\S+) has no version (?P<version>\S+)",
            N_("list %(list)s has no version %(version)s"),
        ),
        (
            r"list (?P<list>\S+) has only one version up to (?P<version>\S+); nothing to compare",
            N_("list %(list)s has only one version up to %(version)s; nothing to compare"),
        ),
        (
            r"case (?P<case>\d+) has no proposal to review \(it is (?P<status>\w+)\)",
            N_("case %(case)s has no proposal to review (it is %(status)s)"),
        ),
        (
            r"no party of the network is named like (?:VALUE)",
            N_("no party of the network is named like “%(value)s”"),
        ),
        (
            r"no party of the network has the id (?:VALUE)",
            N_("no party of the network has the id “%(value)s”"),
        ),
        (r"not a date \(YYYY-MM-DD\): (?:VALUE)", N_("not a date (YYYY-MM-DD): “%(value)s”")),
        (r"invalid JSON: (?P<value>.+)", N_("invalid JSON: %(value)s")),
        (r"invalid YAML: (?P<value>.+)", N_("invalid YAML: %(value)s")),
        (
            r"expected a JSON/YAML object at the top level",
            N_("expected a JSON/YAML object at the top level"),
        ),
        (r"missing name", N_("missing name")),
        (r"missing id", N_("missing id")),
        (
            r"contains a NUL character \(U\+0000\), which no text may hold",
            N_("contains a NUL character (U+0000), which no text may hold"),
        ),
        (r"duplicate id (?:VALUE)", N_("duplicate id “%(value)s”")),
        (r"a name or a counterparty id is required", N_("a name or a counterparty id is required")),
        (
            r"a name has at most (?P<num>[\d,]+) characters",
            N_("a name has at most %(num)s characters"),
        ),
        (
            r"Input should be a valid integer, unable to parse string as an integer",
            N_("expected a whole number"),
        ),
        (
            r"Input should be greater than or equal to (?P<num>\S+)",
            N_("expected a number of at least %(num)s"),
        ),
        (
            r"Input should be less than or equal to (?P<num>\S+)",
            N_("expected a number of at most %(num)s"),
        ),
        (
            r"String should have at most (?P<num>\d+) characters?",
            N_("at most %(num)s characters"),
        ),
    )
]


def label(code: object) -> str:
    """The word for a code in the page's language (the code itself when it has none)."""
    text = str(code) if code is not None else ""
    msgid = CODES.get(text)
    return i18n.gettext(msgid) if msgid is not None else text


def outcome(code: object) -> str:
    """A case outcome or proposal in the page's language."""
    text = str(code) if code is not None else ""
    return i18n.gettext(OUTCOMES[text]) if text in OUTCOMES else label(text)


def subject(text: object) -> str:
    """A case's subject in the page's language: ``shipment:T-1`` as the word for its kind and
    the reference ("輸出案件 T-1", "수출 건 T-1"); a subject of no known kind (a screened name)
    as it is."""
    raw = str(text) if text is not None else ""
    kind, sep, ref = raw.partition(":")
    if not sep or kind not in ("shipment", "screening") or i18n.current() == "en":
        return raw
    return f"{label(kind)} {ref}"


def message(text: object) -> str:
    """A message of the core or the pages in the page's language, its values kept, and the
    place it names (source, line, field: :meth:`InputError.describe`) in the language too."""
    raw = str(text) if text is not None else ""
    if i18n.current() == "en":
        return raw
    for prefix, body in _places(raw):
        for pattern, msgid in MESSAGES:
            match = pattern.fullmatch(body)
            if match is not None:
                shown = i18n.gettext(msgid) % _values(match)
                if not prefix:
                    return shown
                where = i18n.gettext(N_("%(where)s: %(message)s"))
                return where % {"where": prefix, "message": shown}
    return raw


def _values(match: re.Match[str]) -> dict[str, str]:
    values = {k: v for k, v in match.groupdict().items() if v is not None}
    if "value2" in values:
        values["value"] = values.pop("value2")
    if "candidates" in values:
        values["candidates"] = _countries(values["candidates"])
    return values


def _countries(text: str) -> str:
    """``KR (South Korea) or KP (North Korea)`` with the names in the page's language."""
    from tradeguard.countries import country_name

    codes = re.findall(r"\b([A-Z]{2}) \(", text)
    if not codes:
        return text
    lang = i18n.current()
    return i18n.gettext(N_(" or ")).join(f"{c} ({country_name(c, lang)})" for c in codes)


#: ``source, line 3, field 'destination': `` as :meth:`InputError.describe` writes it.
_PLACE = re.compile(
    r"^(?:(?P<source>[^:']+?), )??(?:line (?P<line>\d+), )?field '(?P<field>[^']*)': "
    r"|^(?:(?P<source2>[^:']+?), )?line (?P<line2>\d+): "
)


def place(source: str | None, line: str | None, field: str | None) -> str:
    """Where an input error is, in the page's language (the source and field names as given)."""
    parts = [source] if source else []
    if line:
        parts.append(i18n.gettext(N_("line %(line)s")) % {"line": line})
    if field is not None:
        parts.append(i18n.gettext(N_("field “%(field)s”")) % {"field": field})
    return i18n.gettext(N_(", ")).join(parts)


def _places(raw: str) -> list[tuple[str, str]]:
    """(the place in the page's language, the message after it); the whole text first."""
    out = [("", raw)]
    match = _PLACE.match(raw)
    if match is not None:
        g = match.groupdict()
        where = place(g["source"] or g["source2"], g["line"] or g["line2"], g["field"])
        out.insert(0, (where, raw[match.end() :]))
    return out


_WARNING_PLACE = re.compile(
    r"^(?P<file>[^:\s]+?)(?::? (?:sheet '(?P<sheet>[^']*)' )?(?:line|row) (?P<line>\d+))?: "
)


def warning(text: object) -> str:
    """A list load's warning in the page's language: its file, sheet and line, then what was
    found (the values as the file has them)."""
    raw = str(text) if text is not None else ""
    whole = message(raw)
    if whole != raw or i18n.current() == "en":
        return whole
    match = _WARNING_PLACE.match(raw)
    if match is None:
        return raw
    body = message(raw[match.end() :])
    if body == raw[match.end() :]:
        return raw
    parts = [match.group("file")]
    if match.group("sheet"):
        parts.append(i18n.gettext(N_("sheet “%(sheet)s”")) % {"sheet": match.group("sheet")})
    if match.group("line"):
        parts.append(i18n.gettext(N_("line %(line)s")) % {"line": match.group("line")})
    where = i18n.gettext(N_(", ")).join(parts)
    return i18n.gettext(N_("%(where)s: %(message)s")) % {"where": where, "message": body}


def exposure_summary(result: Mapping[str, Any]) -> str:
    """The exposure's one-line summary (:meth:`Exposure.summary`) in the page's language."""
    if i18n.current() == "en":
        return str(result.get("summary", ""))
    node = result.get("node") or {}
    parts = []
    if result.get("designated"):
        lists = ", ".join(node.get("lists") or [])
        parts.append(
            i18n.gettext(N_("%(name)s is itself on %(lists)s"))
            % {"name": node.get("name"), "lists": lists}
        )
    paths = result.get("paths") or []
    if paths:
        route = " → ".join([str(node.get("name"))] + [h["to_name"] for h in paths[0]["hops"]])
        parts.append(
            i18n.gettext(N_("%(num)s path(s) to designated entities; shortest: %(path)s"))
            % {"num": len(paths), "path": route}
        )
    ofac = result.get("ofac_50") or {}
    if ofac.get("blocked"):
        share = i18n.local_percent(ofac.get("aggregate_pct"), 100)
        parts.append(
            i18n.gettext(
                N_("blocked under the OFAC 50%% rule (%(share)s owned by blocked persons)")
            )
            % {"share": share}
        )
    if (result.get("eu_ownership_or_control") or {}).get("flag"):
        parts.append(i18n.gettext(N_("owned or controlled by a designated party (EU)")))
    return "; ".join(parts) if parts else i18n.gettext(N_("no exposure found"))


def edge_label(kind: str, share: float | None) -> str:
    """A relation's short label on a graph's edge (from owner to owned), in the page's
    language: a relation with a share is one message with the share in it, so that each
    language puts it where it reads (ko "지분 100% 소유", ja "株式100%保有", en "owns 100%"),
    not the English verb with the share after it."""
    shared = i18n.local_percent(share, 100) if share is not None else None
    if shared is not None and kind in SHARE_VERBS:
        return i18n.gettext(SHARE_VERBS[kind]) % {"share": shared}
    verb = VERBS.get(kind)
    word = i18n.gettext(verb) if verb is not None else kind.replace("_", " ")
    if shared is None:
        return word
    return i18n.gettext(N_("%(label)s (%(share)s)")) % {"label": word, "share": shared}
