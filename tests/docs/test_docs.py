"""The documentation site against the code: every command and option, environment variable,
runtime setting and route is documented, and the pages' ``console`` examples run.

The pages are the Markdown files under ``docs/``. A command counts as documented when a line of
a page names it in full (``tradeguard lists load``), and each of its options when it appears on
such a line (a synopsis or an example); an environment variable and a runtime setting when
``docs/settings.md`` names it; a route when a line of a page names its method and its path
(path parameters may be named differently). The API reference page is generated at build time
and does not count.

Examples: in a fenced block marked ``console`` (in these pages and in ``README.md``), each line
``$ tradeguard ...`` is run in order, page by page, in a fresh data directory, from a directory where ``tests/`` and ``examples/``
are the repository's; it must exit 0, or the code the line ends with (``# exit 2``).
"""

from __future__ import annotations

import ast
import re
import shlex
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from tradeguard.cli import app
from tradeguard.errors import TradeguardError

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
GENERATED = {"api.md"}
#: What a prompt for a password is answered with (twice: the entry and its confirmation).
PASSWORD = "correct horse battery staple 42"
EXIT = re.compile(r"\s+#\s*exit\s+(\d+)\s*$")
#: The pages that must hold at least one example that runs.
PAGES_WITH_EXAMPLES = (
    "lists.md",
    "screening.md",
    "items.md",
    "policy.md",
    "network.md",
    "server.md",
    "batch.md",
    "web.md",
)


def pages() -> dict[str, str]:
    """The hand-written pages by file name."""
    return {
        p.name: p.read_text("utf-8") for p in sorted(DOCS.glob("*.md")) if p.name not in GENERATED
    }


def example_pages() -> dict[str, str]:
    """The pages whose examples run: the site's and the README."""
    return {**pages(), "README.md": (ROOT / "README.md").read_text("utf-8")}


def doc_lines() -> list[str]:
    return [line for text in pages().values() for line in text.splitlines()]


# -- commands and options ----------------------------------------------------------------------


@dataclass(frozen=True)
class Command:
    path: str  # "tradeguard lists load"
    options: tuple[tuple[str, ...], ...]  # each option's spellings: ("-o", "--output")


def commands() -> list[Command]:
    """Every command the user can run, with its options (Typer's own --help excluded)."""
    out: list[Command] = []

    def walk(cmd: Any, path: str) -> None:
        subs = getattr(cmd, "commands", None)
        if subs:
            for name, sub in subs.items():
                walk(sub, f"{path} {name}")
            return
        options = tuple(
            tuple(param.opts) + tuple(param.secondary_opts)
            for param in cmd.params
            if getattr(param, "param_type_name", "") == "option" and "--help" not in param.opts
        )
        out.append(Command(path, options))

    walk(typer.main.get_command(app), "tradeguard")
    return out


def mentions(path: str, lines: list[str]) -> list[str]:
    pattern = re.compile(re.escape(path) + r"(?![\w-])")
    return [line for line in lines if pattern.search(line)]


def test_commands_are_found() -> None:
    paths = {c.path for c in commands()}
    assert {"tradeguard screen", "tradeguard lists load", "tradeguard audit verify"} <= paths


def test_every_command_and_option_is_documented() -> None:
    lines = doc_lines()
    missing: list[str] = []
    for command in commands():
        found = mentions(command.path, lines)
        if not found:
            missing.append(f"command `{command.path}`")
            continue
        words = {w for line in found for w in re.split(r"[\s`\[\]|(),=]+", line)}
        for spellings in command.options:
            if not words & set(spellings):
                missing.append(f"option {'/'.join(spellings)} of `{command.path}`")
    assert not missing, "not documented in docs/*.md:\n" + "\n".join(missing)


# -- environment variables and runtime settings -------------------------------------------------


def environment_variables() -> set[str]:
    """Every ``TRADEGUARD_*`` name written as a string in the code, tests, tools, benchmarks."""
    names: set[str] = set()
    for folder in ("tradeguard", "tests", "tools", "benchmarks"):
        for path in (ROOT / folder).rglob("*.py"):
            source = path.read_text("utf-8")
            if "TRADEGUARD_" not in source:
                continue
            for node in ast.walk(ast.parse(source, str(path))):
                if isinstance(node, ast.Constant) and isinstance(node.value, str):
                    names.update(re.findall(r"\bTRADEGUARD_[A-Z0-9_]+\b", node.value))
    return names


def test_every_environment_variable_is_documented() -> None:
    found = environment_variables()
    assert {"TRADEGUARD_HOME", "TRADEGUARD_DATABASE_URL", "TRADEGUARD_MAX_SHRINK"} <= found
    settings = (DOCS / "settings.md").read_text("utf-8")
    missing = sorted(n for n in found if not re.search(rf"`{n}`", settings))
    assert not missing, f"not documented in docs/settings.md: {', '.join(missing)}"


