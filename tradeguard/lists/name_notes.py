"""Notes that lists write into name fields, set apart from the name.

Some publishers write more than the name into a name cell or alias: the Japanese Ministry of
Finance writes ``Fabio Fusco, born 25 May 1968 in Naples, Italy``, ``1968年5月25日にイタリアの
ナポリにて出生``, ``ベッチ(【ロシア語】)`` (the Cyrillic form it stood for was lost),
``Mohamed Aouani, born 5 Feb. 1970 in Tunis, Tunisia(formerly listed as)`` and
``Abu Banat (original script: Абу Банат)``; the UN writes ``Mohammad Ishaq Akhund born in
1963`` and ``Ezatullah Haqqani (previously listed as)``. A note is not a name: screened as
words of the name it makes the name unlike the same party as other publishers write it.

:func:`split_note` returns the name and what the note says (birth dates and places, a name in
original script, that the name is a former one); the parsers put each in its field.

Lists also write clauses around a name: the CSL ``Ardis Group of Companies LLC and any
successor, sub-unit, or subsidiary thereof`` and ``Far East Trading Company, Inc. (a.k.a.
FETCO, Inc.)``, MOF ``Sardana Avksentjeva (Avksentyeva)(nee, Gogoleva)``. :func:`split_clauses`
(the rules below it, one real example each) returns the name, the further names a field gives
(a.k.a., f.k.a.) and the notes; :func:`take_clauses` rewrites an entity's names with them, for
every list when a file is parsed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from tradeguard.lists.common import detect_script, iso_date
from tradeguard.lists.model import Entity, Name, NameKind

#: "formerly listed as", "previously listed as" and their Japanese forms: a former name
_FORMER = re.compile(
    r"(?:formerly|previously)\s+listed\s+as|以前(?:掲載の氏名|のリスト記載ぶり)", re.IGNORECASE
)
#: bracketed words that say what kind of name it is, not part of it
_LABELS = re.compile(
    r"^(?:nom de guerre|combat name|birth name|initials|call ?sign|third|a\.?k\.?a\.?|"
    r"戦闘員名|誕生名|イニシャル|コールサイン|不明|original script\s*[:：]?\s*不明)$",
    re.IGNORECASE,
)
#: "original script: X", "In Arabic: X", "X:original script", "X (original script)"
_ORIGINAL = re.compile(
    r"(?:original\s+sc(?:r)?ipt|in\s+(?:arabic|russian))\s*[:：]\s*(?P<after>.+)"
    r"|(?P<before>.+?)\s*[:：(（]\s*original\s+script\s*[)）]?$",
    re.IGNORECASE,
)
#: "【ロシア語】", "【アラビア語】": the language a name was written in, where it was lost
_LANGUAGE_MARK = re.compile(r"【[^】]{1,12}語】")
#: where an English note starts: ", born ...", " born in ...", "DOB:", "passport number"
_BORN = re.compile(
    r"(?:,\s*|\s*[(（]\s*|\s+|^)(?:born\b|b\.\s+(?=\d)|DOB\s*:|POB\s*:|(?:\w+\s+)?passport\s+n(?:o|umber))",
    re.IGNORECASE,
)
_BORN_AT = re.compile(
    r"born\s+(?:on\s+)?(?P<date>(?:\d{1,2}\s*[A-Za-z]{3,9}\.?\s*)?\d{4})?"
    r"(?:\s*in\s+(?P<date2>\d{4}))?(?:\s*in\s+(?P<place>[^();]+?))?"
    r"(?:\s*on\s+(?P<date3>\d{1,2}\s*[A-Za-z]{3,9}\.?\s*\d{4}))?"
    r"\s*(?:[;(]|\bpassport\b|\bnationality\b|$)",
    re.IGNORECASE,
)
_DOB = re.compile(r"(?:DOB\s*:|[ab]\))\s*(\d{1,2}\s*[A-Za-z]{3,9}\.?\s*\d{4})", re.IGNORECASE)
#: a Japanese birth note: "1969年2月5日リビア国トリポリにて出生", "1963年に出生", "マスカラにて出生"
_JA_BORN = re.compile(r"出生|生まれ|生年月日")
_JA_DATE = re.compile(r"(\d{4})年(?:(\d{1,2})月(?:(\d{1,2})日)?)?(?:頃)?")
_JA_PLACE = re.compile(
    r"(?:^|\s)に?(?P<place>[^()（）\s][^()（）]*?)\s*(?:にて|で|において)\s*出生"
)
_JA_DATE_START = re.compile(r"^\d{4}年")


@dataclass
class NameNote:
    """A name cell's name and what its note says."""

    name: str | None
    former: bool = False
    birth_dates: list[str] = field(default_factory=list)
    birth_places: list[str] = field(default_factory=list)
    #: names in another script the note gives (``original script: Абу Банат``)
    original: list[str] = field(default_factory=list)
    #: the text taken out of the name
    notes: list[str] = field(default_factory=list)


