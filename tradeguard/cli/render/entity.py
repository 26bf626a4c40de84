"""Rich renderings of core results for the command line (presentation only)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from tradeguard.lists.lookup import EntityReport
from tradeguard.network.resolve import ClusterReport


def render_entity(console: Console, report: EntityReport) -> None:
    e = report.entity.to_dict()
    console.print(f"[bold]{report.caption}[/]  ({e['id']}, {e['schema']})")
    table = Table(show_header=False, box=None, pad_edge=False)
    table.add_column(style="dim")
    table.add_column()
    for name in e["names"]:
        script = f" [{name['script']}]" if name.get("script") else ""
        table.add_row(name["kind"], f"{name['value']}{script}")
    for label, key in (
        ("birth date", "birth_dates"),
        ("birth place", "birth_places"),
        ("nationality", "nationalities"),
        ("country", "countries"),
        ("position", "positions"),
        ("programme", "programs"),
    ):
        for value in e.get(key, []):
            table.add_row(label, str(value))
    for ident in e["identifiers"]:
        extra = ", ".join(x for x in (ident.get("country"), ident.get("note")) if x)
        table.add_row(ident["type"], ident["value"] + (f" ({extra})" if extra else ""))
    for addr in e["addresses"]:
        table.add_row("address", addr["full"])
    for rel in e["relations"]:
        target = rel.get("target_id") or rel.get("target_name") or "?"
        share = f" {rel['share_pct']}%" if rel.get("share_pct") is not None else ""
        table.add_row(rel["schema"], f"{rel['role']}{share}: {target}")
    if e.get("listed_on"):
        table.add_row("listed on", e["listed_on"])
    if e.get("remarks"):
        table.add_row("remarks", e["remarks"])
    console.print(table)
    for m in report.memberships:
        console.print(
            f"[dim]list[/] {m.list} {m.source_id} — version {m.version_id} "
            f"(published {m.published_at or '—'}, sha256 {m.sha256[:12]})"
        )
    links = report.cluster.links if isinstance(report, ClusterReport) else []
    for link in links:
        state = "same entity" if link.counts else "possible link"
        console.print(
            f"[dim]{state}[/] {link.other(e['id'])} — link {link.id}, {link.method} "
            f"{link.confidence:.2f}, {link.status}: {'; '.join(link.evidence)}"
        )
