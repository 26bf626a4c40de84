"""The shipment (export declaration) model: parties, route, items and licence references.

Input is JSON or YAML; ``shipment_schema()`` is the JSON Schema that ``tradeguard schema shipment``
prints. Country codes are ISO 3166-1 alpha-2 (names in English, Japanese and Korean are accepted
and normalised by tradeguard.countries; an ambiguous name such as "Korea" is refused),
dates ISO 8601, HS codes digit strings (dots and spaces are removed).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from pathlib import Path
from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

from tradeguard import settings
from tradeguard.countries import CountryError, resolve_country
from tradeguard.errors import InputError
from tradeguard.lists.common import read_capped
from tradeguard.names.junk import name_problem
from tradeguard.policy.kr_model import KrFacts

_CAS = re.compile(r"^\d{2,7}-\d{2}-\d$")
_IMO = re.compile(r"^(?:IMO\s*)?(\d{7})$", re.IGNORECASE)
_HS_SEPARATORS = re.compile(r"[\s.]")


def _country(value: Any) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ValueError("expected a country code or name")
    try:
        return resolve_country(value)
    except CountryError as exc:
        raise ValueError(exc.message) from None


def _unscreenable(name: str) -> str | None:
    """Why a name with no identifier beside it cannot be screened (the screener's own rule,
    :func:`tradeguard.names.junk.name_problem`: no letters or digits, a single one, a
    company's legal form alone, markup aside), or None."""
    problem = name_problem(name)
    return None if problem is None else problem.replace("the name", f"the name {name!r}", 1)


def _check_name(model: BaseModel, name: str | None, identified: bool) -> None:
    """Reject a name that cannot be screened, as an error on the model's ``name`` field (so a
    shipment's error names e.g. ``consignee.name``)."""
    problem = None if not name or identified else _unscreenable(name)
    if problem is None:
        return
    error = PydanticCustomError("party_name", problem)
    details = InitErrorDetails(type=error, loc=("name",), input=name)
    raise ValidationError.from_exception_data(type(model).__name__, [details])


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Party(_Model):
    """A party to the transaction."""

    name: str = Field(
        min_length=1,
        description="Name as written on the documents (any script); at least two letters or "
        "digits unless an identifier is given.",
    )
    country: str | None = Field(None, description="ISO 3166-1 alpha-2 country of the address.")
    address: str | None = Field(None, description="Street address as written.")
    schema_: Literal["Company", "Organization", "Person", "LegalEntity"] | None = Field(
        None, alias="schema", description="FollowTheMoney schema, if known."
    )
    identifiers: list[str] = Field(
        default_factory=list, description="Registration, tax or other ids."
    )
    birth_date: str | None = None
    _own: bool = PrivateAttr(default=False)

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, populate_by_name=True)

    @property
    def own(self) -> bool:
        """Whether this is the organisation's own exporter record (from its settings)."""
        return self._own

    _country = field_validator("country", mode="before")(_country)

    @model_validator(mode="after")
    def _screenable(self) -> Party:
        _check_name(self, self.name, bool(self.identifiers))
        return self


class Vessel(_Model):
    name: str | None = Field(
        None, description="At least two letters or digits unless the IMO number is given."
    )
    imo: str | None = Field(None, description="IMO number, 7 digits.")
    flag: str | None = Field(None, description="ISO 3166-1 alpha-2 flag state.")

    _flag = field_validator("flag", mode="before")(_country)

    @model_validator(mode="after")
    def _screenable(self) -> Vessel:
        _check_name(self, self.name, bool(self.imo))
        return self

    @field_validator("imo", mode="before")
    @classmethod
    def _imo(cls, value: Any) -> str | None:
        if value is None or value == "":
            return None
        m = _IMO.match(str(value).strip())
        if not m:
            raise ValueError(f"not an IMO number (7 digits): {value!r}")
        return m.group(1)


