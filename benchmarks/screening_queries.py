"""A labelled query set for screening benchmarks, generated from real list entries.

Kept apart from the matcher on purpose: nothing here imports tradeguard's name code, and the
spelling variants below are written from romanization tables and naming practice, not from
the matcher's vocabularies. Every query is drawn with a seeded random generator.

Positive queries are list names put through one transformation; negative queries are
real-looking names of persons, companies and vessels that are not on the lists, including
near misses built from listed names with a distinctive word changed.
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from tradeguard.lists.model import Entity, Name, NameKind


@dataclass
class LabelledQuery:
    name: str
    schema: str | None
    transformation: str
    target: str | None  # entity id the query must find; None for a negative query
    held_out: str | None = None  # an original-script name to remove from the index
    countries: list[str] = field(default_factory=list)


# Romanization and spelling variants seen in lists, passports and the press.
VARIANTS: dict[str, list[str]] = {
    # Korean (McCune-Reischauer, Revised Romanization, DPRK and passport habits)
    "jong": ["jeong", "chong", "chung"], "kim": ["gim"], "ri": ["lee", "rhee", "yi"],
    "pak": ["park", "bak"], "choe": ["choi"], "ryong": ["yong", "ryeong"], "kang": ["gang"],
    "chol": ["cheol", "chul"], "song": ["seong"], "hyon": ["hyeon", "hyun"], "yong": ["yeong"],
    "sok": ["seok"], "myong": ["myeong"], "chon": ["cheon", "jeon"], "pyong": ["pyeong"],
    "kwang": ["gwang"], "kuk": ["guk"], "tok": ["deok"], "ryu": ["yu", "yoo"], "rim": ["lim"],
    "kyong": ["gyeong", "kyung"], "hak": ["hak"], "sung": ["seung"], "ung": ["eung"],
    "ryon": ["ryeon", "yeon"], "il": ["il"], "nam": ["nam"], "chang": ["jang"],
    # Japanese Hepburn variants
    "ito": ["itou", "itoh"], "sato": ["satou", "satoh"], "kato": ["katou", "katoh"],
    "saito": ["saitou"], "goto": ["gotou", "gotoh"], "ono": ["ohno", "oono"],
    "yoshida": ["yosida"], "shimizu": ["simizu"],
    # Arabic and Persian
    "mohammad": ["muhammad", "mohammed", "mohamed"], "muhammad": ["mohammad", "mohamed"],
    "mohammed": ["muhammad", "mohamad"], "ahmad": ["ahmed"], "ahmed": ["ahmad"],
    "abdul": ["abdel", "abd al"], "hussein": ["husayn", "hussain", "husain"],
    "hussain": ["hussein", "husain"], "yusuf": ["yousef", "youssef"], "hasan": ["hassan"],
    "hassan": ["hasan"], "usama": ["osama"], "umar": ["omar"], "omar": ["umar"],
    "khalid": ["khaled"], "mahmoud": ["mahmud"], "abdullah": ["abdallah"], "ali": ["aly"],
    "qasim": ["qassem", "kassem"], "said": ["saeed", "sayed"], "salim": ["saleem"],
    "rahman": ["rehman"], "mustafa": ["mostafa"], "hamid": ["hameed"], "jafar": ["jaafar"],
    "abu": ["abou"], "bin": ["ben"], "al": ["el"],
    # Russian (BGN/PCGN vs passport and German-style spellings)
    "aleksandr": ["alexander", "aleksander"], "aleksey": ["alexei", "aleksei"],
    "sergey": ["sergei"], "dmitriy": ["dmitry", "dmitri"], "yevgeniy": ["evgeny", "evgenii"],
    "yuriy": ["yury", "yuri"], "andrey": ["andrei"], "nikolay": ["nikolai"],
    "mikhail": ["michail"], "vyacheslav": ["viacheslav"], "igor": ["igor"],
    "oleg": ["oleg"], "vladimir": ["wladimir"],
}  # fmt: skip
SUFFIX_VARIANTS = (("iy", "y"), ("yev", "ev"), ("kh", "h"), ("ks", "x"), ("ya", "ia"), ("yu", "iu"))

FORMS = [
    "Co., Ltd.", "Company Limited", "Corporation", "Corp.", "LLC", "Ltd", "Limited", "Inc.",
    "JSC", "OOO", "Co.", "Company", "Group", "Trading Co., Ltd.", "International",
]  # fmt: skip
FORM_WORDS = {
    "co", "company", "ltd", "limited", "corporation", "corp", "llc", "inc", "jsc", "ooo",
    "group", "trading", "general", "international", "sa", "gmbh", "pjsc", "ojsc", "cjsc",
    "pte", "fze", "fzco", "llp", "plc", "ag", "bv", "srl", "spa", "ltda",
}  # fmt: skip

GIVEN = [
    "James", "Maria", "Peter", "Anna", "Thomas", "Laura", "Michael", "Sofia", "Daniel", "Elena",
    "Hiroshi", "Yuki", "Takeshi", "Aiko", "Kenji", "Min-jun", "Seo-yeon", "Ji-ho", "Ha-eun",
    "Wei", "Li Na", "Jian", "Xiu Ying", "Omar", "Layla", "Karim", "Fatima", "Tariq", "Noura",
    "Ivan", "Olga", "Pavel", "Natalia", "Arjun", "Priya", "Carlos", "Lucia", "Jorge", "Ines",
    "Henrik", "Ingrid", "Pierre", "Claire", "Giovanni", "Chiara", "Emre", "Ayse", "Kofi", "Ama",
]  # fmt: skip
FAMILY = [
    "Schmidt", "Johansson", "Dubois", "Rossi", "Garcia", "Silva", "Novak", "Kowalski", "Murphy",
    "Tanaka", "Watanabe", "Yamamoto", "Nakamura", "Kobayashi", "Han", "Seo", "Yoon", "Jung",
    "Zhang", "Wang", "Liu", "Chen", "Haddad", "Nasser", "Khalil", "Mansour", "Rahimi",
    "Petrov", "Smirnov", "Volkova", "Kuznetsov", "Sharma", "Patel", "Fernandez", "Costa",
    "Larsen", "Bakker", "Moreau", "Bianchi", "Yilmaz", "Demir", "Mensah", "Okafor",
]  # fmt: skip
COMPANY_WORDS = [
    "Blue Harbor", "Northwind", "Silver Lake", "Greenfield", "Red Maple", "Sunrise", "Everest",
    "Pacific Rim", "Golden Gate", "Crescent", "Alpine", "Meridian", "Orion", "Atlas", "Vertex",
    "Summit", "Riverside", "Oakridge", "Lighthouse", "Starlight", "Bluewater", "Horizon",
    "Kestrel", "Falcon", "Cedar", "Aurora", "Sakura", "Hanil", "Daesung", "Shinwa", "Tianhe",
    "Jinhua", "Baltic", "Volga", "Ural", "Caspian", "Nile", "Sahara", "Andes", "Nordic",
]  # fmt: skip
COMPANY_TAILS = [
    "Logistics", "Electronics", "Textiles", "Foods", "Machinery", "Pharma", "Chemicals",
    "Shipping", "Software", "Instruments", "Precision", "Metals", "Optics", "Plastics",
]  # fmt: skip
VESSEL_WORDS = [
    "Ocean", "Sea", "Star", "Pioneer", "Spirit", "Glory", "Fortune", "Harmony", "Pearl", "Wind",
    "Eagle", "Dawn", "Victory", "Grace", "Jade", "Lotus", "Aurora", "Coral", "Bright", "Noble",
]  # fmt: skip

_LATIN_TO_CYRILLIC = [
    ("shch", "щ"), ("kh", "х"), ("zh", "ж"), ("ts", "ц"), ("ch", "ч"), ("sh", "ш"),
    ("yu", "ю"), ("ya", "я"), ("yo", "ё"), ("ye", "е"), ("iy", "ий"), ("yy", "ый"),
    ("a", "а"), ("b", "б"), ("v", "в"), ("g", "г"), ("d", "д"), ("e", "е"), ("z", "з"),
    ("i", "и"), ("y", "й"), ("k", "к"), ("l", "л"), ("m", "м"), ("n", "н"), ("o", "о"),
    ("p", "п"), ("r", "р"), ("s", "с"), ("t", "т"), ("u", "у"), ("f", "ф"), ("w", "в"),
    ("x", "кс"), ("c", "к"), ("h", "х"), ("j", "дж"), ("q", "к"),
]  # fmt: skip

_HANGUL_INITIAL = ["k", "kk", "n", "t", "tt", "r", "m", "p", "pp", "s", "ss", "", "j", "jj",
                   "ch", "kh", "th", "ph", "h"]  # fmt: skip
_INITIAL_ALIASES = {"g": "k", "d": "t", "b": "p", "l": "r", "sh": "s", "ch": "ch"}
_HANGUL_VOWEL = ["a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo",
                 "u", "wo", "we", "wi", "yu", "eu", "ui", "i"]  # fmt: skip
_VOWEL_ALIASES = {"o": ["o", "eo"], "yo": ["yo", "yeo"], "u": ["u", "eu"]}
_HANGUL_FINAL = {"": 0, "k": 1, "n": 4, "t": 7, "l": 8, "m": 16, "p": 17, "ng": 21}
# Syllables DPRK spellings write with "o" where the Hangul vowel is ㅓ (eo).
_EO_SYLLABLES = {"jong", "chong", "song", "hyon", "yon", "ryon", "chol", "son", "myong", "kyong",
                 "pyong", "yong", "ryong", "sok", "chon", "hon", "won", "ok"}  # fmt: skip


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text).split())


def is_latin(text: str) -> bool:
    return all(ord(c) < 0x250 for c in text if c.isalpha())


def _hangul_syllable(syl: str) -> str | None:
    for ini in sorted(set(_HANGUL_INITIAL) | set(_INITIAL_ALIASES), key=len, reverse=True):
        if not syl.startswith(ini):
            continue
        rest = syl[len(ini) :]
        ini_idx = _HANGUL_INITIAL.index(_INITIAL_ALIASES.get(ini, ini)) if ini else 11
        for vow in sorted(set(_HANGUL_VOWEL) | set(_VOWEL_ALIASES), key=len, reverse=True):
            if not rest.startswith(vow):
                continue
            fin = rest[len(vow) :]
            if fin not in _HANGUL_FINAL:
                continue
            vowel = vow
            if vow in _VOWEL_ALIASES:
                vowel = _VOWEL_ALIASES[vow][1 if syl in _EO_SYLLABLES else 0]
            code = 0xAC00 + (ini_idx * 21 + _HANGUL_VOWEL.index(vowel)) * 28 + _HANGUL_FINAL[fin]
            return chr(code)
    return None


def to_hangul(name: str) -> str | None:
    """A DPRK-style romanized Korean name (one syllable per word) written back in Hangul."""
    words = _fold(name).split()
    if not 2 <= len(words) <= 4:
        return None
    out = []
    for word in words:
        syl = _hangul_syllable(word)
        if syl is None:
            return None
        out.append(syl)
    return out[0] + "".join(out[1:])


# Revised Romanization (National Institute of Korean Language, 2000), written here from its
# tables for the generator alone: a DPRK-style name read back into Hangul is written as the ROK
# writes it, so the query tests McCune-Reischauer against RR, not a word list.
_RR_INITIAL = ["g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch",
               "k", "t", "p", "h"]  # fmt: skip
_RR_FINAL = {0: "", 1: "k", 4: "n", 7: "t", 8: "l", 16: "m", 17: "p", 21: "ng"}
# The ROK's usual spellings of the commonest surnames (Lee, Park, Choi ...) beside strict RR.
_ROK_SURNAMES = {"이": ["Lee", "Yi"], "박": ["Park"], "최": ["Choi"], "정": ["Jung", "Jeong"],
                 "조": ["Cho", "Jo"], "류": ["Yu", "Ryu"], "노": ["Roh"], "오": ["Oh"]}  # fmt: skip
_SURNAME_SYLLABLES = {"kim", "ri", "pak", "choe", "jong", "chong", "kang", "jo", "cho", "yun",
                      "jang", "chang", "rim", "han", "o", "so", "sin", "kwon", "hwang", "an",
                      "song", "ryu", "hong", "jon", "chon", "ko", "mun", "yang", "son", "pae",
                      "paek", "ho", "nam", "sim", "ro", "ha", "kwak", "ju", "u", "ku", "min",
                      "jin", "chi", "om", "chae", "won", "pang", "kong", "hyon", "ham", "pyon",
                      "ryom", "yom", "ryo", "to", "sok", "sol", "ma", "kil", "yon", "wi", "pyo",
                      "myong", "ki", "pan", "wang", "kum", "ok", "yuk", "in", "maeng", "je",
                      "mo", "thak", "tak", "kuk", "un", "yong", "ye", "kyong",
                      "pong", "sa", "pu", "thae", "tae", "kye", "ra"}  # fmt: skip


def _revised(char: str, initial: bool) -> str:
    """One Hangul syllable in RR; ``initial``: the first of a word, where the ROK drops an
    initial r or n before i and y and writes an initial r as n (두음법칙)."""
    ini, rest = divmod(ord(char) - 0xAC00, 588)
    vow, fin = divmod(rest, 28)
    vowel = _HANGUL_VOWEL[vow]
    consonant = _RR_INITIAL[ini]
    if initial and consonant in ("r", "n") and vowel[0] in "iy":
        consonant = ""
    elif initial and consonant == "r":
        consonant = "n"
    return consonant + vowel + _RR_FINAL.get(fin, "")


def to_revised(rng: random.Random, name: str) -> str | None:
    """A DPRK-style romanized Korean name (``RI Yong Gil``, ``KIM Jong-sik``, a syllable per
    word, the surname first or last) as the ROK writes it: ``Lee Yeong-gil``, ``Gim Jeongsik``."""
    words = _fold(name).split()
    if not 2 <= len(words) <= 4:
        return None
    if words[0] in _SURNAME_SYLLABLES:
        surname_at = 0
    elif words[-1] in _SURNAME_SYLLABLES:
        surname_at = len(words) - 1
    else:
        return None
    chars = [_hangul_syllable(w) for w in words]
    if any(c is None for c in chars):
        return None
    hangul = [c for c in chars if c is not None]
    surname = hangul[surname_at]
    given = [c for i, c in enumerate(hangul) if i != surname_at]
    family = rng.choice([_revised(surname, True), *_ROK_SURNAMES.get(surname, [])]).title()
    syllables = [_revised(c, i == 0) for i, c in enumerate(given)]
    joined = rng.choice(["-", ""]).join(syllables).capitalize()
    return f"{family} {joined}" if rng.random() < 0.5 else f"{joined} {family}"


def t_korean_rr(rng: random.Random, entity: Entity, name: str) -> str | None:
    """A DPRK or ROK person's romanized name in Revised Romanization (McCune-Reischauer
    written without breves against RR: Ryonha / Yeonha, Son / Seon, Ri / Lee, Thae / Tae)."""
    if entity.schema != "Person" or not set(entity.nationalities + entity.countries) & {"KP", "KR"}:
        return None
    return to_revised(rng, name)


# Legal forms as a Russian writer puts them, not letter by letter.
_RUSSIAN_FORMS = [
    ("closed joint stock company", "ЗАО"), ("open joint stock company", "ОАО"),
    ("public joint stock company", "ПАО"), ("joint stock company", "АО"),
    ("limited liability company", "ООО"), ("cjsc", "ЗАО"), ("ojsc", "ОАО"), ("pjsc", "ПАО"),
    ("jsc", "АО"), ("llc", "ООО"), ("ooo", "ООО"), ("company", "Компания"),
]  # fmt: skip


def to_cyrillic(name: str) -> str:
    text = f" {_fold(name)} "
    for latin, russian in _RUSSIAN_FORMS:
        text = text.replace(f" {latin} ", f" {russian} ")
    words = []
    for word in text.split():
        if not is_latin(word):
            words.append(word)
            continue
        out, i = "", 0
        while i < len(word):
            for lat, cyr in _LATIN_TO_CYRILLIC:
                if word.startswith(lat, i):
                    out += cyr
                    i += len(lat)
                    break
            else:
                out += word[i]
                i += 1
        words.append(out.capitalize())
    return " ".join(words)


Transform = Callable[[random.Random, Entity, str], str | None]


def t_exact(rng: random.Random, entity: Entity, name: str) -> str | None:
    return name


def t_reorder(rng: random.Random, entity: Entity, name: str) -> str | None:
    words = name.replace(",", " ").split()
    if len(words) < 2 or entity.schema != "Person":
        return None
    style = rng.choice(["rotate", "comma", "reverse"])
    if style == "rotate":
        return " ".join(words[1:] + words[:1])
    if style == "comma":
        return f"{words[-1]}, {' '.join(words[:-1])}"
    return " ".join(reversed(words))


def t_punctuation(rng: random.Random, entity: Entity, name: str) -> str | None:
    words = name.split()
    if len(words) < 2:
        return None
    i = rng.randrange(len(words) - 1)
    joiner = rng.choice(["-", "", "-"])
    words[i : i + 2] = [words[i] + joiner + words[i + 1].lower()]
    text = " ".join(words)
    return rng.choice([text, text.lower(), text.title()])


def t_romanization(rng: random.Random, entity: Entity, name: str) -> str | None:
    words = name.split()
    options = []
    for i, word in enumerate(words):
        key = _fold(word)
        if key in VARIANTS and any(v != key for v in VARIANTS[key]):
            options.append((i, [v for v in VARIANTS[key] if v != key]))
        for src, dst in SUFFIX_VARIANTS:
            if src in key and len(key) > 4:
                options.append((i, [key.replace(src, dst)]))
    if not options:
        return None
    i, choices = rng.choice(options)
    words[i] = rng.choice(choices).title()
    return " ".join(words)


def t_company_form(rng: random.Random, entity: Entity, name: str) -> str | None:
    if entity.schema not in ("Organization", "Company", "LegalEntity"):
        return None
    words = name.replace(",", " ").split()
    core = [w for w in words if _fold(w) not in FORM_WORDS]
    if not core:
        return None
    if len(core) < len(words) and rng.random() < 0.5:
        return " ".join(core)  # legal form dropped
    return " ".join(core) + " " + rng.choice(FORMS)  # form replaced or added


def t_typo(rng: random.Random, entity: Entity, name: str) -> str | None:
    words = name.split()
    longest = [i for i, w in enumerate(words) if len(w) >= 6 and w.isalpha()]
    if not longest:
        return None
    i = rng.choice(longest)
    word = list(words[i])
    edits = 2 if len(word) >= 10 and rng.random() < 0.5 else 1
    for _ in range(edits):
        pos = rng.randrange(1, len(word) - 1)
        op = rng.choice(["sub", "del", "swap", "ins"])
        letter = rng.choice("aeiourstnlmk")
        if op == "sub":
            word[pos] = letter if word[pos].islower() else letter.upper()
        elif op == "del":
            del word[pos]
        elif op == "swap":
            word[pos], word[pos - 1] = word[pos - 1], word[pos]
        else:
            word.insert(pos, letter if word[pos].islower() else letter.upper())
    words[i] = "".join(word)
    return " ".join(words)


def t_missing_token(rng: random.Random, entity: Entity, name: str) -> str | None:
    words = name.split()
    if len(words) < 3:
        return None
    if entity.schema == "Person":
        del words[rng.randrange(1, len(words) - 1)]  # a middle name
    else:
        droppable = [i for i, w in enumerate(words) if _fold(w) in FORM_WORDS] or [0]
        del words[rng.choice(droppable)]
    return " ".join(words)


def t_extra_token(rng: random.Random, entity: Entity, name: str) -> str | None:
    words = name.split()
    if entity.schema == "Person":
        extra = rng.choice(["Jr.", "Mr.", "Dr.", rng.choice(GIVEN)])
        words.insert(rng.randrange(1, len(words) + 1), extra)
    elif entity.schema in ("Organization", "Company", "LegalEntity"):
        words.append(rng.choice(["Group", "Holding", "Trading", "International", "Co."]))
    else:
        return None
    return " ".join(words)


def t_script(rng: random.Random, entity: Entity, name: str) -> str | None:
    """The entry's name written in Cyrillic (Russian etc.) or Hangul (Korean persons)."""
    countries = set(entity.nationalities + entity.countries)
    if entity.schema == "Person" and countries & {"KP", "KR"}:
        return to_hangul(name)
    if countries & {"RU", "BY", "UA", "KZ", "KG", "TJ", "UZ"}:
        return to_cyrillic(name)
    return None