def _brackets(text: str) -> list[tuple[int, int]]:
    """Spans of the outermost balanced ``(...)`` groups; an unclosed one runs to the end."""
    spans: list[tuple[int, int]] = []
    depth, start = 0, 0
    for i, char in enumerate(text):
        if char in "(（":
            if depth == 0:
                start = i
            depth += 1
        elif char in ")）" and depth:
            depth -= 1
            if depth == 0:
                spans.append((start, i + 1))
    if depth:
        spans.append((start, len(text)))
    return spans


def _add(values: list[str], value: str | None) -> None:
    if value and value not in values:
        values.append(value)


def _japanese_birth(text: str, note: NameNote) -> None:
    for m in _JA_DATE.finditer(text):
        year, month, day = m[1], m[2], m[3]
        if day:
            _add(note.birth_dates, iso_date(f"{year}-{int(month):02d}-{int(day):02d}"))
        elif month:
            _add(note.birth_dates, f"{year}-{int(month):02d}")
        else:
            _add(note.birth_dates, year)
    place = _JA_PLACE.search(_JA_DATE.sub(" ", text))
    if place:
        _add(note.birth_places, place["place"].strip(" 、,のに"))


def _english_birth(text: str, note: NameNote) -> None:
    for dob in _DOB.finditer(text):
        _add(note.birth_dates, iso_date(" ".join(dob[1].split())))
    m = _BORN_AT.search(text)
    if m is None:
        return
    for key in ("date", "date2", "date3"):
        _add(note.birth_dates, iso_date(" ".join((m[key] or "").split())))
    place = (m["place"] or "").strip(" ,.")
    if place and not re.search(r"\d", place):
        _add(note.birth_places, place)


def _latin(text: str) -> bool:
    return detect_script(text) in ("Latn", "Zyyy")


def _original(inner: str, note: NameNote) -> None:
    """Take the name in original script that a note gives (``original script: X``)."""
    m = _ORIGINAL.search(inner)
    if m is None:
        return
    value = (m["after"] or m["before"] or "").strip(" .;:()\u202a\u202b\u202c")
    if value and not _LABELS.match(value) and not _latin(value):
        _add(note.original, value)


def _bracket_note(inner: str, note: NameNote, latin_name: bool) -> bool:
    """Whether the words of a bracket are a note (and take what it says). In a Latin name,
    words in another script are the name in that script (``Saqr Al-Jaddawi(صقر الجداوي)``)."""
    words = inner.strip(" .,;:\u202a\u202b\u202c")
    if not words:
        return False
    found = False
    if _FORMER.search(words):
        note.former = True
        found = True
    if _LANGUAGE_MARK.search(words) or _LABELS.match(words):
        found = True
    if _JA_BORN.search(words):
        _japanese_birth(words, note)
        found = True
    if _BORN.search(words):
        _english_birth(words, note)
        found = True
    if _ORIGINAL.search(words):
        _original(words, note)
        found = True
    elif not found and latin_name and not _latin(words) and detect_script(words) != "Jpan":
        _add(note.original, words)
        found = True
    return found


def _unbalanced(name: str) -> str:
    """``name`` without brackets left open or closed by the notes taken out of it."""
    while name.endswith((")", "）")) and name.count(")") + name.count("）") > name.count(
        "("
    ) + name.count("（"):
        name = name[:-1].rstrip()
    while name.startswith(("(", "（")) and name.count("(") + name.count("（") > name.count(
        ")"
    ) + name.count("）"):
        name = name[1:].lstrip()
    while name.endswith(("(", "（")):
        name = name[:-1].rstrip()
    return name