def test_every_runtime_setting_is_documented() -> None:
    from tradeguard.cases.config import SETTINGS

    settings = (DOCS / "settings.md").read_text("utf-8")
    missing = sorted(key for key in SETTINGS if f"`{key}`" not in settings)
    assert not missing, f"not documented in docs/settings.md: {', '.join(missing)}"


# -- routes -------------------------------------------------------------------------------------


def routes(tmp_path: Path) -> set[tuple[str, str]]:
    """(method, path) of every route of the server, the web pages and mounts included."""
    from tradeguard.server import create_app
    from tradeguard.store import Store

    store = Store.open(f"sqlite:///{tmp_path / 'routes.db'}")
    try:
        application = create_app(store, schedule=False, warm=False)
    finally:
        store.close()
    found: set[tuple[str, str]] = set()

    def walk(items: list[Any]) -> None:
        for route in items:
            inner = getattr(route, "original_router", None)  # routers included lazily
            if inner is not None:
                walk(inner.routes)
                continue
            methods = getattr(route, "methods", None) or {"GET"}
            for method in methods - {"HEAD"}:
                found.add((method, route.path))

    walk(application.routes)
    return found


def normalise(text: str) -> str:
    return re.sub(r"\{[^}/]*\}", "{}", text)


def test_every_route_is_documented(tmp_path: Path) -> None:
    found = routes(tmp_path)
    assert ("POST", "/screen") in found and ("GET", "/ui/") in found
    lines = [normalise(line) for line in doc_lines()]
    missing = []
    for method, path in sorted(found, key=lambda r: (r[1], r[0])):
        pattern = re.compile(re.escape(normalise(path)) + r"(?![\w/{.-])")
        method_word = re.compile(rf"\b{method}\b")
        if not any(pattern.search(line) and method_word.search(line) for line in lines):
            missing.append(f"{method} {path}")
    assert not missing, "routes not documented in docs/*.md:\n" + "\n".join(missing)


# -- the examples -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Example:
    page: str
    line: int
    args: tuple[str, ...]
    exit_code: int


def examples(name: str, text: str) -> Iterator[Example]:
    fence: str | None = None
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if stripped.startswith("```"):
            fence = None if fence is not None else stripped[3:].strip()
            continue
        if fence == "console" and stripped.startswith("$ tradeguard "):
            command = stripped[2:]
            code = 0
            if m := EXIT.search(command):
                code = int(m.group(1))
                command = command[: m.start()]
            args = shlex.split(command, comments=True)
            yield Example(name, number, tuple(args[1:]), code)


def test_pages_have_examples() -> None:
    have = {e.page for name, text in example_pages().items() for e in examples(name, text)}
    wanted = {*PAGES_WITH_EXAMPLES, "README.md"}
    assert wanted <= have, f"no console example in {sorted(wanted - have)}"


@pytest.mark.slow  # 3 to 20 s a page: each runs its commands on a new store
@pytest.mark.parametrize(
    "page", sorted(n for n, t in example_pages().items() if any(examples(n, t)))
)
def test_examples_run(page: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    work = tmp_path / "work"
    work.mkdir()
    for folder in ("tests", "examples"):
        (work / folder).symlink_to(ROOT / folder, target_is_directory=True)
    monkeypatch.chdir(work)
    monkeypatch.setenv("COLUMNS", "160")
    runner = CliRunner()
    where = page if page == "README.md" else f"docs/{page}"
    for example in examples(page, example_pages()[page]):
        result = runner.invoke(app, list(example.args), input=f"{PASSWORD}\n{PASSWORD}\n")
        code = result.exit_code
        if isinstance(result.exception, TradeguardError):
            code = result.exception.exit_code
        elif result.exception is not None and not isinstance(result.exception, SystemExit):
            raise AssertionError(
                f"{where}:{example.line}: tradeguard {shlex.join(example.args)} raised"
            ) from result.exception
        assert code == example.exit_code, (
            f"{where}:{example.line}: tradeguard {shlex.join(example.args)} exited {code}, "
            f"the page says {example.exit_code}\n{result.output[-2000:]}"
        )


def test_changelog_names_the_current_screening_algorithm() -> None:
    from tradeguard.screening.entries import ALGORITHM, ALGORITHM_VERSION

    changelog = (DOCS / "changelog.md").read_text("utf-8")
    assert f"`{ALGORITHM}`, now {ALGORITHM_VERSION})" in changelog, "docs/changelog.md: version"
    assert f"\n| {ALGORITHM_VERSION} | " in changelog, (
        f"docs/changelog.md: no row for screening algorithm {ALGORITHM_VERSION}"
    )
