"""OFAC Enhanced XML (``<sanctionsData>``, e.g. ``CONS_ENHANCED.XML``, usually shipped zipped).

The enhanced format states more than ``sdnList``: each name with its translations (the name in
its original script, e.g. Cyrillic or Chinese), features (birth date with its date range,
places, nationality, website, directives ...), identity documents, addresses in parts, and the
**relationships** OFAC records between entries ("Owned or Controlled By", "Owns, controls, or
operates", "Acting for or on behalf of"), which become :class:`Relation` objects.

A ``.zip`` input is opened with a size cap on the decompressed XML member (zip bombs are refused
before they are inflated past the cap). The list is the one ``publicationInfo/filters`` names
("Consolidated List" -> ``us_ofac_cons``, "SDN List" -> ``us_ofac_sdn``); ``--list`` overrides.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path

from lxml import etree

from tradeguard.errors import InputError
from tradeguard.lists.common import (
    Expansion,
    clean,
    country_code,
    detect_script,
    iso_date,
    read_capped,
    sha256_of,
    zip_member_capped,
)
from tradeguard.lists.formats import ListFormat, register
from tradeguard.lists.model import Address, Entity, NameKind, ParsedList, Relation
from tradeguard.lists.sources.ofac_remarks import apply_id
from tradeguard.lists.xmlsafe import local, parse_xml

SDN, CONS = "us_ofac_sdn", "us_ofac_cons"
_FORMATS = {SDN: "ofac-enhanced-xml", CONS: "ofac-cons-enhanced-xml"}
_SCHEMAS = {
    "individual": "Person",
    "entity": "Organization",
    "vessel": "Vessel",
    "aircraft": "Airplane",
}
_ALIAS_KINDS = {"a.k.a.": NameKind.ALIAS, "n.k.a.": NameKind.ALIAS, "f.k.a.": NameKind.FORMER}
# OFAC relationship types -> (FtM relation schema, role as OFAC words it, lower case)
_RELATIONS = {
    "owned or controlled by": "Ownership",
    "owns, controls, or operates": "Ownership",
    "acting for or on behalf of": "Representation",
    "leader or official of": "Directorship",
    "principal executive officer": "Directorship",
    "associate of": "Associate",
    "family member of": "Family",
}
_ADDRESS_PARTS = {
    "ADDRESS1": "street",
    "ADDRESS2": "street",
    "ADDRESS3": "street",
    "CITY": "city",
    "STATE/PROVINCE": "region",
    "REGION": "region",
    "POSTAL CODE": "postal_code",
}


def _zip_member(raw: bytes, source: str) -> bytes:
    """The XML member of a zip archive, read under the decompression caps (zip-bomb safe)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except zipfile.BadZipFile as exc:
        raise InputError(
            f"not a readable zip archive: {exc} (damaged or truncated?); nothing loaded",
            source=source,
        ) from None
    with archive:
        members = [i for i in archive.infolist() if i.filename.lower().endswith(".xml")]
        if not members:
            raise InputError("the zip archive holds no .xml file", source=source)
        if len(members) > 1:
            enhanced = [i for i in members if "enhanced" in i.filename.lower()]
            if len(enhanced) != 1:
                names = ", ".join(i.filename for i in members)
                raise InputError(f"the zip archive holds several XML files: {names}", source=source)
            members = enhanced
        return zip_member_capped(archive, members[0], Expansion(source, len(raw)))


def _peek(path: Path, head: bytes) -> bytes:
    """The first bytes of the XML, looking inside a zip archive when needed."""
    if not head.startswith(b"PK\x03\x04"):
        return head
    try:
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                if info.filename.lower().endswith(".xml"):
                    with archive.open(info) as member:
                        return member.read(4096)
    except (zipfile.BadZipFile, OSError, EOFError, zlib.error):
        return b""
    return b""


