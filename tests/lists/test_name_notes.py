"""Notes written into name fields (MOF and UN), set apart from the name: the cases are names
as the Japanese Ministry of Finance list of 2026-03-05 and the UN list of 2026-02-27 write
them, and the MOF parser on a trimmed extract of the real workbook."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tradeguard.lists.model import Entity, NameKind
from tradeguard.lists.name_notes import split_note, take_note
from tradeguard.lists.sources import jp_mof

NOTES = (
    Path(__file__).resolve().parent.parent
    / "fixtures"
    / "lists"
    / "jp_mof"
    / "shisantouketsu20260305-notes-extract.xlsx"
)

# (as written, the name, birth dates, birth places, names in original script)
CASES: list[tuple[str, str | None, list[str], list[str], list[str]]] = [
    (
        "Fabio Fusco, born 25 May 1968 in Naples, Italy",
        "Fabio Fusco",
        ["1968-05-25"],
        ["Naples, Italy"],
        [],
    ),
    ("Mohammad Ishaq Akhund born in 1963", "Mohammad Ishaq Akhund", ["1963"], [], []),
    ("born in Kandahar on 01 Jan.1967", None, ["1967-01-01"], ["Kandahar"], []),
    (
        "Mohamed Aouani, born 5 Feb. 1970 in Tunis, Tunisia(formerly listed as)",
        "Mohamed Aouani",
        ["1970-02-05"],
        ["Tunis, Tunisia"],
        [],
    ),
    ("Ezatullah Haqqani (previously listed as)", "Ezatullah Haqqani", [], [], []),
    ("Abu Banat (original script: Абу Банат)", "Abu Banat", [], [], ["Абу Банат"]),
    ("アブ・バナット(【ロシア語】)", "アブ・バナット", [], [], []),
    ("【アラビア語】アブドゥル・ラフマン・シンド", "アブドゥル・ラフマン・シンド", [], [], []),
    (
        "(original script: عبد الرحمن السيندي) Abdul Rehman al-Sindhi",
        "Abdul Rehman al-Sindhi",
        [],
        [],
        ["عبد الرحمن السيندي"],
    ),
    ("Saqr Al-Jaddawi(صقر الجداوي)", "Saqr Al-Jaddawi", [], [], ["صقر الجداوي"]),
    (
        "1968年5月25日にイタリアのナポリにて出生",
        None,
        ["1968-05-25"],
        ["イタリアのナポリ"],
        [],
    ),
    (
        "ラセド・ベン・ヘニ(1969年2月5日リビア国トリポリにて出生)",
        "ラセド・ベン・ヘニ",
        ["1969-02-05"],
        ["リビア国トリポリ"],
        [],
    ),
    (
        "Muhamad Ibrahim Makkawi (DOB: a)11 Apr. 1960 b)11 Apr. 1963. POB: Egypt.Nationality: "
        "Egypt",
        "Muhamad Ibrahim Makkawi",
        ["1960-04-11", "1963-04-11"],
        [],
        [],
    ),
    ("Muhammad Jamal Abduh (nom de guerre)", "Muhammad Jamal Abduh", [], [], []),
    (
        "Abdel Ilah Sabri (false identity related to fraudulent South African identification "
        "number 6910275240086 linked to South African passport number 434021161, both documents "
        "have been confiscated)",
        "Abdel Ilah Sabri",
        [],
        [],
        [],
    ),
    ("ABDUL REHMAN MAKKI(original script:不明)", "ABDUL REHMAN MAKKI", [], [], []),
    # brackets that are part of the name, or variants of it, stay
    (
        "AL-QAIDA IN THE ARABIAN PENINSULA (AQAP)",
        "AL-QAIDA IN THE ARABIAN PENINSULA (AQAP)",
        [],
        [],
        [],
    ),
    ("Aleksandr (Alexander) Dugin", "Aleksandr (Alexander) Dugin", [], [], []),
    ("ウレマ援助組織(パキスタン)", "ウレマ援助組織(パキスタン)", [], [], []),
    ("KOREA SAMMA SHIPPING CO.", "KOREA SAMMA SHIPPING CO.", [], [], []),
    ("Vybornyi", "Vybornyi", [], [], []),
]


@pytest.mark.parametrize(("text", "name", "dates", "places", "original"), CASES)
def test_split_note(
    text: str, name: str | None, dates: list[str], places: list[str], original: list[str]
) -> None:
    note = split_note(text)
    assert (note.name, note.birth_dates, note.birth_places, note.original) == (
        name,
        dates,
        places,
        original,
    )


def test_take_note_files_the_note() -> None:
    entity = Entity(id="x:1", list="x", source_id="1", schema="Person")
    name = take_note(entity, "Abu Jihad (original script: Абу Джихад)")
    assert name == "Abu Jihad"
    assert [(n.value, n.kind, n.script) for n in entity.names] == [
        ("Абу Джихад", NameKind.ORIGINAL_SCRIPT, "Cyrl")
    ]
    assert entity.properties["name_note"] == ["Abu Jihad: (original script: Абу Джихад)"]
    assert take_note(entity, "Dokka Umarov, born on 13 April 1964") == "Dokka Umarov"
    assert entity.birth_dates == ["1964-04-13"]


_LATIN_NAME = st.lists(
    st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'-", min_size=2),
    min_size=1,
    max_size=4,
).map(" ".join)


_BIRTH_DAY = st.dates(date(1900, 1, 1), date(2020, 12, 31))


# no deadline: the first call builds the regular expressions' caches, and the shared test
# machine is slow at times; what is checked is the result, not the time
@settings(deadline=None)
@given(_LATIN_NAME, _BIRTH_DAY.map(lambda d: f"{d.day} {d:%b}. {d.year}"))
def test_a_birth_note_never_stays_in_the_name(name: str, born: str) -> None:
    note = split_note(f"{name}, born {born} in Naples, Italy")
    assert note.name == name.strip(" ,;:-").lstrip(". ")
    assert len(note.birth_dates) == 1
    assert note.birth_places == ["Naples, Italy"]


@settings(deadline=None)
@given(st.text(max_size=60))
def test_split_note_keeps_or_shortens(text: str) -> None:
    note = split_note(text)
    if note.name is not None:
        assert len(note.name) <= len(text) + 2  # NFKC may widen a ligature or two
        if not note.notes and not note.original:
            assert note.name == text


def test_mof_notes_leave_the_names() -> None:
    parsed = jp_mof.parse(NOTES)
    assert len(parsed.entities) == 9
    every = [n.value for e in parsed.entities for n in e.names]
    assert not [v for v in every if "born" in v or "出生" in v or "【" in v or "script" in v]
    fusco = next(e for e in parsed.entities if e.source_id == "2-350")
    assert "Fabio Fusco" in [n.value for n in fusco.names]
    assert {"1968-05-25", "1968-12-18", "1969-07-14"} <= set(fusco.birth_dates)
    assert "Naples, Italy" in fusco.birth_places
    guchaev = next(e for e in parsed.entities if e.source_id == "2-718")
    assert ("Бэч", NameKind.ORIGINAL_SCRIPT) in [(n.value, n.kind) for n in guchaev.names]
    assert ("Bach", NameKind.ALIAS) in [(n.value, n.kind) for n in guchaev.names]
    assert ("ベッチ", NameKind.ORIGINAL_SCRIPT) in [(n.value, n.kind) for n in guchaev.names]
    makki = next(e for e in parsed.entities if e.source_id == "2-794")
    assert makki.names[0].value == "ABDUL REHMAN MAKKI"
    assert "不明" not in [n.value for n in makki.names]
