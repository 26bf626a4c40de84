"""The OFAC remarks mini-language ("DOB 10 Dec 1948; POB Egypt; a.k.a. 'BNC'; Linked To: X.").

OFAC's legacy CSV files (``sdn.csv`` / ``cons_prim.csv``) carry most of an entry's details in
the ``Remarks`` field as ``; ``-separated items, each ``Key value (Country) issued D expires D``,
with ``alt. `` in front of secondary values. This module turns those items into entity fields.

Weak aliases: OFAC states (FAQ 122/123) that weak ("low quality") AKAs are published
differently per format. In the XML files they are ``<aka>`` with ``<category>weak</category>``;
in the delimited/CSV files they are NOT in ``alt.csv`` but only in the Remarks field, as
``a.k.a. 'NAME'`` in single quotes. ``alt.csv`` holds the strong AKAs (``aka``), former names
(``fka``) and new names (``nka``). So a quoted ``a.k.a. '...'`` in remarks is a weak alias, a
quoted ``f.k.a. '...'`` a (weak) former name, and ``n.k.a. '...'`` a weak alias as well.
"""

from __future__ import annotations

import re

from tradeguard.lists.common import country_code, detect_script, iso_date
from tradeguard.lists.model import Entity, Identifier, NameKind, Relation

# Items whose value is an identifier: key (lower case, without "alt. ") -> identifier type.
_ID_KEYS: dict[str, str] = {
    "passport": "passport",
    "diplomatic passport": "passport",
    "national id no.": "national_id",
    "personal id card": "national_id",
    "identification number": "national_id",
    "cedula no.": "national_id",
    "c.u.r.p.": "national_id",
    "c.u.r.p. #": "national_id",
    "d.n.i.": "national_id",
    "c.u.i.": "national_id",
    "ssn": "national_id",
    "residency number": "national_id",
    "birth certificate number": "other",
    "electoral registry no.": "other",
    "credencial electoral": "other",
    "i.f.e.": "other",
    "driver's license no.": "other",
    "cartilla de servicio militar nacional": "other",
    "public security and immigration no.": "other",
    "registration id": "registration",
    "registration number": "registration",
    "business registration document #": "registration",
    "business registration number": "registration",
    "company number": "registration",
    "uk company number": "registration",
    "commercial registry number": "registration",
    "government gazette number": "registration",
    "unified social credit code (uscc)": "registration",
    "trade license no.": "registration",
    "chamber of commerce number": "registration",
    "folio mercantil no.": "registration",
    "matricula mercantil no": "registration",
    "economic register number (cbls)": "registration",
    "enterprise number": "registration",
    "central registration system number": "registration",
    "c.r. no.": "registration",
    "certificate of incorporation number": "registration",
    "istanbul chamber of comm. no.": "registration",
    "dubai chamber of commerce membership no.": "registration",
    "branch unit number": "registration",
    "registered charity no.": "registration",
    "license": "registration",
    "legal entity number": "lei",
    "tax id no.": "tax",
    "r.f.c.": "tax",
    "rfc": "tax",
    "v.a.t. number": "vat",
    "us fein": "tax",
    "italian fiscal code": "tax",
    "swift/bic": "swift",
    "d-u-n-s number": "duns",
    "bik (ru)": "bik",
    "vessel registration identification": "imo",
    "mmsi": "mmsi",
    "aircraft tail number": "aircraft_tail_number",
    "aircraft manufacturer's serial number (msn)": "aircraft_msn",
    "aircraft construction number (also called l/n or s/n or f/n)": "aircraft_construction_number",
}
# Items kept as properties: key -> property name.
_PROPERTY_KEYS: dict[str, str] = {
    "email address": "email",
    "email": "email",
    "website": "website",
    "phone number": "phone",
    "telephone no.": "phone",
    "telephone": "phone",
    "fax": "fax",
    "fax no.": "fax",
    "organization established date": "incorporation_date",
    "organization type": "organization_type",
    "target type": "target_type",
    "former vessel flag": "former_flag",
    "other vessel flag": "other_flag",
    "other vessel call sign": "other_call_sign",
    "other vessel type": "other_vessel_type",
    "nationality of registration": "registration_country",
    "aircraft manufacture date": "aircraft_manufacture_date",
    "aircraft model": "aircraft_model",
    "aircraft operator": "aircraft_operator",
    "aircraft mode s transponder code": "aircraft_mode_s",
    "secondary sanctions risk": "sanctions_note",
    "additional sanctions information -": "sanctions_note",
    "transactions prohibited for persons owned or controlled by u.s. financial institutions": (
        "sanctions_note"
    ),
    "caatsa section 235 information": "sanctions_note",
    "executive order 13662 directive determination -": "sanctions_note",
    "executive order 13846 information": "sanctions_note",
    "ifca determination -": "sanctions_note",
    "listing date (eo 14024 directive 2)": "sanctions_note",
    "listing date (eo 14024 directive 3)": "sanctions_note",
    "effective date (eo 14024 directive 2)": "sanctions_note",
    "effective date (eo 14024 directive 3)": "sanctions_note",
}
_KEYS: dict[str, tuple[str, str]] = {k: ("id", v) for k, v in _ID_KEYS.items()} | {
    k: ("prop", v) for k, v in _PROPERTY_KEYS.items()
}
_KEY_RE = re.compile(
    "(" + "|".join(re.escape(k) for k in sorted(_KEYS, key=len, reverse=True)) + ")(?![a-z0-9])",
    re.IGNORECASE,
)

