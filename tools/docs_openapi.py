"""Render the server's OpenAPI description as Markdown for the documentation site.

Used two ways: as an mkdocs hook (``hooks:`` in ``mkdocs.yml``), it fills the page
``docs/api.md`` at build time from the application itself, so the API reference can never
drift from the routes; as a script, ``python tools/docs_openapi.py [FILE]`` writes the same
Markdown to FILE (default: standard output).
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path
from typing import Any

MARKER = "<!-- openapi-reference -->"
METHODS = ("get", "post", "put", "patch", "delete")


def openapi() -> dict[str, Any]:
    """The OpenAPI description of an app built over a throw-away SQLite store."""
    from tradeguard.api.app import create_app
    from tradeguard.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(f"sqlite:///{Path(tmp) / 'openapi.db'}")
        try:
            spec: dict[str, Any] = create_app(store, schedule=False, warm=False).openapi()
        finally:
            store.close()
    return spec


def _type(schema: dict[str, Any]) -> str:
    if "$ref" in schema:
        name = str(schema["$ref"]).rsplit("/", 1)[-1]
        return f"[{name}](#{name.lower()})"
    if "anyOf" in schema:
        return " or ".join(_type(s) for s in schema["anyOf"])
    kind = schema.get("type", "any")
    if kind == "array":
        return f"array of {_type(schema.get('items', {}))}"
    if "enum" in schema:
        return " \\| ".join(f"`{v}`" for v in schema["enum"])
    fmt = schema.get("format")
    return f"{kind} ({fmt})" if fmt else str(kind)


def _cell(text: Any) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def render(spec: dict[str, Any]) -> str:
    """Markdown for every operation and schema of ``spec``."""
    out: list[str] = [
        f"Generated from the OpenAPI description of tradeguard {spec['info']['version']} "
        f"(OpenAPI {spec['openapi']}); the server also serves it at `/openapi.json`.",
        "",
    ]
    for path, item in spec["paths"].items():
        for method in METHODS:
            op = item.get(method)
            if op is None:
                continue
            out += [f"## {method.upper()} `{path}`", ""]
            if op.get("summary"):
                out += [f"**{_cell(op['summary'])}**", ""]
            if op.get("description"):
                out += [op["description"].strip(), ""]
            params = op.get("parameters", [])
            if params:
                out += [
                    "| parameter | in | required | type | description |",
                    "|---|---|---|---|---|",
                ]
                for p in params:
                    out.append(
                        f"| `{p['name']}` | {p['in']} | {'yes' if p.get('required') else 'no'} "
                        f"| {_cell(_type(p.get('schema', {})))} | {_cell(p.get('description', ''))} |"
                    )
                out.append("")
            body = op.get("requestBody")
            if body:
                kinds = ", ".join(
                    f"`{ct}` {_type(c.get('schema', {}))}"
                    for ct, c in body.get("content", {}).items()
                )
                out += [
                    f"Request body ({'required' if body.get('required') else 'optional'}): {kinds}",
                    "",
                ]
            out += ["| status | meaning |", "|---|---|"]
            for code, resp in op.get("responses", {}).items():
                out.append(f"| {code} | {_cell(resp.get('description', ''))} |")
            out.append("")
    out += ["## Schemas", ""]
    for name, schema in spec.get("components", {}).get("schemas", {}).items():
        out += [f"### {name}", ""]
        if schema.get("description"):
            out += [_cell(schema["description"]), ""]
        props = schema.get("properties", {})
        if props:
            required = set(schema.get("required", []))
            out += ["| field | type | required | description |", "|---|---|---|---|"]
            for field, sub in props.items():
                out.append(
                    f"| `{field}` | {_cell(_type(sub))} | {'yes' if field in required else 'no'} "
                    f"| {_cell(sub.get('description', ''))} |"
                )
            out.append("")
        elif "enum" in schema:
            out += [_type(schema), ""]
    return "\n".join(out) + "\n"


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any, **_: Any) -> str:
    """mkdocs hook: replace the marker in ``api.md`` with the generated reference."""
    if page.file.src_uri != "api.md":
        return markdown
    if MARKER not in markdown:
        raise ValueError(f"docs/api.md: the marker {MARKER} is missing")
    return markdown.replace(MARKER, render(openapi()))


def main(argv: list[str]) -> int:
    """Write the Markdown reference (or the raw OpenAPI JSON with ``--json``)."""
    as_json = "--json" in argv
    args = [a for a in argv if a != "--json"]
    spec = openapi()
    text = json.dumps(spec, indent=2) + "\n" if as_json else render(spec)
    if args:
        Path(args[0]).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
