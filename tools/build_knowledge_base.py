"""Rebuild the generated knowledge-base files from the researched source tables.

Run ``python tools/build_knowledge_base.py`` from the repository root with ``$TRADEGUARD_DATA_DIR``
pointing at the reference data (``control/ag_precursors.csv``, ``control/cwc_schedules.csv``,
``control/eu/annex_i_en_2025-11.json``, ``control/us/ccl.json``,
``nomenclature/harmonized-system.csv``). It combines them with the hand-researched tables in
``tools/data/knowledge_base_tables.yaml`` (HS subheadings, synonyms, the 1C350 note positions,
the 1C450 entries, the files' fixed headers) and writes:

- ``tradeguard/data/controls/ag_precursors_1c350.yaml``: the 90 positions of EU 1C350
  (Australia Group),
- ``tradeguard/data/controls/cwc_1c450.yaml``: CWC-scheduled chemicals outside 1C350 (EU 1C450,
  ML7),
- ``tradeguard/data/controls/annex_i_text.json``: every Annex I entry title as a text-only record,
- ``tradeguard/data/hs/hs2022.csv.gz``: the HS 2022 codes and descriptions.

The hand-curated files (``semiconductor.yaml``, ``parameters.yaml`` …) are not touched. The
package only reads the files this writes. ``--check`` compares instead of writing (exit 1 when a
file would change).
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

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tradeguard" / "data"
TABLES_FILE = Path(__file__).resolve().parent / "data" / "knowledge_base_tables.yaml"
GENERATED_BY = "python tools/build_knowledge_base.py"
#: How much of an entry's text (with its notes) a text-only record keeps.
TEXT_CHARS = 4000


def load_tables(path: Path = TABLES_FILE) -> dict[str, Any]:
    """The hand-researched tables, with CAS numbers checked."""
    tables: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    for section in ("hs_by_cas", "synonyms", "eu_1c450", "us_1c355"):
        for cas in tables[section]:
            _check_cas(cas, f"{path.name}: {section}")
    return tables


def _data_dir() -> Path:
    root = settings.data_dir()
    if root is None:
        sys.exit("set TRADEGUARD_DATA_DIR to the reference data directory (an existing directory)")
    return root


def _check_cas(cas: str, where: str) -> str:
    if not cas_is_valid(cas):
        raise SystemExit(f"{where}: bad CAS checksum {cas}")
    return cas


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _meta(tables: dict[str, Any], name: str, sources: list[str]) -> dict[str, Any]:
    """A generated file's header: file, version and what it covers, its sources, the rest of
    the fixed header, and how it was generated."""
    fixed = dict(tables[name]["meta"])
    head = {key: fixed.pop(key) for key in ("file", "version", "covers")}
    return {**head, "sources": sources, **fixed, "generated_by": GENERATED_BY}


class Builder:
    """Builds the generated files from the published tables under ``root``."""

    def __init__(self, root: Path, tables: dict[str, Any] | None = None) -> None:
        self.root = root
        self.tables = tables or load_tables()
        doc = json.loads((root / "control/us/ccl.json").read_text(encoding="utf-8"))
        self.ccl: dict[str, Any] = {e["eccn"]: e for e in doc["entries"]}
        self.eu_source: str = self.tables["sources"]["eu"]
        self.us_source: str = self.tables["sources"]["us"]
        self.cwc_source: str = self.tables["sources"]["cwc"]
        self.eu_date: str = self.tables["dates"]["eu"]
        self.us_date: str = self.tables["dates"]["us"]

    def hs_for(self, cas: str, name: str) -> list[str]:
        hs_by_cas: dict[str, str] = self.tables["hs_by_cas"]
        if cas in hs_by_cas:
            return [hs_by_cas[cas]]
        if "amidine" in name.lower():
            return [self.tables["amidine_hs"]]
        return []

    def synonyms(self, cas: str) -> list[str]:
        return list(self.tables["synonyms"].get(cas, []))

    def us_paragraph_by_cas(self, eccn: str) -> dict[str, str]:
        """CAS number -> the US paragraph of ``eccn`` naming it (``1C350.b.3``)."""
        out: dict[str, str] = {}
        for item in self.ccl[eccn]["items"]:
            m = re.search(r"C\.A\.S\.\s*#?\s*([0-9]+-[0-9]{2}-[0-9])", item.get("text") or "")
            if m and item.get("paragraph"):
                out[m.group(1)] = f"{eccn}.{item['paragraph']}"
        return out

    # -- ag_precursors_1c350.yaml -------------------------------------------------------------

    def ag_precursors(self) -> dict[str, Any]:
        """EU 1C350 positions 1-90 from ``control/ag_precursors.csv``, in its row order."""
        rows = _rows(self.root / "control/ag_precursors.csv")
        us_para = self.us_paragraph_by_cas("1C350")
        entries = [self._ag_entry(pos, row, us_para) for pos, row in enumerate(rows, start=1)]
        fixed = self.tables["ag_precursors_1c350"]
        return {
            "meta": _meta(self.tables, "ag_precursors_1c350", [self.eu_source, self.us_source]),
            "families": fixed["families"],
            "mixture_rules": fixed["mixture_rules"],
            "entries": entries,
        }

    def _ag_entry(self, pos: int, row: dict[str, str], us_para: dict[str, str]) -> dict[str, Any]:
        cas = _check_cas(row["cas"].strip(), f"ag_precursors.csv row {pos}")
        name = row["name"].strip()
        us_code = us_para.get(cas)
        sched = None
        if us_code and us_code.startswith("1C350.b"):
            sched = "2"
        elif us_code and us_code.startswith("1C350.c"):
            sched = "3"
        elif pos in self.tables["schedule_2_positions"]:
            sched = "2"
        regimes = ["Australia Group"]
        if sched:
            regimes.append(f"CWC Schedule {sched}")
        military = pos in self.tables["military_positions"]
        if military:
            regimes = ["Australia Group", "CWC Schedule 1", "Wassenaar munitions"]
        note12 = pos in self.tables["note12_positions"]
        entry: dict[str, Any] = {
            "code": f"1C350.{pos}",
            "parent": "1C350",
            "title": name,
            "regimes": regimes,
            "reasons_for_control": {"EU": ["CW-precursor non-proliferation (Australia Group)"]},
            "cas": [cas],
            "hs": self.hs_for(cas, name),
            "synonyms": self.synonyms(cas),
            "mixture_rule": "1C350-note1-2" if note12 else "1C350-note3",
            "source": self.eu_source,
            "effective_from": self.eu_date,
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
        if us_code:
            us: dict[str, Any] = {
                "code": us_code,
                "reasons_for_control": ["CB", "CW", "AT"] if sched else ["CB", "AT"],
                "source": self.us_source,
                "effective_from": self.us_date,
            }
        else:
            us = {
                "code": "USML XIV",
                "reasons_for_control": [],
                "source": self.us_source + " (1C350 Related Controls point to USML Category XIV)",
                "effective_from": self.us_date,
                "verified": False,
                "notes": "Not listed in US 1C350; presumed ITAR USML Category XIV (not verified).",
            }
        entry["national"] = {"US": us}
        return entry

    # -- cwc_1c450.yaml -----------------------------------------------------------------------

    def cwc(self, ag_cas: set[str]) -> dict[str, Any]:
        """The CWC-scheduled chemicals of ``control/cwc_schedules.csv`` not among ``ag_cas``
        (the 1C350 positions): 1C450 entries, and Schedule 1 agents as one ML7 entry."""
        entries: list[dict[str, Any]] = []
        ml7: list[dict[str, str]] = []
        toxins = set(self.tables["toxins_1c351"])
        for n, row in enumerate(_rows(self.root / "control/cwc_schedules.csv"), start=2):
            cas = row["cas"].strip()
            if not cas or cas in ag_cas:
                continue
            _check_cas(cas, f"cwc_schedules.csv line {n}")
            sched = row["schedule"].strip()
            name = row["name"].strip()
            item = row["item"].strip()
            if cas in self.tables["eu_1c450"]:
                entries.append(self._cwc_entry(cas, name, sched, item))
            elif (sched == "1" or cas == "6581-06-2") and cas not in toxins:
                ml7.append(
                    {"cas": cas, "name": name, "cwc_item": f"{sched}.{item}", "kind": row["kind"]}
                )
        fixed = self.tables["cwc_1c450"]
        ml7_entry: dict[str, Any] = {}
        for key, value in fixed["ml7"].items():
            ml7_entry[key] = value
            if key == "reasons_for_control":
                ml7_entry["cas"] = [m["cas"] for m in ml7]
                ml7_entry["cas_names"] = {
                    m["cas"]: f"{m['name']} (CWC {m['cwc_item']}, {m['kind']})" for m in ml7
                }
        entries.append(ml7_entry)
        sources = [self.eu_source, self.us_source, self.cwc_source]
        return {
            "meta": _meta(self.tables, "cwc_1c450", sources),
            "families": fixed["families"],
            "mixture_rules": fixed["mixture_rules"],
            "entries": entries,
        }

    def _cwc_entry(self, cas: str, name: str, sched: str, item: str) -> dict[str, Any]:
        eu = self.tables["eu_1c450"][cas]
        entry: dict[str, Any] = {
            "code": eu["code"],
            "parent": "1C450",
            "title": name,
            "regimes": ["Chemical Weapons Convention", f"CWC Schedule {sched}"],
            "reasons_for_control": {"EU": ["chemical weapons (CWC)"]},
            "cas": [cas],
            "hs": self.hs_for(cas, name),
            "synonyms": self.synonyms(cas),
            "mixture_rule": eu["mixture_rule"],
            "cwc_item": f"{sched}.{item}",
            "source": self.eu_source + "; " + self.cwc_source,
            "effective_from": self.eu_date,
            "effective_to": None,
            "verified": True,
        }
        us_code = self.tables["us_1c355"].get(cas)
        if us_code:
            entry["national"] = {
                "US": {
                    "code": us_code,
                    "reasons_for_control": ["CW", "AT"],
                    "source": self.us_source,
                    "effective_from": self.us_date,
                }
            }
        return entry

    # -- annex_i_text.json --------------------------------------------------------------------

    def annex_text(self) -> dict[str, Any]:
        """Every record of the parsed EU Annex I as a text-only entry."""
        path = self.root / "control/eu/annex_i_en_2025-11.json"
        doc = json.loads(path.read_text(encoding="utf-8"))
        raws = doc["entries"]
        return {
            "meta": _meta(self.tables, "annex_i_text", [self.eu_source, self.us_source]),
            "entries": [self._annex_entry(raw, with_notes(raws, i)) for i, raw in enumerate(raws)],
        }

    def _annex_entry(self, raw: dict[str, Any], body: str) -> dict[str, Any]:
        code = raw["code"].strip()
        label = " ".join(raw["label"].split())
        fragment = is_note_fragment(label)
        regimes = regime_from_code(code)
        reasons: dict[str, str] = self.tables["regime_reasons"]
        record: dict[str, Any] = {
            "code": code,
            "title": label if not fragment else f"{code[:5]} (note fragment): {label}",
            "regimes": regimes,
            "reasons_for_control": {"EU": [reasons[r] for r in regimes]},
            "text": body[:TEXT_CHARS],
            # CAS numbers from the entry's own text: a note names the chemicals it releases
            "cas": [] if fragment else named_cas(" ".join(raw["full_content"].split())),
            "text_only": True,
            "note_fragment": fragment,
            "source": self.eu_source,
            "effective_from": self.eu_date,
            "effective_to": None,
            "verified": False,
        }
        us = self.ccl.get(code[:5])
        if us and us.get("reasonForControl"):
            record["national"] = {
                "US": {
                    "code": code[:5],
                    "reasons_for_control": [
                        r.strip()
                        for r in us["reasonForControl"].rstrip(".").split(",")
                        if r.strip()
                    ],
                    "source": self.us_source,
                    "effective_from": self.us_date,
                }
            }
        return record

    # -- hs2022.csv.gz ------------------------------------------------------------------------

    def hs(self) -> bytes:
        """The HS 2022 nomenclature (code, description, level), gzip with a fixed mtime."""
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(["hscode", "description", "level"])
        path = self.root / "nomenclature/harmonized-system.csv"
        with path.open(encoding="utf-8-sig") as fh:
            for row in csv.DictReader(fh):
                writer.writerow([row["hscode"], row["description"], row["level"]])
        return gzip.compress(buf.getvalue().encode("utf-8"), mtime=0)

    def files(self) -> dict[Path, bytes]:
        """Every generated file, by its path under ``tradeguard/data``, with its content."""
        ag = self.ag_precursors()
        ag_cas = {c for e in ag["entries"] for c in e["cas"]}
        annex = json.dumps(self.annex_text(), ensure_ascii=False, indent=1) + "\n"
        return {
            DATA / "controls" / "ag_precursors_1c350.yaml": _yaml(ag),
            DATA / "controls" / "cwc_1c450.yaml": _yaml(self.cwc(ag_cas)),
            DATA / "controls" / "annex_i_text.json": annex.encode("utf-8"),
            DATA / "hs" / "hs2022.csv.gz": self.hs(),
        }


#: A note heading with its text still to come: "Note 1:", "Note:", "Technical Note:", "Notes:".
_NOTE_OPEN = re.compile(r"(?:Technical\s+)?Notes?\s*\d*\s*:$")


def is_note_fragment(label: str) -> bool:
    """The parse files the text of a note under a pseudo-code of its own ("2B001.a" = "does not
    control turning machines ..."): the sentence that follows a "Note n:" of the entry before."""
    return label.lower().startswith(
        ("does not", "includes", "is ", "applies", "refers to", "controls ")
    )


def with_notes(raws: list[dict[str, Any]], i: int) -> str:
    """The text of record ``i`` with its notes: where the text ends at a note heading ("Note 1:")
    the parse cut it, and the note's text is the following note-fragment records (their label
    and body), each of which may end at the next heading."""
    body = " ".join(raws[i]["full_content"].split())
    j = i + 1
    while _NOTE_OPEN.search(body) and j < len(raws):
        label = " ".join(raws[j]["label"].split())
        if not is_note_fragment(label):
            break
        body = f"{body} {label} {' '.join(raws[j]['full_content'].split())}".strip()
        j += 1
    return body


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


def named_cas(body: str) -> list[str]:
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


def _yaml(doc: dict[str, Any]) -> bytes:
    text = yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=100)
    return text.encode("utf-8")


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    check = "--check" in args
    files = Builder(_data_dir()).files()
    changed = [p for p, content in files.items() if not p.exists() or p.read_bytes() != content]
    if check:
        for path in changed:
            print(f"would change: {path.relative_to(ROOT)}")
        return 1 if changed else 0
    for path in changed:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(files[path])
        print(f"wrote {path.relative_to(ROOT)}")
    print(f"{len(files) - len(changed)} of {len(files)} files unchanged")
    return 0


if __name__ == "__main__":
    sys.exit(main())
