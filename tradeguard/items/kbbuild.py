"""Rebuild the generated knowledge-base files from the researched source tables.

Run ``python -m tradeguard.items.kbbuild`` with ``$TRADEGUARD_DATA_DIR`` pointing at the reference
data (``control/ag_precursors.csv``, ``control/cwc_schedules.csv``,
``control/eu/annex_i_en_2025-11.json``, ``control/us/ccl.json``,
``nomenclature/harmonized-system.csv``). It writes:

- ``data/controls/ag_precursors_1c350.yaml`` — the 90 positions of EU 1C350 (Australia Group),
- ``data/controls/cwc_1c450.yaml`` — CWC-scheduled chemicals outside 1C350 (EU 1C450, ML7),
- ``data/controls/annex_i_text.json`` — every Annex I entry title as a text-only record,
- ``data/hs/hs2022.csv.gz`` — the HS 2022 codes and descriptions.

The hand-curated files (``semiconductor.yaml``, ``parameters.yaml`` …) are not touched. The package
never runs this module at classification time.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
import sys
from pathlib import Path
from typing import Any

import yaml

from tradeguard import settings
from tradeguard.items.cas import cas_is_valid

DATA = Path(__file__).resolve().parent.parent / "data"
EU_SOURCE = (
    "Regulation (EU) 2021/821 Annex I, consolidated text of 2025-11-15 "
    "(https://eur-lex.europa.eu/eli/reg/2021/821), via a third-party parse "
    "(dkmcustoms-web/dual-use-v1 data/annex_i_en_2025-11.json)"
)
US_SOURCE = (
    "15 CFR 774 Supp. 1 (eCFR issue 2026-07-23), via seelpeed-debug/export-controls-agent-mcp "
    "src/data/ccl.json"
)
CWC_SOURCE = "Chemical Weapons Convention, Annex on Chemicals (https://www.cwc.gov/cwc_treaty_chemicals_schedules.html)"
EU_DATE = "2025-11-15"
US_DATE = "2026-07-23"

# HS 2022 subheadings for the listed chemicals. Chosen from the subheading texts (many
# CWC chemicals have their own subheading since HS 2017); others by chemical class — those
# are interpretive and marked so in the file header.
HS_BY_CAS: dict[str, str] = {
    "111-48-8": "293070",
    "10025-87-3": "281212",
    "756-79-6": "293141",
    "676-99-3": "293159",
    "676-97-1": "293151",
    "868-85-9": "292021",
    "7719-12-2": "281213",
    "121-45-9": "292023",
    "7719-09-7": "281217",
    "3554-74-3": "293339",
    "96-79-7": "292119",
    "5842-07-9": "293090",
    "1619-34-7": "293335",
    "7789-23-3": "282619",
    "107-07-3": "290559",
    "124-40-3": "292111",
    "78-38-6": "293143",
    "2404-03-7": "292990",
    "762-04-9": "292022",
    "506-59-2": "292111",
    "1498-40-4": "293159",
    "1066-50-8": "293159",
    "753-98-0": "293159",
    "7664-39-3": "281111",
    "76-89-1": "291819",
    "676-83-5": "293159",
    "96-80-0": "292218",
    "464-07-3": "290519",
    "57856-11-8": "293149",
    "122-52-1": "292024",
    "7784-34-1": "281219",
    "76-93-7": "291817",
    "15715-41-0": "293149",
    "6163-75-3": "293149",
    "430-78-4": "293159",
    "753-59-3": "293159",
    "3731-38-2": "293339",
    "10026-13-8": "281214",
    "75-97-8": "291419",
    "151-50-8": "283719",
    "7789-29-9": "282619",
    "1341-49-7": "282619",
    "7681-49-4": "282619",
    "1333-83-1": "282619",
    "143-33-9": "283711",
    "102-71-6": "292215",
    "1314-80-3": "281390",
    "108-18-9": "292119",
    "100-37-8": "292219",
    "1313-82-2": "283010",
    "10025-67-9": "281215",
    "10545-99-0": "281216",
    "637-39-8": "292215",
    "4261-68-1": "292114",
    "993-13-5": "293144",
    "683-08-9": "293149",
    "677-43-0": "292990",
    "116-17-6": "292029",
    "139-87-7": "292217",
    "2465-65-8": "292019",
    "298-06-6": "292019",
    "16893-85-9": "282690",
    "676-98-2": "293159",
    "109-89-7": "292119",
    "41480-75-5": "293090",
    "677-24-7": "291990",
    "1498-51-7": "291990",
    "22382-13-4": "291990",
    "460-52-6": "291990",
    "589-57-1": "292029",
    "754-01-8": "291990",
    "762-77-6": "291990",
    "142-84-7": "292119",
    "75-44-5": "281211",
    "506-77-4": "285310",
    "74-90-8": "281112",
    "76-06-2": "290491",
    "78-53-5": "293090",
    "382-21-8": "290359",
    "6581-06-2": "293339",
    "105-59-9": "292217",
}
AMIDINE_HS = "292529"
# HS subheadings whose own text names the chemical (the rest are by chemical class).
HS_NAMED = {
    "111-48-8",
    "10025-87-3",
    "756-79-6",
    "676-97-1",
    "868-85-9",
    "7719-12-2",
    "121-45-9",
    "7719-09-7",
    "1619-34-7",
    "78-38-6",
    "762-04-9",
    "7664-39-3",
    "96-80-0",
    "122-52-1",
    "7784-34-1",
    "76-93-7",
    "10026-13-8",
    "143-33-9",
    "102-71-6",
    "10025-67-9",
    "10545-99-0",
    "4261-68-1",
    "993-13-5",
    "139-87-7",
    "75-44-5",
    "506-77-4",
    "74-90-8",
    "76-06-2",
    "105-59-9",
    "124-40-3",
    "1313-82-2",
}

# Synonyms and trade names used by the text index (common usage, not legal text).
SYNONYMS: dict[str, list[str]] = {
    "7664-39-3": [
        "HF",
        "anhydrous HF",
        "AHF",
        "anhydrous hydrogen fluoride",
        "hydrofluoric acid",
        "etching gas",
        "high purity hydrogen fluoride",
        "electronic grade HF",
        "fluorhydric acid",
        "fluoric acid",
    ],
    "111-48-8": ["TDG", "thiodiethanol", "2,2'-thiodiethanol", "bis(2-hydroxyethyl) sulfide"],
    "10025-87-3": ["POCl3", "phosphoryl chloride", "phosphorus oxytrichloride"],
    "756-79-6": ["DMMP", "flame retardant DMMP"],
    "7719-12-2": ["PCl3", "phosphorus chloride"],
    "121-45-9": ["TMP", "trimethoxyphosphine"],
    "7719-09-7": ["SOCl2", "sulfurous oxychloride"],
    "1619-34-7": ["quinuclidin-3-ol"],
    "7789-23-3": ["KF", "potassium fluoride anhydrous"],
    "124-40-3": ["DMA", "N-methylmethanamine"],
    "102-71-6": ["TEA", "trolamine", "TEOA", "tris(2-hydroxyethyl)amine"],
    "143-33-9": ["NaCN", "cyanide of soda"],
    "151-50-8": ["KCN", "cyanide of potash"],
    "7681-49-4": ["NaF"],
    "1341-49-7": ["ammonium bifluoride", "ABF", "ammonium acid fluoride"],
    "1314-80-3": ["P2S5", "phosphorus sulfide", "diphosphorus pentasulfide"],
    "1313-82-2": ["Na2S", "sodium sulfide"],
    "10025-67-9": ["S2Cl2", "sulfur monochloride", "disulfur dichloride"],
    "10545-99-0": ["SCl2", "sulfur dichloride"],
    "10026-13-8": ["PCl5"],
    "7784-34-1": ["AsCl3", "arsenic(III) chloride"],
    "100-37-8": ["DEAE", "2-diethylaminoethanol"],
    "108-18-9": ["DIPA", "diisopropylamine"],
    "109-89-7": ["DEA amine", "N-ethylethanamine"],
    "464-07-3": ["3,3-dimethyl-2-butanol"],
    "75-97-8": ["3,3-dimethyl-2-butanone", "tert-butyl methyl ketone"],
    "993-13-5": ["MPA", "methanephosphonic acid"],
    "16893-85-9": ["sodium fluorosilicate", "sodium silicofluoride"],
    "75-44-5": ["carbonyl chloride", "COCl2"],
    "74-90-8": ["HCN", "prussic acid", "hydrocyanic acid"],
    "76-06-2": ["trichloronitromethane", "PS fumigant"],
    "105-59-9": ["MDEA", "N-methyldiethanolamine"],
    "139-87-7": ["EDEA", "N-ethyldiethanolamine"],
}

# EU 1C350 Notes 1 and 2 positions (verified in the Annex I text).
NOTE12_POSITIONS = {
    1,
    3,
    5,
    11,
    12,
    13,
    17,
    18,
    21,
    22,
    26,
    27,
    28,
    31,
    32,
    33,
    34,
    35,
    36,
    54,
    55,
    56,
    57,
    63,
    65,
}
MILITARY_POSITIONS = {4, 23, 29}
#: Positions the US 1C350 does not list (so no US paragraph gives their schedule) that are CWC
#: Schedule 2 chemicals: family 2.B.4, a phosphorus atom bonded to one methyl, ethyl or propyl
#: group and no further carbon (methylphosphonyl dichloride, the family's own example in
#: cwc_schedules.csv; methylphosphinyl dichloride; methylphosphinyl difluoride).
SCHEDULE_2_POSITIONS = {5, 26, 36}


def _data_dir() -> Path:
    root = settings.data_dir()
    if root is None:
        sys.exit("set TRADEGUARD_DATA_DIR to the reference data directory (an existing directory)")
    return root


def _check_cas(cas: str) -> str:
    if not cas_is_valid(cas):
        raise SystemExit(f"bad CAS checksum in source: {cas}")
    return cas


def _hs_for(cas: str, name: str) -> list[str]:
    if cas in HS_BY_CAS:
        return [HS_BY_CAS[cas]]
    if "amidine" in name.lower():
        return [AMIDINE_HS]
    return []


def _us_ccl(root: Path) -> dict[str, Any]:
    doc = json.loads((root / "control/us/ccl.json").read_text(encoding="utf-8"))
    return {e["eccn"]: e for e in doc["entries"]}


def _us_paragraph_by_cas(ccl: dict[str, Any], eccn: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in ccl[eccn]["items"]:
        m = re.search(r"C\.A\.S\.\s*#?\s*([0-9]+-[0-9]{2}-[0-9])", item.get("text") or "")
        if m and item.get("paragraph"):
            out[m.group(1)] = f"{eccn}.{item['paragraph']}"
    return out


def build_ag(root: Path, ccl: dict[str, Any]) -> dict[str, Any]:
    rows = list(csv.DictReader((root / "control/ag_precursors.csv").open(encoding="utf-8")))
    us_para = _us_paragraph_by_cas(ccl, "1C350")
    entries: list[dict[str, Any]] = []
    for pos, row in enumerate(rows, start=1):
        cas = _check_cas(row["cas"].strip())
        name = row["name"].strip()
        us_code = us_para.get(cas)
        sched = None
        if us_code and us_code.startswith("1C350.b"):
            sched = "2"
        elif us_code and us_code.startswith("1C350.c"):
            sched = "3"
        elif pos in SCHEDULE_2_POSITIONS:
            sched = "2"
        regimes = ["Australia Group"]
        if sched:
            regimes.append(f"CWC Schedule {sched}")
        military = pos in MILITARY_POSITIONS
        if military:
            regimes = ["Australia Group", "CWC Schedule 1", "Wassenaar munitions"]
        entry: dict[str, Any] = {
            "code": f"1C350.{pos}",
            "parent": "1C350",
            "title": name,
            "regimes": regimes,
            "reasons_for_control": {"EU": ["CW-precursor non-proliferation (Australia Group)"]},
            "cas": [cas],
            "hs": _hs_for(cas, name),
            "synonyms": SYNONYMS.get(cas, []),
            "mixture_rule": "1C350-note1-2" if pos in NOTE12_POSITIONS else "1C350-note3",
            "source": EU_SOURCE,
            "effective_from": EU_DATE,
            "effective_to": None,
            "verified": True,
        }
        if military:
            entry["title"] = f"{name} (see Military Goods Controls, ML7)"
            entry["military"] = True
            entry["mixture_rule"] = None
            entry["notes"] = (
                "1C350 lists this position only as a cross-reference: the chemical is controlled "
                "as a military good (Common Military List ML7), not as a dual-use item."
            )
        national: dict[str, Any] = {}
        if us_code:
            national["US"] = {
                "code": us_code,
                "reasons_for_control": ["CB", "CW", "AT"] if sched else ["CB", "AT"],
                "source": US_SOURCE,
                "effective_from": US_DATE,
            }
        else:
            national["US"] = {
                "code": "USML XIV",
                "reasons_for_control": [],
                "source": US_SOURCE + " (1C350 Related Controls point to USML Category XIV)",
                "effective_from": US_DATE,
                "verified": False,
                "notes": "Not listed in US 1C350; presumed ITAR USML Category XIV (not verified).",
            }
        entry["national"] = national
        entries.append(entry)
    return {
        "meta": {
            "file": "ag_precursors_1c350.yaml",
            "version": "2025-11-15.1",
            "covers": (
                "EU Annex I entry 1C350, positions 1-90: the Australia Group chemical-weapons "
                "precursors, each with its CAS number, CWC schedule, the EU mixture notes and "
                "the US ECCN 1C350 paragraph and 30 % mixture rule."
            ),
            "sources": [EU_SOURCE, US_SOURCE],
            "hs_note": (
                "HS 2022 subheadings: where the subheading text names the chemical the correlation "
                "is exact; otherwise it is the subheading for the chemical class (interpretive)."
            ),
            "generated_by": "python -m tradeguard.items.kbbuild",
        },
        "families": [
            {
                "code": "1C350",
                "title": (
                    "Chemicals which may be used as precursors for toxic chemical agents, and "
                    "chemical mixtures containing one or more thereof"
                ),
                "regimes": ["Australia Group"],
                "reasons_for_control": {"EU": ["CW-precursor non-proliferation (Australia Group)"]},
                "national": {
                    "US": {
                        "code": "1C350",
                        "reasons_for_control": ["CB", "CW", "AT"],
                        "source": US_SOURCE,
                        "effective_from": US_DATE,
                    }
                },
                "source": EU_SOURCE,
                "effective_from": EU_DATE,
                "effective_to": None,
                "verified": True,
            }
        ],
        "mixture_rules": {
            "1C350-note1-2": {
                "EU": {
                    "cases": [
                        {
                            "destination_cwc_party": False,
                            "controlled_if": {"op": "gt", "value": 10},
                        },
                        {"destination_cwc_party": True, "controlled_if": {"op": "gt", "value": 30}},
                    ],
                    "text": (
                        "1C350 Notes 1 and 2: a mixture is not controlled if no individually "
                        "specified chemical constitutes more than 10 % (exports to States not Party "
                        "to the CWC) or 30 % (States Party) by weight."
                    ),
                    "verified": True,
                },
                "US": {
                    "cases": [{"controlled_if": {"op": "ge", "value": 30}}],
                    "text": (
                        "ECCN 1C350.b-.d: mixtures in which at least one listed chemical constitutes "
                        "30 percent or more of the weight (solvents count; below that: 1C395/1C995)."
                    ),
                    "verified": True,
                },
            },
            "1C350-note3": {
                "EU": {
                    "cases": [{"controlled_if": {"op": "gt", "value": 30}}],
                    "text": (
                        "1C350 Note 3: a mixture containing other 1C350 chemicals is not controlled "
                        "if no individually specified chemical constitutes more than 30 % by weight."
                    ),
                    "verified": False,
                    "notes": "Note 3 wording is truncated in the parsed source; confirm on EUR-Lex.",
                },
                "US": {
                    "cases": [{"controlled_if": {"op": "ge", "value": 30}}],
                    "text": (
                        "ECCN 1C350.b-.d: mixtures in which at least one listed chemical constitutes "
                        "30 percent or more of the weight."
                    ),
                    "verified": True,
                },
            },
        },
        "entries": entries,
    }


#: CWC Schedule 1 toxins that Annex I lists as 1C351.d.4/.5 (data/controls/ag_toxins_1c351.yaml):
#: dual-use items, not military goods.
TOXINS_1C351 = frozenset({"9009-86-3", "35523-89-8"})


def build_cwc(root: Path, ag_cas: set[str]) -> dict[str, Any]:
    rows = list(csv.DictReader((root / "control/cwc_schedules.csv").open(encoding="utf-8")))
    eu_1c450 = {
        "78-53-5": ("1C450.a.1", "1C450-a12"),
        "382-21-8": ("1C450.a.2", "1C450-a12"),
        "75-44-5": ("1C450.a.4", "1C450-note3"),
        "506-77-4": ("1C450.a.5", "1C450-note3"),
        "74-90-8": ("1C450.a.6", "1C450-note3"),
        "76-06-2": ("1C450.a.7", "1C450-note3"),
        "105-59-9": ("1C450.b.8", "1C450-note3"),
    }
    us_1c355 = {
        "382-21-8": "1C355.a.1.a",
        "75-44-5": "1C355.b.1.a",
        "506-77-4": "1C355.b.1.b",
        "74-90-8": "1C355.b.1.c",
        "76-06-2": "1C355.b.1.d",
        "105-59-9": "1C355.b.2.b",
    }
    entries: list[dict[str, Any]] = []
    ml7: list[dict[str, str]] = []
    for row in rows:
        cas = row["cas"].strip()
        if not cas or cas in ag_cas:
            continue
        _check_cas(cas)
        sched = row["schedule"].strip()
        name = row["name"].strip()
        item = row["item"].strip()
        if cas in eu_1c450:
            code, rule = eu_1c450[cas]
            entry: dict[str, Any] = {
                "code": code,
                "parent": "1C450",
                "title": name,
                "regimes": ["Chemical Weapons Convention", f"CWC Schedule {sched}"],
                "reasons_for_control": {"EU": ["chemical weapons (CWC)"]},
                "cas": [cas],
                "hs": _hs_for(cas, name),
                "synonyms": SYNONYMS.get(cas, []),
                "mixture_rule": rule,
                "cwc_item": f"{sched}.{item}",
                "source": EU_SOURCE + "; " + CWC_SOURCE,
                "effective_from": EU_DATE,
                "effective_to": None,
                "verified": True,
            }
            if cas in us_1c355:
                entry["national"] = {
                    "US": {
                        "code": us_1c355[cas],
                        "reasons_for_control": ["CW", "AT"],
                        "source": US_SOURCE,
                        "effective_from": US_DATE,
                    }
                }
            entries.append(entry)
        elif (sched == "1" or cas == "6581-06-2") and cas not in TOXINS_1C351:
            ml7.append(
                {"cas": cas, "name": name, "cwc_item": f"{sched}.{item}", "kind": row["kind"]}
            )
    entries.append(
        {
            "code": "ML7",
            "title": (
                "Chemical agents (CWC Schedule 1 and BZ): controlled as military goods under the "
                "EU Common Military List ML7, not under Annex I"
            ),
            "regimes": ["Wassenaar munitions", "CWC Schedule 1"],
            "reasons_for_control": {"EU": ["military goods", "chemical weapons (CWC)"]},
            "cas": [m["cas"] for m in ml7],
            "cas_names": {m["cas"]: f"{m['name']} (CWC {m['cwc_item']}, {m['kind']})" for m in ml7},
            "hs": [],
            "synonyms": [
                "nerve agent",
                "sarin",
                "soman",
                "tabun",
                "VX",
                "mustard gas",
                "sulfur mustard",
                "lewisite",
                "nitrogen mustard",
                "novichok",
                "BZ",
            ],
            "military": True,
            "source": CWC_SOURCE + "; EU Common Military List ML7",
            "effective_from": "1997-04-29",
            "effective_to": None,
            "verified": True,
            "notes": (
                "Families (e.g. Schedule 1.A.1-3, 1.A.13-16) are matched here only by their example "
                "CAS numbers; other members need structure matching."
            ),
        }
    )
    return {
        "meta": {
            "file": "cwc_1c450.yaml",
            "version": "2025-11-15.1",
            "covers": (
                "CWC-scheduled chemicals that are not among the 1C350 positions: EU 1C450 toxic "
                "chemicals and precursors named by CAS (with US 1C355), and CWC Schedule 1 agents "
                "(military goods, ML7). CWC-scheduled 1C350 chemicals carry their schedule in "
                "ag_precursors_1c350.yaml. Families without a CAS number are text-only."
            ),
            "sources": [EU_SOURCE, US_SOURCE, CWC_SOURCE],
            "generated_by": "python -m tradeguard.items.kbbuild",
        },
        "families": [
            {
                "code": "1C450",
                "title": (
                    "Toxic chemicals and toxic chemical precursors, and chemical mixtures containing "
                    "one or more thereof"
                ),
                "regimes": ["Chemical Weapons Convention"],
                "reasons_for_control": {"EU": ["chemical weapons (CWC)"]},
                "national": {
                    "US": {
                        "code": "1C355",
                        "reasons_for_control": ["CW", "AT"],
                        "source": US_SOURCE,
                        "effective_from": US_DATE,
                    }
                },
                "source": EU_SOURCE,
                "effective_from": EU_DATE,
                "effective_to": None,
                "verified": True,
            }
        ],
        "mixture_rules": {
            "1C450-a12": {
                "EU": {
                    "cases": [
                        {"destination_cwc_party": False, "controlled_if": {"op": "gt", "value": 1}},
                        {"destination_cwc_party": True, "controlled_if": {"op": "gt", "value": 30}},
                    ],
                    "text": (
                        "1C450 Notes 1 and 2: mixtures of 1C450.a.1/.a.2 are not controlled if no "
                        "specified chemical exceeds 1 % (States not Party) or 30 % (States Party)."
                    ),
                    "verified": True,
                },
                "US": {
                    "cases": [{"controlled_if": {"op": "gt", "value": 1}}],
                    "text": "ECCN 1C355.a.1.a: PFIB and mixtures with more than 1 percent PFIB.",
                    "verified": True,
                    "notes": "Amiton is not in US 1C355 (CWC Schedule 2A, ITAR); PFIB rule applied.",
                },
            },
            "1C450-note3": {
                "EU": {
                    "cases": [{"controlled_if": {"op": "gt", "value": 30}}],
                    "text": "1C450 Note 3: other mixtures not controlled at or below 30 % by weight.",
                    "verified": False,
                    "notes": "Note 3 wording is truncated in the parsed source; confirm on EUR-Lex.",
                },
                "US": {
                    "cases": [{"controlled_if": {"op": "ge", "value": 30}}],
                    "text": "ECCN 1C355.b: mixtures with 30 percent or more by weight.",
                    "verified": True,
                },
            },
        },
        "entries": entries,
    }


def regime_from_code(code: str) -> list[str]:
    """Regime(s) implied by an Annex I code's third character (secondary sources)."""
    cat, digit = code[0], code[2]
    if cat == "0":
        return ["NSG Part 1"]
    return {
        "0": ["Wassenaar dual-use"],
        "1": ["MTCR"],
        "2": ["NSG Part 2"],
        "3": ["Australia Group"],
        "4": ["Chemical Weapons Convention"],
        "5": ["EU (other)"],
    }.get(digit, ["EU (other)"])


