"""The package's layers, checked on every module's imports (module- and function-level).

faces (cli, api, web) -> service -> domain (accounts, cases, jobs, lists, items, policy,
network, screening, shipments, audit, reports, batch ...) -> store / names. A face never
imports another face; the core never imports a face or the service; only the composition
root (``tradeguard/server.py``) assembles api and web into one server; no two packages import
each other, and no two modules either, even through imports inside functions (imports only for
type checking, under ``if TYPE_CHECKING:``, do not make a cycle: they never run).
"""

from __future__ import annotations

import ast
import itertools
from collections import defaultdict
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "tradeguard"
FACES = frozenset({"cli", "api", "web"})
SERVICE = "service"
#: the top-level module that builds the server from api and web (``tradeguard serve`` and
#: ``uvicorn --factory`` load it); the command line may start it
ROOT = "server"
#: the Alembic environment imports every package's tables to see the whole schema
SCHEMA_COLLECTORS = ("tradeguard.store.migrations",)
#: package cycles still to break, each with what closes it; the test fails when one is gone
#: (remove it here) or a new one appears
KNOWN_CYCLES: dict[frozenset[str], str] = {}
#: module cycles inside a package still to break, each with why it is left; the test fails
#: when one is gone (remove it here) or a new one appears
KNOWN_MODULE_CYCLES: dict[frozenset[str], str] = {}


