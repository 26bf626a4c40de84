"""Build ``tradeguard/data/policy/us_ccl.json``: the US licence requirements of every ECCN.

Reads ``$TRADEGUARD_DATA_DIR/control/us/ccl.json`` (a parse of 15 CFR 774 Supp. 1, eCFR issue
2026-07-23) and writes, for each ECCN, the reasons for control its "License Requirements" section
states: the reason (NS, CB, ...), the paragraphs it covers (``scope``: the whole entry, listed
paragraphs, the whole entry except listed paragraphs, or a condition the engine cannot test) and
what it requires (``requires``: a Country Chart column, a list of destinations or Country Groups,
all destinations, or a pointer to another section of the EAR). Each record quotes the sentence it
was read from, as it stands in ``control/us/ccl.json``.

Run ``python tools/build_us_ccl.py`` from the repository root with ``$TRADEGUARD_DATA_DIR`` set; the
package reads only the file this writes. ``--check`` compares instead of writing (exit 1 on change).
"""

from __future__ import annotations

import json
import os
import re
import string
import sys
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parents[1] / "tradeguard" / "data" / "policy" / "us_ccl.json"
QUOTE_IN = "us/ccl.json"

_REASON = r"(?P<reason>[A-Z]{2})"
_APPLIES = re.compile(rf"^{_REASON} appl(?:y|ies)(?: to)?\s*(?P<rest>.*)$", re.DOTALL)
_COLUMN = re.compile(r"^(?:(?P<reason>[A-Z]{2}) )?Column (?P<n>\d)\b")
_ENTIRE = re.compile(r"^(?:the )?entire entry$")
_ENTIRE_EXCEPT = re.compile(r"^(?:the )?entire entry,? except:? (?P<ex>.+)$")
_PARA = re.compile(r"^[a-z](?:\.\d+(?:\.[a-z](?:\.\d+)?)?)?$")
_SENTENCE_END = re.compile(r"(?<!\bNo)(?<!U\.S)(?<!\b[A-Z])\.(?:\s|$)")

#: Destinations named in the chart texts, by the words the CCL uses.
NAMED = {
    "China": "CN",
    "Russia": "RU",
    "Venezuela": "VE",
    "North Korea": "KP",
    "Iraq": "IQ",
    "Pakistan": "PK",
    "Macau": "MO",
    "United Arab Emirates": "AE",
    "Canada": "CA",
}
#: The CCL says "Russian industry sector sanctions apply to entire entry ... See § 746.8"; the
#: Country Chart's footnote 6 says § 746.8 holds the "Sanctions against Russia and Belarus".
RUSSIA_SANCTIONS = ["RU", "BY"]


#: Country Chart footnotes the engine applies (their sentences quoted from country-chart.json).
FOOTNOTE_RULES = [
    {
        "footnote": 1,
        "kind": "refer",
        "see": "§ 746.1",
        "legal_basis": "15 C.F.R. Part 738, Supplement No. 1, footnote 1; 746.1(b)",
        "quote": {
            "text": "See § 746.1(b) for United Nations Security Council Sanctions under the EAR.",
            "in": "us/country-chart.json",
        },
    },
    {
        "footnote": 6,
        "kind": "any_eccn",
        "see": "§ 746.8",
        "legal_basis": "15 C.F.R. Part 738, Supplement No. 1, footnote 6; 746.8",
        "quote": {
            "text": (
                "See § 746.8 of the EAR for Sanctions against Russia and Belarus, including "
                "additional license requirements for items listed in any ECCN on the CCL."
            ),
            "in": "us/country-chart.json",
        },
    },
]


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _expand(first: str, last: str) -> list[str] | None:
    """``a.1 to a.3`` → a.1, a.2, a.3; ``g to j`` → g, h, i, j."""
    head_a, _, tail_a = first.rpartition(".")
    head_b, _, tail_b = last.rpartition(".")
    if head_a != head_b:
        return None
    prefix = head_a + "." if head_a else ""
    if tail_a.isdigit() and tail_b.isdigit():
        return [f"{prefix}{i}" for i in range(int(tail_a), int(tail_b) + 1)]
    letters = string.ascii_lowercase
    if len(tail_a) == len(tail_b) == 1 and tail_a in letters and tail_b in letters:
        return [f"{prefix}{c}" for c in letters[letters.index(tail_a) : letters.index(tail_b) + 1]]
    return None


