"""Loading the knowledge base: every file under ``data/controls`` read and validated into
:class:`~tradeguard.items.kb.KnowledgeBase` records. A bad record is an :class:`InputError`
naming the file and the entry; structured entries replace text-only records of the same code,
overlays add HS codes or synonyms, and the version is the newest file version with a digest of
all the files."""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from tradeguard.errors import InputError
from tradeguard.items.cas import cas_is_valid
from tradeguard.items.hs import hs_codes
from tradeguard.items.kb import (
    ControlEntry,
    Criterion,
    Exclusion,
    JpNumber,
    KnowledgeBase,
    MixtureCase,
    MixtureRule,
    NationalCode,
    Term,
)
from tradeguard.items.params import ParameterSet, load_parameters

CONTROLS_DIR = Path(__file__).resolve().parent.parent / "data" / "controls"
OPS = {"lt", "le", "gt", "ge", "eq", "in", "is"}
_CODE_RE = re.compile(r"^(?:\d[A-E]\d{3}(?:\.[A-Za-z0-9]+)*|ML\d+(?:\.[A-Za-z0-9]+)*)$")


def _fail(msg: str, source: str, code: str | None = None) -> InputError:
    return InputError(msg, source=source, field=code)


def _iso(value: Any, source: str, code: str, name: str, required: bool) -> str | None:
    if value is None:
        if required:
            raise _fail(f"missing {name}", source, code)
        return None
    text = value.isoformat() if isinstance(value, date) else str(value)
    try:
        date.fromisoformat(text)
    except ValueError:
        raise _fail(f"{name} {text!r} is not an ISO date", source, code) from None
    return text


def _national(raw: Mapping[str, Any] | None, source: str, code: str) -> dict[str, NationalCode]:
    out: dict[str, NationalCode] = {}
    for jur, spec in (raw or {}).items():
        out[jur.upper()] = NationalCode(
            code=str(spec["code"]),
            reasons_for_control=tuple(spec.get("reasons_for_control") or ()),
            source=str(spec.get("source", "")),
            effective_from=_iso(spec.get("effective_from"), source, code, "effective_from", False),
            verified=bool(spec.get("verified", True)),
            notes=spec.get("notes"),
        )
    return out


def _entry(raw: Mapping[str, Any], source: str, params: ParameterSet, family: bool) -> ControlEntry:
    code = str(raw.get("code", "")).strip()
    if not _CODE_RE.match(code):
        raise _fail(f"malformed entry code {code!r}", source, code)
    for key in ("title", "regimes", "source"):
        if not raw.get(key):
            raise _fail(f"missing {key}", source, code)
    cas = tuple(str(c) for c in raw.get("cas") or ())
    for c in cas:
        if not cas_is_valid(c):
            raise _fail(f"CAS number {c} fails its check digit", source, code)
    known_hs = hs_codes()
    hs = tuple(str(h) for h in raw.get("hs") or ())
    for h in hs:
        if h not in known_hs:
            raise _fail(f"HS code {h} is not in HS 2022", source, code)
    criteria = [_criterion(c, params, source, code) for c in raw.get("criteria") or ()]
    exclusions: list[Exclusion] = []
    for x in raw.get("exclusions") or ():
        if not x.get("note") or not x.get("when"):
            raise _fail("an exclusion needs a note and its conditions (when)", source, code)
        if x.get("if_missing", "undecided") not in ("undecided", "assume"):
            raise _fail("exclusion if_missing must be undecided or assume", source, code)
        exclusions.append(
            Exclusion(
                note=" ".join(str(x["note"]).split()),
                when=tuple(_criterion(c, params, source, code) for c in x["when"]),
                if_missing=str(x.get("if_missing", "undecided")),
                quote={str(k): str(v) for k, v in (x.get("quote") or {}).items()},
            )
        )
    reasons = {k.upper(): tuple(v) for k, v in (raw.get("reasons_for_control") or {}).items()}
    return ControlEntry(
        code=code,
        title=" ".join(str(raw["title"]).split()),
        regimes=tuple(raw["regimes"]),
        reasons_for_control=reasons,
        source=str(raw["source"]),
        effective_from=_iso(raw.get("effective_from"), source, code, "effective_from", True) or "",
        effective_to=_iso(raw.get("effective_to"), source, code, "effective_to", False),
        parent=raw.get("parent"),
        cas=cas,
        cas_names={str(k): str(v) for k, v in (raw.get("cas_names") or {}).items()},
        hs=hs,
        synonyms=tuple(raw.get("synonyms") or ()),
        criteria=tuple(criteria),
        exclusions=tuple(exclusions),
        mixture_rule=raw.get("mixture_rule"),
        national=_national(raw.get("national"), source, code),
        text=str(raw.get("text") or ""),
        text_only=bool(raw.get("text_only", False)),
        family=family,
        military=bool(raw.get("military", False)),
        verified=bool(raw.get("verified", True)),
        notes=raw.get("notes"),
        file=source,
        note_fragment=bool(raw.get("note_fragment", False)),
        quote={str(k): str(v) for k, v in (raw.get("quote") or {}).items()},
    )