def guess_list(path: Path, head: bytes) -> str:
    text = _peek(path, head)
    if b"<sanctionsList" in text[:8192]:
        filters = text[: text.find(b"</filters>")] if b"</filters>" in text else text
        if b">SDN List<" in filters and b">Consolidated List<" not in filters:
            return SDN
        if b">Consolidated List<" in filters:
            return CONS
    return CONS if "cons" in path.name.lower() else SDN


def _is_enhanced(path: Path, head: bytes) -> bool:
    if path.is_dir():
        return False
    return b"<sanctionsData" in _peek(path, head)[:4096] or _damaged_enhanced_zip(head)


def _damaged_enhanced_zip(head: bytes) -> bool:
    """A zip archive that cannot be opened (cut short: no central directory) whose first
    member, named in its local header, is an Enhanced XML file: recognised, so that parsing
    refuses it as damaged rather than as an unknown format."""
    if not head.startswith(b"PK\x03\x04") or len(head) < 30:
        return False
    length = int.from_bytes(head[26:28], "little")
    name = head[30 : 30 + length].decode("cp437", errors="replace").lower()
    if not (name.endswith(".xml") and "enhanced" in name):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(head)):
            return False  # a whole (small) archive: the content decides
    except zipfile.BadZipFile:
        return True


def _sniff_sdn(path: Path, head: bytes) -> bool:
    return _is_enhanced(path, head) and guess_list(path, head) == SDN


def _sniff_cons(path: Path, head: bytes) -> bool:
    return _is_enhanced(path, head) and guess_list(path, head) == CONS


def _kids(node: etree._Element | None, name: str) -> list[etree._Element]:
    if node is None:
        return []
    return [child for child in node if local(child.tag) == name]


def _kid(node: etree._Element | None, name: str) -> etree._Element | None:
    found = _kids(node, name)
    return found[0] if found else None


def _text(node: etree._Element | None, name: str) -> str | None:
    child = _kid(node, name)
    return clean(child.text) if child is not None else None


def _true(node: etree._Element | None, name: str) -> bool:
    return (_text(node, name) or "").lower() == "true"