_ALIAS_RE = re.compile(r"\b([afn])\.k\.a\.,?\s+'(.+?)'(?=\s*(?:[;.]|$))")
_ALIAS_KIND = {"a": NameKind.WEAK_ALIAS, "n": NameKind.WEAK_ALIAS, "f": NameKind.FORMER}
_VALUE_RE = re.compile(
    r"(?P<value>.+?)(?:\s+\((?P<country>[^()]+)\))?"
    r"(?:\s+issued\s+(?P<issued>\d{1,2} [A-Za-z]{3} \d{4}|[A-Za-z]{3} \d{4}|\d{4}))?"
    r"(?:\s+expires\s+(?P<expires>\d{1,2} [A-Za-z]{3} \d{4}|[A-Za-z]{3} \d{4}|\d{4}))?\s*$"
)
_ABBREVIATION_END = re.compile(
    r"(?:\b[A-Z]\.[A-Z]\.|\b(?:LTD|INC|CO|CORP|LLC|JSC|S\.A|S\.L|B\.V)\.)$"
)


def strip_final_period(text: str) -> str:
    """Remarks end with '.', which is not part of the last value unless it abbreviates."""
    text = text.strip()
    if text.endswith(".") and not _ABBREVIATION_END.search(text):
        return text[:-1].rstrip()
    return text


def split_items(text: str) -> list[str]:
    """Split remarks into items at ';' once the quoted aliases (which may hold ';') are out."""
    rest = _ALIAS_RE.sub("", text)
    return [item.strip() for item in rest.split(";") if item.strip()]


def birth_dates(value: str) -> tuple[list[str], str | None]:
    """'10 Dec 1948' -> ['1948-12-10']; '1960 to 1962' -> the years; 'circa 1951' -> ['1951']
    with a note. Returns the ISO dates and a note for anything approximate or unparsed."""
    text = value.strip().rstrip(".")
    note: str | None = None
    if text.lower().startswith("circa "):
        text = text[6:].strip()
        note = f"circa {text}"
    if " to " in text:
        lo_text, hi_text = (p.strip() for p in text.split(" to ", 1))
        lo, hi = iso_date(lo_text), iso_date(hi_text)
        if lo and hi:
            lo_year, hi_year = int(lo[:4]), int(hi[:4])
            if 0 <= hi_year - lo_year <= 20:
                return [str(y) for y in range(lo_year, hi_year + 1)], f"{lo_text} to {hi_text}"
            return [lo, hi], f"{lo_text} to {hi_text}"
    date = iso_date(text)
    if date:
        return [date], note
    return [], value.strip()


def _add_prop(entity: Entity, name: str, value: str) -> None:
    values = entity.properties.setdefault(name, [])
    if value not in values:
        values.append(value)


def _add_identifier(entity: Entity, kind: str, body: str, key: str) -> None:
    match = _VALUE_RE.match(body)
    if not match:
        return
    value = match["value"].strip().strip(",").strip()
    if not value:
        return
    if kind == "imo":
        imo = re.search(r"IMO\s*(\d{7})", body)
        if imo is None:
            _add_prop(entity, "vessel_registration", value)
            return
        value = imo[1]
    country_text = match["country"]
    country = country_code(country_text)
    notes = []
    if kind in ("other", "registration", "national_id", "tax") and key:
        notes.append(key)
    if country_text and country is None:
        notes.append(country_text)
    if match["issued"]:
        notes.append(f"issued {iso_date(match['issued']) or match['issued']}")
    if match["expires"]:
        notes.append(f"expires {iso_date(match['expires']) or match['expires']}")
    for ident in entity.identifiers:
        if ident.type == kind and ident.value == value:
            return
    entity.identifiers.append(Identifier(kind, value, country, "; ".join(notes) or None))


