"""What a shipment reads of a party's list memberships: the lists it is on at each level, the
legal bases of those lists, a person matched on the name alone abroad, and a name equal to a
listed one but for its legal form."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tradeguard.lists.consequences import basis_rank, list_info
from tradeguard.shipments.decision import PartyMatch
from tradeguard.shipments.protocols import MatchLike


def member_lists(matches: Sequence[PartyMatch]) -> list[str]:
    """The lists a party is on through every membership of each match at the listed level or
    above, whatever copy its name reached: the US CSL copy of Beijing University of
    Aeronautics and Astronautics still puts the party on the METI End User List, whose
    catch-all binds a Japanese exporter."""
    strong = ("listed", "denied", "designated")
    return [
        str(x["list"])
        for m in matches
        for x in m.memberships or [{"list": m.list, "level": m.level}]
        if x.get("level", m.level) in strong
    ]


#: What a screening match says of a person beyond the name that makes it that person: an
#: identifier matched, the birth date or year agrees.
CONFIRMING = frozenset({"identifier_matches", "birth_date_exact", "birth_year_agrees"})


def name_alone_abroad(match: MatchLike) -> dict[str, list[str]] | None:
    """The countries (``countries``, the party's as given; ``listed``, the listed person's)
    when a person was matched on the name alone and the party's country is none of the
    listed person's, else None.

    A person's full name is shared by many people (김철, Kim Chol; 김정식, Kim Jong Sik), and
    screening keeps it alerting from another country, because designated persons live and
    trade abroad (algorithm 32). A shipment does not take such a match for the listed person
    itself, whatever the score: with no identifier, birth date or country of theirs agreeing,
    it is the same name in another country, to be confirmed by a person (a possible match),
    not an asset freeze decided on the name."""
    if getattr(match, "schema", None) != "Person":
        return None
    explanation = getattr(match, "explanation", None) or {}
    features = [f for f in explanation.get("features") or [] if isinstance(f, dict)]
    if any(f.get("code") in CONFIRMING for f in features):
        return None
    differ = next((f for f in features if f.get("code") == "countries_differ"), None)
    if differ is None:
        return None
    params = differ.get("params") or {}
    return {
        "countries": [str(c) for c in params.get("query") or []],
        "listed": [str(c) for c in params.get("listed") or []],
    }


def basis_of(hits: Sequence[PartyMatch], exporter: str | None) -> str:
    """The legal bases of the lists the party is designated or listed on (every membership of
    every such hit): asset freezes before end-user lists, ordered by jurisdiction, the
    exporter's own first, then the UN, then the others."""
    frozen: list[str] = []
    listed: list[str] = []
    for m in hits:
        members = m.memberships or [{"list": m.list, "programs": m.programs, "level": m.level}]
        for x in members:
            level = x.get("level", m.level)
            if level == "designated":
                frozen.append(_asset_freeze_basis(str(x["list"]), x.get("programs") or []))
            elif level == "denied":
                frozen.append(list_info("us_bis_dpl").basis)
            elif level == "listed":
                listed.append(_END_USER_BASIS.get(str(x["list"])) or list_info(x["list"]).basis)
    bases = [b for b in dict.fromkeys(frozen + listed) if b]
    return "; ".join(sorted(bases, key=lambda b: basis_rank(b, exporter)))


#: The legal basis of an end-user list entry, by list.
_END_USER_BASIS = {
    "jp_meti_eul": "METI End User List (catch-all: FEFTA Art. 48(1), Export Trade Control Order Art. 4(1)(iii)-(iv))",
    "us_csl": "15 C.F.R. 744.11 (Entity List) and the other lists of the US Consolidated Screening List",
}


def _asset_freeze_basis(list_id: str, programs: Sequence[str]) -> str:
    if list_id == "un_sc":
        if any("DPRK" in p.upper() or "1718" in p for p in programs) or not programs:
            return "UNSC res. 1718 (2006) para. 8(d) (asset freeze); 2270 (2016) para. 32"
        return "UN Security Council sanctions list (asset freeze): " + ", ".join(programs)
    return {
        "us_ofac_sdn": "31 C.F.R. Chapter V (OFAC blocking; SDN list)",
        "eu_fsf": "EU financial sanctions (asset freeze)",
        "uk_sanctions": "UK Sanctions List (asset freeze)",
        "jp_mof": "Japan FEFTA asset freeze (Ministry of Finance list)",
    }.get(list_id, f"sanctions list {list_id}")


def form_only(name: str, listed: str) -> bool:
    """Whether an organisation's name is a listed name but for its legal form: every other
    word (distinctive and generic) the same and in the same order, two distinctive words or
    one among three words at least, only the company form differing or missing (``Korea Mining Development Trading
    LLC`` for ``KOREA MINING DEVELOPMENT TRADING CORPORATION``). A firm changes its legal form
    and keeps its name; a name of one distinctive word (an acronym, a brand) or of a country
    and a trade (``Korea Trading``) is shared by firms the world over, and is not."""
    from tradeguard.names.analysis import TokenClass, analyse

    def words(text: str) -> set[tuple[str, ...]]:
        out = set()
        for form in analyse(text, person=False):
            if form.method != "latin":
                continue
            kept = tuple(t.text for t in form.tokens if t.cls != TokenClass.FORM)
            distinctive = sum(t.cls == TokenClass.NAME for t in form.tokens)
            if distinctive >= 2 or (distinctive == 1 and len(kept) >= 3):
                out.add(kept)
        return out

    return bool(words(name) & words(listed))


def party_name_but_form(name: str, match: MatchLike, members: Sequence[dict[str, Any]]) -> bool:
    """Whether an organisation's ``name`` is one of the party's names on any of its lists (the
    name that matched, each entry's caption and matched name) but for its legal form
    (:func:`form_only`): the METI kanji may be the name that matched KOMID, its UN caption the
    one a Hong Kong front's name repeats with ``LLC``."""
    if getattr(match, "schema", None) == "Person":
        return False
    listed = {match.matched_name, match.caption}
    listed |= {str(x[k]) for x in members for k in ("caption", "matched_name") if x.get(k)}
    return any(form_only(name, n) for n in sorted(listed))
