"""The API reference page is generated from the server's own OpenAPI description."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]


def hook() -> ModuleType:
    spec = importlib.util.spec_from_file_location("docs_openapi", ROOT / "tools/docs_openapi.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_operation_and_schema_is_rendered() -> None:
    docs_openapi = hook()
    spec = docs_openapi.openapi()
    text = docs_openapi.render(spec)
    operations = [
        f"## {method.upper()} `{path}`"
        for path, item in spec["paths"].items()
        for method in item
        if method in docs_openapi.METHODS
    ]
    assert len(operations) >= 40
    assert [op for op in operations if op not in text] == []
    assert "## POST `/screen`" in text and "| `depth` | query | no |" in text
    for name in spec["components"]["schemas"]:
        assert f"### {name}\n" in text


class _File:
    def __init__(self, src_uri: str) -> None:
        self.src_uri = src_uri


class _Page:
    def __init__(self, src_uri: str) -> None:
        self.file = _File(src_uri)


def test_the_hook_fills_the_marker_of_the_api_page_only() -> None:
    docs_openapi = hook()
    page = (ROOT / "docs/api.md").read_text("utf-8")
    assert docs_openapi.MARKER in page
    filled = docs_openapi.on_page_markdown(page, _Page("api.md"), None, None)
    assert docs_openapi.MARKER not in filled and "## GET `/health`" in filled
    other: Any = _Page("index.md")
    assert docs_openapi.on_page_markdown(page, other, None, None) == page
    with pytest.raises(ValueError, match="marker"):
        docs_openapi.on_page_markdown("# API", _Page("api.md"), None, None)