def _criterion(c: Mapping[str, Any], params: ParameterSet, source: str, code: str) -> Criterion:
    if c.get("op") not in OPS:
        raise _fail(f"unknown operator {c.get('op')!r}", source, code)
    try:
        param = params.resolve(str(c.get("param")))
    except InputError:
        raise _fail(f"unknown parameter {c.get('param')!r}", source, code) from None
    value = c["value"]
    if isinstance(value, list):
        value = tuple(str(v) for v in value)
    vals = value if isinstance(value, tuple) else (value,)
    if param.kind == "enum" and any(v not in param.values for v in vals):
        raise _fail(f"{param.name}: value {value!r} not among its values", source, code)
    return Criterion(
        param=param.name,
        op=c["op"],
        value=value,
        if_missing=c.get("if_missing", "undecided"),
        note=c.get("note"),
    )


def _mixture_rules(raw: Mapping[str, Any], source: str) -> dict[tuple[str, str], MixtureRule]:
    out: dict[tuple[str, str], MixtureRule] = {}
    for name, by_jur in raw.items():
        for jur, spec in by_jur.items():
            cases = []
            for case in spec["cases"]:
                cond = case["controlled_if"]
                if cond["op"] not in ("gt", "ge"):
                    raise _fail(f"mixture rule {name}: op must be gt or ge", source, name)
                cases.append(
                    MixtureCase(
                        op=cond["op"],
                        value=float(cond["value"]),
                        destination_cwc_party=case.get("destination_cwc_party"),
                    )
                )
            out[(name, jur.upper())] = MixtureRule(
                name=name,
                jurisdiction=jur.upper(),
                cases=tuple(cases),
                text=str(spec.get("text", "")),
                verified=bool(spec.get("verified", True)),
                basis=str(spec.get("basis", "weight")),
            )
    return out


