"""Technical parameters: definitions (``data/controls/parameters.yaml``) and value parsing.

Quantities are parsed with pint (``"12"``, ``"12 %"``, ``"0.193 um"``, ``"248nm"``) and converted
to the parameter's canonical unit; a bare number is taken in the canonical unit. Enumerations
and booleans accept their listed values. Values can also be read from a free-text description
through the cues declared in the definitions (``"KrF photoresist"`` → 248 nm).
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import pint
import yaml

from tradeguard.errors import InputError

Value = float | str | bool


@lru_cache(maxsize=1)
def unit_registry() -> Any:
    """The pint registry (built on first use: it takes about a second)."""
    ureg: Any = pint.UnitRegistry()
    ureg.define("ppm = 1e-6 = parts_per_million")
    return ureg


_NUMBER_UNIT = re.compile(r"^\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*(.*)$")
_SEPARATOR = re.compile(r"[,;、，；()（）]")
_TRUE = {"true", "yes", "y", "1", "t"}
_FALSE = {"false", "no", "n", "0", "f"}


class ImpossibleValue(InputError):
    """A quantity no item can have: not a finite number, or outside its physical bounds."""


@dataclass(frozen=True)
class Parameter:
    """One parameter a threshold can test."""

    name: str
    kind: str  # quantity | enum | bool
    description: str
    unit: str | None = None
    aliases: tuple[str, ...] = ()
    values: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    text_values: tuple[tuple[tuple[str, ...], float], ...] = ()
    text_patterns: tuple[tuple[str, str], ...] = ()
    """Regular expressions (lower-case text) with how the number found becomes the value:
    ``value`` (as written), ``complement_pct`` (100 - x: the rest of a mixture given in %),
    ``complement_ppm`` (100 - x / 10 000) or ``times:f`` (x times f: the number written in
    another unit, ``times: f`` in the data). A group named ``v`` holds the number, else the
    first group that matched."""
    text_preferred: tuple[tuple[str, str], ...] = ()
    """Patterns that state the parameter as such ("3 contouring axes"): where one matches, the
    other patterns are not read ("5-axis" of the same description)."""
    text_requires: tuple[str, ...] = ()
    """Words one of which the text must contain before any value is read from it."""
    text_not_near: tuple[str, ...] = ()
    """Words that, within a few characters of a pattern match, mean it states another quantity."""
    bool_cues: Mapping[bool, tuple[str, ...]] = field(default_factory=dict)
    minimum: float | None = None
    """The smallest value a quantity can physically take, in its unit (None: no bound)."""
    maximum: float | None = None
    """The largest value a quantity can physically take, in its unit (None: no bound)."""

    def parse(self, raw: str | float | bool) -> Value:
        """Parse a user-supplied value or raise :class:`InputError` naming the parameter."""
        if self.kind == "bool":
            text = str(raw).strip().lower()
            if isinstance(raw, bool):
                return raw
            if text in _TRUE:
                return True
            if text in _FALSE:
                return False
            raise InputError(f"expected true or false, got {raw!r}", field=self.name)
        if self.kind == "enum":
            text = str(raw).strip().lower().replace("-", "_").replace(" ", "_")
            if text in self.values:
                return text
            for value, cues in self.values.items():
                if str(raw).strip().lower() in cues:
                    return value
            raise InputError(
                f"unknown value {raw!r}; expected one of " + ", ".join(sorted(self.values)),
                field=self.name,
            )
        return self._quantity(raw)

    def _quantity(self, raw: str | float | bool) -> float:
        if isinstance(raw, bool):
            raise InputError(f"expected a number, got {raw!r}", field=self.name)
        if isinstance(raw, int | float):
            return self._checked(float(raw), raw)
        text = raw.strip().replace("µ", "u").replace("μ", "u").replace("%", " percent")
        try:
            return self._checked(float(text), raw)
        except ValueError:
            pass
        m = _NUMBER_UNIT.match(text)
        if m:  # "cm3", "mm2" -> "cm**3", "mm**2" in the unit part only
            unit = re.sub(r"(?<=[A-Za-z])([23])(?![0-9.])", r"**\1", m.group(2))
            text = f"{m.group(1)} {unit}"
        try:
            qty = unit_registry().Quantity(text)
        except (pint.errors.UndefinedUnitError, pint.errors.DefinitionSyntaxError) as exc:
            raise InputError(f"unknown unit in {raw!r} ({exc})", field=self.name) from None
        except Exception:
            raise InputError(f"cannot read {raw!r} as a quantity", field=self.name) from None
        try:
            value = float(qty.to(self.unit or "dimensionless").magnitude)
        except pint.errors.DimensionalityError:
            raise InputError(
                f"unit of {raw!r} cannot be converted to {self.unit}", field=self.name
            ) from None
        # unit conversion is binary floating point: 0.193 um must be 193 nm, not 192.99999...
        return self._checked(float(f"{value:.12g}"), raw)

    def bound_flaw(self, value: float) -> str | None:
        """Why ``value`` (in the canonical unit) cannot be this quantity, or None."""
        if not math.isfinite(value):
            return "is not a finite number"
        if self.minimum is not None and value < self.minimum:
            return f"is below {self.minimum:g}{self._unit_suffix()}, which no item can have"
        if self.maximum is not None and value > self.maximum:
            return f"is above {self.maximum:g}{self._unit_suffix()}, which no item can have"
        return None

    def _unit_suffix(self) -> str:
        if self.unit == "percent":
            return " %"
        return "" if self.unit in (None, "dimensionless") else f" {self.unit}"

    def _checked(self, value: float, raw: str | float) -> float:
        flaw = self.bound_flaw(value)
        if flaw is not None:
            raise ImpossibleValue(f"{raw!r} {flaw}", field=self.name)
        return value

    def from_text(self, text: str) -> tuple[Value, str] | None:
        """A value read from a lower-cased description, with the cue found, or None.

        Nothing is read when the cues disagree (two different values): the parameter stays
        unknown rather than guessed.
        """
        text = text.replace("µ", "u").replace("μ", "u")
        if self.text_requires and not any(_has_cue(text, w) for w in self.text_requires):
            return None
        if self.kind == "enum":
            matches = {v for v, cues in self.values.items() for c in cues if _has_cue(text, c)}
            if len(matches) == 1:
                value = matches.pop()
                cue = next(c for c in self.values[value] if _has_cue(text, c))
                return value, cue
            return None
        if self.kind == "bool":
            found = {
                b: next((c for c in cues if _has_cue(text, c)), None)
                for b, cues in self.bool_cues.items()
            }
            hits_b = [(b, c) for b, c in found.items() if c is not None]
            if len(hits_b) == 1:
                return hits_b[0]
            return None
        preferred: dict[float, str] = {}
        for _, _, number, matched in self._hits(text, self.text_preferred):
            preferred.setdefault(number, matched)
        if preferred:
            return next(iter(preferred.items())) if len(preferred) == 1 else None
        hits: dict[float, str] = {}
        for cues, v in self.text_values:
            for c in cues:
                if _has_cue(text, c):
                    hits.setdefault(v, c)
        for _, _, number, matched in self.text_hits(text):
            hits.setdefault(number, matched)
        if len(hits) == 1:
            number, found_cue = next(iter(hits.items()))
            return number, found_cue
        return None

    def text_hits(
        self, text: str, near_ok: Collection[str] = ()
    ) -> list[tuple[int, int, float, str]]:
        """Every value the text patterns find in a lower-cased description (µ read as u):
        where (start, end), the value in the canonical unit and the words matched, in text
        order; a value outside the bounds or near a word of another quantity (``near_ok``
        words aside) is left out."""
        return self._hits(text, self.text_patterns, near_ok)

    def _hits(
        self, text: str, patterns: tuple[tuple[str, str], ...], near_ok: Collection[str] = ()
    ) -> list[tuple[int, int, float, str]]:
        out: list[tuple[int, int, float, str]] = []
        for pattern, transform in patterns:
            for m in re.finditer(pattern, text):
                if self._near_other(text, m.start(), m.end(), near_ok):
                    continue
                raw = m.groupdict().get("v") or next((g for g in m.groups() if g), None)
                if raw is None:
                    continue
                # "49,5 %": a decimal comma; "1,000 ppm": in ppm, a thousands separator
                thousands = transform == "complement_ppm"
                number = float(raw.replace(",", "" if thousands else "."))
                if transform == "complement_pct":
                    number = 100.0 - number
                elif transform == "complement_ppm":
                    number = 100.0 - number / 10_000
                elif transform.startswith("times:"):
                    number *= float(transform.partition(":")[2])
                number = float(f"{number:.12g}")
                if self.bound_flaw(number) is None:  # "150 %" states something else
                    out.append((m.start(), m.end(), number, m.group(0).strip()))
        return sorted(out)

    def _near_other(self, text: str, start: int, end: int, near_ok: Collection[str]) -> bool:
        if not self.text_not_near:
            return False
        before = _SEPARATOR.split(text[max(0, start - 16) : start])[-1]
        after = _SEPARATOR.split(text[end : end + 16])[0]
        return any(
            _has_cue(before, w) or _has_cue(after, w)
            for w in self.text_not_near
            if w not in near_ok
        )


def _has_cue(text: str, cue: str) -> bool:
    return re.search(r"(?<![a-z0-9])" + re.escape(cue) + r"(?![a-z0-9])", text) is not None


@dataclass(frozen=True)
class ParameterSet:
    """All parameter definitions, by name and alias."""

    version: str
    params: Mapping[str, Parameter]
    by_alias: Mapping[str, str]
    words: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """The parameter words by group (``words`` in parameters.yaml), longest first."""
    molar_masses: Mapping[str, float] = field(default_factory=dict)
    """g/mol by CAS number, formula or name, lower case (``molar_masses`` in parameters.yaml):
    a share by volume of a gas mixture is turned into the share by weight a rule states."""
    balance_gases: tuple[str, ...] = ()
    """The names of the gases a gas mixture's rest is named by (``balance: true``), longest
    first."""

    def resolve(self, name: str) -> Parameter:
        key = name.strip().lower().replace("-", "_")
        canonical = self.by_alias.get(key)
        if canonical is None:
            raise InputError(
                f"unknown parameter {name!r}; known: " + ", ".join(sorted(self.params)),
                field=name,
            )
        return self.params[canonical]

    def parse_all(self, raw: Mapping[str, str | float] | None) -> dict[str, Value]:
        """Parse ``raw`` (names or aliases → values) into canonical names and units."""
        out: dict[str, Value] = {}
        for name, value in (raw or {}).items():
            param = self.resolve(name)
            out[param.name] = param.parse(value)
        return out


def load_parameters(path: Path) -> ParameterSet:
    doc: dict[str, Any] = yaml.load(
        path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    )
    params: dict[str, Parameter] = {}
    by_alias: dict[str, str] = {}
    groups = _word_groups(doc.get("words") or {}, path.name)
    for name, spec in doc["parameters"].items():
        if spec["kind"] not in ("quantity", "enum", "bool"):
            raise InputError(f"parameter {name}: unknown kind {spec['kind']!r}", source=path.name)
        unit = spec.get("unit")
        if spec["kind"] == "quantity" and not unit:
            raise InputError(f"parameter {name}: a quantity needs a unit", source=path.name)
        param = Parameter(
            name=name,
            kind=spec["kind"],
            description=spec.get("description", ""),
            unit=unit,
            aliases=tuple(spec.get("aliases", [])),
            values={
                k: tuple(c.lower() for c in (v or [])) for k, v in spec.get("values", {}).items()
            },
            text_values=tuple(
                (tuple(c.lower() for c in tv["cues"]), float(tv["value"]))
                for tv in spec.get("text_values", [])
            ),
            text_patterns=_patterns(spec, groups),
            text_preferred=_patterns(
                {"text_patterns": spec.get("text_patterns_preferred", [])}, groups
            ),
            text_requires=tuple(w.lower() for w in spec.get("text_requires", [])),
            text_not_near=tuple(
                w.lower() for n in spec.get("text_not_near", []) for w in _words_of(n, groups)
            ),
            minimum=_bound(spec, "minimum", 0.0 if spec["kind"] == "quantity" else None),
            maximum=_bound(spec, "maximum", 100.0 if unit == "percent" else None),
            bool_cues={  # YAML reads the keys true/false as booleans
                bool(k) if isinstance(k, bool) else str(k).lower() == "true": tuple(
                    str(c).lower() for c in v
                )
                for k, v in (spec.get("text_cues") or {}).items()
            },
        )
        params[name] = param
        for alias in (name, *param.aliases):
            by_alias[alias.lower()] = name
    masses, balance = _molar_masses(doc.get("molar_masses") or (), path.name)
    return ParameterSet(
        version=str(doc["meta"]["version"]),
        params=params,
        by_alias=by_alias,
        words=groups,
        molar_masses=masses,
        balance_gases=balance,
    )


def _molar_masses(
    raw: Collection[Mapping[str, Any]], source: str
) -> tuple[dict[str, float], tuple[str, ...]]:
    """Molar masses by name (each record needs names, g_per_mol and its source) and the
    balance gases' names, longest first."""
    masses: dict[str, float] = {}
    balance: list[str] = []
    for item in raw:
        names = [str(n).lower() for n in item.get("names") or ()]
        if not (names and item.get("g_per_mol") and item.get("source")):
            raise InputError(
                "molar_masses: each record needs names, g_per_mol and source", source=source
            )
        for name in names:
            masses[name] = float(item["g_per_mol"])
        if item.get("balance"):
            balance += names
    return masses, tuple(sorted(balance, key=lambda n: (-len(n), n)))