class _Reader:
    def __init__(self, root: etree._Element, list_id: str, source: str) -> None:
        self.list_id = list_id
        self.source = source
        self.iso: dict[str, str] = {}
        for ref in _kids(_kid(root, "referenceValues"), "referenceValue"):
            code = _text(ref, "isoCode")
            ref_id = ref.get("refId")
            if code and ref_id and len(code) == 2:
                self.iso[ref_id] = code.upper()

    def country(self, node: etree._Element | None) -> str | None:
        if node is None:
            return None
        ref = node.get("refId")
        if ref and ref in self.iso:
            return self.iso[ref]
        return country_code(clean(node.text))

    def entity(self, node: etree._Element, in_file: set[str]) -> Entity:
        uid = clean(node.get("id"))
        if uid is None:
            raise InputError(
                "entity without id", source=self.source, line=node.sourceline, field="id"
            )
        info = _kid(node, "generalInfo")
        kind = (_text(info, "entityType") or "entity").lower()
        schema = _SCHEMAS.get(kind)
        if schema is None:
            raise InputError(
                f"unknown entityType {kind!r}",
                source=self.source,
                line=node.sourceline,
                field="entityType",
            )
        entity = Entity(id=f"{self.list_id}:{uid}", list=self.list_id, source_id=uid, schema=schema)
        remarks = _text(info, "remarks")
        if remarks:
            entity.remarks = remarks
        dates = []
        for item in _kids(_kid(node, "sanctionsLists"), "sanctionsList"):
            name = clean(item.text)
            if name:
                entity.properties.setdefault("sanctions_lists", []).append(name)
            published = iso_date(item.get("datePublished"))
            if published:
                dates.append(published)
        entity.listed_on = min(dates) if dates else None
        for item in _kids(_kid(node, "sanctionsPrograms"), "sanctionsProgram"):
            program = clean(item.text)
            if program and program not in entity.programs:
                entity.programs.append(program)
        for item in _kids(_kid(node, "legalAuthorities"), "legalAuthority"):
            text = clean(item.text)
            if text:
                entity.properties.setdefault("legal_authority", []).append(text)
        self.names(entity, node)
        if not entity.names:
            raise InputError(
                f"entity {uid} without a name",
                source=self.source,
                line=node.sourceline,
                field="names",
            )
        self.addresses(entity, node)
        self.features(entity, node)
        for doc in _kids(_kid(node, "identityDocuments"), "identityDocument"):
            number = _text(doc, "documentNumber")
            doc_type = _text(doc, "type")
            if number and doc_type:
                country = _kid(doc, "issuingCountry")
                code = self.country(country)
                apply_id(entity, doc_type, number, code or _text(doc, "issuingCountry"))
                if not _true(doc, "isValid") and _kid(doc, "isValid") is not None:
                    entity.properties.setdefault("invalid_document", []).append(number)
        for rel in _kids(_kid(node, "relationships"), "relationship"):
            role = (_text(rel, "type") or "related to").lower()
            target = _kid(rel, "relatedEntity")
            target_uid = target.get("entityId") if target is not None else None
            entity.relations.append(
                Relation(
                    schema=_RELATIONS.get(role, "UnknownLink"),
                    role=role,
                    target_id=f"{self.list_id}:{target_uid}" if target_uid in in_file else None,
                    target_name=clean(target.text) if target is not None else None,
                    source=f"OFAC relationship to entity {target_uid}" if target_uid else None,
                )
            )
        return entity

    def names(self, entity: Entity, node: etree._Element) -> None:
        for name in _kids(_kid(node, "names"), "name"):
            if _true(name, "isPrimary"):
                kind = NameKind.PRIMARY
            else:
                kind = _ALIAS_KINDS.get(
                    (_text(name, "aliasType") or "a.k.a.").lower(), NameKind.ALIAS
                )
            if _true(name, "isLowQuality"):
                kind = NameKind.WEAK_ALIAS
            for translation in _kids(_kid(name, "translations"), "translation"):
                full = _text(translation, "formattedFullName")
                if full is None:
                    continue
                script = detect_script(full)
                if _true(translation, "isPrimary"):
                    entity.add_name(full, kind, script)
                else:
                    # a translation of the same name: in its original script when not Latin
                    alt_kind = NameKind.ORIGINAL_SCRIPT if script not in ("Latn", "Zyyy") else kind
                    entity.add_name(full, alt_kind, script)
        # a primary name first, as the other parsers give it
        entity.names.sort(key=lambda n: n.kind != NameKind.PRIMARY)

    def addresses(self, entity: Entity, node: etree._Element) -> None:
        for address in _kids(_kid(node, "addresses"), "address"):
            fields: dict[str, list[str]] = {}
            for translation in _kids(_kid(address, "translations"), "translation"):
                if not _true(translation, "isPrimary"):
                    continue
                for part in _kids(_kid(translation, "addressParts"), "addressPart"):
                    target = _ADDRESS_PARTS.get((_text(part, "type") or "").upper())
                    value = _text(part, "value")
                    if target and value:
                        fields.setdefault(target, []).append(value)
            country_node = _kid(address, "country")
            country_text = clean(country_node.text) if country_node is not None else None
            code = self.country(country_node)
            street = ", ".join(fields.get("street", [])) or None
            city = ", ".join(fields.get("city", [])) or None
            region = ", ".join(fields.get("region", [])) or None
            postal = ", ".join(fields.get("postal_code", [])) or None
            parts = [p for p in (street, city, region, postal, country_text) if p]
            if not parts:
                continue
            entity.addresses.append(Address(", ".join(parts), street, city, region, postal, code))
            if code and code not in entity.countries:
                entity.countries.append(code)

    def features(self, entity: Entity, node: etree._Element) -> None:
        for feature in _kids(_kid(node, "features"), "feature"):
            kind = _text(feature, "type") or ""
            value = _text(feature, "value")
            low = kind.lower()
            if low == "birthdate":
                self.birth_date(entity, feature, value)
            elif low == "place of birth":
                if value and value not in entity.birth_places:
                    entity.birth_places.append(value)
            elif low in ("nationality country", "citizenship country"):
                ref = _text(feature, "valueRefId")
                code = self.iso.get(ref or "") or country_code(value)
                if code and code not in entity.nationalities:
                    entity.nationalities.append(code)
                elif code is None and value:
                    entity.properties.setdefault("nationality_text", []).append(value)
            elif value:
                apply_id(entity, kind, value)

    def birth_date(self, entity: Entity, feature: etree._Element, value: str | None) -> None:
        found: list[str] = []
        exact = iso_date(value)
        period = _kid(feature, "valueDate")
        if exact:
            found.append(exact)
        elif period is not None:
            start = iso_date(_text(period, "fromDateBegin"))
            end = iso_date(_text(period, "toDateEnd"))
            if start and end and start[:4] != end[:4] and 0 < int(end[:4]) - int(start[:4]) <= 20:
                found.extend(str(y) for y in range(int(start[:4]), int(end[:4]) + 1))
            elif start and end and start[:4] == end[:4]:
                found.append(start if start == end else start[:4])
        for date in found:
            if date not in entity.birth_dates:
                entity.birth_dates.append(date)
        approximate = period is not None and _true(period, "isApproximate")
        if value and (approximate or not exact):
            entity.properties.setdefault("birth_date_note", []).append(
                f"approximately {value}" if approximate else value
            )