def paragraphs(text: str, eccn: str) -> list[str] | None:
    """The paragraphs of ``eccn`` a list such as ``3B001.a.1 to a.3, b, e, f.2 to f.4`` or
    ``1C351.d.15 and .16`` names; ``None`` when the text is anything else (a condition)."""
    text = _norm(text).rstrip(".")
    text = re.sub(r"\s+only$", "", text)
    text = re.sub(r"^(?:items controlled by|paragraphs?|items controlled in)\s+", "", text)
    parts = [p for p in re.split(r",\s*(?:and |or )?|\s+and\s+|\s+or\s+", text) if p]
    out: list[str] = []
    for raw in parts:
        token = raw.strip()
        if token.startswith(eccn):
            token = token[len(eccn) :]
        token = re.sub(r"^\.\s*", ".", token)
        rng = re.fullmatch(r"\.?(\S+) to \.?(\S+)", token)
        if rng:
            first = rng.group(1)
            last = rng.group(2)
            if last.startswith(eccn):
                last = last[len(eccn) :].lstrip(".")
            if not (_PARA.match(first) and _PARA.match(last)):
                return None
            expanded = _expand(first, last)
            if expanded is None:
                return None
            out.extend(expanded)
            continue
        if re.fullmatch(r"\.\d+", token) and out:
            head = out[-1].rpartition(".")[0]
            if not head:
                return None
            out.append(f"{head}{token}")
            continue
        token = token.lstrip(".")
        if not _PARA.match(token):
            return None
        out.append(token)
    return out or None


def scope_of(rest: str, eccn: str) -> dict[str, Any]:
    """What a "<reason> applies to <rest>" sentence covers."""
    rest = _norm(rest).rstrip(".").strip()
    if _ENTIRE.match(rest):
        return {"kind": "entry"}
    m = _ENTIRE_EXCEPT.match(rest)
    if m:
        ex = paragraphs(m.group("ex"), eccn)
        if ex is not None:
            return {"kind": "entry_except", "paragraphs": ex}
        return {"kind": "condition", "text": rest}
    listed = paragraphs(rest, eccn)
    if listed is not None:
        return {"kind": "paragraphs", "paragraphs": listed}
    return {"kind": "condition", "text": rest}


def _countries(text: str) -> list[str]:
    return [code for name, code in NAMED.items() if re.search(rf"\b{name}\b", text)]


def requirement(reason: str, text: str) -> dict[str, Any]:
    """What the chart cell of a reason requires, read from its text."""
    t = _norm(text)
    m = _COLUMN.match(t)
    if m and (m.group("reason") in (None, reason)):
        return {"kind": "column", "column": f"{reason}{m.group('n')}"}
    low = t.lower()
    if "all destinations, except canada" in low:
        return {"kind": "all", "except_countries": ["CA"]}
    if (
        low.startswith("worldwide control")
        or "any destination worldwide" in low
        or "required for all destinations" in low
        or "for all destinations" in low
    ):
        return {"kind": "all"}
    if "states not party to the cwc" in low or "cwc non-states parties" in low:
        out: dict[str, Any] = {"kind": "cwc_non_parties"}
        if "except for israel and taiwan" in low:
            out["except_countries"] = ["IL", "TW"]
        if "end-use certificate" in low or "end use certificate" in low:
            out["unless"] = "an End-Use Certificate of the importing government (Schedule 3)"
        return out
    groups = re.findall(r"\b([ABDE]:\d)\b", t)
    if "country group" in low or groups:
        excluded = []
        m_ex = re.search(r"excluding any destination also specified in Country Groups? (.+?)\.", t)
        if m_ex:
            excluded = re.findall(r"\b([ABDE]:\d)\b", m_ex.group(1))
            t_in = t[: m_ex.start()]
        else:
            t_in = t
        return {
            "kind": "destinations",
            "groups": [g for g in re.findall(r"\b([ABDE]:\d)\b", t_in) if g not in excluded],
            "countries": _countries(t_in),
            "except_groups": excluded,
        }
    named = _countries(t)
    if named and ("license is required" in low or re.match(r"^[A-Z][a-z]+, ", t)):
        return {"kind": "destinations", "groups": [], "countries": named, "except_groups": []}
    see = re.search(r"§+\s*[\d.]+(?:\([a-z0-9]+\))*", t)
    return {"kind": "refer", "see": see.group(0) if see else t[:120]}


def _sentence_end(text: str, start: int) -> int:
    m = _SENTENCE_END.search(text, start)
    return m.end() if m else len(text)


