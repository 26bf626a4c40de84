"""What a list membership means: the list's name and the legal consequence of being on it, in
English, Japanese and Korean, with its jurisdiction and legal basis
(``tradeguard/data/lists/consequences.yaml``). Memberships are ordered with the exporter's own
jurisdiction first, then the UN, then the others (pages and reports)."""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any, TypeVar

import yaml

#: Jurisdictions whose laws are written in another language than English: the bases of their
#: lists are English translations of the law's citation (the Foreign Exchange and Foreign Trade
#: Act is 外国為替及び外国貿易法, the Foreign Trade Act 대외무역법).
LAWS_NOT_IN_ENGLISH = frozenset({"JP", "KR"})


@dataclass(frozen=True)
class ListInfo:
    list_id: str
    jurisdiction: str | None
    rank: int
    names: Mapping[str, str]
    consequences: Mapping[str, str]
    basis: str
    quote: str | None
    source: str
    #: who publishes the list, by language (empty for a list not described)
    publishers: Mapping[str, str] = dataclasses.field(default_factory=dict)

    def publisher(self, lang: str = "en") -> str:
        return self.publishers.get(lang) or self.publishers.get("en", "")

    def name(self, lang: str = "en") -> str:
        return self.names.get(lang) or self.names["en"]

    def consequence(self, lang: str = "en") -> str:
        return self.consequences.get(lang) or self.consequences["en"]

    @property
    def basis_translated(self) -> bool:
        """Whether :attr:`basis` cites, in English, a law not written in English (Japan's,
        Korea's): a page in another language labels it an English translation, not the
        original English (which the UN's, the US', the EU's and the UK's bases are)."""
        return self.jurisdiction in LAWS_NOT_IN_ENGLISH


@functools.cache
def _table() -> dict[str, ListInfo]:
    text = resources.files("tradeguard").joinpath("data/lists/consequences.yaml").read_text("utf-8")
    raw: Any = yaml.safe_load(text)
    return {
        list_id: ListInfo(
            list_id,
            row["jurisdiction"],
            int(row["rank"]),
            row["name"],
            row["consequence"],
            row["basis"],
            row["quote"],
            row["source"],
            row.get("publisher") or {},
        )
        for list_id, row in raw["lists"].items()
    }


def list_info(list_id: str) -> ListInfo:
    """The list's entry; a list not described gets its id as name and a neutral consequence."""
    found = _table().get(list_id)
    if found is not None:
        return found
    names = {"en": list_id}
    return ListInfo(list_id, None, 99, names, {"en": "listed"}, "", None, "")


T = TypeVar("T", bound=Mapping[str, Any])


def ordered(memberships: Iterable[T], exporter_jurisdiction: str | None = None) -> list[T]:
    """Memberships (dicts with ``list``) with the exporter's jurisdiction first, then the UN,
    then the others by rank."""

    def key(m: T) -> tuple[int, int, str]:
        info = list_info(str(m["list"]))
        own = exporter_jurisdiction is not None and info.jurisdiction == exporter_jurisdiction
        return (0 if own else 1, info.rank, str(m.get("entity_id", "")))

    return sorted(memberships, key=key)


#: Words of a legal basis that name its jurisdiction (the text of a reason's legal basis).
_BASIS_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("UN", ("UNSC", "UN Security Council", "Security Council", "resolution")),
    (
        "JP",
        (
            "FEFTA",
            "Foreign Exchange and Foreign Trade",
            "Export Trade Control Order",
            "METI",
            "Japan",
            "外為法",
            "輸出貿易管理令",
        ),
    ),
    ("KR", ("Foreign Trade Act", "대외무역법", "전략물자", "Korea", "KCS")),
    ("US", ("C.F.R", "CFR", "EAR", "OFAC", "U.S.", "United States", "IEEPA")),
    ("EU", ("Regulation (EU)", "(EU)", "Council Regulation", "EU ")),
    ("GB", ("SAMLA", "UK ", "United Kingdom")),
)


def basis_jurisdiction(legal_basis: str) -> str | None:
    """The jurisdiction a legal basis belongs to (UN, JP, KR, US, EU, GB), or None."""
    for jurisdiction, words in _BASIS_WORDS:
        if any(word in legal_basis for word in words):
            return jurisdiction
    return None


def basis_rank(legal_basis: str, exporter_jurisdiction: str | None) -> int:
    """Where a reason of this legal basis goes: 0 the exporter's jurisdiction, 1 the UN, 2 the
    others."""
    where = basis_jurisdiction(legal_basis)
    if exporter_jurisdiction is not None and where == exporter_jurisdiction:
        return 0
    return 1 if where == "UN" else 2


def by_basis(reasons: Iterable[T], exporter_jurisdiction: str | None) -> list[T]:
    """Reasons (dicts with ``legal_basis``) with the exporter's jurisdiction first, then the
    UN, then the others, in their order otherwise."""

    def key(item: tuple[int, T]) -> tuple[int, int]:
        return (basis_rank(str(item[1].get("legal_basis") or ""), exporter_jurisdiction), item[0])

    return [r for _, r in sorted(enumerate(reasons), key=key)]