def apply_remarks(entity: Entity, remarks: str) -> None:
    """Read OFAC remarks into ``entity``: names, dates, places, countries, identifiers,
    relations and properties. The remarks text itself is stored whole in ``entity.remarks``."""
    text = " ".join(remarks.split())
    entity.remarks = text
    for match in _ALIAS_RE.finditer(text):
        entity.add_name(match[2], _ALIAS_KIND[match[1].lower()], detect_script(match[2]))
    for raw_item in split_items(strip_final_period(text)):
        item = raw_item
        if item.lower().startswith("alt. "):
            item = item[5:].strip()
        low = item.lower()
        if low.startswith("dob "):
            dates, note = birth_dates(item[4:])
            for date in dates:
                if date not in entity.birth_dates:
                    entity.birth_dates.append(date)
            if note:
                _add_prop(entity, "birth_date_note", note)
        elif low.startswith("pob "):
            place = item[4:].strip()
            if place and place not in entity.birth_places:
                entity.birth_places.append(place)
        elif low.startswith(("nationality ", "citizen ")):
            country_text = item.split(" ", 1)[1]
            code = country_code(country_text)
            if code and code not in entity.nationalities:
                entity.nationalities.append(code)
            elif code is None:
                _add_prop(entity, "nationality_text", country_text)
        elif low.startswith("gender "):
            entity.gender = item[7:].strip().lower()
        elif low.startswith("linked to:"):
            target = item[10:].strip()
            if target:
                entity.relations.append(
                    Relation("UnknownLink", "linked to", target_name=target, source="remarks")
                )
        elif low.startswith("digital currency address - "):
            rest = item[len("digital currency address - ") :]
            currency, _, address = rest.partition(" ")
            if address:
                entity.identifiers.append(Identifier("crypto_wallet", address, note=currency))
        elif low.startswith("website"):
            _add_prop(entity, "website", item[7:].strip())
        elif low.startswith(("email address", "email:")):
            _add_prop(entity, "email", item.split(None, 2)[-1].lstrip(":").strip())
        else:
            _apply_keyed(entity, item, low)


def _apply_keyed(entity: Entity, item: str, low: str) -> None:
    match = _KEY_RE.match(item)
    if match is None:
        return
    key = match[1]
    how, target = _KEYS[key.lower()]
    body = item[len(key) :].lstrip(" :#")
    if not body:
        return
    if how == "id":
        _add_identifier(entity, target, body, key)
    elif target in ("former_flag", "other_flag", "registration_country"):
        code = country_code(body)
        _add_prop(entity, target, code or body)
    else:
        _add_prop(entity, target, item if target == "sanctions_note" else body)


def _norm_key(key: str) -> str:
    return re.sub(r"[\s:\-#]+$", "", " ".join(key.lower().split()))


_NORM_KEYS: dict[str, tuple[str, str]] = {_norm_key(k): v for k, v in _KEYS.items()}


def apply_id(
    entity: Entity,
    id_type: str,
    number: str,
    country_text: str | None = None,
    issued: str | None = None,
    expires: str | None = None,
) -> None:
    """One structured ``<id>`` item of OFAC's XML (``idType``/``idNumber``/``idCountry``): an
    identifier, or a property when OFAC uses the list for other facts (website, gender ...)."""
    key = _norm_key(id_type)
    value = " ".join(number.split())
    if not value:
        return
    if key == "gender":
        entity.gender = value.lower()
        return
    if key in ("website", "email address", "email", "phone number", "fax"):
        _add_prop(entity, {"email address": "email", "phone number": "phone"}.get(key, key), value)
        return
    if key.startswith("digital currency address"):
        currency = id_type.rsplit("-", 1)[-1].strip()
        entity.identifiers.append(Identifier("crypto_wallet", value, note=currency or None))
        return
    known = _NORM_KEYS.get(key)
    if known is None:
        prop = re.sub(r"[^a-z0-9]+", "_", key).strip("_") or "other"
        _add_prop(entity, prop, value)
        return
    how, target = known
    if how == "prop":
        if target in ("former_flag", "other_flag", "registration_country"):
            _add_prop(entity, target, country_code(value) or value)
        else:
            _add_prop(
                entity,
                target,
                f"{id_type.strip()} {value}" if target == "sanctions_note" else value,
            )
        return
    if target == "imo":
        imo = re.search(r"(\d{7})", value)
        if imo is None:
            _add_prop(entity, "vessel_registration", value)
            return
        value = imo[1]
    country = country_code(country_text)
    notes = []
    if target in ("other", "registration", "national_id", "tax"):
        notes.append(id_type.strip().rstrip(":").strip())
    if country_text and country is None:
        notes.append(country_text)
    if issued:
        notes.append(f"issued {iso_date(issued) or issued}")
    if expires:
        notes.append(f"expires {iso_date(expires) or expires}")
    for ident in entity.identifiers:
        if ident.type == target and ident.value == value:
            return
    entity.identifiers.append(Identifier(target, value, country, "; ".join(notes) or None))


_LINKED_RE = re.compile(r"Linked To:\s*([^;()]+?)\s*(?:[;)]|\.?$)")


def linked_to(text: str) -> list[str]:
    """The names after "Linked To:" in a short XML remarks text ("(Linked To: HAMAS)")."""
    return [strip_final_period(m[1]) for m in _LINKED_RE.finditer(text) if m[1].strip()]