def _named_cas(body: str) -> list[str]:
    """CAS numbers an entry text names as controlled (not those after "does not control")."""
    found = set()
    for m in re.finditer(r"CAS\s+([0-9]{2,7}-[0-9]{2}-[0-9])", body):
        before = body[max(0, m.start() - 200) : m.start()].lower()
        last_note = max(before.rfind("does not control"), before.rfind("not control"))
        if last_note != -1 and "; " not in before[last_note:]:
            continue
        if cas_is_valid(m.group(1)):
            found.add(m.group(1))
    return sorted(found)


REASONS = {
    "Wassenaar dual-use": "national security (Wassenaar)",
    "MTCR": "missile technology (MTCR)",
    "NSG Part 1": "nuclear non-proliferation (NSG Part 1)",
    "NSG Part 2": "nuclear non-proliferation (NSG Part 2)",
    "Australia Group": "chemical and biological non-proliferation (Australia Group)",
    "Chemical Weapons Convention": "chemical weapons (CWC)",
    "EU (other)": "EU list (other)",
}


def build_annex_text(root: Path, ccl: dict[str, Any]) -> dict[str, Any]:
    doc = json.loads((root / "control/eu/annex_i_en_2025-11.json").read_text(encoding="utf-8"))
    entries: list[dict[str, Any]] = []
    for raw in doc["entries"]:
        code = raw["code"].strip()
        label = " ".join(raw["label"].split())
        body = " ".join(raw["full_content"].split())
        # The parse files note fragments under pseudo-codes ("0A001.i" = "does not control ...").
        fragment = label.lower().startswith(("does not", "includes", "is ", "applies"))
        cas = [] if fragment else _named_cas(body)
        regimes = regime_from_code(code)
        record: dict[str, Any] = {
            "code": code,
            "title": label if not fragment else f"{code[:5]} (note fragment): {label}",
            "regimes": regimes,
            "reasons_for_control": {"EU": [REASONS[r] for r in regimes]},
            "text": body[:1200],
            "cas": cas,
            "text_only": True,
            "note_fragment": fragment,
            "source": EU_SOURCE,
            "effective_from": EU_DATE,
            "effective_to": None,
            "verified": False,
        }
        us = ccl.get(code[:5])
        if us and us.get("reasonForControl"):
            record["national"] = {
                "US": {
                    "code": code[:5],
                    "reasons_for_control": [
                        r.strip()
                        for r in us["reasonForControl"].rstrip(".").split(",")
                        if r.strip()
                    ],
                    "source": US_SOURCE,
                    "effective_from": US_DATE,
                }
            }
        entries.append(record)
    return {
        "meta": {
            "file": "annex_i_text.json",
            "version": "2025-11-15.1",
            "covers": (
                "All 552 records of the parsed EU Annex I (consolidated 2025-11-15) as text-only "
                "entries: title, the first part of the entry text, CAS numbers named in it, and the "
                "regime implied by the entry number. They feed the free-text index and CAS look-up "
                "but carry no structured thresholds; a match is a suggestion to read the entry."
            ),
            "sources": [EU_SOURCE, US_SOURCE],
            "regime_basis": (
                "third character of the entry number: 0 Wassenaar (category 0: NSG Part 1), 1 MTCR, "
                "2 NSG Part 2, 3 Australia Group, 4 CWC, 5 EU other — a convention documented by "
                "secondary sources, not by the regulation's text"
            ),
            "known_defects": (
                "The third-party parse cuts notes at 'Note n:'; some pseudo-codes are note "
                "fragments (flagged note_fragment: true). Verify wording on EUR-Lex."
            ),
            "generated_by": "python -m tradeguard.items.kbbuild",
        },
        "entries": entries,
    }


