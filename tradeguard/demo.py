"""The main job on the embedded default (``tradeguard demo`` / ``make demo``).

It loads the bundled snapshot of the official lists into the store, shows their status, and runs
each core job on the seed cases. Every section is a thin use of the core library.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.console import Console
from rich.rule import Rule

from tradeguard.lists.status import list_status
from tradeguard.store import Store

# Seed entities of the motivating cases, looked up in the loaded lists.
SEED_ENTITIES: tuple[tuple[str, str], ...] = (
    ("un_sc", "Korea International Chemical Joint Venture Company"),
    ("un_sc", "Korea Ryonbong General Corporation"),
    ("un_sc", "Lyongaksan General Trading Corporation"),
    ("un_sc", "Korea Mining Development Trading Corporation"),
)


def section_lists(console: Console, store: Store) -> None:
    console.print(Rule("Lists loaded"))
    for row in list_status(store):
        v = row.version
        counts = ", ".join(f"{k} {n}" for k, n in v.counts.items())
        console.print(
            f"{v.list:<14} version {v.id:<3} published {(v.published_at or '—')[:10]}  "
            f"{v.entity_count:>6} entries ({counts})"
        )
        if row.warning:
            console.print(f"  [yellow]{row.warning}[/]")


def section_seed_entities(console: Console, store: Store) -> None:
    """Exact lookup of the seed names (any name kind) in the loaded lists."""
    console.print(Rule("Seed entities"))
    wanted = {caption.casefold(): list_id for list_id, caption in SEED_ENTITIES}
    found: dict[str, tuple[str, str]] = {}
    for entity in store.iter_current_entities(sorted(set(wanted.values()))):
        for name in entity.names:
            key = name.value.casefold()
            if key in wanted and key not in found:
                found[key] = (entity.id, f"{name.kind} name")
                console.print(
                    f"[bold]{name.value}[/] → {entity.caption} [dim]{entity.id}[/] "
                    f"({name.kind}; {', '.join(entity.programs)}; listed {entity.listed_on or '—'})"
                )
    for list_id, caption in SEED_ENTITIES:
        if caption.casefold() not in found:
            console.print(f"[red]not found in {list_id}:[/] {caption}")


SECTIONS: list[Callable[[Console, Store], None]] = [section_lists, section_seed_entities]


def run_demo(console: Console, open_store: Callable[[], Store]) -> None:
    store = open_store()
    for section in SECTIONS:
        section(console, store)
