"""pyproject.toml declares what tradeguard imports, and nothing else.

The top-level imports of every module under ``tradeguard/`` (standard library and tradeguard
itself aside) are mapped to the distributions that provide them with
``importlib.metadata.packages_distributions()``; each must be declared in
``[project].dependencies``, and each declared distribution must provide one of them — unless it
is listed in ``NOT_IMPORTED`` with the reason it is needed all the same.
"""

from __future__ import annotations

import ast
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
#: Declared distributions tradeguard needs without importing them, and why.
NOT_IMPORTED = {
    "python-multipart": "FastAPI parses form fields and file uploads with it",
    "tzdata": "zoneinfo reads the IANA time zones from it on a machine without zone data",
}
#: Distributions whose next major version is known to change what we use: an upper bound each.
MUST_BE_BOUNDED = ("followthemoney", "rigour")


def declared(extra: str | None = None) -> list[Requirement]:
    """``[project].dependencies``, or the named optional dependencies."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    specs = project["dependencies"] if extra is None else project["optional-dependencies"][extra]
    return [Requirement(spec) for spec in specs]


def imported(folder: str = "tradeguard") -> dict[str, set[str]]:
    """Top-level module name -> the files of ``folder`` that import it (absolute imports of
    third-party modules only: the folder's own modules aside)."""
    own = {p.stem for p in (ROOT / folder).glob("*.py")}
    out: dict[str, set[str]] = {}
    for path in sorted((ROOT / folder).rglob("*.py")):
        tree = ast.parse(path.read_text("utf-8"), str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top != "tradeguard" and top not in sys.stdlib_module_names and top not in own:
                    out.setdefault(top, set()).add(str(path.relative_to(ROOT)))
    return out


def test_no_distribution_is_declared_twice() -> None:
    names = [canonicalize_name(r.name) for r in declared()]
    twice = sorted({n for n in names if names.count(n) > 1})
    assert not twice, f"declared more than once in pyproject.toml: {', '.join(twice)}"


def test_every_import_is_declared() -> None:
    names = {canonicalize_name(r.name) for r in declared()}
    providers = packages_distributions()
    missing = []
    for module, files in sorted(imported().items()):
        dists = {canonicalize_name(d) for d in providers.get(module, [])}
        assert dists, f"no installed distribution provides {module!r} (imported in {min(files)})"
        if not dists & names:
            missing.append(f"{module} ({'/'.join(sorted(dists))}), imported in {min(files)}")
    assert not missing, "imported but not declared in pyproject.toml:\n" + "\n".join(missing)


def test_every_declared_distribution_is_imported() -> None:
    providers = packages_distributions()
    provided = {
        canonicalize_name(dist) for module in imported() for dist in providers.get(module, [])
    }
    unused = sorted(
        r.name
        for r in declared()
        if canonicalize_name(r.name) not in provided and r.name not in NOT_IMPORTED
    )
    assert not unused, f"declared in pyproject.toml but never imported: {', '.join(unused)}"


def test_followthemoney_and_rigour_have_upper_bounds() -> None:
    by_name = {canonicalize_name(r.name): r for r in declared()}
    for name in MUST_BE_BOUNDED:
        specifier = by_name[name].specifier
        assert any(s.operator in ("<", "<=", "~=", "==") for s in specifier), (
            f"{name} has no upper bound in pyproject.toml ({specifier})"
        )


def test_benchmarks_and_tools_imports_are_declared() -> None:
    """What the scripts under benchmarks/ and tools/ import is a dependency or in the bench
    extra (installed with ``pip install -e '.[bench]'``)."""
    names = {canonicalize_name(r.name) for r in [*declared(), *declared("bench")]}
    providers = packages_distributions()
    missing = []
    for folder in ("benchmarks", "tools"):
        for module, files in sorted(imported(folder).items()):
            dists = {canonicalize_name(d) for d in providers.get(module, [module])}
            if not dists & names:
                missing.append(f"{module}, imported in {min(files)}")
    assert not missing, "not declared (dependencies or the bench extra):\n" + "\n".join(missing)


def test_tests_imports_are_declared() -> None:
    """What the tests import is a dependency or in the dev extra (``make test`` installs
    ``.[dev]`` into a fresh environment, so anything else is missing in CI)."""
    names = {canonicalize_name(r.name) for r in [*declared(), *declared("dev")]}
    providers = packages_distributions()
    missing = []
    for module, files in sorted(imported("tests").items()):
        if module == "tests":
            continue
        dists = {canonicalize_name(d) for d in providers.get(module, [module])}
        if not dists & names:
            missing.append(f"{module}, imported in {min(files)}")
    assert not missing, "not declared (dependencies or the dev extra):\n" + "\n".join(missing)