def _rows(entry: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    """(reason, scope text, chart text, quote) from the entry's Country Chart rows."""
    out = []
    for row in entry.get("countryChart") or []:
        control = _norm(row.get("control") or "")
        chart = _norm(row.get("countryChart") or "")
        if row.get("singleCellRow") or control == chart:
            m = re.match(r"^(.*?)\s+([A-Z]{2} Column \d\.?)$", control)
            if m:
                control, chart = m.group(1), m.group(2)
            quote = _norm(row.get("control") or "")
        else:
            quote = f"{control} {chart}"
        pieces = re.split(r"\s+(?=[A-Z]{2} applies to)", control)
        charts = re.split(r"\s+(?=[A-Z]{2} Column \d)", chart)
        if len(pieces) > 1 and len(pieces) == len(charts):
            for piece, cell in zip(pieces, charts, strict=True):
                out.append((piece, cell, quote))
        else:
            out.append((control, chart, quote))
    return [(p, c, q, "chart") for p, c, q in out]


def _texts(entry: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    """(control, requirement text, quote) from "<reason> applies to ..." notes in the entry text
    (the parse keeps some License Requirements paragraphs, e.g. 1C350's CW and AT, there)."""
    out = []
    for item in entry.get("items") or []:
        text = _norm(item.get("text") or "")
        if item.get("paragraph") is not None or not re.match(r"^[A-Z]{2} applies to", text):
            continue
        first = _sentence_end(text, 0)
        head = text[:first].rstrip(".").strip()
        head = re.split(r"\s+and a license is required", head)[0]
        low = text.lower()
        keys = (
            "for all destinations",
            "country group",
            "states not party",
            "cwc non-states parties",
        )
        found = [low.find(k) for k in keys if low.find(k) != -1]
        end = _sentence_end(text, min(found)) if found else first
        quote = text[:end].strip()
        out.append((head, quote if found else "", quote, "text"))
    return out


def reasons_of(entry: dict[str, Any]) -> list[dict[str, Any]]:
    eccn = entry["eccn"]
    records: list[dict[str, Any]] = []
    seen: set[str] = set()
    for control, chart, quote, where in _rows(entry) + _texts(entry):
        m = _APPLIES.match(control)
        if m:
            reason = m.group("reason")
            scope = scope_of(m.group("rest"), eccn)
        elif control.lower().startswith("russian industry sector sanction"):
            reason = "RU"
            scope = {"kind": "entry"}
        else:
            continue
        if reason == "RU":
            req: dict[str, Any] = {
                "kind": "destinations",
                "groups": [],
                "countries": RUSSIA_SANCTIONS,
                "except_groups": [],
            }
        elif where == "text" and not chart:
            req = {"kind": "refer", "see": "the entry's License Requirements"}
        else:
            req = requirement(reason, chart)
        record = {
            "reason": reason,
            "scope": scope,
            "requires": req,
            "quote": {"text": quote, "in": QUOTE_IN},
        }
        key = json.dumps([reason, scope, req], sort_keys=True)
        if key in seen:
            continue
        seen.add(key)
        records.append(record)
    return records


def build(ccl: dict[str, Any]) -> dict[str, Any]:
    entries: dict[str, Any] = {}
    deep = set(ccl.get("deepCategories") or [])
    for entry in ccl["entries"]:
        paras = [
            it["paragraph"]
            for it in entry.get("items") or []
            if it.get("kind") == "item" and it.get("paragraph") and _PARA.match(it["paragraph"])
        ]
        record: dict[str, Any] = {
            "heading": _norm(entry.get("heading") or ""),
            "reasons": reasons_of(entry),
        }
        if entry["category"] in deep:
            record["paragraphs"] = sorted(set(paras) | set(entry.get("topLevelParagraphs") or {}))
        entries[entry["eccn"]] = record
    issue = ccl.get("ecfrIssueDate")
    return {
        "version": f"ecfr-{issue}",
        "source": (
            f"15 C.F.R. Part 774, Supplement No. 1 (Commerce Control List), eCFR issue {issue}, "
            "the License Requirements section of each ECCN; read from control/us/ccl.json, a "
            "third-party parse of the official eCFR XML (seelpeed-debug/export-controls-agent-mcp, MIT)"
        ),
        "effective_from": issue,
        "effective_to": None,
        "generated_by": "tools/build_us_ccl.py",
        "paragraphs_note": (
            "paragraphs are listed only for CCL categories whose full item text the parse keeps "
            f"({', '.join(sorted(deep))}); elsewhere a paragraph cannot be checked against the list"
        ),
        "cwc_non_parties": {
            "countries": ["EG", "IL", "KP", "SS"],
            "legal_basis": "15 C.F.R. Part 745, Supplement No. 2 (States Parties to the CWC)",
            "quote": {
                "text": "Four UN states are not party: Egypt, Israel, North Korea and South Sudan.",
                "secondary": (
                    "Wikipedia, Chemical Weapons Convention (parties as of August 2022; "
                    "https://en.wikipedia.org/wiki/Chemical_Weapons_Convention); the "
                    "States Parties are listed by the OPCW (https://www.opcw.org/about-us/member-states)"
                ),
            },
            "verified": False,
        },
        "footnote_rules": FOOTNOTE_RULES,
        "entries": entries,
    }


def main(argv: list[str]) -> int:
    base = os.environ.get("TRADEGUARD_DATA_DIR")
    if not base:
        print("set TRADEGUARD_DATA_DIR to the shared data directory", file=sys.stderr)
        return 2
    src = Path(base) / "control" / "us" / "ccl.json"
    try:
        ccl = json.loads(src.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        print(f"{src.name}: cannot read: {exc}", file=sys.stderr)
        return 2
    text = json.dumps(build(ccl), ensure_ascii=False, indent=1) + "\n"
    if "--check" in argv:
        same = OUT.is_file() and OUT.read_text(encoding="utf-8") == text
        print("up to date" if same else f"{OUT.name} differs from what {src.name} gives")
        return 0 if same else 1
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT.name}: {len(ccl['entries'])} ECCNs")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
