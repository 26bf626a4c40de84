"""The one entity model every list parser produces.

Schema and relation names follow FollowTheMoney (``Person``, ``Organization``, ``Company``,
``LegalEntity``, ``Vessel``, ``Airplane``; ``Ownership``, ``Directorship``, ``UnknownLink`` ...)
so that OpenSanctions data flows in and out unchanged. Entity ids are ``"{list}:{source_id}"``.

The classes are plain dataclasses: they are built by the parsers, stored as canonical JSON by the
store (``to_dict`` / ``from_dict``) and read by screening, the network and the faces.
"""

from __future__ import annotations

import builtins
import hashlib
import json
from dataclasses import dataclass, field, fields
from enum import StrEnum
from typing import Any

from tradeguard.errors import InputError

LIST_IDS: tuple[str, ...] = (
    "un_sc",
    "us_ofac_sdn",
    "us_ofac_cons",
    "us_csl",
    "us_bis_dpl",
    "jp_meti_eul",
    "jp_mof",
    "eu_fsf",
    "uk_sanctions",
    "opensanctions",
    "custom",
)

SCHEMAS: tuple[str, ...] = (
    "Person",
    "Organization",
    "Company",
    "LegalEntity",
    "Vessel",
    "Airplane",
    "Address",
    "CryptoWallet",
)


class NameKind(StrEnum):
    """How a name is attached to an entity; screening weighs weak aliases less."""

    PRIMARY = "primary"
    ALIAS = "alias"  # a strong / good-quality a.k.a.
    WEAK_ALIAS = "weak_alias"  # low-quality a.k.a. (UN "low", OFAC "weak")
    ORIGINAL_SCRIPT = "original_script"  # the name in its own script (Hangul, kanji, Cyrillic ...)
    FORMER = "former"  # f.k.a.


@dataclass(slots=True)
class Name:
    value: str
    kind: NameKind = NameKind.PRIMARY
    # ISO 15924 code of the name's script: Latn, Hang, Jpan, Hani, Cyrl, Arab
    script: str | None = None
    lang: str | None = None  # ISO 639 code when the source states it


@dataclass(slots=True)
class Identifier:
    type: str  # passport, national_id, imo, mmsi, registration, tax, swift, lei, other ...
    value: str
    country: str | None = None  # ISO 3166-1 alpha-2
    note: str | None = None


@dataclass(slots=True)
class Address:
    full: str
    street: str | None = None
    city: str | None = None
    region: str | None = None
    postal_code: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-2


@dataclass(slots=True)
class Relation:
    """A relation the source states, from this entity to another one.

    ``schema`` is the FtM relation schema (``Ownership``, ``Directorship``, ``Membership``,
    ``Family``, ``Associate``, ``UnknownLink``, ``Representation``, ``Vessel`` owner links use
    ``Ownership`` with role ``vessel owner``). ``target_id`` is set when the source names the
    other side by identifier (an entity id of the same list); otherwise ``target_name`` holds
    the name as written. ``role`` is the source's wording ("owned or controlled by").
    """

    schema: str
    role: str
    target_id: str | None = None
    target_name: str | None = None
    share_pct: float | None = None
    start_date: str | None = None
    end_date: str | None = None
    source: str | None = None


