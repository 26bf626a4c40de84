"""The versioned vocabularies of name matching, loaded from ``tradeguard/data/names/*.yaml``.

Each file carries its ``version``, ``source`` and effective dates; :func:`versions` reports
them so that a screening result can say which vocabulary it used.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from tradeguard.names import hanja

FILES = (
    "company_forms",
    "country_words",
    "generic_words",
    "glossary",
    "kontsevich",
    "korean_romanization",
    "korean_surnames",
    "qualifiers",
    "script_words",
    "supplementary_aliases",
    "thresholds",
)


def load_file(name: str) -> dict[str, Any]:
    """The data file ``tradeguard/data/names/<name>.yaml``, checked for its version and
    source."""
    return _load(name)


def _load(name: str) -> dict[str, Any]:
    text = (
        resources.files("tradeguard").joinpath("data", "names", f"{name}.yaml").read_text("utf-8")
    )
    data = yaml.safe_load(text)
    if not isinstance(data, dict) or "version" not in data or "source" not in data:
        raise ValueError(f"names/{name}.yaml: missing version or source")
    return data


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """Lookup tables built from the data files."""

    #: normalised token sequence of a Latin-script company form -> canonical form token
    forms: dict[tuple[str, ...], str]
    #: longest form length in tokens (for the sliding match)
    form_max_len: int
    #: company forms inside original-script text -> canonical token(s), longest first
    script_forms: tuple[tuple[str, str], ...]
    #: generic word token sequence -> canonical token
    generic: dict[tuple[str, ...], str]
    #: a word written abbreviated or in another language -> the word it is read as (``bk``,
    #: ``banco`` -> ``bank``): no generic word, weighed as the word
    spellings: dict[str, str]
    #: every canonical form / generic token (these are weighed less)
    form_tokens: frozenset[str]
    generic_tokens: frozenset[str]
    #: Korean surname spelling -> group key
    surnames: dict[str, str]
    #: original-script word -> Latin translation, longest first
    script_words: tuple[tuple[str, str], ...]
    versions: dict[str, str]
    #: screening thresholds: the default and per-list overrides
    threshold: float
    list_thresholds: dict[str, float]
    #: the bilingual glossary's records by category (see :mod:`tradeguard.names.glossary`)
    glossary: dict[str, list[dict[str, Any]]]
    #: folded words written in brackets to qualify a name, never a name of their own
    qualifiers: frozenset[str]
    #: the Korean romanization tables (see :mod:`tradeguard.names.korean`)
    korean: dict[str, Any]
    #: folded word of a name that names a country (``korea``, ``hanguk``) -> the ISO codes of
    #: the countries it may stand for
    country_words: dict[str, frozenset[str]]
    #: the words of a trade: each word of the English renderings of the glossary and of the
    #: script words (``bank``, ``development``, ``ocean``), folded
    trade_words: frozenset[str]


@cache
def vocabulary() -> Vocabulary:
    from tradeguard.names.normalize import fold

    raw = {name: _load(name) for name in FILES}
    forms: dict[tuple[str, ...], str] = {}
    for canonical, spellings in raw["company_forms"]["latin"].items():
        for spelling in spellings:
            forms[tuple(fold(spelling).split())] = canonical
    script_forms = sorted(
        ((k, fold(v)) for k, v in raw["company_forms"]["scripts"].items()),
        key=lambda kv: -len(kv[0]),
    )
    generic: dict[tuple[str, ...], str] = {}
    for canonical, spellings in raw["generic_words"]["words"].items():
        for spelling in spellings:
            generic[tuple(fold(spelling).split())] = canonical
    surnames: dict[str, str] = {}
    for group in raw["korean_surnames"]["groups"]:
        key = fold(str(group[0]))
        for spelling in group:
            surnames.setdefault(fold(str(spelling)), key)
    script_words = sorted(
        ((k, fold(v)) for k, v in raw["script_words"]["words"].items()), key=lambda kv: -len(kv[0])
    )
    trade_words = {w for _, latin in script_words for w in latin.split()}
    for records in raw["glossary"]["words"].values():
        for record in records:
            trade_words.update(w for e in record["en"] for w in fold(str(e)).split())
    form_tokens = frozenset(forms.values()) | frozenset(
        t for _, v in script_forms for t in v.split()
    )
    return Vocabulary(
        forms=forms,
        form_max_len=max(len(k) for k in list(forms) + list(generic)),
        script_forms=tuple(script_forms),
        generic=generic,
        spellings={
            fold(str(k)): fold(str(v))
            for k, v in (raw["generic_words"].get("spellings") or {}).items()
        },
        form_tokens=form_tokens - frozenset(generic.values()),
        generic_tokens=frozenset(generic.values()),
        surnames=surnames,
        script_words=tuple(script_words),
        versions={name: str(data["version"]) for name, data in raw.items()},
        threshold=float(raw["thresholds"]["default"]),
        list_thresholds={k: float(v) for k, v in (raw["thresholds"]["lists"] or {}).items()},
        glossary=dict(raw["glossary"]["words"]),
        qualifiers=frozenset(fold(str(w)) for w in raw["qualifiers"]["words"]),
        korean=raw["korean_romanization"],
        country_words={
            fold(str(k)): frozenset(str(c) for c in v)
            for k, v in raw["country_words"]["words"].items()
        },
        trade_words=frozenset(trade_words),
    )


@cache
def countries_version() -> str:
    """The CLDR data the glossary's country names come from, as the installed ICU names it
    (ICU is imported on first use: its import is not paid by commands that never screen)."""
    import icu

    major = int(str(icu.ICU_VERSION).split(".")[0])
    cldr = f"CLDR {major - 30}, " if major >= 68 else ""  # ICU 68 shipped CLDR 38, and so on
    return f"{cldr}ICU {icu.ICU_VERSION}"


def versions() -> dict[str, str]:
    """The version of each vocabulary file, e.g. ``{"company_forms": "2026-11-23", ...}``, of
    the CLDR country names the glossary takes from ICU (``countries``) and of the Unicode Han
    Database the Korean readings of Han characters come from (``hanja_hangul``)."""
    return {
        **vocabulary().versions,
        "countries": countries_version(),
        "hanja_hangul": hanja.version(),
    }
