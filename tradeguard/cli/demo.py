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


# The three materials of Japan's July 2019 export measure against Korea, as an exporter declares them.
DISPUTE_MATERIALS: tuple[tuple[str, str | None, dict[str, str]], ...] = (
    (
        "Anhydrous hydrogen fluoride (etching gas), 99.99 %",
        "7664-39-3",
        {"concentration_pct": "99.99"},
    ),
    ("Hydrofluoric acid 25 % solution", "7664-39-3", {"concentration_pct": "25"}),
    ("Fluorinated polyimide varnish for flexible OLED displays", None, {"fluorine_pct": "18 %"}),
    ("Polyimide film, non-fluorinated", None, {"polymer_type": "polyimide", "fluorine_pct": "0"}),
    ("EUV photoresist (13.5 nm)", None, {"resist_tone": "positive"}),
    ("ArF immersion photoresist, positive tone", None, {}),
    ("KrF photoresist, positive tone", None, {}),
)


def section_items(console: Console, store: Store) -> None:
    """Classify the 2019 Japan-Korea dispute materials: which are listed, under which entry."""
    from tradeguard.items import classify, knowledge_base_version

    console.print(Rule("Item classification: the 2019 Japan-Korea materials"))
    for text, cas, params in DISPUTE_MATERIALS:
        result = classify(text, cas=cas, params=params)
        verdict = {
            True: "[red]controlled[/]",
            False: "[green]not controlled[/]",
            None: "[yellow]undecided[/]",
        }
        codes = [e for e in result.entries if e.status == "controlled"]
        where = ", ".join(f"{e.code} ({', '.join(e.regimes)})" for e in codes)
        console.print(f"[bold]{text}[/]: {verdict[result.controlled]} {where}")
        shown = codes[:1] or [e for e in result.entries if e.status != "suggestion"][:1]
        for e in shown:
            console.print(f"  [dim]{e.code}: {e.why[:300]}[/]")
    us = classify(
        "hydrogen fluoride", cas="7664-39-3", params={"concentration_pct": 30}, jurisdiction="US"
    )
    eu = classify("hydrogen fluoride", cas="7664-39-3", params={"concentration_pct": 30})
    console.print(
        f"HF at exactly 30 %: EU {'controlled' if eu.controlled else 'not controlled'} (Note 3: more "
        f"than 30 %), US {'controlled' if us.controlled else 'not controlled'} "
        f"(1C350.d.15: 30 % or more)"
    )
    console.print(f"[dim]knowledge base {knowledge_base_version()}[/]")


# Seed parties as a counterparty file writes them: other romanizations, Hangul, legal forms.
SEED_PARTIES: tuple[tuple[str, str | None], ...] = (
    ("Korea Ryonbong General Corp.", "Organization"),
    ("조선련봉총회사", None),
    ("Ryon-bong", None),
    ("Korea Int'l Chemical JV Co., Ltd.", "Organization"),
    ("Lyongaksan General Trading", "Organization"),
    ("KOREA MINING DEVELOPMENT TRADING CO", "Organization"),
    ("Acme Precision Machinery Co., Ltd.", "Organization"),
)


def section_screening(console: Console, store: Store) -> None:
    """Screen the seed parties as they appear in a counterparty file, with explanations."""
    from tradeguard.cli.render.screening import reasons
    from tradeguard.screening import Query, Screener

    console.print(Rule("Party screening: the seed parties"))
    screener = Screener.from_store(store)
    for name, schema in SEED_PARTIES:
        matches = screener.screen(Query(name, schema), limit=2)
        if not matches:
            console.print(f"[bold]{name}[/] → [green]no match[/] (threshold {screener.threshold})")
            continue
        for match in matches:
            console.print(
                f"[bold]{name}[/] → {match.score:.2f} {match.caption} [dim]{match.entity_id}[/] "
                f"via {match.matched_name!r}: {reasons(match.explanation)}",
                highlight=False,
            )


def section_network(console: Console, store: Store) -> None:
    """Through whom: the press-reported Tokyo firm → UN-designated joint venture (bundled
    press-sourced dataset, traced against the loaded UN list)."""
    from tradeguard.cli.render.network import render_exposure
    from tradeguard.service import Service

    console.print(Rule("Through whom: exposure of International Trading (press-sourced case)"))
    traced = Service(store).exposure("International Trading", depth=2)
    if traced.exposure is not None:
        render_exposure(console, traced.body().data())


# Motivating shipments (examples/shipments/ in the repository) and the dates to evaluate them on.
DEMO_SHIPMENTS: tuple[tuple[str, str | None], ...] = (
    ("jp-kr-hydrogen-fluoride.yaml", "2019-06-01"),
    ("jp-kr-hydrogen-fluoride.yaml", "2019-09-01"),
    ("cn-kp-machinery.yaml", None),
    ("kp-seafood.yaml", None),
    ("jp-cn-kicjvc-alias.yaml", None),
    ("jp-us-office-furniture.yaml", None),
)


def section_shipments(console: Console, store: Store) -> None:
    from datetime import date
    from pathlib import Path

    from tradeguard.cli.render.shipments import render_decision
    from tradeguard.service import Service
    from tradeguard.shipments import load_shipment

    console.print(Rule("Shipment decisions"))
    examples = Path(__file__).resolve().parents[2] / "examples" / "shipments"
    if not examples.is_dir():
        console.print("[yellow]examples/shipments/ not found (run the demo from a clone)[/]")
        return
    service = Service(store)  # decided as `evaluate` decides, without its records and cases
    for name, as_of in DEMO_SHIPMENTS:
        shipment = load_shipment(examples / name)
        when = date.fromisoformat(as_of) if as_of else None
        console.print(f"[bold]{name}[/]" + (f"  --as-of {as_of}" if as_of else ""))
        render_decision(console, service.shipment_decision(shipment, when), show_info=False)


SECTIONS: list[Callable[[Console, Store], None]] = [
    section_lists,
    section_seed_entities,
    section_screening,
    section_items,
    section_network,
    section_shipments,
]


def run_demo(console: Console, open_store: Callable[[], Store]) -> None:
    store = open_store()
    for section in SECTIONS:
        section(console, store)