@dataclass(slots=True)
class Entity:
    id: str  # "{list}:{source_id}"
    list: str
    source_id: str
    schema: str
    names: builtins.list[Name] = field(default_factory=builtins.list)
    # ISO 8601, may be partial: 1960, 1960-04
    birth_dates: builtins.list[str] = field(default_factory=builtins.list)
    birth_places: builtins.list[str] = field(default_factory=builtins.list)
    nationalities: builtins.list[str] = field(default_factory=builtins.list)  # ISO 3166-1 alpha-2
    # other country links (residence, jurisdiction)
    countries: builtins.list[str] = field(default_factory=builtins.list)
    addresses: builtins.list[Address] = field(default_factory=builtins.list)
    identifiers: builtins.list[Identifier] = field(default_factory=builtins.list)
    # e.g. "UN 1718 (DPRK)", "DPRK3", "BIS Entity List"
    programs: builtins.list[str] = field(default_factory=builtins.list)
    listed_on: str | None = None  # ISO date of first listing
    remarks: str | None = None
    relations: builtins.list[Relation] = field(default_factory=builtins.list)
    gender: str | None = None
    positions: builtins.list[str] = field(default_factory=builtins.list)
    # anything else the source states
    properties: dict[str, builtins.list[str]] = field(default_factory=dict)
    source_url: str | None = None

    @property
    def caption(self) -> str:
        """The entity's display name: its first primary name, else its first name."""
        for name in self.names:
            if name.kind == NameKind.PRIMARY:
                return name.value
        return self.names[0].value if self.names else self.source_id

    def add_name(
        self,
        value: str | None,
        kind: NameKind = NameKind.PRIMARY,
        script: str | None = None,
        lang: str | None = None,
    ) -> None:
        """Add a name once (same value and kind are not repeated); blank values are ignored."""
        if value is None:
            return
        value = " ".join(value.split())
        if not value:
            return
        for name in self.names:
            if name.value == value and name.kind == kind:
                return
        self.names.append(Name(value, kind, script, lang))

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "list": self.list,
            "source_id": self.source_id,
            "schema": self.schema,
            "names": [
                {"value": n.value, "kind": str(n.kind), "script": n.script, "lang": n.lang}
                for n in self.names
            ],
            "birth_dates": list(self.birth_dates),
            "birth_places": list(self.birth_places),
            "nationalities": list(self.nationalities),
            "countries": list(self.countries),
            "addresses": [_fields(a) for a in self.addresses],
            "identifiers": [_fields(i) for i in self.identifiers],
            "programs": list(self.programs),
            "listed_on": self.listed_on,
            "remarks": self.remarks,
            "relations": [_fields(r) for r in self.relations],
            "gender": self.gender,
            "positions": list(self.positions),
            "properties": {k: list(v) for k, v in self.properties.items()},
            "source_url": self.source_url,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Entity:
        return cls(
            id=data["id"],
            list=data["list"],
            source_id=data["source_id"],
            schema=data["schema"],
            names=[
                Name(n["value"], NameKind(n.get("kind", "primary")), n.get("script"), n.get("lang"))
                for n in data.get("names", [])
            ],
            birth_dates=list(data.get("birth_dates", [])),
            birth_places=list(data.get("birth_places", [])),
            nationalities=list(data.get("nationalities", [])),
            countries=list(data.get("countries", [])),
            addresses=[Address(**a) for a in data.get("addresses", [])],
            identifiers=[Identifier(**i) for i in data.get("identifiers", [])],
            programs=list(data.get("programs", [])),
            listed_on=data.get("listed_on"),
            remarks=data.get("remarks"),
            relations=[Relation(**r) for r in data.get("relations", [])],
            gender=data.get("gender"),
            positions=list(data.get("positions", [])),
            properties={k: list(v) for k, v in data.get("properties", {}).items()},
            source_url=data.get("source_url"),
        )

    def canonical_json(self) -> str:
        return json.dumps(self.to_dict(), sort_keys=True, ensure_ascii=False, separators=(",", ":"))

    def digest(self) -> str:
        """A content hash of everything the entity states; changes when any field changes."""
        return hashlib.sha256(self.canonical_json().encode("utf-8")).hexdigest()


def _fields(obj: Address | Identifier | Relation) -> dict[str, Any]:
    return {f.name: getattr(obj, f.name) for f in fields(obj)}


@dataclass(slots=True)
class ParsedList:
    """The result of parsing one published file (or file set) of one list."""

    list: str
    format: str  # e.g. "un-xml", "ofac-sdn-csv", "ofac-xml", "csl-csv", "meti-xlsx"
    source: str  # file name(s) as given, for the record
    sha256: str  # of the raw input bytes (all files, in a fixed order)
    entities: builtins.list[Entity]
    published_at: str | None = None  # the publication date/time stated in the file, ISO 8601
    warnings: builtins.list[str] = field(default_factory=builtins.list)

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for entity in self.entities:
            out[entity.schema] = out.get(entity.schema, 0) + 1
        return dict(sorted(out.items()))

    def check_text(self) -> None:
        """Refuse the file when any value of any entry holds a NUL character (U+0000).

        No store may hold one (PostgreSQL text cannot; SQLite would keep it and show it back),
        and no publisher means one, so every parser's output is checked here, once, on its way
        to the store (:func:`tradeguard.lists.registry.parse_path` and
        :meth:`tradeguard.store.Store.load` call it): the error names the file, the entry's
        record id and the field, and nothing is stored."""
        for entity in self.entities:
            found = _nul_in(entity.to_dict(), "")
            if found is not None:
                where, value = found
                raise InputError(
                    f"record {entity.source_id} ({entity.id}): contains a NUL character "
                    f"(U+0000), which no text may hold: {value[:80]!r}; nothing was loaded",
                    source=self.source,
                    field=where,
                )


def _nul_in(value: object, where: str) -> tuple[str, str] | None:
    """The path (``names[0].value``) and text of the first string in ``value`` that holds a
    NUL character, keys of mappings included, or None."""
    if isinstance(value, str):
        return (where, value) if "\x00" in value else None
    if isinstance(value, dict):
        for key, item in value.items():
            inner = f"{where}.{key}" if where else str(key)
            if "\x00" in str(key):
                return inner, str(key)
            found = _nul_in(item, inner)
            if found is not None:
                return found
    elif isinstance(value, list):
        for i, item in enumerate(value):
            found = _nul_in(item, f"{where}[{i}]")
            if found is not None:
                return found
    return None
