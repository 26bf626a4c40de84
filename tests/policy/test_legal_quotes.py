"""Every quoted legal sentence in the knowledge base is where its record says it is.

A rule or control record carries ``quote: {text: <the sentence, verbatim>, in: <file under
$TRADEGUARD_DATA_DIR/control/>}`` or ``quote: {text: ..., secondary: <citation>}`` when no shared
text holds the sentence. The shape of every quote is checked always; whether each ``in:`` sentence
is found (whitespace-normalised) in the file it names is checked when the shared texts are there.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path, PurePosixPath
from typing import Any

import pytest
import yaml
from defusedxml import ElementTree

DATA = Path(__file__).resolve().parents[2] / "tradeguard" / "data"
KNOWLEDGE_DIRS = (DATA / "policy", DATA / "controls")
QUOTE_KEYS = {"text", "in", "secondary"}


def _control_dir() -> Path | None:
    base = os.environ.get("TRADEGUARD_DATA_DIR")
    if not base:
        return None
    path = Path(base) / "control"
    return path if path.is_dir() else None


def _knowledge_files() -> list[Path]:
    return sorted(
        p
        for d in KNOWLEDGE_DIRS
        for p in d.rglob("*")
        if p.suffix in {".yaml", ".yml", ".json"} and p.is_file()
    )


def _load(path: Path) -> Any:
    raw = path.read_text(encoding="utf-8")
    return json.loads(raw) if path.suffix == ".json" else yaml.safe_load(raw)


def _walk(node: Any, where: str) -> Iterator[tuple[str, Any]]:
    """Every value under a ``quote`` key, with a path to it."""
    if isinstance(node, dict):
        for key, value in node.items():
            here = f"{where}.{key}"
            if key == "quote":
                yield here, value
            else:
                yield from _walk(value, here)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _walk(value, f"{where}[{i}]")


def _quotes() -> list[tuple[str, Any]]:
    found: list[tuple[str, Any]] = []
    for path in _knowledge_files():
        found.extend(_walk(_load(path), path.relative_to(DATA).as_posix()))
    return found


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _strings(node: Any) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)


def _xml_text(path: Path) -> str:
    """The text of an XML document, ruby readings (``<Rt>``) left out."""
    root = ElementTree.parse(path).getroot()
    parts: list[str] = []

    def visit(element: Any) -> None:
        if element.tag != "Rt":
            parts.append(element.text or "")
            for child in element:
                visit(child)
        parts.append(element.tail or "")

    visit(root)
    return "".join(parts)


@cache
def text_of(path: Path) -> str:
    """The whitespace-normalised text a quote is looked for in: the decoded string values of a
    JSON file, the character data of an XML file, any other file as it is."""
    if path.suffix == ".json":
        body = "\n".join(_strings(json.loads(path.read_text(encoding="utf-8"))))
    elif path.suffix == ".xml":
        body = _xml_text(path)
    else:
        body = path.read_text(encoding="utf-8")
    return normalise(body)


def problems(quotes: list[tuple[str, Any]], control: Path | None) -> list[str]:
    """What is wrong with each quote; the sentences are looked up when ``control`` is given."""
    out: list[str] = []
    for where, quote in quotes:
        if not isinstance(quote, dict):
            out.append(f"{where}: a quote is a mapping with text and in/secondary")
            continue
        extra = set(quote) - QUOTE_KEYS
        if extra:
            out.append(f"{where}: unknown keys {sorted(extra)}")
        text = quote.get("text")
        if not isinstance(text, str) or not text.strip():
            out.append(f"{where}: no text")
            continue
        if ("in" in quote) == ("secondary" in quote):
            out.append(f"{where}: names exactly one of 'in' and 'secondary'")
            continue
        if "secondary" in quote:
            if not isinstance(quote["secondary"], str) or not quote["secondary"].strip():
                out.append(f"{where}: empty secondary source")
            continue
        name = quote["in"]
        posix = PurePosixPath(name) if isinstance(name, str) else None
        if posix is None or posix.is_absolute() or ".." in posix.parts or "\\" in name:
            out.append(f"{where}: 'in' must be a path relative to the shared control texts")
            continue
        if control is None:
            continue
        path = control / posix
        if not path.is_file():
            out.append(f"{where}: {name} is not among the shared control texts")
        elif normalise(text) not in text_of(path):
            out.append(f"{where}: not found in {name}: {normalise(text)[:80]!r}")
    return out


def test_every_quote_is_well_formed() -> None:
    quotes = _quotes()
    assert quotes, "no quoted legal sentence in the knowledge base"
    assert problems(quotes, None) == []


def test_every_quote_is_found_in_the_text_it_names() -> None:
    control = _control_dir()
    if control is None:
        pytest.skip("TRADEGUARD_DATA_DIR/control (the shared legal texts) is not there")
    quotes = _quotes()
    assert problems(quotes, control) == []
    checked = [q for _, q in quotes if isinstance(q, dict) and "in" in q]
    assert checked, "no quote names a shared text"


FIXTURE_TEXTS = Path(__file__).resolve().parents[1] / "fixtures" / "control"


def test_quotes_are_found_in_the_extracts_bundled_with_the_tests() -> None:
    """The quotes naming a text of which tests/fixtures/control holds an extract (the articles
    quoted, copied unchanged) are checked there, so a clone without the shared texts checks them."""
    held = {p.name for p in FIXTURE_TEXTS.iterdir()}
    quotes = [
        (where, q)
        for where, q in _quotes()
        if isinstance(q, dict) and isinstance(q.get("in"), str) and q["in"] in held
    ]
    assert len(quotes) >= 15, "the Korean rule records quote the Foreign Trade Act"
    assert problems(quotes, FIXTURE_TEXTS) == []


def test_every_korean_rule_record_quotes_its_sentence_with_dates() -> None:
    """kr.yaml's regions and kr_rules.yaml's records each carry a quote; dated records carry
    their effective dates."""
    kr = _load(DATA / "policy" / "kr.yaml")
    for group in kr["groups"]:
        assert group.get("quote") or group.get("quote_missing"), (
            f"kr.yaml group {group['group']} has no quote nor the reason it has none"
        )
        assert group.get("effective_from"), f"kr.yaml group {group['group']} has no date"
    rules = _load(DATA / "policy" / "kr_rules.yaml")
    for region in rules["regions"]:
        assert region.get("quote"), f"kr_rules.yaml region {region['group']} has no quote"
    for key in (
        "situational",
        "annex2_2",
        "transit",
        "brokering",
        "technology",
        "dprk",
        "plurilateral",
    ):
        assert rules[key].get("quote"), f"kr_rules.yaml {key} has no quote"
    for key in ("licence_types_basis", "exemptions_basis", "declaration_basis"):
        assert rules[key].get("quote"), f"kr_rules.yaml {key} has no quote"
    assert all(t.get("effective_from") for t in rules["annex2_2"]["tranches"])
    assert rules["plurilateral"]["effective_from"] and rules["act_renumbering"]["effective_from"]


# -- the checker itself ------------------------------------------------------------------------


def test_checker_finds_verbatim_sentences_and_reports_altered_ones(tmp_path: Path) -> None:
    (tmp_path / "law.json").write_text(
        json.dumps({"a": [{"t": 'A "licence"   is required\nfor all destinations.'}]}),
        encoding="utf-8",
    )
    (tmp_path / "order.xml").write_text(
        "<Law><Sentence>その<Ruby>貨物<Rt>かもつ</Rt></Ruby>が核兵器等の開発等のために"
        "用いられるおそれがある場合</Sentence></Law>",
        encoding="utf-8",
    )
    good = [
        ("x.quote", {"text": 'A "licence" is required for all destinations.', "in": "law.json"}),
        ("y.quote", {"text": "その貨物が核兵器等の開発等のために", "in": "order.xml"}),
        ("z.quote", {"text": "anything", "secondary": "S/RES/1737 (2006), para. 3"}),
    ]
    assert problems(good, tmp_path) == []
    bad = [
        ("a.quote", {"text": "A licence is required for some destinations.", "in": "law.json"}),
        ("b.quote", {"text": "その貨物かもつが", "in": "order.xml"}),
        ("c.quote", {"text": "x", "in": "missing.json"}),
        ("d.quote", {"text": "x", "in": "/etc/passwd"}),
        ("e.quote", {"text": "x", "in": "../x.json"}),
        ("f.quote", {"text": "x"}),
        ("g.quote", {"text": "x", "in": "law.json", "secondary": "y"}),
        ("h.quote", {"text": " ", "in": "law.json"}),
        ("i.quote", {"text": "x", "source": "law.json", "in": "law.json"}),
        ("j.quote", "a bare string"),
    ]
    found = problems(bad, tmp_path)
    assert [p.split(":")[0] for p in found] == [
        "a.quote",
        "b.quote",
        "c.quote",
        "d.quote",
        "e.quote",
        "f.quote",
        "g.quote",
        "h.quote",
        "i.quote",
        "i.quote",
        "j.quote",
    ]
