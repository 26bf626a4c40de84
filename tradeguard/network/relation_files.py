"""Reading a relation file (CSV or JSON) into a :class:`Dataset` of nodes and relations,
checked (imported into the store by :mod:`tradeguard.network.importer`).

JSON::

    {"dataset": "my-investigation",            # optional, default: the file name
     "description": "...", "citation": "...",  # optional, kept with the dataset
     "nodes": [{"id": "custom:acme", "name": "ACME Trading", "schema": "Company",
                "country": "JP", "aliases": ["ACME KK"], "notes": "..."}],
     "relations": [{"from": "custom:acme", "to": "un_sc:KPe.039", "kind": "joint_venture",
                    "role": "co-investor", "share_pct": null, "start_date": "1988",
                    "end_date": "2007", "source": "...", "url": "...",
                    "provenance": "press_report"}]}

CSV: one relation per row, header ``from,to,kind`` plus any of ``role, share_pct, start_date,
end_date, source, url, provenance, from_name, to_name, from_country, to_country``.

An endpoint is an entity id (``un_sc:KPe.039``, ``us_ofac_sdn:12345``, ``custom:acme``) or a
name: a name not defined as a node becomes a party on no list with id ``custom:<slug>``.
Every error names the file, the line (CSV) or item (JSON) and the field.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from tradeguard.errors import InputError
from tradeguard.lists.common import country_code, read_capped
from tradeguard.lists.model import LIST_IDS, SCHEMAS
from tradeguard.network.graph import normalise_name
from tradeguard.network.model import FTM_KINDS, Edge, Node, Provenance, RelationKind

CSV_COLUMNS = (
    "from",
    "to",
    "kind",
    "role",
    "share_pct",
    "start_date",
    "end_date",
    "source",
    "url",
    "provenance",
    "from_name",
    "to_name",
    "from_country",
    "to_country",
)
_DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_DATASET_RE = re.compile(r"^[\w.\-]{1,200}$")


@dataclass
class Dataset:
    name: str
    source: str
    format: str
    sha256: str
    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)
    # custom: ids used in relations but not described in the file (may be another dataset's)
    referenced: set[str] = field(default_factory=set)


def slug(name: str) -> str:
    return "custom:" + "-".join(normalise_name(name).split())[:150]


def is_entity_id(value: str) -> bool:
    prefix, _, rest = value.partition(":")
    return bool(rest) and prefix in LIST_IDS


class _Parser:
    def __init__(self, source: str) -> None:
        self.source = source
        self.nodes: dict[str, Node] = {}
        self.by_name: dict[str, str] = {}
        self.referenced: set[str] = set()

    def fail(self, message: str, line: int | None = None, field: str | None = None) -> InputError:
        return InputError(message, source=self.source, line=line, field=field)

    def add_node(self, raw: dict[str, Any], where: str) -> None:
        node_id = _text(raw.get("id"))
        name = _text(raw.get("name"))
        if not name:
            raise self.fail("a node needs a name", field=f"{where}.name")
        if not node_id:
            node_id = slug(name)
        if not node_id.startswith("custom:"):
            raise self.fail(
                f"node id {node_id!r} must start with 'custom:' (nodes describe parties on no "
                "list; list entries are referred to by their id in relations)",
                field=f"{where}.id",
            )
        schema = _text(raw.get("schema")) or "LegalEntity"
        if schema not in SCHEMAS:
            raise self.fail(
                f"unknown schema {schema!r}; expected one of {', '.join(SCHEMAS)}",
                field=f"{where}.schema",
            )
        country = self.country(raw.get("country"), f"{where}.country")
        aliases = raw.get("aliases") or []
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            raise self.fail("aliases must be a list of strings", field=f"{where}.aliases")
        if node_id in self.nodes:
            raise self.fail(f"node {node_id} is defined twice", field=f"{where}.id")
        self.nodes[node_id] = Node(
            id=node_id,
            name=name,
            schema=schema,
            country=country,
            aliases=[a.strip() for a in aliases if a.strip()],
            notes=_text(raw.get("notes")),
        )
        for n in (name, *aliases):
            self.by_name.setdefault(normalise_name(n), node_id)

    def country(self, value: Any, where: str, line: int | None = None) -> str | None:
        text = _text(value)
        if not text:
            return None
        code = country_code(text)
        if code is None:
            raise self.fail(f"unknown country {text!r}", line=line, field=where)
        return code

    def endpoint(
        self, value: Any, where: str, line: int | None, name: Any = None, country: Any = None
    ) -> str:
        text = _text(value)
        if not text:
            raise self.fail("missing endpoint", line=line, field=where)
        if is_entity_id(text):
            if text.startswith("custom:") and text not in self.nodes:
                self.referenced.add(text)
                self.nodes[text] = Node(
                    id=text,
                    name=_text(name) or text.split(":", 1)[1],
                    country=self.country(country, f"{where}_country", line),
                )
            return text
        if ":" in text.split()[0] and text.split(":", 1)[0].isidentifier():
            prefix = text.split(":", 1)[0]
            raise self.fail(
                f"unknown list {prefix!r} in id {text!r}; expected one of {', '.join(LIST_IDS)}",
                line=line,
                field=where,
            )
        key = normalise_name(text)
        if not key:
            raise self.fail(
                f"endpoint {text!r} is neither an id nor a name", line=line, field=where
            )
        node_id = self.by_name.get(key)
        if node_id is None:
            node_id = slug(text)
            self.nodes[node_id] = Node(
                id=node_id, name=text, country=self.country(country, f"{where}_country", line)
            )
            self.by_name[key] = node_id
        return node_id

    def relation(self, raw: dict[str, Any], where: str, line: int | None, dataset: str) -> Edge:
        def fld(name: str) -> str:
            return name if line is not None else f"{where}.{name}"

        src = self.endpoint(
            raw.get("from"), fld("from"), line, raw.get("from_name"), raw.get("from_country")
        )
        dst = self.endpoint(
            raw.get("to"), fld("to"), line, raw.get("to_name"), raw.get("to_country")
        )
        if src == dst:
            raise self.fail("a relation needs two different endpoints", line=line, field=fld("to"))
        kind_text = _text(raw.get("kind"))
        if not kind_text:
            raise self.fail("missing kind", line=line, field=fld("kind"))
        kind = _kind(kind_text)
        if kind is None:
            raise self.fail(
                f"unknown kind {kind_text!r}; expected one of "
                + ", ".join(k.value for k in RelationKind),
                line=line,
                field=fld("kind"),
            )
        share = raw.get("share_pct")
        share_pct: float | None = None
        if share not in (None, ""):
            try:
                share_pct = float(str(share).strip().rstrip("%"))
            except ValueError:
                raise self.fail(
                    f"share_pct {share!r} is not a number", line=line, field=fld("share_pct")
                ) from None
            if not 0 < share_pct <= 100:
                raise self.fail(
                    f"share_pct {share_pct:g} is outside 0–100", line=line, field=fld("share_pct")
                )
        dates: dict[str, str | None] = {}
        for key in ("start_date", "end_date"):
            value = _text(raw.get(key))
            if value and not _valid_date(value):
                raise self.fail(
                    f"{key} {value!r} is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)",
                    line=line,
                    field=fld(key),
                )
            dates[key] = value
        if dates["start_date"] and dates["end_date"] and dates["end_date"] < dates["start_date"]:
            raise self.fail("end_date is before start_date", line=line, field=fld("end_date"))
        prov_text = _text(raw.get("provenance")) or Provenance.USER_INVESTIGATION.value
        try:
            provenance = Provenance(prov_text)
        except ValueError:
            raise self.fail(
                f"unknown provenance {prov_text!r}; expected one of "
                + ", ".join(p.value for p in Provenance),
                line=line,
                field=fld("provenance"),
            ) from None
        return Edge(
            source_id=src,
            target_id=dst,
            kind=kind,
            role=_text(raw.get("role")) or "",
            share_pct=share_pct,
            start_date=dates["start_date"],
            end_date=dates["end_date"],
            source=_text(raw.get("source")),
            url=_text(raw.get("url")),
            provenance=provenance,
            dataset=dataset,
        )


def _valid_date(value: str) -> bool:
    if not _DATE_RE.match(value):
        return False
    parts = [int(p) for p in value.split("-")]
    try:
        date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return False
    return True


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


def _kind(text: str) -> RelationKind | None:
    try:
        return RelationKind(text.strip().lower().replace(" ", "_").replace("-", "_"))
    except ValueError:
        return FTM_KINDS.get(text.strip())


def parse_file(path: Path, dataset: str | None = None) -> Dataset:
    """Read a CSV or JSON relation file (format from the extension or the first byte)."""
    if not path.is_file():
        raise InputError("no such file", source=str(path))
    raw = read_capped(path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text ({exc.reason})", source=path.name) from None
    sha = hashlib.sha256(raw).hexdigest()
    is_json = path.suffix.lower() == ".json" or text.lstrip().startswith("{")
    if is_json:
        return parse_json(text, path.name, sha, dataset)
    return parse_csv(text, path.name, sha, dataset)


def _dataset_name(name: str | None, source: str) -> str:
    name = name or Path(source).stem
    if not _DATASET_RE.match(name):
        raise InputError(
            f"dataset name {name!r} may hold only letters, digits, '.', '-' and '_'",
            source=source,
            field="dataset",
        )
    return name


def parse_json(text: str, source: str, sha: str, dataset: str | None = None) -> Dataset:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"invalid JSON: {exc.msg}", source=source, line=exc.lineno) from None
    if not isinstance(data, dict):
        raise InputError("expected a JSON object with 'nodes' and 'relations'", source=source)
    name = _dataset_name(dataset or _text(data.get("dataset")), source)
    parser = _Parser(source)
    nodes = data.get("nodes") or []
    relations = data.get("relations")
    if not isinstance(nodes, list):
        raise InputError("'nodes' must be a list", source=source, field="nodes")
    if not isinstance(relations, list) or not relations:
        raise InputError("'relations' must be a non-empty list", source=source, field="relations")
    for i, raw in enumerate(nodes):
        if not isinstance(raw, dict):
            raise InputError("a node must be an object", source=source, field=f"nodes[{i}]")
        parser.add_node(raw, f"nodes[{i}]")
    edges = []
    for i, raw in enumerate(relations):
        if not isinstance(raw, dict):
            raise InputError("a relation must be an object", source=source, field=f"relations[{i}]")
        edges.append(parser.relation(raw, f"relations[{i}]", None, name))
    meta = {k: v for k, v in data.items() if k not in ("nodes", "relations", "dataset")}
    return Dataset(
        name, source, "json", sha, list(parser.nodes.values()), edges, meta, parser.referenced
    )


def parse_csv(text: str, source: str, sha: str, dataset: str | None = None) -> Dataset:
    name = _dataset_name(dataset, source)
    reader = csv.reader(io.StringIO(text))
    try:
        header = [h.strip().lower() for h in next(reader)]
    except StopIteration:
        raise InputError("empty file", source=source) from None
    missing = [c for c in ("from", "to", "kind") if c not in header]
    if missing:
        raise InputError(
            f"the header needs the columns from, to, kind (missing: {', '.join(missing)})",
            source=source,
            line=1,
        )
    unknown = [c for c in header if c not in CSV_COLUMNS]
    if unknown:
        raise InputError(
            f"unknown column(s) {', '.join(unknown)}; expected {', '.join(CSV_COLUMNS)}",
            source=source,
            line=1,
        )
    parser = _Parser(source)
    edges = []
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raise InputError(
                f"expected {len(header)} fields, found {len(row)}", source=source, line=line
            )
        edges.append(parser.relation(dict(zip(header, row, strict=True)), "", line, name))
    if not edges:
        raise InputError("no relations in the file", source=source)
    return Dataset(
        name, source, "csv", sha, list(parser.nodes.values()), edges, {}, parser.referenced
    )