def _unit(module: str) -> str:
    """The package (or top-level module) a module belongs to: tradeguard.cases.monitor ->
    cases, tradeguard.settings -> settings."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def _module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


class _Imports(ast.NodeVisitor):
    """Every ``tradeguard`` import of a module, wherever it is, and whether it runs (an
    import under ``if TYPE_CHECKING:`` does not)."""

    def __init__(self, module: str, is_package: bool) -> None:
        self.module = module
        self.package = module if is_package else module.rpartition(".")[0]
        self.found: list[tuple[str, int, bool]] = []
        #: the same imports as the modules they may name: ``from tradeguard.names import vocab``
        #: is found as ``tradeguard.names`` and may name ``tradeguard.names.vocab``
        self.names: list[tuple[str, str, int, bool]] = []
        self._typing = 0

    def visit_If(self, node: ast.If) -> None:
        test = node.test
        typing_only = (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
            isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
        )
        if not typing_only:
            self.generic_visit(node)
            return
        self._typing += 1
        for child in node.body:
            self.visit(child)
        self._typing -= 1
        for child in node.orelse:
            self.visit(child)

    def _add(self, name: str, line: int) -> None:
        if name == "tradeguard" or name.startswith("tradeguard."):
            self.found.append((name, line, self._typing == 0))

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self._add(alias.name, node.lineno)
            self._name(alias.name, alias.name, node.lineno)

    def _name(self, found: str, name: str, line: int) -> None:
        if found == "tradeguard" or found.startswith("tradeguard."):
            self.names.append((found, name, line, self._typing == 0))

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        base = node.module or ""
        if node.level:  # relative: resolve against this module's package
            anchor = self.package.split(".")
            anchor = anchor[: len(anchor) - node.level + 1]
            base = ".".join([*anchor, base] if base else anchor)
        if base == "tradeguard":  # from tradeguard import audit: the imported names count
            for alias in node.names:
                self._add(f"tradeguard.{alias.name}", node.lineno)
        else:
            self._add(base, node.lineno)
        for alias in node.names:
            self._name(base, f"{base}.{alias.name}", node.lineno)


def _visits() -> list[tuple[str, str, _Imports]]:
    """(module, its file, the imports found in it) for every module of the package."""
    out = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = _module_name(path)
        visitor = _Imports(module, path.name == "__init__.py")
        visitor.visit(ast.parse(path.read_text(encoding="utf-8"), str(path)))
        out.append((module, path.relative_to(PACKAGE.parent).as_posix(), visitor))
    return out


VISITS = _visits()
MODULES = frozenset(module for module, _, _ in VISITS)
#: (importing module, imported module, file:line, runs) for every module of the package
IMPORTS = [
    (module, name, f"{where}:{line}", runs)
    for module, where, visitor in VISITS
    for name, line, runs in visitor.found
]


def _edges() -> list[tuple[str, str, str, str, bool]]:
    """Imports that cross from one unit to another: (from, to, module, file:line, runs)."""
    return [
        (_unit(module), _unit(name), module, where, runs)
        for module, name, where, runs in IMPORTS
        if name != "tradeguard" and _unit(module) != _unit(name)
    ]


def test_the_package_has_faces_a_service_and_a_composition_root() -> None:
    units = {_unit(m) for m, *_ in IMPORTS}
    assert FACES | {SERVICE, ROOT} <= units
    assert len(IMPORTS) > 500  # the walk sees function-level imports too


def test_faces_never_import_each_other() -> None:
    wrong = [
        f"{where}: {src} imports {dst}"
        for src, dst, _, where, _ in _edges()
        if src in FACES and dst in FACES
    ]
    assert not wrong, "\n".join(wrong)


def test_the_core_imports_no_face_no_service_and_not_the_root() -> None:
    above = FACES | {SERVICE, ROOT}
    wrong = [
        f"{where}: {src} imports {dst}"
        for src, dst, _, where, _ in _edges()
        if src not in above and dst in above
    ]
    assert not wrong, "\n".join(wrong)


def test_the_service_imports_no_face() -> None:
    wrong = [
        f"{where}: service imports {dst}"
        for src, dst, _, where, _ in _edges()
        if src == SERVICE and dst in FACES | {ROOT}
    ]
    assert not wrong, "\n".join(wrong)


def test_only_the_command_line_starts_the_composition_root() -> None:
    wrong = [
        f"{where}: {src} imports {dst}"
        for src, dst, _, where, _ in _edges()
        if dst == ROOT and src != "cli"
    ]
    assert not wrong, "\n".join(wrong)


def _package_cycles() -> dict[frozenset[str], list[str]]:
    """Every pair of units that import each other at run time, with where."""
    graph: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for src, dst, module, where, runs in _edges():
        if runs and not module.startswith(SCHEMA_COLLECTORS):
            graph[src][dst].append(where)
    cycles: dict[frozenset[str], list[str]] = {}
    for start in list(graph):
        # every unit reachable from start, with the path that reaches it
        seen = {start: [start]}
        todo = [start]
        while todo:
            here = todo.pop()
            for there in graph.get(here, {}):
                if there == start:
                    members = frozenset(seen[here])
                    cycles.setdefault(members, [" -> ".join([*seen[here], start])])
                elif there not in seen:
                    seen[there] = [*seen[here], there]
                    todo.append(there)
    return cycles


def test_no_import_cycle_between_packages() -> None:
    cycles = _package_cycles()
    new = {k: v for k, v in cycles.items() if k not in KNOWN_CYCLES}
    assert not new, "\n".join(f"cycle: {v[0]}" for v in new.values())
    gone = set(KNOWN_CYCLES) - set(cycles)
    assert not gone, f"broken since (drop from KNOWN_CYCLES): {sorted(map(sorted, gone))}"


Graph = dict[str, dict[str, list[str]]]


def _module_graph(visits: list[tuple[str, str, _Imports]], modules: frozenset[str]) -> Graph:
    """module -> the modules it imports when it runs -> where (file:line). Imports in functions
    count (they run when the function is called); imports under ``if TYPE_CHECKING:`` do not.
    ``from tradeguard.names import vocab`` imports the module ``tradeguard.names.vocab``,
    ``from tradeguard.store import Store`` the package ``tradeguard.store`` (its
    ``__init__``)."""
    graph: Graph = defaultdict(lambda: defaultdict(list))
    for module, where, visitor in visits:
        for found, name, line, runs in visitor.names:
            target = name if name in modules else found
            if runs and target in modules and target != module:
                graph[module][target].append(f"{where}:{line}")
    return graph


def _reachable(graph: Graph, start: str) -> dict[str, list[str]]:
    """Every module reachable from ``start``, with a shortest path to it (``start`` itself
    only when it reaches back to itself)."""
    seen: dict[str, list[str]] = {}
    todo = [(start, [start])]
    while todo:
        here, path = todo.pop(0)
        for there in graph.get(here, {}):
            if there not in seen:
                seen[there] = [*path, there]
                todo.append((there, [*path, there]))
    return seen


def _module_cycles(graph: Graph) -> dict[frozenset[str], str]:
    """Each set of modules that import one another (directly or round a longer loop), with
    one loop through it and the lines that make it."""
    reach = {module: _reachable(graph, module) for module in graph}
    cycles: dict[frozenset[str], str] = {}
    for module in sorted(graph):
        if module not in reach[module]:
            continue
        members = frozenset(
            {module} | {other for other in reach[module] if module in reach.get(other, {})}
        )
        if members not in cycles:
            loop = reach[module][module]
            cycles[members] = (
                " -> ".join(f"{a} ({graph[a][b][0]})" for a, b in itertools.pairwise(loop))
                + f" -> {module}"
            )
    return cycles


def test_no_import_cycle_between_modules() -> None:
    """Inside a package too, no module imports one that imports it back (a function-level
    import does not break a cycle, it hides it); a lazy import that only spares the command
    line's start-up is no cycle and is not reported."""
    cycles = _module_cycles(_module_graph(VISITS, MODULES))
    new = {k: v for k, v in cycles.items() if k not in KNOWN_MODULE_CYCLES}
    assert not new, "\n".join(f"cycle: {v}" for v in new.values())
    gone = set(KNOWN_MODULE_CYCLES) - set(cycles)
    assert not gone, f"broken since (drop from KNOWN_MODULE_CYCLES): {sorted(map(sorted, gone))}"