TRANSFORMS: dict[str, Transform] = {
    "exact": t_exact,
    "reorder": t_reorder,
    "punctuation": t_punctuation,
    "romanization": t_romanization,
    "company_form": t_company_form,
    "typo": t_typo,
    "missing_token": t_missing_token,
    "extra_token": t_extra_token,
    "script": t_script,
}


def _latin_names(entity: Entity) -> list[Name]:
    return [
        n
        for n in entity.names
        if n.kind in (NameKind.PRIMARY, NameKind.ALIAS) and is_latin(n.value) and len(n.value) > 3
    ]


def positives(
    entities: list[Entity], rng: random.Random, per_transform: int
) -> list[LabelledQuery]:
    out: list[LabelledQuery] = []
    pool = [e for e in entities if _latin_names(e)]
    for label, transform in TRANSFORMS.items():
        made, tries = 0, 0
        while made < per_transform and tries < per_transform * 200:
            tries += 1
            entity = rng.choice(pool)
            name = rng.choice(_latin_names(entity)).value
            query = transform(rng, entity, name)
            if not query or (label != "exact" and _fold(query) == _fold(name)):
                continue
            out.append(LabelledQuery(query, entity.schema, label, entity.id))
            made += 1
    # Original-script names of the lists, with that name held out of the index.
    scripted = [
        (e, n) for e in entities for n in e.names if not is_latin(n.value) and _latin_names(e)
    ]
    rng.shuffle(scripted)
    seen: set[str] = set()
    for entity, held in scripted:
        if entity.id in seen:
            continue
        seen.add(entity.id)
        out.append(
            LabelledQuery(held.value, entity.schema, "original_script", entity.id, held.value)
        )
        if len(seen) >= per_transform:
            break
    return out


