"""What the UN list's remarks (``COMMENTS1``) say beyond their words: IMO numbers, the parties
an entry is "owned or controlled by" or a "subsidiary of", and references to other UN entries
("(QDe.004)"), each as a :class:`Relation` with the role read from the connecting words."""

from __future__ import annotations

import re

from tradeguard.lists.model import Relation

#: The list a UN reference number in a remark names.
UN_LIST = "un_sc"

_IMO_RE = re.compile(r"\bIMO\)?\s*(?:number|no\.?|Number)?\s*[:#]?\s*(\d{7})\b", re.IGNORECASE)
_UN_REF_RE = re.compile(r"\(([A-Z]{2}[ei]\.\d{3})\)")
_OWNED_RE = re.compile(
    r"\b(?P<role>owned or controlled by|owned and controlled by|owned by|controlled by|"
    r"subsidiary of|subordinate (?:of|to)|a front company for)"
    r"(?:,? or acts? on behalf of,?|,? or acting on behalf of,?)?\s+(?P<target>[^.;:()–—\n]+)",
    re.IGNORECASE,
)
_TARGET_STOP = re.compile(
    r",|\s+(?:which|that|and|who|is|was|in|as|for|to|since|through)\s|\s+[-–—]\s|’s\b|'s\b"
)
_VAGUE = ("a designated", "an entity", "designated", "individuals", "persons", "entities")


def extract_imo(text: str) -> list[str]:
    """IMO numbers written in remarks ("IMO number: 5571322", "Company Number IMO 5434358")."""
    out: list[str] = []
    for match in _IMO_RE.finditer(text):
        if match[1] not in out:
            out.append(match[1])
    return out


def _target_name(raw: str) -> str | None:
    text = " ".join(raw.split())
    stop = _TARGET_STOP.search(text)
    if stop:
        text = text[: stop.start()]
    text = text.strip(" ,.'\"“”‘’")
    if text.lower().startswith("the "):
        text = text[4:]
    if not text or not text[0].isupper():
        return None
    if len(text) > 80 or len(text.split()) > 10:
        return None
    if text.lower().startswith(_VAGUE):
        return None
    return text


def extract_relations(text: str, self_ref: str | None = None) -> list[Relation]:
    """Relations stated in UN remarks: ownership/control wording and references to other
    UN entries by reference number. Vague phrases ("owned by a designated entity") are skipped."""
    relations: list[Relation] = []
    seen: set[tuple[str, str | None, str | None]] = set()

    def add(rel: Relation) -> None:
        key = (rel.role, rel.target_id, rel.target_name)
        if key not in seen:
            seen.add(key)
            relations.append(rel)

    for match in _OWNED_RE.finditer(text):
        target = _target_name(match["target"])
        if target is None:
            continue
        role = " ".join(match["role"].lower().split())
        add(Relation(schema="Ownership", role=role, target_name=target, source="remarks"))
    for match in _UN_REF_RE.finditer(text):
        ref = match[1]
        if self_ref is not None and ref.lower() == self_ref.lower():
            continue
        before = text[max(0, match.start() - 100) : match.start()]
        role = "linked to" if re.search(r"linked to", before, re.IGNORECASE) else "mentioned in"
        add(
            Relation(
                schema="UnknownLink",
                role=role,
                target_id=f"{UN_LIST}:{ref}",
                target_name=_name_before(before),
                source="remarks",
            )
        )
    return relations


_CONNECTORS = {
    "of",
    "the",
    "al",
    "bin",
    "bint",
    "ibn",
    "de",
    "du",
    "el",
    "in",
    "ul",
    "e",
    "i",
    "-",
    "/",
}
_ROLE_WORDS = {
    "Member",
    "Leader",
    "Head",
    "Founder",
    "Brother",
    "Son",
    "Father",
    "Deputy",
    "Associated",
    "Associate",
    "Cousin",
    "Wife",
    "Daughter",
    "Sister",
    "Former",
    "Senior",
    "Chief",
    "Linked",
    "Owned",
    "Founded",
    "Led",
    "Treasurer",
    "Secretary",
}


def _name_before(text: str) -> str | None:
    """The proper name written just before a "(QDe.004)" reference: the trailing run of
    capitalised words (with the usual connectors), or None when there is none."""
    tail = re.split(r"[()\[\];:,.\"“”]", text)[-1]
    words = tail.split()
    run: list[str] = []
    for word in reversed(words):
        if word[:1].isupper() or word.lower() in _CONNECTORS or word[:3].lower() == "al-":
            run.append(word)
        else:
            break
    run.reverse()
    while run and not run[0][:1].isupper():
        run.pop(0)
    if not run:
        return None
    if run[0] in _ROLE_WORDS:
        lowered = [w.lower() for w in run]
        for joiner in ("of", "with", "to", "by"):
            if joiner in lowered:
                run = run[lowered.index(joiner) + 1 :]
                break
        while run and not run[0][:1].isupper():
            run.pop(0)
    name = " ".join(run)
    return name if len(name) >= 3 else None
