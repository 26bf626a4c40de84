"""Rich rendering of decisions and audit summaries for people (``--json`` is for programs)."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table

from tradeguard.lists.consequences import list_info, ordered
from tradeguard.screening import features as ft
from tradeguard.shipments.decision import Decision
from tradeguard.shipments.parties import LEVELS

STYLE = {
    "PROHIBITED": "bold white on red",
    "LICENCE_REQUIRED": "bold black on yellow",
    "REVIEW": "bold black on cyan",
    "CLEAR": "bold white on green",
}
SEVERITY_STYLE = {
    "prohibited": "red",
    "licence_required": "yellow",
    "review": "cyan",
    "info": "dim",
}


def render_decision(console: Console, decision: Decision, *, show_info: bool = True) -> None:
    verdict = decision.verdict.value
    console.print(
        f"[{STYLE[verdict]}] {verdict} [/]  {decision.shipment_id or ''}  "
        f"{decision.exporting_jurisdiction or '—'} → {decision.destination}  as of {decision.as_of}"
    )
    table = Table(show_header=True, header_style="bold", expand=False)
    table.add_column("severity")
    table.add_column("code")
    table.add_column("reason", overflow="fold")
    table.add_column("legal basis", overflow="fold")
    for r in decision.reasons:
        if r.severity == "info" and not show_info:
            continue
        where = (
            f"item {r.item}: " if r.item is not None and not r.message.startswith("item ") else ""
        )
        table.add_row(
            f"[{SEVERITY_STYLE[r.severity]}]{r.severity}[/]",
            r.code,
            where + r.message,
            r.legal_basis,
        )
    console.print(table)
    for party in decision.parties:
        if party.matches:
            best = min(party.matches, key=lambda m: (LEVELS.get(m.level, 9), -m.score))
            console.print(
                f"  {party.role}: {party.name} ~ {best.caption} ({best.entity_id}, {best.list}) "
                f"score {ft.shown(best.score):.2f} [{best.level}]",
                highlight=False,
            )
            for ms in ordered(best.memberships, decision.exporting_jurisdiction):
                info = list_info(str(ms["list"]))
                programs = f" — {', '.join(ms['programs'])}" if ms.get("programs") else ""
                console.print(
                    f"    {info.name()} ({ms.get('source_id') or ms['entity_id']}): "
                    f"{info.consequence()}{programs}",
                    highlight=False,
                    markup=False,
                )
    for item in decision.items:
        entries = (
            ", ".join(e.code + (" (declared)" if e.declared else "") for e in item.entries) or "—"
        )
        state = {True: "controlled", False: "not controlled", None: "undecided"}[item.controlled]
        console.print(
            f"  item {item.line}: {item.description or ''} HS {item.hs or '—'}: {state}; {entries}"
        )
    console.print(
        f"[dim]policy {decision.policy_version}; lists: "
        + (
            ", ".join(f"{v['list']}@{str(v.get('sha256', ''))[:8]}" for v in decision.list_versions)
            or "none"
        )
        + (
            f"; knowledge base {decision.knowledge_base_version}"
            if decision.knowledge_base_version
            else ""
        )
        + "[/]"
    )


def render_audit_summary(console: Console, summary: dict[str, Any]) -> None:
    verdicts = summary["verdicts"]
    console.print(
        f"{summary['declarations']} declarations: "
        + ", ".join(f"{k} {v}" for k, v in verdicts.items())
        + f"; unauthorised exports {summary['unauthorised']}; invalid {summary['invalid']}"
    )
    if summary.get("exporter_from_settings"):
        console.print(
            f"{summary['exporter_from_settings']} declarations name no exporter: the "
            "organisation's own record from its settings (TRADEGUARD_ORG_NAME) stood in"
        )
    if summary.get("exporter_not_declared"):
        console.print(
            f"{summary['exporter_not_declared']} declarations name no exporter and no "
            "organisation record is set (TRADEGUARD_ORG_NAME): REVIEW"
        )
    for key, title in (
        ("by_regime", "regime"),
        ("by_entry", "control entry"),
        ("by_destination", "destination"),
    ):
        data = summary.get(key, {})
        if not data:
            continue
        table = Table(title=f"by {title}", show_header=True, header_style="bold")
        table.add_column(title)
        cats = sorted(data)
        for cat in cats:
            table.add_column(cat, justify="right")
        names = sorted(
            {n for c in data.values() for n in c},
            key=lambda n: -sum(data[c].get(n, 0) for c in cats),
        )
        for name in names[:15]:
            table.add_row(name, *[str(data[c].get(name, 0)) for c in cats])
        console.print(table)
    customs = summary.get("kr_customs")
    if customs:
        console.print(
            f"Korean declarations whose HS code can cover a strategic item: {customs['strategic_hs']}; "
            f"without a licence, classification or exemption-report number: "
            f"{customs['without_number']} ({customs.get('penalty', '')})"
        )
        for key, title in (
            ("by_year", "year"),
            ("by_category", "goods category"),
            ("by_destination", "destination"),
        ):
            if customs.get(key):
                console.print(
                    f"  by {title}: " + ", ".join(f"{k} {v}" for k, v in customs[key].items())
                )