def split_note(text: str) -> NameNote:
    """The name in ``text`` without the notes a list wrote into it, and what the notes say.

    The name is None when the whole text is a note (``born in Kandahar on 01 Jan.1967``,
    ``1974年3月21日イラク国バグダッドにて出生``)."""
    note = NameNote(text)
    value = " ".join(unicodedata.normalize("NFKC", text).split())
    born = _BORN.search(value)
    if born:  # "X, born 5 Feb. 1970 in Tunis, Tunisia(formerly listed as)": all the rest
        cut = born.start()
        head = value[:cut]
        if head.count("(") > head.count(")"):  # "X (false identity ... passport number ...)"
            cut = head.rfind("(")
        tail = value[cut:]
        _english_birth(tail, note)
        note.former = bool(_FORMER.search(tail))
        _original(tail, note)
        note.notes.append(tail.strip(" ,"))
        value = value[:cut]
    ja_born = _JA_BORN.search(value)
    opened = (
        max(value.rfind("(", 0, ja_born.start()), value.rfind("（", 0, ja_born.start()))
        if ja_born
        else -1
    )
    if opened > 0:  # "X(1967年1月1日にカンダハールで出生)", "X(生年月日: a)1960年4月11日 b)..."
        tail = value[opened:]
        _japanese_birth(tail, note)
        note.former = note.former or bool(_FORMER.search(tail))
        note.notes.append(tail)
        value = value[:opened]
    spans = _brackets(value)
    outside = "".join(value[a:b] for a, b in _gaps(spans, len(value)))
    latin_name = _latin(outside)
    kept: list[str] = []
    last = 0
    for start, end in spans:
        inner = value[start + 1 : end - 1 if value[end - 1] in ")）" else end]
        if _bracket_note(inner, note, latin_name):
            kept.append(value[last:start])
            note.notes.append(value[start:end])
            last = end
    kept.append(value[last:])
    name = " ".join("".join(kept).split())
    for mark in _LANGUAGE_MARK.findall(name):
        name = name.replace(mark, " ")
        note.notes.append(mark)
    if _JA_BORN.search(name) or _JA_DATE_START.match(name):
        _japanese_birth(name, note)
        # "X(生年月日: a)1960年4月11日 b)...": the name before the note's opened bracket
        head = re.split(r"[(（]", name, maxsplit=1)[0]
        note.notes.append(name[len(head) :])
        name = "" if _JA_BORN.search(head) or _JA_DATE_START.match(head) else head
    m = _ORIGINAL.search(name)
    if m and m["after"]:  # "(original script: X) Name" lost its brackets to a split
        _original(name[m.start() :], note)
        note.notes.append(name[m.start() :])
        name = name[: m.start()]
    if not note.notes and not note.original:
        return note  # no note: the name as written
    name = _unbalanced(name.strip(" ,;:-\u202a\u202b\u202c").lstrip(". "))
    note.name = name if re.search(r"\w", name) else None
    return note


def _gaps(spans: list[tuple[int, int]], size: int) -> list[tuple[int, int]]:
    """The stretches of a text outside the given spans."""
    starts = (0, *(end for _, end in spans))
    ends = (*(start for start, _ in spans), size)
    return list(zip(starts, ends, strict=True))


def take_note(entity: Entity, text: str) -> str | None:
    """The name in ``text``, the facts its note states filed in their fields of ``entity``:
    birth dates and places, names in original script (as such), the note's words in
    ``properties["name_note"]``. None when the text is a note only."""
    note = split_note(text)
    for day in note.birth_dates:
        _add(entity.birth_dates, day)
    for place in note.birth_places:
        _add(entity.birth_places, place)
    for original in note.original:
        entity.add_name(original, NameKind.ORIGINAL_SCRIPT, detect_script(original))
    said = "; ".join(n.strip(" ,") for n in note.notes if n.strip(" ,"))
    if said:
        value = f"{note.name}: {said}" if note.name else said
        notes = entity.properties.setdefault("name_note", [])
        if value not in notes:
            notes.append(value)
    return note.name


# Clauses: what a list writes around a name besides notes on the person (CSL, MOF, UN, UK).
# Each rule quotes a real name field; the rest of the field is the name, aliases or former names.

