"""Clauses written around a name in a name field, set apart from it: the cases are name fields
as the CSL (2022-05), MOF (2026-03-05), UN (2026-02-27) and UK OFSI (2018-04-13) files write
them, and the CSL parser on a trimmed extract of the real file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tradeguard.lists.model import Entity, NameKind
from tradeguard.lists.name_notes import split_clauses
from tradeguard.lists.registry import parse_path

EXTRACT = (
    Path(__file__).resolve().parent.parent
    / "fixtures"
    / "lists"
    / "us_csl"
    / "consolidated-notes-extract.csv"
)

# (as written, the name, further names (value, "alias" or "former"), notes)
CASES: list[tuple[str, str | None, list[tuple[str, str]], list[str]]] = [
    (
        "Ardis Group of Companies LLC and any successor, sub-unit, or subsidiary thereof",
        "Ardis Group of Companies LLC",
        [],
        ["and any successor, sub-unit, or subsidiary thereof"],
    ),
    (
        "Poly Technologies Incorporated (PTI), and its sub-units and successors",
        "Poly Technologies Incorporated (PTI)",
        [],
        ["and its sub-units and successors"],
    ),
    (
        "Huawei Technologies Co., Ltd. (Huawei).  Affiliated Entity:  Huawei Marine Networks Co., "
        "Ltd.",
        "Huawei Marine Networks Co., Ltd.",
        [],
        ["Huawei Technologies Co., Ltd. (Huawei). Affiliated Entity:"],
    ),
    (
        "Pakistan Atomic Energy Commission (PAEC), and subordinate entity National Institute of "
        "Lasers and Optronics (NILOP)",
        "National Institute of Lasers and Optronics (NILOP)",
        [],
        ["Pakistan Atomic Energy Commission (PAEC), and subordinate entity"],
    ),
    ("HAMAS INCLUDING IZZ-AL-DIN AL-QASSEM", "HAMAS", [], ["INCLUDING IZZ-AL-DIN AL-QASSEM"]),
    (
        "Hamas (including Hamas-Izz al-Din al-Qassem)",
        "Hamas",
        [],
        ["(including Hamas-Izz al-Din al-Qassem)"],
    ),
    ("Akhter Mohmad son of Noor Mohmad", "Akhter Mohmad", [], ["son of Noor Mohmad"]),
    (
        "شبكة أنصار المجاهدين (Ansar al-Mujahideen Network - sub-unit name)",
        "شبكة أنصار المجاهدين",
        [],
        ["(Ansar al-Mujahideen Network - sub-unit name)"],
    ),
    (
        "Chitron Electronics Company Ltd., a.k.a. Chi-Chung Electronics Company Ltd. "
        "(Chitron-Shenzhen)",
        "Chitron Electronics Company Ltd.",
        [("Chi-Chung Electronics Company Ltd. (Chitron-Shenzhen)", "alias")],
        [],
    ),
    (
        "Precision Image Corporation (a.k.a. Precision Industries, Inc.; CK Enterprises, Inc.)",
        "Precision Image Corporation",
        [("Precision Industries, Inc.", "alias"), ("CK Enterprises, Inc.", "alias")],
        [],
    ),
    ("PEARL (A.K.A. NEI-CHIEN CHU) LI", "PEARL LI", [("NEI-CHIEN CHU", "alias")], []),
    (
        "Astronautics Research Institute [aka Astronautics Systems Research Center, Aerospace "
        "Research Institute]",
        "Astronautics Research Institute",
        [
            ("Astronautics Systems Research Center", "alias"),
            ("Aerospace Research Institute", "alias"),
        ],
        [],
    ),
    (
        "Ri Sung Chol (aka Ri Su'ng-ch'o'l) (DPRK individual)",
        "Ri Sung Chol",
        [("Ri Su'ng-ch'o'l", "alias")],
        ["(DPRK individual)"],
    ),
    (
        "Gazprom Sotsinvest, OOO (f.k.a., Gazprominvestarena OOO)",
        "Gazprom Sotsinvest, OOO",
        [("Gazprominvestarena OOO", "former")],
        [],
    ),
    (
        "JSC NIIP, f.k.a., Otkrytoe Aktsionernoe Obshchestvo Nauchno Issledovatelski Institut "
        "Priborostroeniya Imeni V.V. Tikhomirova",
        "JSC NIIP",
        [
            (
                "Otkrytoe Aktsionernoe Obshchestvo Nauchno Issledovatelski Institut "
                "Priborostroeniya Imeni V.V. Tikhomirova",
                "former",
            )
        ],
        [],
    ),
    (
        "f.k.a. Sibirskaya Neftyanaya Kompaniya OAO",
        None,
        [("Sibirskaya Neftyanaya Kompaniya OAO", "former")],
        [],
    ),
    ("DBA Behover Information Technologies", "Behover Information Technologies", [], []),
    ("also known as Igor STRELKOV", "Igor STRELKOV", [], []),
    ("PJSC Alrosa a.k.a. Alrosa Group", "PJSC Alrosa", [("Alrosa Group", "alias")], []),
    # MOF's cell split at a bracket: "...(IAP RAS)(a.k.a. IAP RAS)" left these pieces
    ("IAP RAS)(a.k.a. IAP RAS", "IAP RAS", [("IAP RAS", "alias")], []),
    (
        "ヨッフェ研究所) (a.k.a. Ioffe Institute",
        "ヨッフェ研究所",
        [("Ioffe Institute", "alias")],
        [],
    ),
    # a maiden or former surname alone is a note, not a name to screen
    (
        "Sardana Avksentjeva (Avksentyeva)(nee, Gogoleva)",
        "Sardana Avksentjeva (Avksentyeva)",
        [],
        ["nee, Gogoleva"],
    ),
    ("オリガ・ザンコ(旧姓:アメリチェンコヴァ)", "オリガ・ザンコ", [], ["旧姓:アメリチェンコヴァ"]),
    (
        "Tatyana (Tatiana) Moskalkova (f.k.a . Nosenko)",
        "Tatyana (Tatiana) Moskalkova",
        [],
        ["f.k.a . Nosenko"],
    ),
    (
        "(all of preceding located in or near Mianyang, Sichuan Province)",
        None,
        [],
        ["(all of preceding located in or near Mianyang, Sichuan Province)"],
    ),
    ("旧称", None, [], ["旧称"]),
    # names that only look like clauses stay as written
    ("YK-AKA", "YK-AKA", [], []),
    (
        "AKA INTEGRAL SERVICES, S. DE R.L. DE C.V.",
        "AKA INTEGRAL SERVICES, S. DE R.L. DE C.V.",
        [],
        [],
    ),
    ("SUBSIDIARY BANK ALFA-BANK JSC", "SUBSIDIARY BANK ALFA-BANK JSC", [], []),
    ("Igor Chayka (Chaika; a.k.a. IFYAU9)", "Igor Chayka (Chaika; a.k.a. IFYAU9)", [], []),
    (
        "HANIFA MONEY EXCHANGE OFFICE (BRANCH LOCATED IN ALBU KAMAL, SYRIAN ARAB REPUBLIC)",
        "HANIFA MONEY EXCHANGE OFFICE (BRANCH LOCATED IN ALBU KAMAL, SYRIAN ARAB REPUBLIC)",
        [],
        [],
    ),
    ("Tenco Technology Company Ltd.,", "Tenco Technology Company Ltd.,", [], []),
]


@pytest.mark.parametrize(("text", "name", "others", "notes"), CASES)
def test_split_clauses(
    text: str, name: str | None, others: list[tuple[str, str]], notes: list[str]
) -> None:
    found = split_clauses(text)
    assert (found.name, found.others, found.notes) == (name, others, notes)


def _entity(entities: list[Entity], caption: str) -> Entity:
    return next(e for e in entities if e.caption == caption)


def test_csl_extract_names_without_clauses() -> None:
    entities = parse_path(EXTRACT, "us_csl").entities
    ardis = _entity(entities, "Ardis Group of Companies LLC")
    assert ardis.properties["name_note"] == [
        "Ardis Group of Companies LLC: and any successor, sub-unit, or subsidiary thereof"
    ]
    huawei = _entity(entities, "Beijing Huawei Longshine Information Technology Co., Ltd.")
    assert (
        "Huawei Technologies Co., Ltd. (Huawei). Affiliated Entity:"
        in (huawei.properties["name_note"][0])
    )
    pearl = _entity(entities, "PEARL LI")
    assert [(n.value, n.kind) for n in pearl.names] == [
        ("PEARL LI", NameKind.PRIMARY),
        ("NEI-CHIEN CHU", NameKind.ALIAS),
    ]
    promgaz = _entity(entities, "Gazprom Promgaz, AO")
    assert ("Otkrytoe Aktsionernoe Obshchestvo Gazprom Promgaz", NameKind.FORMER) in [
        (n.value, n.kind) for n in promgaz.names
    ]
    neft = _entity(entities, "Gazprom Neft")
    assert ("Sibirskaya Neftyanaya Kompaniya OAO", NameKind.FORMER) in [
        (n.value, n.kind) for n in neft.names
    ]
    academy = _entity(entities, "Chinese Academy of Engineering Physics")
    values = [n.value for n in academy.names]
    assert "Southwest Institute of Nuclear Physics and Chemistry" in values
    assert not [v for v in values if "preceding" in v or "a.k.a" in v]
    assert _entity(entities, "YK-AKA").names[0].value == "YK-AKA"
    mod = _entity(entities, "Ministry of Defence of the Russian Federation")
    assert mod.properties["name_note"][0].startswith(
        "Ministry of Defence of the Russian Federation: including the Armed Forces of Russia"
    )


def _words(text: str | None) -> list[str]:
    return re.findall(r"\w+", text or "")


_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'-.", min_size=1)
_PIECE = st.one_of(
    _WORD,
    st.sampled_from(
        [
            "a.k.a.",
            "f.k.a.,",
            "aka",
            "AKA",
            "also known as",
            "(",
            ")",
            "[",
            "]",
            ";",
            ",",
            "and any successor, sub-unit, or subsidiary thereof",
            "including",
            "son of",
            "nee,",
            "旧称:",
            "Affiliated Entity:",
            "and subordinate entity",
            "(DPRK individual)",
            "DBA",
        ]
    ),
)


#: the words of the markers themselves (a.k.a., f.k.a., d.b.a., also known as): they may go
_MARKER_WORDS = {"a", "k", "f", "d", "b", "aka", "dba", "also", "known", "as", "formerly"}
_MARKER_WORDS |= {"previously", "nee", "旧称", "旧姓"}


# no deadline: the shared test machine is slow at times; what is checked is the result
@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECE, min_size=1, max_size=10).map(" ".join))
def test_clauses_never_empty_never_drop_a_word(text: str) -> None:
    found = split_clauses(text)
    unchanged = found.name == " ".join(text.split()) and not found.others and not found.notes
    assert unchanged or found.name is None or re.search(r"\w", found.name)
    assert all(re.search(r"\w", value) for value, _ in found.others)
    if found.name is None:
        assert found.others or found.notes
    kept = _words(found.name) + [w for v, _ in found.others for w in _words(v)]
    kept += [w for n in found.notes for w in _words(n)]
    dropped = {w.lower() for w in set(_words(text)) - set(kept)}
    assert dropped <= _MARKER_WORDS