def _bound(spec: Mapping[str, Any], key: str, default: float | None) -> float | None:
    """A declared bound (``minimum: null`` lifts it), else the default: every quantity
    measured here is a magnitude (no negative value) and a percentage lies within 0-100."""
    if key not in spec:
        return default
    return None if spec[key] is None else float(spec[key])


_TRANSFORMS = ("value", "complement_pct", "complement_ppm")


_GROUP = re.compile(r"<<([a-z_]+)>>")


def _word_groups(raw: Mapping[str, Any], source: str) -> dict[str, tuple[str, ...]]:
    """The parameter words by group (``words`` in parameters.yaml), longest first; each word
    needs its language and its source."""
    out: dict[str, tuple[str, ...]] = {}
    for group, items in raw.items():
        for item in items:
            if not (item.get("text") and item.get("lang") and item.get("source")):
                raise InputError(
                    f"word group {group}: each word needs text, lang and source", source=source
                )
        texts = dict.fromkeys(str(item["text"]).lower() for item in items)
        out[str(group)] = tuple(sorted(texts, key=lambda t: (-len(t), t)))
    return out


def _group(name: str, groups: Mapping[str, tuple[str, ...]]) -> tuple[str, ...]:
    if name not in groups:
        raise InputError(f"unknown word group <<{name}>>", field="words")
    return groups[name]


