"""The fact records the policy engine works on (an item, its control entries, a licence quoted,
a route) and helpers shared by the jurisdictions' rules."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from tradeguard.policy.reasons import UNVERIFIED_NOTE

#: HS chapters of food (1–24) and pharmaceutical products (30): outside the UN DPRK catch-all.
_MUNITIONS = re.compile(r"^(ML\d|\d[A-E]6\d\d|\dA5\d\d|0A5)", re.IGNORECASE)


@dataclass(frozen=True)
class EntryFacts:
    """A control-list entry that applies to an item (from a classifier or declared)."""

    code: str
    regimes: tuple[str, ...] = ()
    reasons_for_control: tuple[str, ...] = ()
    title: str | None = None
    declared: bool = False
    #: The exporting jurisdiction's own number for the entry (the US ECCN paragraph of EU
    #: 1C350.24 is 1C350.d.15), when the knowledge base has it.
    national_code: str | None = None


@dataclass(frozen=True)
class ItemFacts:
    """What the policy needs to know about one line item."""

    line: int | None = None
    description: str | None = None
    hs: str | None = None
    cas: str | None = None
    entries: tuple[EntryFacts, ...] = ()
    quantity: float | None = None
    value: float | None = None
    currency: str | None = None
    origin: str | None = None

    @property
    def controlled(self) -> bool:
        return bool(self.entries)

    @property
    def is_arms(self) -> bool:
        if self.hs and self.hs.startswith("93"):
            return True
        for entry in self.entries:
            if _MUNITIONS.match(entry.code):
                return True
            if any("munition" in r.lower() or r.upper() in {"ML", "WA-ML"} for r in entry.regimes):
                return True
        return False

    @property
    def unit_value(self) -> float | None:
        if self.value is None:
            return None
        if self.quantity:
            return self.value / self.quantity
        return self.value


@dataclass(frozen=True)
class LicenceFacts:
    """A licence reference quoted on a declaration."""

    number: str
    jurisdiction: str | None = None
    type: str = "individual"
    entries: tuple[str, ...] = ()
    valid_until: date | None = None

    def covers(self, jurisdiction: str, entry: str, on: date) -> bool:
        if self.jurisdiction and self.jurisdiction != jurisdiction:
            return False
        if self.valid_until is not None and on > self.valid_until:
            return False
        return not self.entries or any(
            entry.startswith(e) or e.startswith(entry) for e in self.entries
        )


@dataclass
class RouteFacts:
    """Which UN DPRK directions a movement touches."""

    to_dprk: bool = False
    from_dprk: bool = False
    via: list[str] = field(default_factory=list)


def _hs_digits(hs: str | None) -> str:
    return re.sub(r"\D", "", hs or "")


def _unverified(verified: bool) -> str:
    return "" if verified else UNVERIFIED_NOTE


#: Entry numbers that name their regime (EU/Wassenaar numbering): category 0 is NSG Part 1, then
#: by the block of the last three digits: 0xx Wassenaar, 1xx MTCR, 2xx NSG Part 2, 3xx Australia
#: Group, 4xx CWC, 5xx national; ML entries are munitions.
_REGIME_OF_NUMBER = (
    (re.compile(r"^0[A-E]\d{3}"), "NSG"),
    (re.compile(r"^[1-9][A-E]0\d\d"), "WASSENAAR"),
    (re.compile(r"^[1-9][A-E]1\d\d"), "MTCR"),
    (re.compile(r"^[1-9][A-E]2\d\d"), "NSG"),
    (re.compile(r"^[1-9][A-E]3\d\d"), "AUSTRALIA"),
    (re.compile(r"^[1-9][A-E]4\d\d"), "CHEMICAL"),
    (re.compile(r"^[1-9][A-E]5\d\d"), "EU"),
    (re.compile(r"^ML\d", re.IGNORECASE), "MUNITIONS"),
)


def _on_regime_lists(item: ItemFacts, regimes: list[str]) -> tuple[list[str], list[str]]:
    """The item's entries that are on the lists of ``regimes`` (by the entry's regimes or its
    number), and those whose regime is not known (no regimes and a number that names none)."""
    wanted = {r.upper() for r in regimes}
    listed: list[str] = []
    unknown: list[str] = []
    for entry in item.entries:
        names = {r.upper().split()[0] for r in entry.regimes if r.strip()}
        names |= {name for pattern, name in _REGIME_OF_NUMBER if pattern.match(entry.code)}
        if names & wanted:
            listed.append(entry.code)
        elif not names:
            unknown.append(entry.code)
    return listed, unknown