#: CSL (Nonproliferation Sanctions): "Ardis Group of Companies LLC and any successor, sub-unit,
#: or subsidiary thereof", "Poly Technologies Incorporated (PTI), and its sub-units and successors"
_SUCCESSORS = re.compile(
    r",?\s+and\s+(?:any|its)\s+(?:successors?|sub-?units?|subsidiar(?:y|ies))\b.*$", re.IGNORECASE
)
#: UK "HAMAS INCLUDING IZZ-AL-DIN AL-QASSEM"; CSL (Entity List) "Ministry of Defence of the
#: Russian Federation, including the Armed Forces of Russia and all operating units wherever
#: located. This includes ..." (a bracketed "(including ...)" is a bracket note, below)
_INCLUDING = re.compile(r"(?:,\s*|\s+)including\s.*$", re.IGNORECASE)
#: CSL (Entity List): "Huawei Technologies Co., Ltd. (Huawei).  Affiliated Entity:  Huawei
#: Marine Networks Co., Ltd." and "Pakistan Atomic Energy Commission (PAEC), and subordinate
#: entity National Development Complex (NDC)": the listed party is the one named last
_AFFILIATE = re.compile(
    r"^(?P<parent>.+?)(?:\.\s+Affiliated\s+Entity\s*:|,?\s+and\s+subordinate\s+entity)\s*(?P<name>\S.*)$",
    re.IGNORECASE,
)
#: UN and MOF aliases: "Akhter Mohmad son of Noor Mohmad": the father's name, not the person's
_PARENTAGE = re.compile(r"\s+(?:son|daughter)\s+of\s+\S.*$", re.IGNORECASE)
#: a.k.a. and f.k.a. markers: CSL "Chitron Electronics Company Ltd., a.k.a. Chi-Chung
#: Electronics Company Ltd. (Chitron-Shenzhen)", "Far East Trading Company, Inc. (a.k.a. FETCO,
#: Inc.)", "PEARL (A.K.A. NEI-CHIEN CHU) LI", "Astronautics Research Institute [aka Astronautics
#: Systems Research Center, Aerospace Research Institute]", "Gazprom Promgaz, AO (f.k.a.
#: Otkrytoe Aktsionernoe Obshchestvo Gazprom Promgaz)", aliases "f.k.a. Sibirskaya Neftyanaya
#: Kompaniya OAO" and "DBA Behover Information Technologies"; MOF "PJSC Alrosa a.k.a. Alrosa
#: Group", "also known as Igor STRELKOV", "Tatyana (Tatiana) Moskalkova (f.k.a . Nosenko)".
#: A bare "aka" counts only after a bracket ("YK-AKA" and "AKA INTEGRAL SERVICES" are names).
_MARK = re.compile(
    r"(?P<aka>\ba\s?\.\s?k\s?\.\s?a\b(?:\s?\.)?|\balso\s+known\s+as\b|(?<=[(\[])\s*aka\b|^dba\b"
    r"|\bd\.\s?b\.\s?a\b\.?)"
    r"|(?P<fka>\bf\s?\.\s?k\s?\.\s?a\b(?:\s?\.)?|(?<=[(\[])\s*(?:formerly|previously)(?:\s+known\s+as)?\b"
    r"(?!\s+listed)|旧称\s*[:：])"
    r"|(?P<nee>(?<=[(\[])\s*n[ée]e\b\.?|旧姓\s*[:：])",
    re.IGNORECASE,
)
#: bracketed words that only describe the party: MOF "Hamas (including Hamas-Izz al-Din
#: al-Qassem)", UN "شبكة أنصار المجاهدين (Ansar al-Mujahideen Network - sub-unit name)", CSL
#: "Ri Sung Chol (aka Ri Su'ng-ch'o'l) (DPRK individual)"
_DESCRIBES = re.compile(
    r"^(?:including\s.*|.*\s-\s*sub-unit\s+name|(?:\w+\s)?(?:individual|entity))$", re.IGNORECASE
)
#: a field that is a note only: CSL "(all of preceding located in or near Mianyang, Sichuan
#: Province)"; MOF's labels left alone in a cell: "旧称" (former name), "別称" (also called)
_NOTE_ONLY = re.compile(
    r"^\(?\s*all\s+of\s+(?:the\s+)?preceding\b.*|^(?:旧称|別称|別名|通称)$", re.I
)


@dataclass
class Clauses:
    """A name field's name, the further names it gives and the words taken out as notes."""

    name: str | None
    #: (name, "alias" or "former"), in the order written
    others: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _tidy_part(text: str) -> str:
    """A part of a split field without the spaces, separators and brackets left at its ends."""
    value, last = " ".join(text.split()), ""
    while value != last:
        last, value = value, _unbalanced(value.strip(" ,;:")).strip(" ,;:")
    return value


def _spans(text: str) -> list[tuple[int, int]]:
    """The outermost ``(...)`` and ``[...]`` groups (:func:`_brackets` with square ones)."""
    spans = _brackets(text.replace("[", "(").replace("]", ")"))
    return [(a, b) for a, b in spans if b - a > 2]


