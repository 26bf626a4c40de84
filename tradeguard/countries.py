"""Countries as users type them: ISO 3166-1 codes, or names in English, Japanese and Korean.

Every input path (shipments, screening queries, batch files, web forms) turns a country into its
ISO 3166-1 alpha-2 code with :func:`resolve_country`:

- an alpha-2 or alpha-3 code (``KR``, ``kor``) known to ISO 3166-1 (pycountry), or ``XK``;
- a name from ISO 3166-1 (name, official name, common name) or from the CLDR territory names in
  English, Japanese and Korean (Babel): ``South Korea``, ``韓国``, ``北朝鮮``, ``북한``;
- a further name from ``tradeguard/data/geo/countries.yaml`` (``한국``, ``조선``, ``DPRK``).

A name that fits several countries (``Korea``, ``Congo``) is refused with its candidates; an
unknown code (``XX``) or name is refused. :func:`country_name` gives a code's name in a language.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from importlib import resources
from typing import Any

import pycountry
import yaml
from babel import Locale
from rigour.territories import lookup_territory

from tradeguard.errors import InputError

LANGUAGES = ("en", "ja", "ko")
_PUNCT = re.compile(r"[\s.,'’()\-_/·・]+")


class CountryError(InputError):
    """A country that is unknown or ambiguous; ``candidates`` lists the codes it could mean."""

    def __init__(
        self, message: str, *, candidates: tuple[str, ...] = (), field: str | None = None
    ) -> None:
        self.candidates = candidates
        super().__init__(message, field=field)


@dataclass(frozen=True)
class _Table:
    codes: frozenset[str]
    alpha3: dict[str, str]
    names: dict[str, frozenset[str]]  # normalised name -> codes
    ambiguous: dict[str, tuple[str, ...]]  # normalised name -> candidate codes
    labels: dict[str, dict[str, str]]  # language -> code -> display name


def _key(text: str) -> str:
    return _PUNCT.sub("", unicodedata.normalize("NFKC", text).casefold())


@functools.cache
def _table() -> _Table:
    raw: Any = yaml.safe_load(
        resources.files("tradeguard").joinpath("data/geo/countries.yaml").read_text("utf-8")
    )
    codes = {c.alpha_2 for c in pycountry.countries}
    alpha3 = {c.alpha_3: c.alpha_2 for c in pycountry.countries}
    names: dict[str, set[str]] = {}

    def add(name: str | None, code: str) -> None:
        if name:
            names.setdefault(_key(name), set()).add(code)

    for extra in raw["extra_codes"]:
        codes.add(extra["code"])
        add(extra["name"], extra["code"])
    for country in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            add(getattr(country, attr, None), country.alpha_2)
    labels: dict[str, dict[str, str]] = {}
    for lang in LANGUAGES:
        territories = Locale(lang).territories
        labels[lang] = {code: territories.get(code, code) for code in codes}
        for code in codes:
            add(territories.get(code), code)
    for alias in raw["aliases"]:
        if alias["code"] not in codes:
            raise ValueError(f"countries.yaml: alias {alias['name']!r} has unknown code")
        add(alias["name"], alias["code"])
    ambiguous: dict[str, tuple[str, ...]] = {}
    for entry in raw["ambiguous"]:
        ambiguous[_key(entry["name"])] = tuple(entry["codes"])
    for key, found in names.items():
        if len(found) > 1 and key not in ambiguous:
            ambiguous[key] = tuple(sorted(found))
    return _Table(
        frozenset(codes),
        alpha3,
        {k: frozenset(v) for k, v in names.items()},
        ambiguous,
        labels,
    )


def is_code(code: str) -> bool:
    """True for a known alpha-2 code (upper case)."""
    return code in _table().codes


def country_name(code: str, lang: str = "en") -> str:
    """The country's name in ``lang`` (en, ja, ko; others fall back to English)."""
    labels = _table().labels
    return labels.get(lang, labels["en"]).get(code, code)


def country_choices(lang: str = "en") -> list[tuple[str, str]]:
    """(code, name) of every known country, sorted by name in ``lang``."""
    labels = _table().labels.get(lang, _table().labels["en"])
    return sorted(labels.items(), key=lambda kv: kv[1])


def _describe(codes: tuple[str, ...]) -> str:
    return " or ".join(f"{code} ({country_name(code)})" for code in codes)


def resolve_country(value: str, *, field: str | None = None) -> str:
    """The ISO 3166-1 alpha-2 code of a code or name; :class:`CountryError` when unknown or
    ambiguous (the message names the candidates)."""
    table = _table()
    text = " ".join(value.split())
    if not text:
        raise CountryError("empty country", field=field)
    if text.isascii() and text.isalpha() and len(text) in (2, 3):
        upper = text.upper()
        if len(text) == 2:
            if upper in table.codes:
                return upper
            if len(table.names.get(_key(text), ())) == 1:
                return next(iter(table.names[_key(text)]))
            raise CountryError(
                f"unknown country code {value!r} (not in ISO 3166-1; e.g. KR, KP, JP)", field=field
            )
        if upper in table.alpha3:
            return table.alpha3[upper]
    key = _key(text)
    if key in table.ambiguous:
        candidates = table.ambiguous[key]
        raise CountryError(
            f"ambiguous country {value!r}: {_describe(candidates)}; give the code",
            candidates=candidates,
            field=field,
        )
    found = table.names.get(key)
    if found:
        return next(iter(found))
    territory = lookup_territory(text)  # further spellings (rigour's territory names)
    if territory is not None and territory.ftm_country:
        code = territory.ftm_country.upper()
        if code in table.codes:
            return code
    raise CountryError(
        f"unknown country {value!r} (expected an ISO 3166-1 code such as KR, or a name in "
        "English, Japanese or Korean)",
        field=field,
    )


def resolve_countries(values: str | list[str], *, field: str | None = None) -> list[str]:
    """Codes of a list of countries, or of one text separated by commas or semicolons (a text
    that is one country's name with a comma, ``Korea, Republic of``, is that country)."""
    if isinstance(values, str):
        if not values.strip():
            return []
        try:
            return [resolve_country(values, field=field)]
        except CountryError:
            if not re.search(r"[,;]", values):
                raise
        items = re.split(r"[,;]", values)
    else:
        items = values
    return [resolve_country(item, field=field) for item in items if item.strip()]
