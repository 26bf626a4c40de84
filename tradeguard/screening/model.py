"""What a screening call takes and returns: :class:`Query` and :class:`Match`."""

from __future__ import annotations

import builtins
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from tradeguard.errors import InputError

#: The one shape of a party's membership (an entry of one list), wherever a membership is given
#: (screening results, shipment decisions, batch output, reports): the entry's id, list, the
#: publisher's own id, schema, caption, programmes, the legal consequence of being on the list
#: (``lists.consequences``), the list version's sha256, and, for screening, the entry's own
#: score and matched name when it reached the threshold and whether its name is the one that
#: matched. A shipment decision adds the membership's ``level`` (designated, listed, possible).
MEMBERSHIP_KEYS = (
    "entity_id",
    "list",
    "source_id",
    "schema",
    "caption",
    "programs",
    "consequence",
    "list_version",
    "score",
    "matched_name",
    "matched",
)


def membership_of(match: Any, list_version: str | None = None) -> dict[str, Any]:
    """The membership of a match that carries none (a match of one entry): its own entry in
    the shape of :data:`MEMBERSHIP_KEYS`."""
    from tradeguard.lists.consequences import list_info

    entity_id = str(match.entity_id)
    list_id = str(match.list)
    return {
        "entity_id": entity_id,
        "list": list_id,
        "source_id": getattr(match, "source_id", None) or entity_id.split(":", 1)[-1],
        "schema": getattr(match, "schema", None),
        "caption": match.caption,
        "programs": list(match.programs),
        "consequence": list_info(list_id).consequence(),
        "list_version": list_version,
        "score": round(float(match.score), 4),
        "matched_name": match.matched_name,
        "matched": True,
    }


#: Schemas a query of one schema may meet. A Person is never matched against an
#: Organization, Company or Vessel entry unless the query leaves the schema open.
COMPATIBLE: dict[str, frozenset[str]] = {
    "Person": frozenset({"Person", "LegalEntity"}),
    "Organization": frozenset({"Organization", "Company", "LegalEntity"}),
    "Company": frozenset({"Organization", "Company", "LegalEntity"}),
    "LegalEntity": frozenset({"Person", "Organization", "Company", "LegalEntity"}),
    "Vessel": frozenset({"Vessel"}),
    "Airplane": frozenset({"Airplane"}),
    "CryptoWallet": frozenset({"CryptoWallet"}),
}


#: The schemas of craft: what a party to a transaction is not.
CRAFT = frozenset({"Vessel", "Airplane"})


def compatible_schemas(schema: str | None) -> frozenset[str] | None:
    """The entry schemas a query schema may match; None means any."""
    if schema is None or schema == "":
        return None
    for name, allowed in COMPATIBLE.items():
        if name.lower() == schema.lower():
            return allowed
    raise InputError(
        f"unknown entity type {schema!r}; expected one of {', '.join(COMPATIBLE)}", field="type"
    )


_BIRTH_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def birth_date(
    value: str | None, field: str = "birth_date", today: date | None = None
) -> str | None:
    """A query's birth date as screening compares it: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``
    (surrounding spaces dropped; empty is unknown, None). Anything else is refused rather than
    ignored: a date screening cannot read, a day no calendar has (1938-02-30) or a date after
    ``today`` would leave a namesake alerting or hide a designated person."""
    if value is None or not value.strip():
        return None
    text = value.strip()
    m = _BIRTH_DATE.fullmatch(text)
    if (
        m is None
        or int(m[1]) < 1000
        or (m[2] is not None and not 1 <= int(m[2]) <= 12)
        or (m[3] is not None and not 1 <= int(m[3]) <= 31)
    ):
        raise InputError(f"birth date {text!r} is not YYYY, YYYY-MM or YYYY-MM-DD", field=field)
    year, month, day = int(m[1]), int(m[2] or 1), int(m[3] or 1)
    try:
        first = date(year, month, day)
    except ValueError:
        raise InputError(f"birth date {text!r} is not a day of the calendar", field=field) from None
    if first > (today or date.today()):
        raise InputError(f"birth date {text!r} is in the future", field=field)
    return text


@dataclass(slots=True)
class Query:
    """A party to screen: a name and whatever else is known about it."""

    name: str
    schema: str | None = None
    countries: list[str] = field(default_factory=list)
    birth_date: str | None = None
    identifiers: list[str] = field(default_factory=list)
    lists: list[str] | None = None
    #: whether a query of no schema may be a vessel or an aircraft: False for a party to a
    #: transaction (a shipment's exporter, consignee, end user ...), a person or an
    #: organisation, which a craft's entry does not name (:data:`CRAFT`)
    craft: bool = True
    #: the query names a branch, office or agent of the party screened (a part of the query,
    #: :mod:`tradeguard.screening.branch`): the country given is the branch's, and a
    #: designated firm's branch abroad is the firm, so a country of the party's own that
    #: differs does not count against it
    branch: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "schema": self.schema,
            "countries": list(self.countries),
            "birth_date": self.birth_date,
            "identifiers": list(self.identifiers),
            "lists": None if self.lists is None else list(self.lists),
        }


@dataclass(slots=True)
class Match:
    """One list entry a query may be, with its score in [0, 1] and why."""

    entity_id: str
    list: str
    source_id: str
    schema: str
    caption: str
    matched_name: str
    score: float
    programs: builtins.list[str]
    explanation: dict[str, Any]
    #: the party the entry belongs to (the id of its first entry) and every entry of it: list,
    #: source id, programmes, list version, the entry's own score when it reached the threshold
    party_id: str = ""
    memberships: builtins.list[dict[str, Any]] = field(default_factory=builtins.list)
    #: why these entries are one party (one line per join)
    party_evidence: builtins.list[str] = field(default_factory=builtins.list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "entity_id": self.entity_id,
            "list": self.list,
            "source_id": self.source_id,
            "schema": self.schema,
            "caption": self.caption,
            "matched_name": self.matched_name,
            "score": round(self.score, 4),
            "programs": list(self.programs),
            "explanation": self.explanation,
            "party_id": self.party_id or self.entity_id,
            "memberships": [dict(m) for m in self.memberships],
            "party_evidence": list(self.party_evidence),
        }
