"""Parties, not list rows: the entries of the loaded lists that are one designated party.

Entries are joined (transitively) when

- one list cites another's entry: a UN reference number (``un_reference``, as the EU, UK and
  MOF lists carry it) names the UN entry ``un_sc:{number}``;
- they share a strong identifier (IMO, MMSI, passport, registration, ... as in
  :mod:`tradeguard.network.resolve`), with a compatible schema;
- they carry the same name (case, punctuation and an acronym in brackets after it aside:
  ``Korea Ryonbong General Corporation (KRGC)``; a person's words in any order) with a schema of the same kind and no
  contradicting data: persons with birth dates must share a year (±1), entries with countries
  must share one;
- an entry of no stated type (``LegalEntity``: the CSL's State Department and BIS rows do not
  say person or organisation) carries the name of a listed person (words in any order) that no
  two entries of one list share, with no contradicting data: the State Department's copy
  ``Paek Chang-Ho`` of the UN's PAEK CH'ANG-HO (KPi.006); such an entry is read as a person
  (:func:`read_as_persons`);
- an organisation's name is the same once its legal forms, punctuation and bracketed words
  are read as the screening name analysis reads them (:func:`form_key`: ``Co., Ltd.`` is
  ``Company Limited``, ``OJSC X`` is ``X JSC``, brackets repeating the name's words or
  initials set aside, other bracketed words kept), and every entry holding that name may be one party
  (organisations, countries shared, no identifier of one type that differs, no two primary
  names of one publisher): :func:`_form_links`;
- a reviewer confirmed a cross-list link (``graph review``).

The resolution is computed once per set of list versions (the screener caches it with its
index) and each join keeps its evidence, so a result can say why its entries are one party.
"""

from __future__ import annotations

import builtins
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from tradeguard.names.analysis import TokenClass, canonical_tokens, is_qualifier, make_token
from tradeguard.names.normalize import fold
from tradeguard.network.graph import normalise_name
from tradeguard.network.resolve import MAX_GROUP, _id_key

_ORGS = frozenset({"Organization", "Company", "LegalEntity"})
_ACRONYM = re.compile(r"^(?P<name>.*\S)\s*\((?P<acr>[A-Za-z]{2,8})\)\s*$")


@dataclass(slots=True)
class PartyFacts:
    """What resolution needs of one entry."""

    list: str
    source_id: str
    schema: str
    names: builtins.list[str]
    birth_dates: builtins.list[str] = field(default_factory=builtins.list)
    countries: builtins.list[str] = field(default_factory=builtins.list)
    un_references: builtins.list[str] = field(default_factory=builtins.list)
    identifiers: builtins.list[tuple[str, str, str | None]] = field(default_factory=builtins.list)
    #: who lists the entry (:func:`publisher`); the list when empty
    publisher: tuple[str, ...] = ()
    #: the countries of its addresses (the CSL gives a firm's country only there)
    address_countries: builtins.list[str] = field(default_factory=builtins.list)


def name_key(value: str) -> str:
    """The key of exact-name resolution: :func:`normalise_name` of the name, without a trailing
    bracketed acronym that is the initials of the words before it."""
    found = _ACRONYM.match(value)
    if found is not None:
        words = normalise_name(found["name"]).split()
        if "".join(w[0] for w in words).casefold() == found["acr"].casefold():
            value = found["name"]
    return normalise_name(value)


def publisher(list_: str, sub_lists: Iterable[str] = ()) -> tuple[str, ...]:
    """Who lists an entry: its list, and for the CSL, which gathers the lists of several
    agencies in one file, each of its sub-lists (the Treasury's SDN row and the State
    Department's ISN row of one person are two listings by two publishers, each of which
    lists the person once)."""
    subs = sorted(set(sub_lists)) if list_ == "us_csl" else []
    return tuple(f"{list_}|{s}" for s in subs) or (list_,)


def _kind(schema: str) -> str:
    return "org" if schema in _ORGS else schema


def _years_compatible(a: list[str], b: list[str]) -> bool:
    ya = {int(d[:4]) for d in a if d[:4].isdigit()}
    yb = {int(d[:4]) for d in b if d[:4].isdigit()}
    if not ya or not yb:
        return True
    return any(abs(x - y) <= 1 for x in ya for y in yb)


def _countries_compatible(a: list[str], b: list[str]) -> bool:
    return not a or not b or bool(set(a) & set(b))


class _Union:
    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, x: int) -> int:
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def join(self, a: int, b: int) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        if rb < ra:
            ra, rb = rb, ra
        self.parent[rb] = ra
        return True