def load_knowledge_base(directory: Path = CONTROLS_DIR) -> KnowledgeBase:
    """Load and validate every knowledge-base file; raise :class:`InputError` on a bad record."""
    params = load_parameters(directory / "parameters.yaml")
    files: dict[str, str] = {"parameters.yaml": params.version}
    digest = hashlib.sha256()
    text_only: dict[str, ControlEntry] = {}
    structured: dict[str, ControlEntry] = {}
    rules: dict[tuple[str, str], MixtureRule] = {}
    overlays: list[tuple[str, Mapping[str, Any]]] = []
    terms: dict[str, Term] = {}
    equipment: dict[str, Term] = {}
    jp_docs: list[tuple[str, Mapping[str, Any]]] = []
    formulas: list[tuple[str, Mapping[str, Any]]] = []
    paths = sorted([*directory.glob("*.yaml"), *directory.glob("*.json")])
    for path in paths:
        raw_text = path.read_text(encoding="utf-8")
        digest.update(raw_text.encode("utf-8"))
        if path.name == "parameters.yaml":
            continue
        if path.suffix == ".json":
            doc = json.loads(raw_text)
        else:
            doc = yaml.load(raw_text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        meta = doc.get("meta") or {}
        if not meta.get("version") or not meta.get("covers"):
            raise _fail("the meta header needs a version and a covers statement", path.name)
        files[path.name] = str(meta["version"])
        rules.update(_mixture_rules(doc.get("mixture_rules") or {}, path.name))
        for raw in doc.get("families") or ():
            entry = _entry(raw, path.name, params, family=True)
            structured[entry.code] = entry
        for raw in doc.get("entries") or ():
            entry = _entry(raw, path.name, params, family=False)
            if entry.text_only:
                text_only[entry.code] = entry
            else:
                if entry.code in structured:
                    raise _fail("entry defined twice", path.name, entry.code)
                structured[entry.code] = entry
        overlays.extend((path.name, o) for o in doc.get("overlays") or ())
        formulas.extend((path.name, f) for f in doc.get("formulas") or ())
        if doc.get("mappings"):
            jp_docs.append((path.name, doc))
        for concept in doc.get("vocabulary") or ():
            for term in _terms(concept, path.name):
                if term.text in terms and terms[term.text].en != term.en:
                    raise _fail(f"term {term.text!r} read two ways", path.name)
                terms[term.text] = term
        for concept in [*(doc.get("equipment") or ()), *(doc.get("ancillary") or ())]:
            for term in _equipment(concept, path.name):
                if term.text in equipment and equipment[term.text].en != term.en:
                    raise _fail(f"equipment noun {term.text!r} read two ways", path.name)
                equipment[term.text] = term
    entries = dict(text_only)
    for code, entry in structured.items():
        base = text_only.get(code)
        if base is not None:
            entry = _merge_text(entry, base)
        entries[code] = entry
    for source, overlay in overlays:
        code = str(overlay.get("code"))
        if code not in entries:
            raise _fail("overlay for an unknown entry", source, code)
        entries[code] = _apply_overlay(entries[code], overlay, source)
    for term in [*terms.values(), *equipment.values()]:
        for code in (*term.entries, *term.of_materials):
            if code not in entries:
                raise _fail(f"term {term.text!r} leads to an unknown entry", "vocabulary", code)
    for entry in entries.values():
        if entry.mixture_rule and not any(k[0] == entry.mixture_rule for k in rules):
            raise _fail(f"unknown mixture rule {entry.mixture_rule!r}", entry.file, entry.code)
    children: dict[str, list[str]] = {}
    by_cas: dict[str, list[str]] = {}
    by_hs: dict[str, list[str]] = {}
    for code, entry in entries.items():
        if entry.parent and entry.parent in entries and not entry.text_only:
            children.setdefault(entry.parent, []).append(code)
        for c in entry.cas:
            by_cas.setdefault(c, []).append(code)
        for h in entry.hs:
            by_hs.setdefault(h, []).append(code)
    version = f"{max(files.values())}+{digest.hexdigest()[:8]}"
    return KnowledgeBase(
        version=version,
        files=files,
        params=params,
        entries=entries,
        children=children,
        by_cas=by_cas,
        by_hs=by_hs,
        mixture_rules=rules,
        terms=tuple(sorted(terms.values(), key=lambda t: (-len(t.text), t.text))),
        equipment=tuple(sorted(equipment.values(), key=lambda t: (-len(t.text), t.text))),
        jp=_jp_numbering(jp_docs, entries),
        formulas=_formulas(formulas, by_cas),
    )


def _formulas(
    records: list[tuple[str, Mapping[str, Any]]], by_cas: Mapping[str, list[str]]
) -> dict[str, str]:
    """Formula -> chemical name; each record's CAS number must be one the entries list."""
    out: dict[str, str] = {}
    for source, raw in records:
        name, cas = str(raw.get("name") or ""), str(raw.get("cas") or "")
        if not name or cas not in by_cas or not raw.get("source"):
            raise _fail(f"formula record {raw!r} needs a name, a listed CAS and a source", source)
        for form in raw.get("forms") or ():
            if str(form) in out and out[str(form)] != name:
                raise _fail(f"formula {form!r} read two ways", source)
            out[str(form)] = name
    return out


def _jp_numbering(
    docs: list[tuple[str, Mapping[str, Any]]], entries: Mapping[str, ControlEntry]
) -> dict[str, tuple[JpNumber, bool]]:
    out: dict[str, tuple[JpNumber, bool]] = {}
    for source, doc in docs:
        articles = {str(a["row"]): a for a in doc.get("articles") or ()}
        for m in doc.get("mappings") or ():
            row = str(m.get("row") or "")
            if not row or not m.get("source") or not (m.get("quote") or {}).get("text"):
                raise _fail("a Japan mapping needs its row, source and quoted item", source)
            art = articles.get(row) or {}
            number = JpNumber(
                row=row,
                item=str(m["item"]) if m.get("item") else None,
                article=art.get("article"),
                article_verified=bool(art.get("verified", False)),
                source=f"{m['source']}: {m['quote']['text']}",
                article_source=art.get("source"),
                note=m.get("note"),
            )
            for code in m.get("codes") or ():
                if code not in entries:
                    raise _fail("Japan mapping for an unknown entry", source, code)
                if code in out:
                    raise _fail("entry mapped twice", source, code)
                out[code] = (number, bool(m.get("family", False)))
    return out


_LANGS = {"ja", "ko", "zh", "de", "fr"}


def _terms(concept: Mapping[str, Any], source: str) -> list[Term]:
    en = " ".join(str(concept.get("en") or "").split())
    if not en:
        raise _fail("a vocabulary record needs its English reading (en)", source)
    out = []
    for raw in concept.get("terms") or ():
        text = unicodedata.normalize("NFKC", str(raw.get("text") or "")).lower().strip()
        lang = str(raw.get("lang") or "")
        if not text or lang not in _LANGS or not raw.get("source"):
            raise _fail(f"term of {en!r}: needs text, lang (ja, ko, zh, de, fr) and source", source)
        out.append(
            Term(
                text=text,
                lang=lang,
                en=en,
                source=str(raw["source"]),
                entries=tuple(str(c) for c in concept.get("entries") or ()),
                names=not concept.get("broader", False),
            )
        )
    if not out:
        raise _fail(f"vocabulary record {en!r} has no terms", source)
    return out


def _equipment(concept: Mapping[str, Any], source: str) -> list[Term]:
    """An equipment record: its English nouns (``en``, the first is its reading), the entries
    it suggests with the words of theirs it stands for (``basis``), and its terms in Japanese,
    Korean and Chinese, each with its source."""
    nouns = [" ".join(str(n).split()).lower() for n in concept.get("en") or ()]
    entries = tuple(str(c) for c in concept.get("entries") or ())
    of = tuple(str(c) for c in concept.get("of") or ())
    basis = " ".join(str(concept.get("basis") or "").split())
    if not nouns or not (entries or of) or not basis or not concept.get("source"):
        raise _fail("an equipment record needs en, entries (or of), basis and source", source)
    kwargs: dict[str, Any] = {
        "en": nouns[0],
        "entries": entries,
        "names": False,
        "equipment": True,
        "basis": basis,
        "verified": bool(concept.get("verified", True)),
        "of_materials": of,
    }
    out = [Term(text=n, lang="en", source=str(concept["source"]), **kwargs) for n in nouns]
    for term in _terms({"en": nouns[0], "terms": concept.get("terms") or ()}, source):
        out.append(Term(text=term.text, lang=term.lang, source=term.source, **kwargs))
    return out


def _merge_text(entry: ControlEntry, base: ControlEntry) -> ControlEntry:
    from dataclasses import replace

    national = dict(base.national)
    national.update(entry.national)
    return replace(
        entry,
        text=entry.text or base.text,
        national=national,
    )


def _apply_overlay(entry: ControlEntry, overlay: Mapping[str, Any], source: str) -> ControlEntry:
    from dataclasses import replace

    known_hs = hs_codes()
    hs = tuple(str(h) for h in overlay.get("hs") or ())
    for h in hs:
        if h not in known_hs:
            raise _fail(f"HS code {h} is not in HS 2022", source, entry.code)
    cas = tuple(str(c) for c in overlay.get("cas") or ())
    for c in cas:
        if not cas_is_valid(c):
            raise _fail(f"CAS number {c} fails its check digit", source, entry.code)
    return replace(
        entry,
        hs=tuple(dict.fromkeys(entry.hs + hs)),
        cas=tuple(dict.fromkeys(entry.cas + cas)),
        synonyms=entry.synonyms + tuple(overlay.get("synonyms") or ()),
        regimes=tuple(overlay.get("regimes") or entry.regimes),
    )