class Port(_Model):
    name: str | None = None
    locode: str | None = Field(
        None, description="UN/LOCODE, e.g. CNDDG (its first two letters are the country)."
    )
    country: str | None = None

    _country = field_validator("country", mode="before")(_country)

    @model_validator(mode="after")
    def _from_locode(self) -> Port:
        if self.locode:
            code = self.locode.replace(" ", "").upper()
            if not re.fullmatch(r"[A-Z]{2}[A-Z0-9]{3}", code):
                raise ValueError(f"not a UN/LOCODE: {self.locode!r}")
            self.locode = code
            if self.country is None:
                self.country = code[:2]
        if self.country is None and self.name is None:
            raise ValueError("a port needs a name, a UN/LOCODE or a country")
        return self


class Item(_Model):
    """One line item."""

    line: int | None = Field(
        None, description="Line number on the declaration (default: position)."
    )
    description: str | None = None
    hs: str | None = Field(
        None, description="HS / tariff code, digits (6 or more for the HS rules)."
    )
    cas: str | None = Field(None, description="CAS registry number, e.g. 7664-39-3.")
    params: dict[str, str | float | bool] = Field(
        default_factory=dict, description="Technical parameters for classification."
    )
    quantity: float | None = Field(None, ge=0, allow_inf_nan=False)
    unit: str | None = None
    value: float | None = Field(None, ge=0, allow_inf_nan=False)
    currency: str | None = Field(None, description="ISO 4217 code of the value, e.g. USD.")
    origin: str | None = Field(None, description="Country of origin (ISO alpha-2).")
    control_entry: str | None = Field(
        None, description="Control-list entry declared by the exporter (e.g. 1C350.24, 3C002.a.2)."
    )

    _origin = field_validator("origin", mode="before")(_country)

    @field_validator("params")
    @classmethod
    def _params(cls, value: dict[str, str | float | bool]) -> dict[str, str | float | bool]:
        """A known quantity no item can have (NaN, -5 %, 150 %) refuses the item: read as
        "not met" it would decide "not controlled"."""
        if not value:
            return value
        from tradeguard.items.classifier import knowledge_base  # loaded on first use
        from tradeguard.items.params import ImpossibleValue

        known = knowledge_base().params
        for name, raw in value.items():
            if isinstance(raw, float) and not math.isfinite(raw):
                raise ValueError(f"parameter {name}: {raw!r} is not a finite number")
            try:
                known.resolve(name).parse(raw)
            except ImpossibleValue as exc:
                raise ValueError(f"parameter {exc.field}: {exc.message}") from None
            except InputError:
                continue  # unknown name or unit: the item is reported as not classified
        return value

    @field_validator("hs", mode="before")
    @classmethod
    def _hs(cls, value: Any) -> str | None:
        if value is None or value == "":
            return None
        digits = _HS_SEPARATORS.sub("", str(value))
        if not digits.isdigit() or not 2 <= len(digits) <= 12:
            raise ValueError(f"not an HS code (2–12 digits): {value!r}")
        return digits

    @field_validator("cas", mode="before")
    @classmethod
    def _cas(cls, value: Any) -> str | None:
        if value is None or value == "":
            return None
        text = str(value).strip()
        if not _CAS.match(text):
            raise ValueError(f"not a CAS number (e.g. 7664-39-3): {value!r}")
        return text


class LicenceRef(_Model):
    number: str = Field(min_length=1)
    jurisdiction: str | None = Field(
        None,
        description="Issuing jurisdiction: JP, KR, EU, US ... (EU member codes are read as EU).",
    )
    type: Literal["individual", "general", "comprehensive", "exemption"] = "individual"
    entries: list[str] = Field(default_factory=list, description="Entries it covers (empty = all).")
    valid_until: dt.date | None = None