def test_the_module_graph_names_imported_modules_and_finds_a_hidden_cycle() -> None:
    a = _Imports("tradeguard.names.vocab", is_package=False)
    a.visit(ast.parse("def f():\n    from tradeguard.names import glossary, fold\n"))
    b = _Imports("tradeguard.names.glossary", is_package=False)
    b.visit(ast.parse("from tradeguard.names.vocab import vocabulary\n"
                      "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
                      "    from tradeguard.store import Store\n"))  # fmt: skip
    modules = frozenset({"tradeguard.names", "tradeguard.names.vocab",
                         "tradeguard.names.glossary", "tradeguard.store"})  # fmt: skip
    graph = _module_graph([("tradeguard.names.vocab", "v.py", a),
                           ("tradeguard.names.glossary", "g.py", b)], modules)  # fmt: skip
    assert {k: dict(v) for k, v in graph.items()} == {
        "tradeguard.names.vocab": {"tradeguard.names.glossary": ["v.py:2"],
                                   "tradeguard.names": ["v.py:2"]},
        "tradeguard.names.glossary": {"tradeguard.names.vocab": ["g.py:1"]},
    }  # fmt: skip
    assert list(_module_cycles(graph)) == [
        frozenset({"tradeguard.names.vocab", "tradeguard.names.glossary"})
    ]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("import tradeguard.api.app\n", ["tradeguard.api.app"]),
        ("def f():\n    from tradeguard.web import routes\n", ["tradeguard.web"]),
        ("from tradeguard import cli\n", ["tradeguard.cli"]),
        ("from .deps import Svc\n", ["tradeguard.api.deps"]),
    ],
)
def test_the_walk_sees_every_form_of_import(source: str, expected: list[str]) -> None:
    visitor = _Imports("tradeguard.api.routes", is_package=False)
    visitor.visit(ast.parse(source))
    assert [name for name, _, _ in visitor.found] == expected


def test_an_import_for_type_checking_only_does_not_run() -> None:
    visitor = _Imports("tradeguard.lists.status", is_package=False)
    visitor.visit(ast.parse("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
                            "    from tradeguard.store import Store\n"))  # fmt: skip
    assert visitor.found == [("tradeguard.store", 3, False)]