_BRACKETED = re.compile(r"\s*\([^()]*\)\s*")


def _unbracketed(name: str) -> str:
    """A listed name without its bracketed alternatives (``Mikhail Kiselev (Kiselyov)`` ->
    ``Mikhail Kiselev``); empty when brackets are left unbalanced."""
    text = _BRACKETED.sub(" ", name)
    return "" if "(" in text or ")" in text else " ".join(text.split())


def _split_person(name: str) -> tuple[str, str] | None:
    """(family names, given names) of a listed person's name: "FAMILY, Given" or "Given FAMILY".

    Bracketed alternatives are left out first: split as they stand, "Given FAMILY (Variant)"
    would give "(Variant)" as the family name and the whole listed name as the given names,
    and a comma inside the brackets would split the name there."""
    name = _unbracketed(name)
    if "," in name:
        family, _, given = name.partition(",")
        family, given = family.strip(), given.strip()
    else:
        words = name.split()
        if len(words) < 2:
            return None
        given, family = " ".join(words[:-1]), words[-1]
    if not family or not given:
        return None
    return family, given


def negatives(entities: list[Entity], rng: random.Random, count: int) -> list[LabelledQuery]:
    """Real-looking names not on the lists: invented ones and near misses of listed names.

    A name that contains every distinctive word of a listed name, or whose distinctive words
    all appear in one listed name ("Ali Yong" / "YONG, Isma'il 'Ali"; "Aurora Logistics" /
    "AURORA"), is not a negative: screening practice treats a contained name as an alert to
    review, so such names are left out of the negatives. Listed names count with and without
    their bracketed alternatives, and words in any spelling of :data:`VARIANTS`.
    """
    listed = {_fold(n.value) for e in entities for n in e.names}
    postings: dict[str, list[int]] = {}
    sizes: list[int] = []
    for entity in entities:
        for n in entity.names:
            # A listed name counts with its bracketed alternatives as written and without them
            # ("Mikhail Kiselev (Kiselyov)" is also "Mikhail Kiselev").
            for text in {n.value, _unbracketed(n.value)}:
                words = _distinctive(_fold(text))
                if not words:
                    continue
                for word in words:
                    postings.setdefault(word, []).append(len(sizes))
                sizes.append(len(words))

    def contained(folded: str) -> bool:
        words = _distinctive(folded)
        if not words:
            return True
        counts: dict[int, int] = {}
        for word in words:
            for name_id in postings.get(word, ()):
                counts[name_id] = counts.get(name_id, 0) + 1
        return any(c == len(words) or c == sizes[i] for i, c in counts.items())

    persons = [e for e in entities if e.schema == "Person" and _latin_names(e)]
    orgs = [e for e in entities if e.schema in ("Organization", "Company") and _latin_names(e)]
    vessels = [e for e in entities if e.schema == "Vessel" and _latin_names(e)]
    frequency: dict[str, int] = {}
    for entity in entities:
        for n in entity.names:
            for word in set(_fold(n.value).split()):
                frequency[word] = frequency.get(word, 0) + 1
    out: list[LabelledQuery] = []
    while len(out) < count:
        kind = rng.choice(["person", "person", "company", "company", "vessel",
                           "near_person", "near_person", "near_company", "near_vessel"])  # fmt: skip
        schema = "Person"
        if kind == "person":
            name = f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}"
        elif kind == "company":
            schema = "Organization"
            name = f"{rng.choice(COMPANY_WORDS)} {rng.choice(COMPANY_TAILS)} {rng.choice(FORMS)}"
        elif kind == "vessel":
            schema = "Vessel"
            name = f"{rng.choice(VESSEL_WORDS)} {rng.choice(VESSEL_WORDS)}"
            if rng.random() < 0.5:
                name += f" {rng.randint(1, 12)}"
        elif kind == "near_person" and persons:
            # The family name of one listed person with the given names of another.
            a = _split_person(rng.choice(_latin_names(rng.choice(persons))).value)
            b = _split_person(rng.choice(_latin_names(rng.choice(persons))).value)
            if a is None or b is None or a[0] == b[0] or a[1] == b[1]:
                continue
            name = f"{a[0]}, {b[1]}"
        elif kind == "near_company" and orgs:
            # A listed company name with its rarest word replaced.
            parts = rng.choice(_latin_names(rng.choice(orgs))).value.split()
            distinct = [
                i
                for i, w in enumerate(parts)
                if _fold(w) not in FORM_WORDS and _fold(w).isalpha() and len(_fold(w)) >= 3
            ]
            if not distinct:
                continue
            rarest = min(distinct, key=lambda i: frequency.get(_fold(parts[i]), 0))
            parts[rarest] = rng.choice(COMPANY_WORDS)
            name, schema = " ".join(parts), "Organization"
        elif kind == "near_vessel" and vessels:
            parts = rng.choice(_latin_names(rng.choice(vessels))).value.split()
            parts[rng.randrange(len(parts))] = rng.choice(VESSEL_WORDS).upper()
            name, schema = " ".join(parts), "Vessel"
        else:
            continue
        folded = _fold(name)
        if folded in listed or contained(folded):
            continue
        out.append(LabelledQuery(name, schema, "negative_" + kind, None))
    return out