#: A join between two entries (by index): (a, b, why).
Link = tuple[int, int, str]


def party_links(facts: list[PartyFacts]) -> list[Link]:
    """The joins between entries that make them one party, each with its evidence."""
    links: list[Link] = []
    un_index = {f.source_id: i for i, f in enumerate(facts) if f.list == "un_sc"}
    for i, f in enumerate(facts):
        for ref in f.un_references:
            target = un_index.get(ref.strip())
            if target is not None and target != i:
                links.append((target, i, f"{f.list}:{f.source_id} cites UN reference {ref}"))
    idents: dict[tuple[str, str], list[tuple[int, str | None]]] = {}
    names: dict[tuple[str, str], list[int]] = {}
    for i, f in enumerate(facts):
        for type_, value, country in f.identifiers:
            key = _id_key(type_, value)
            if key is not None:
                idents.setdefault(key, []).append((i, country))
        for name in f.names:
            norm = name_key(name)
            if f.schema == "Person":
                # "BADEGE, Eric" (OFAC) is "ERIC BADEGE" (UN): a person's words in any order
                norm = " ".join(sorted(norm.split()))
            if len(norm) >= 6:
                bucket = names.setdefault((norm, _kind(f.schema)), [])
                if not bucket or bucket[-1] != i:
                    bucket.append(i)
    for (kind, value), carriers in idents.items():
        if len(carriers) > MAX_GROUP:
            continue
        first, c0 = carriers[0]
        for other, c1 in carriers[1:]:
            if other == first or _kind(facts[first].schema) != _kind(facts[other].schema):
                continue
            if c0 and c1 and c0 != c1:
                continue
            links.append((first, other, f"same {kind} {value}"))
    # the joins a list's own entries allow first, then those its publishers allow (the CSL's
    # sub-lists are publishers of their own): a join the first make is never undone by one
    # the second would make earlier
    links.extend(_name_links(facts, names, lambda f: frozenset((f.list,))))
    links.extend(_untyped_links(facts, names))
    links.extend(_name_links(facts, names, _by))
    links.extend(_form_links(facts))
    return links


def _by(f: PartyFacts) -> frozenset[str]:
    return frozenset(f.publisher or (f.list,))


def _name_links(
    facts: list[PartyFacts],
    names: dict[tuple[str, str], list[int]],
    by: Callable[[PartyFacts], frozenset[str]],
) -> list[Link]:
    """Joins of entries of different publishers (``by``) that carry the same name, when no
    publisher holds it for two parties and no birth year or country contradicts."""
    links: list[Link] = []
    for (norm, _), holders in names.items():
        unique = sorted(set(holders))
        if len(unique) < 2 or len(unique) > MAX_GROUP or _ambiguous(facts, unique, by):
            continue
        for n, a in enumerate(unique):
            for b in unique[n + 1 :]:
                fa, fb = facts[a], facts[b]
                if by(fa) & by(fb):
                    continue  # a publisher lists one party once per programme at most
                if not _years_compatible(fa.birth_dates, fb.birth_dates):
                    continue
                if not _countries_compatible(fa.countries, fb.countries):
                    continue
                links.append((a, b, f"same name {norm!r}, no contradicting data"))
    return links


def _untyped_links(facts: list[PartyFacts], names: dict[tuple[str, str], list[int]]) -> list[Link]:
    """Joins of an entry of no stated type to the listed person whose name it carries (words
    in any order), when that name is no namesake's (no two person entries of one publisher
    hold it, their birth years agree) and nothing contradicts (birth year ±1, countries)."""
    links: list[Link] = []
    untyped: dict[str, list[int]] = {}
    spelt: dict[str, str] = {}
    for i, f in enumerate(facts):
        if f.schema != "LegalEntity":
            continue
        for name in f.names:
            norm = _person_key(name)
            if len(norm) >= 6:
                spelt.setdefault(norm, name_key(name))
                bucket = untyped.setdefault(norm, [])
                if not bucket or bucket[-1] != i:
                    bucket.append(i)
    for norm, carriers in untyped.items():
        persons = sorted(set(names.get((norm, "Person"), [])))
        if not persons or len(persons) > MAX_GROUP:
            continue
        if any(_namesakes(facts[a], facts[b]) for a in persons for b in persons if a < b):
            continue  # namesakes: the name says which of them no more than of any other
        # the name must be a person's own (primary) name, not only an alias of one
        named = [p for p in persons if _person_key(facts[p].names[0]) == norm]
        if not named:
            continue
        for u in sorted(set(carriers)):
            fu = facts[u]
            if any(
                _by(facts[p]) & _by(fu)
                or not _years_compatible(facts[p].birth_dates, fu.birth_dates)
                or not _countries_compatible(facts[p].countries, fu.countries)
                for p in persons
            ):
                continue
            links.append(
                (
                    named[0],
                    u,
                    f"same name {spelt[norm]!r} as a listed person, no contradicting data "
                    "(an entry of no stated type, read as a person)",
                )
            )
    return links