class Shipment(_Model):
    """An export declaration."""

    id: str | None = Field(None, max_length=200, description="The declaration's own id.")
    date: dt.date | None = Field(None, description="Date of export; the default 'as of' date.")
    export_country: str | None = Field(
        None, description="Country of export (default: exporter's country)."
    )
    exporter: Party
    consignee: Party
    end_user: Party | None = None
    intermediaries: list[Party] = Field(default_factory=list)
    carrier: Party | None = None
    vessel: Vessel | None = None
    port_of_loading: Port | None = None
    ports_of_transshipment: list[Port] = Field(default_factory=list)
    port_of_discharge: Port | None = None
    destination: str = Field(description="Country of destination (ISO alpha-2).")
    end_use: str | None = Field(None, description="End-use statement, as given.")
    items: list[Item] = Field(min_length=1)
    licences: list[LicenceRef] = Field(default_factory=list)
    kr: KrFacts | None = Field(
        None,
        description="Korean facts of the transaction (CP grade, purpose, mode, red flags ...): "
        "read for exports from Korea (docs/korea.md).",
    )

    _dest = field_validator("destination", "export_country", mode="before")(_country)

    @model_validator(mode="before")
    @classmethod
    def _own_exporter(cls, data: Any) -> Any:
        """An omitted exporter, or one named as the organisation, is the organisation's own
        record from its settings (``TRADEGUARD_ORG_NAME``, ``_COUNTRY``, ``_ADDRESS``)."""
        own = settings.organisation()
        if own is None or not isinstance(data, dict):
            return data
        given = data.get("exporter")
        if isinstance(given, Party):
            given = given.model_dump(by_alias=True, exclude_none=True)
        if not given:
            return {**data, "exporter": own}
        if not isinstance(given, dict) or not is_organisation(given, own):
            return data
        return {**data, "exporter": {**given, **own}}

    @model_validator(mode="after")
    def _defaults(self) -> Shipment:
        own = settings.organisation()
        if own is not None and is_organisation(
            {"name": self.exporter.name, "country": self.exporter.country}, own
        ):
            self.exporter._own = True
        if self.export_country is None:
            self.export_country = self.exporter.country
        for n, item in enumerate(self.items, start=1):
            if item.line is None:
                item.line = n
        return self

    def parties(self) -> list[tuple[str, Party]]:
        """Every party with its role."""
        return [(role, party) for _, role, party in self.party_fields()]

    def party_fields(self) -> list[tuple[str, str, Party]]:
        """Every party with the field that holds it (``intermediaries.0`` ...) and its role."""
        out: list[tuple[str, str, Party]] = [
            ("exporter", "exporter", self.exporter),
            ("consignee", "consignee", self.consignee),
        ]
        if self.end_user is not None:
            out.append(("end_user", "end_user", self.end_user))
        out.extend(
            (f"intermediaries.{n}", "intermediary", p) for n, p in enumerate(self.intermediaries)
        )
        if self.carrier is not None:
            out.append(("carrier", "carrier", self.carrier))
        return out


def _name_key(name: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", name.casefold()).split())


def is_organisation(party: dict[str, Any], own: dict[str, str]) -> bool:
    """Whether a party (as written) is the organisation: the same name once case, punctuation
    and spacing are set aside, and no other country (a country name is read as a code)."""
    name = party.get("name")
    if not isinstance(name, str) or _name_key(name) != _name_key(own["name"]):
        return False
    country, mine = party.get("country"), own.get("country")
    if not country or not mine:
        return True
    try:
        return _country(country) == _country(mine)
    except ValueError:
        return False


def shipment_schema() -> dict[str, Any]:
    """The JSON Schema of a shipment document."""
    return Shipment.model_json_schema(by_alias=True)


def parse_shipment(data: Any, source: str = "shipment") -> Shipment:
    """Validate a decoded JSON/YAML document; errors name the field."""
    if not isinstance(data, dict):
        raise InputError("expected a JSON/YAML object at the top level", source=source)
    try:
        return Shipment.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"]) or None
        msg = err["msg"].removeprefix("Value error, ")
        raise InputError(msg, source=source, field=where) from None


def load_shipment(path: Path) -> Shipment:
    """Read a shipment from a JSON or YAML file."""
    raw = read_capped(path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError("not UTF-8 text", source=str(path)) from None
    from tradeguard.inputs import load_document

    data = load_document(text, source=str(path), as_json=path.suffix.lower() == ".json")
    return parse_shipment(data, source=str(path))


def parse_as_of(value: str | None, field: str = "--as-of") -> dt.date | None:
    """An as-of date (``YYYY-MM-DD``), or None; ``field`` names it in an error as the face
    that took it calls it (the CLI's ``--as-of``, the API's ``as_of``)."""
    if value is None or not value.strip():
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise InputError(f"not a date (YYYY-MM-DD): {value!r}", field=field) from None
