"""Rich renderings of network results for the command line (presentation only)."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.markup import escape


def _hop_line(hop: dict[str, Any]) -> str:
    arrow = "→" if hop["direction"] == "forward" else "←"
    share = f" {hop['share_pct']:g} %" if hop.get("share_pct") is not None else ""
    dates = ""
    if hop.get("start_date") or hop.get("end_date"):
        dates = f" [{hop.get('start_date') or '?'} – {hop.get('end_date') or ''}]"
    label = hop["role"] or hop["kind"]
    return (
        f"{arrow} {escape(hop['to_name'])} ({hop['to_node']})  "
        f"[dim]{hop['kind']}{share}: {escape(label)}{dates}; {hop['provenance']}: "
        f"{escape(hop.get('source') or '—')}[/]"
    )


def render_candidates(console: Console, data: dict[str, Any]) -> None:
    """The parties a loose name may mean, best first, with the id to trace each by."""
    console.print(
        f"{escape(data['query'])!r} names no party exactly; the parties it may mean "
        "(trace one by its id):"
    )
    for c in data["candidates"]:
        country = f" ({c['country']})" if c["country"] else ""
        lists = ", ".join(c["lists"]) or "on no list"
        console.print(
            f"  {c['id']}  {escape(c['name'])}{country}  [dim]{lists}; "
            f"name likeness {c['score']} %[/]",
            soft_wrap=True,
        )


def render_exposure(console: Console, data: dict[str, Any]) -> None:
    node = data["node"]
    lists = f"  on {', '.join(node['lists'])}" if node["lists"] else "  (on no loaded list)"
    console.print(f"[bold]{escape(node['name'])}[/] ({node['id']}){lists}")
    verdict = "[red]EXPOSED[/]" if data["exposed"] else "[green]no exposure found[/]"
    console.print(f"{verdict} (depth {data['depth']}): {escape(data['summary'])}")
    for n, path in enumerate(data["paths"], 1):
        target = path["target"]
        flags = []
        if path["historical"]:
            flags.append("historical: a relation on the path has ended")
        if path["through_designated"]:
            flags.append("through another designated entity")
        extra = f"  [yellow]({'; '.join(flags)})[/]" if flags else ""
        console.print(
            f"\n[bold]path {n}[/] → [red]{escape(target['name'])}[/] ({target['id']}; "
            f"{', '.join(target['lists'])}; {', '.join(target['programs'])}){extra}"
        )
        for depth, hop in enumerate(path["hops"]):
            console.print("  " * (depth + 1) + _hop_line(hop))
    if data["truncated"]:
        console.print("[yellow]more paths exist; use --depth or --json[/]")
    ofac = data["ofac_50"]
    if ofac.get("designated"):
        status = "[red]blocked in its own right[/] (designated on a blocking list)"
    else:
        status = "[red]blocked[/]" if ofac["blocked"] else "not blocked"
    console.print(f"\n[bold]OFAC 50 % rule:[/] {status} — {escape(ofac['computation'])}")
    for row in ofac["owners"]:
        mark = "counted" if row["counted"] else "not counted"
        console.print(
            f"  {row['share_pct']:g} % held by {escape(row['owner_name'])} ({row['owner']}): "
            f"{row['owner_status']}, {mark}"
        )
    if ofac.get("note"):
        console.print(f"  [yellow]{escape(ofac['note'])}[/]")
    eu = data["eu_ownership_or_control"]
    console.print(f"[bold]EU ownership or control:[/] {'[red]yes[/]' if eu['flag'] else 'no'}")
    for reason in eu["reasons"]:
        console.print(
            f"  {escape(reason['controller_name'])} ({reason['controller']}): "
            f"{escape(reason['basis'])}"
        )