_BRACKET = re.compile(r"[(（]([^()（）]*)[)）]")


def form_key(value: str) -> str:
    """An organisation's name as its legal forms, punctuation and brackets leave it: its name
    and generic words in order (generic words by their canonical spelling, ``technologies``
    is ``technology``), then its company forms by their canonical spelling, sorted
    (``OJSC``, ``JSC`` and ``OAO`` are ``jsc``; ``Co., Ltd.`` and ``Company Limited`` are
    ``co ltd``). Words in brackets are set aside only when they repeat the name's own words
    or letters (``Huawei Technologies Co., Ltd. (Huawei)``, ``Korea Ryonbong General
    Corporation (KRGC)``) and read as words of the name otherwise (a place: ``(HK)``,
    ``(Yangon)``: a subsidiary is not its parent). Empty
    for a name not written in Latin letters (a transliteration is no evidence of identity)
    or of no name word."""
    outside = set(fold(_BRACKET.sub(" ", value)).split())

    def bracket(found: re.Match[str]) -> str:
        inner = fold(found[1]).split()
        initials = "".join(w[0] for w in fold(value[: found.start()]).split())
        aside = set(inner) <= outside or (
            len(inner) == 1 and len(inner[0]) > 1 and inner[0] in initials
        )
        return " " if aside and not is_qualifier(found[1]) else f" {found[1]} "

    folded = fold(_BRACKET.sub(bracket, value))
    if not folded.isascii():
        return ""
    words: list[str] = []
    forms: list[str] = []
    named = False
    for word, cls in canonical_tokens(folded.split()):
        named = named or cls == TokenClass.NAME
        canonical = word if cls == TokenClass.NAME else make_token(word, cls).phon[1:]
        (forms if cls == TokenClass.FORM else words).append(canonical)
    return " ".join([*words, *sorted(forms)]) if named else ""


def _compatible(a: PartyFacts, b: PartyFacts) -> bool:
    """Whether two organisations may be one: listed by different publishers, of one kind,
    sharing a country when both give one, and no identifier type both carry without a
    shared value."""
    if _by(a) & _by(b) or _kind(a.schema) != _kind(b.schema) or _kind(a.schema) != "org":
        return False
    if not _countries_compatible(
        [*a.countries, *a.address_countries], [*b.countries, *b.address_countries]
    ):
        return False
    ids_a: dict[str, set[str]] = {}
    ids_b: dict[str, set[str]] = {}
    for ids, f in ((ids_a, a), (ids_b, b)):
        for type_, value, _ in f.identifiers:
            ids.setdefault(type_, set()).add(normalise_name(value).replace(" ", ""))
    return all(ids_a[t] & ids_b[t] for t in ids_a.keys() & ids_b.keys())


def _form_links(facts: list[PartyFacts]) -> list[Link]:
    """Joins of organisations whose names are the same after legal forms, punctuation and
    brackets (:func:`form_key`) but not as written, when every entry holding that name may
    be one party with every other (:func:`_compatible`; two entries of one publisher with
    the same primary name are its one party under two programmes): a name held by a
    namesake identifies no one."""
    holders: dict[str, list[int]] = {}
    spelt: dict[tuple[str, int], str] = {}
    for i, f in enumerate(facts):
        if _kind(f.schema) != "org":
            continue
        for name in f.names:
            key = form_key(name)
            if len(key) >= 6:
                spelt.setdefault((key, i), name)
                bucket = holders.setdefault(key, [])
                if not bucket or bucket[-1] != i:
                    bucket.append(i)
    links: list[Link] = []
    for key, found in holders.items():
        unique = sorted(set(found))
        if len(unique) < 2 or len(unique) > MAX_GROUP or _ambiguous(facts, unique):
            continue
        if len({name_key(spelt[key, i]) for i in unique}) < 2:
            continue  # written alike: the exact-name join has decided
        pairs = [(a, b) for n, a in enumerate(unique) for b in unique[n + 1 :]]
        if any(
            not _compatible(facts[a], facts[b])
            for a, b in pairs
            if not _by(facts[a]) & _by(facts[b])
        ):
            continue  # a namesake holds the name
        for a, b in pairs:
            if _compatible(facts[a], facts[b]):
                links.append(
                    (
                        a,
                        b,
                        f"same name after legal forms and punctuation {key!r} "
                        f"({spelt[key, a]!r}, {spelt[key, b]!r}), held by no namesake, "
                        "no contradicting data",
                    )
                )
    return links