def build_hs(root: Path) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["hscode", "description", "level"])
    with (root / "nomenclature/harmonized-system.csv").open(encoding="utf-8-sig") as fh:
        for row in csv.DictReader(fh):
            writer.writerow([row["hscode"], row["description"], row["level"]])
    return gzip.compress(buf.getvalue().encode("utf-8"), mtime=0)


def _dump(path: Path, doc: dict[str, Any]) -> None:
    path.write_text(
        yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=100), encoding="utf-8"
    )


def main() -> None:
    root = _data_dir()
    ccl = _us_ccl(root)
    ag = build_ag(root, ccl)
    ag_cas = {c for e in ag["entries"] for c in e["cas"]}
    controls = DATA / "controls"
    controls.mkdir(parents=True, exist_ok=True)
    _dump(controls / "ag_precursors_1c350.yaml", ag)
    _dump(controls / "cwc_1c450.yaml", build_cwc(root, ag_cas))
    (controls / "annex_i_text.json").write_text(
        json.dumps(build_annex_text(root, ccl), ensure_ascii=False, indent=1) + "\n",
        encoding="utf-8",
    )
    (DATA / "hs").mkdir(parents=True, exist_ok=True)
    (DATA / "hs" / "hs2022.csv.gz").write_bytes(build_hs(root))
    print(f"wrote knowledge-base files under {DATA}")


if __name__ == "__main__":
    main()