def _spelling_groups() -> dict[str, str]:
    """Each word of :data:`VARIANTS` -> one word standing for all its spellings."""
    parent: dict[str, str] = {}

    def find(word: str) -> str:
        while parent.setdefault(word, word) != word:
            word = parent[word]
        return word

    for key, spellings in VARIANTS.items():
        for spelling in spellings:
            if " " not in spelling:
                parent[find(spelling)] = find(key)
    return {word: find(word) for word in parent}


_SPELLING = _spelling_groups()


def _distinctive(folded: str) -> frozenset[str]:
    """The words of a folded name that are not legal forms or generic words, each romanization
    variant of :data:`VARIANTS` as one word: a name made of another spelling of a listed
    name's words ("TREVINO MORALES, Umar" / "TREVINO MORALES, Omar") is what the romanization
    transformation makes of it, not a negative."""
    return frozenset(
        _SPELLING.get(w, w) for w in folded.split() if w not in FORM_WORDS and len(w) >= 2
    )


def generate(
    entities: list[Entity], seed: int = 20261123, per_transform: int = 150, n_negative: int = 1500
) -> list[LabelledQuery]:
    rng = random.Random(seed)
    out = positives(entities, rng, per_transform) + negatives(entities, rng, n_negative)
    # Korean names in Revised Romanization, drawn apart so that the other queries stay as they were
    return out + korean_positives(entities, random.Random(seed + 1), per_transform)


def korean_positives(
    entities: list[Entity], rng: random.Random, per_transform: int
) -> list[LabelledQuery]:
    pool = [
        e
        for e in entities
        if e.schema == "Person"
        and set(e.nationalities + e.countries) & {"KP", "KR"}
        and _latin_names(e)
    ]
    out: list[LabelledQuery] = []
    tries = 0
    while pool and len(out) < per_transform and tries < per_transform * 200:
        tries += 1
        entity = rng.choice(pool)
        name = rng.choice(_latin_names(entity)).value
        query = t_korean_rr(rng, entity, name)
        if query and _fold(query) != _fold(name):
            out.append(LabelledQuery(query, entity.schema, "korean_rr", entity.id))
    return out
