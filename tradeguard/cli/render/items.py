"""Rich rendering of a :class:`Classification` for the command line (presentation only)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from tradeguard.items.classifier import Classification

_VERDICT = {
    True: "[bold red]CONTROLLED[/]",
    False: "[bold green]NOT CONTROLLED[/]",
    None: "[bold yellow]UNDECIDED[/]",
}
_STATUS = {
    "controlled": "[red]controlled[/]",
    "not_controlled": "[green]not met[/]",
    "undecided": "[yellow]undecided[/]",
    "suggestion": "[dim]suggestion[/]",
}


def render_classification(console: Console, result: Classification, title: str = "") -> None:
    head = f"{title}: " if title else ""
    console.print(f"{head}{_VERDICT[result.controlled]}  [dim]{result.why}[/]")
    if result.read_as:
        console.print(f"  read as: {'; '.join(result.read_as)}", markup=False)
    if result.missing_parameters:
        console.print(f"  missing: [bold]{', '.join(result.missing_parameters)}[/]")
    if not result.entries:
        return
    table = Table(box=None, pad_edge=False, show_edge=False)
    for col in ("entry", "status", "conf.", "regimes", "title / why"):
        table.add_column(col, overflow="fold")
    for e in result.entries:
        code = e.code + (f"\n[dim]{e.national_code}[/]" if e.national_code else "")
        if e.jp is not None:
            code += f"\n[dim]{e.jp.get('label_ja') or 'JP unmapped'}[/]"
        table.add_row(
            code,
            _STATUS[e.status],
            f"{e.confidence:.2f}",
            ", ".join(e.regimes),
            f"{e.title}\n[dim]{e.why}[/]",
        )
    console.print(table)
    console.print(
        f"[dim]jurisdiction {result.jurisdiction}, knowledge base {result.knowledge_base_version}[/]"
    )