def _words_of(item: str, groups: Mapping[str, tuple[str, ...]]) -> tuple[str, ...]:
    """A ``text_not_near`` item: a word, or ``<<group>>`` for every word of the group."""
    m = _GROUP.fullmatch(item)
    return _group(m.group(1), groups) if m else (item,)


def _expand(pattern: str, groups: Mapping[str, tuple[str, ...]]) -> str:
    """``<<group>>`` in a pattern as the alternation of the group's words; a space within a
    word may be any run of spaces or none ("위치결정 정밀도", "위치결정정밀도")."""

    def alternation(m: re.Match[str]) -> str:
        words = (re.escape(w).replace(r"\ ", r"\s*") for w in _group(m.group(1), groups))
        return "(?:" + "|".join(words) + ")"

    return _GROUP.sub(alternation, pattern)


def _patterns(
    spec: Mapping[str, Any], groups: Mapping[str, tuple[str, ...]]
) -> tuple[tuple[str, str], ...]:
    out: list[tuple[str, str]] = []
    if spec.get("text_pattern"):
        out.append((_expand(str(spec["text_pattern"]), groups), "value"))
    for item in spec.get("text_patterns", []):
        transform = str(item.get("transform", "value"))
        if "times" in item:  # "0.5 uC/cm2" in uC/mm2: the number times 0.01
            transform = f"times:{float(item['times'])!r}"
        elif transform not in _TRANSFORMS:
            raise InputError(f"unknown transform {transform!r}", field="text_patterns")
        pattern = _expand(str(item["pattern"]), groups)
        re.compile(pattern)
        out.append((pattern, transform))
    return tuple(out)
