"""The environment is read in one place, ``tradeguard/settings.py``."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tradeguard import settings

ROOT = Path(__file__).resolve().parents[1]


def environment_reads(path: Path) -> list[int]:
    """Lines of ``path`` that read ``os.environ`` or call ``getenv``."""
    lines = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
        name = node.attr if isinstance(node, ast.Attribute) else getattr(node, "id", None)
        if isinstance(node, ast.Attribute | ast.Name) and name in ("environ", "getenv"):
            lines.append(node.lineno)
    return lines


def test_only_settings_reads_the_environment() -> None:
    assert environment_reads(ROOT / "tradeguard/settings.py")  # the check sees reads
    found = [
        f"{path.relative_to(ROOT)}:{line}"
        for path in sorted((ROOT / "tradeguard").rglob("*.py"))
        if path.name != "settings.py" or path.parent.name != "tradeguard"
        for line in environment_reads(path)
    ]
    assert not found, "environment read outside tradeguard/settings.py: " + ", ".join(found)


def test_server_switches(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TRADEGUARD_SCHEDULE", raising=False)
    monkeypatch.delenv("TRADEGUARD_WARM", raising=False)
    assert settings.schedule_enabled() and settings.warm_enabled()
    monkeypatch.setenv("TRADEGUARD_SCHEDULE", "0")
    monkeypatch.setenv("TRADEGUARD_WARM", "0")
    assert not settings.schedule_enabled() and not settings.warm_enabled()


def test_web_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TRADEGUARD_WEB_SECRET", raising=False)
    assert settings.web_secret() is None
    monkeypatch.setenv("TRADEGUARD_WEB_SECRET", "")
    assert settings.web_secret() is None
    monkeypatch.setenv("TRADEGUARD_WEB_SECRET", "k" * 32)
    assert settings.web_secret() == "k" * 32
