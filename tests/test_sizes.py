"""Module and function sizes under tradeguard/: no module over 500 lines, no function over 100.

A module that outgrows the cap is split by responsibility (a subpackage, or a module per
concern), not cut in two. ``EXEMPT`` names the few modules excused for now, each with the
reason; remove an entry when its module is back under the caps.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "tradeguard"
MAX_MODULE_LINES = 500
MAX_FUNCTION_LINES = 100
#: Generated Alembic migrations: written once, never edited.
SKIPPED = ("store/migrations/",)

#: Modules excused from both caps, by path under tradeguard/, with the reason.
EXEMPT: dict[str, str] = {}


def oversized(root: Path = PACKAGE) -> list[str]:
    """Every module over MAX_MODULE_LINES and function over MAX_FUNCTION_LINES under
    ``root``, as ``path: what`` lines (path relative to ``root``)."""
    found: list[str] = []
    for path in sorted(root.rglob("*.py")):
        name = path.relative_to(root).as_posix()
        if name.startswith(SKIPPED):
            continue
        source = path.read_text(encoding="utf-8")
        lines = len(source.splitlines())
        if lines > MAX_MODULE_LINES:
            found.append(f"{name}: {lines} lines")
        for node in ast.walk(ast.parse(source, filename=name)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    found.append(f"{name}: {node.name}() {length} lines (line {node.lineno})")
    return found


def test_no_module_or_function_over_the_caps() -> None:
    over = [line for line in oversized() if line.split(":", 1)[0] not in EXEMPT]
    assert not over, (
        f"over {MAX_MODULE_LINES} lines a module or {MAX_FUNCTION_LINES} a function:\n"
        + "\n".join(over)
    )


def test_the_measure_counts_what_it_says(tmp_path: Path) -> None:
    body = "".join(f"    x{i} = {i}\n" for i in range(MAX_FUNCTION_LINES))
    (tmp_path / "long.py").write_text(f"def long():\n{body}\n\ndef short():\n    return 1\n")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "big.py").write_text("x = 1\n" * (MAX_MODULE_LINES + 1))
    (tmp_path / "sub" / "fits.py").write_text("x = 1\n" * MAX_MODULE_LINES)
    (tmp_path / "store" / "migrations").mkdir(parents=True)
    (tmp_path / "store" / "migrations" / "v1.py").write_text("x = 1\n" * 900)
    assert oversized(tmp_path) == [
        f"long.py: long() {MAX_FUNCTION_LINES + 1} lines (line 1)",
        f"sub/big.py: {MAX_MODULE_LINES + 1} lines",
    ]