def _namesakes(a: PartyFacts, b: PartyFacts) -> bool:
    """Whether two persons of one name may be two people: their birth years differ (by more
    than one), or one publisher lists both without the same full birth date (MOF lists
    PAK TO CHUN, born 1944-03-09, under two regimes: one person)."""
    if not _years_compatible(a.birth_dates, b.birth_dates):
        return True
    if not _by(a) & _by(b):
        return False
    full = {d for d in a.birth_dates if len(d) == 10}
    return not full & set(b.birth_dates)


def _person_key(name: str) -> str:
    return " ".join(sorted(name_key(name).split()))


def read_as_persons(schemas: list[str], party: list[int]) -> list[int]:
    """The entries of no stated type (``LegalEntity``) whose party is a person: it holds a
    ``Person`` entry and no entry of another type. Screening reads them as persons (a person's
    name analysis, the birth-year and nationality rules)."""
    kinds: dict[int, set[str]] = {}
    for i, schema in enumerate(schemas):
        kinds.setdefault(party[i], set()).add(schema)
    return [
        i
        for i, schema in enumerate(schemas)
        if schema == "LegalEntity" and kinds[party[i]] == {"Person", "LegalEntity"}
    ]


def _ambiguous(
    facts: list[PartyFacts],
    holders: list[int],
    by: Callable[[PartyFacts], frozenset[str]] = _by,
) -> bool:
    """Whether a name is held by two entries of one list that the list itself keeps apart
    (different primary names: "Ansar al Sharia" in Tunisia and in Benghazi); such a name
    identifies no one. (The same party listed twice under two programmes keeps one name.)"""
    primary: dict[str, str] = {}
    for i in holders:
        f = facts[i]
        first = name_key(f.names[0]) if f.names else ""
        if any(primary.setdefault(who, first) != first for who in by(f)):
            return True
    return False


def entry_key(entity_id: str, schema: str, caption: str) -> str:
    """What two entries of one list must share to be one party: an organisation's primary name
    (the same firm under two programmes); a person never (namesakes are listed apart)."""
    return entity_id if schema == "Person" else name_key(caption)


def resolve(
    ids: list[str],
    keys: list[str],
    links: Iterable[Link],
    forced: Iterable[Link] = (),
    publishers: list[tuple[str, ...]] | None = None,
) -> tuple[list[int], dict[int, list[str]]]:
    """Each entry's party (the lowest entry index of its party) and, per party of more than
    one entry, the evidence of the joins that made it (``a = b: why``).

    ``links`` are applied in order; a join is refused when the party would hold two entries of
    one list with different ``keys`` (:func:`entry_key`) (a publisher keeps two parties apart: a subsidiary that a
    national list names as an alias of its parent does not merge the two UN designations).
    ``forced`` joins (confirmed by a reviewer) are applied first and always. ``publishers``
    (:func:`publisher`, per entry; its list when not given) says whose listings must differ."""
    size = len(ids)
    union = _Union(size)
    by = publishers or [(i.split(":", 1)[0],) for i in ids]
    held: dict[int, dict[str, str]] = {i: dict.fromkeys(by[i], keys[i]) for i in range(size)}
    kept: list[Link] = []

    def merge(a: int, b: int, why: str, force: bool) -> None:
        ra, rb = union.find(a), union.find(b)
        if ra == rb:
            return
        ha, hb = held[ra], held[rb]
        if not force and any(ha[k] != v for k, v in hb.items() if k in ha):
            return
        union.join(ra, rb)
        root = union.find(ra)
        merged = {**hb, **ha}
        held[root] = merged
        held.pop(rb if root == ra else ra, None)
        kept.append((a, b, why))

    for a, b, why in forced:
        merge(a, b, why, True)
    for a, b, why in links:
        merge(a, b, why, False)
    party = [union.find(i) for i in range(size)]
    evidence: dict[int, list[str]] = {}
    for a, b, why in kept:
        evidence.setdefault(party[a], []).append(f"{ids[a]} = {ids[b]}: {why}")
    return party, evidence