def parse_as(list_id: str, path: Path) -> ParsedList:
    source = str(path)
    raw = read_capped(path)
    xml = _zip_member(raw, source) if raw.startswith(b"PK\x03\x04") else raw
    root = parse_xml(xml, source)
    if local(root.tag) != "sanctionsData":
        raise InputError(
            f"expected a <sanctionsData> root element, found <{local(root.tag)}>", source=source
        )
    info = _kid(root, "publicationInfo")
    published = _text(info, "dataAsOf")
    reader = _Reader(root, list_id, source)
    nodes = _kids(_kid(root, "entities"), "entity")
    in_file = {n.get("id") or "" for n in nodes}
    entities: list[Entity] = []
    warnings: list[str] = []
    seen: set[str] = set()
    for node in nodes:
        entity = reader.entity(node, in_file)
        if entity.source_id in seen:
            warnings.append(
                f"line {node.sourceline}: duplicate entity id {entity.source_id} skipped"
            )
            continue
        seen.add(entity.source_id)
        entities.append(entity)
    return ParsedList(
        list=list_id,
        format=_FORMATS[list_id],
        source=path.name,
        sha256=sha256_of([raw]),
        entities=entities,
        published_at=published,
        warnings=warnings,
    )


def parse_sdn(path: Path) -> ParsedList:
    return parse_as(SDN, path)


def parse_cons(path: Path) -> ParsedList:
    return parse_as(CONS, path)


# As in ofac_xml: the content-guessing formats first, then the --list overrides.
register(
    ListFormat(
        _FORMATS[SDN], SDN, "OFAC SDN list, Enhanced XML (zip or xml)", _sniff_sdn, parse_sdn
    )
)
register(
    ListFormat(
        _FORMATS[CONS],
        CONS,
        "OFAC consolidated (non-SDN) list, Enhanced XML (zip or xml)",
        _sniff_cons,
        parse_cons,
    )
)
register(
    ListFormat(
        _FORMATS[SDN], SDN, "OFAC Enhanced XML read as the SDN list", _is_enhanced, parse_sdn
    )
)
register(
    ListFormat(
        _FORMATS[CONS],
        CONS,
        "OFAC Enhanced XML read as the consolidated list",
        _is_enhanced,
        parse_cons,
    )
)