def _marked(text: str, found: Clauses, commas: bool = False) -> str:
    """Split ``text`` at its a.k.a. / f.k.a. / née markers outside brackets: the part before
    the first marker (the whole text if none) is returned, the names after go to ``found``
    (several after one marker when ``;`` separates them, or ``,`` where ``commas``)."""
    inside = _spans(text[1:]) if text.startswith(("(", "[")) else _spans(text)
    shift = 1 if text.startswith(("(", "[")) else 0
    marks = [
        m
        for m in _MARK.finditer(text)
        if not any(a + shift < m.start() < b + shift for a, b in inside)
    ]
    if not marks:
        return text
    for i, mark in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        role = "former" if mark["fka"] else "alias"
        for piece in re.split(r"[;,]" if commas else ";", text[mark.end() : end]):
            part = _tidy_part(piece)
            if not re.search(r"\w", part):
                continue
            one_word = len(re.findall(r"[^\s・･]+", part)) < 2
            if mark["nee"] or (role == "former" and one_word):  # a maiden or former surname
                found.notes.append(text[mark.start() : end].strip(" ,;)]"))
            else:
                found.others.append((part, role))
    return _tidy_part(text[: marks[0].start()])


def _bracket_clauses(value: str, found: Clauses) -> str:
    """The name without the brackets that give other names or describe the party."""
    kept: list[str] = []
    last = 0
    for start, end in _spans(value):
        close = end - 1 if value[end - 1] in ")]）" else end
        if _MARK.match(value, start + 1):  # "(a.k.a. FETCO, Inc.)", "[aka ...]"
            _marked(value[start:close], found, commas=value[start] == "[")
        elif not value[end:].strip() and _DESCRIBES.match(value[start + 1 : close].strip()):
            found.notes.append(value[start:end])
        else:
            continue
        kept.append(value[last:start])
        last = end
    kept.append(value[last:])
    return " ".join("".join(kept).split())


def split_clauses(text: str) -> Clauses:
    """The name in a name field without the clauses a list writes around it (see the rules
    above): further names it gives (a.k.a., f.k.a.), and the words that are notes."""
    value = " ".join(text.split())
    found = Clauses(value)
    if _NOTE_ONLY.match(value):
        found.name = None
        found.notes.append(value)
        return found
    m = _AFFILIATE.match(value)
    if m:
        found.notes.append(value[: m.start("name")].strip())
        value = m["name"]
    for rule in (_SUCCESSORS, _INCLUDING, _PARENTAGE):
        cut = rule.search(value)
        if (
            cut
            and cut.start() > 0
            and value[: cut.start()].count("(") <= value[: cut.start()].count(")")
        ):
            found.notes.append(value[cut.start() :].strip(" ,"))
            value = value[: cut.start()]
    value = _bracket_clauses(value, found)
    before = len(found.others)
    name = _marked(value, found)
    prefixed = not name and len(found.others) > before
    if prefixed:  # "DBA Behover Information Technologies"
        first, role = found.others[before]
        if role == "alias":  # the field's own name; a former one stays a former name
            name = first
            del found.others[before]
    name = _tidy_part(name)
    found.name = name if re.search(r"\w", name) else None
    if not found.others and not found.notes and not prefixed:
        found.name = " ".join(text.split())  # no clause: the field as written
    return found


def _note(entity: Entity, name: str | None, notes: list[str]) -> None:
    said = "; ".join(n for n in notes if n)
    if said:
        value = f"{name}: {said}" if name else said
        kept = entity.properties.setdefault("name_note", [])
        if value not in kept:
            kept.append(value)


def _kind_of(kind: NameKind, role: str, script: str) -> NameKind:
    if script not in ("Latn", "Zyyy"):
        return NameKind.ORIGINAL_SCRIPT
    if role == "former":
        return NameKind.FORMER
    return NameKind.WEAK_ALIAS if kind == NameKind.WEAK_ALIAS else NameKind.ALIAS


def take_clauses(entity: Entity) -> None:
    """Rewrite ``entity``'s names without the clauses of :func:`split_clauses`: the name keeps
    its kind, the further names it gives become aliases or former names (original-script
    names in another script), the notes go to ``properties["name_note"]``. A primary name
    that was a note only leaves its place to the first further name."""
    names: list[Name] = []
    for name in entity.names:
        found = split_clauses(name.value)
        if found.name == name.value and not found.others:
            names.append(name)
            continue
        _note(entity, found.name, found.notes)
        if found.name is not None:
            names.append(Name(found.name, name.kind, name.script, name.lang))
        for value, role in found.others:
            script = detect_script(value)
            kind = _kind_of(name.kind, role, script)
            if (
                name.kind == NameKind.PRIMARY
                and not any(n.kind == NameKind.PRIMARY for n in names)
                and kind != NameKind.ORIGINAL_SCRIPT
            ):
                kind = NameKind.PRIMARY
            names.append(
                Name(
                    value,
                    kind,
                    script if kind == NameKind.ORIGINAL_SCRIPT else name.script,
                    name.lang,
                )
            )
    entity.names = []
    for name in names:
        entity.add_name(name.value, name.kind, name.script, name.lang)
