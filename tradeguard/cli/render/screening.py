"""Rich tables of screening results, for the command line."""

from __future__ import annotations

from typing import Any

from rich.table import Table

from tradeguard.screening import features as ft
from tradeguard.screening.model import Match, Query


def reasons(explanation: dict[str, Any]) -> str:
    """One line: which words met how, which did not, and each secondary feature's effect."""
    parts = []
    name = explanation.get("name") or {}
    for token in name.get("tokens", []):
        if token["how"] == "exact":
            parts.append(token["query"])
        else:
            parts.append(f"{token['query']}≈{token['candidate']} ({token['how']})")
    missing = [t["token"] for t in name.get("unmatched_query", [])]
    if missing:
        parts.append("not in entry: " + " ".join(missing))
    for feature in explanation.get("features", []):
        # in words: "birth date 1941 contradicts 1971-05-23: a namesake, below the alert
        # threshold (-0.37)"
        said = str(feature.get("detail") or feature["feature"])
        effect = float(feature.get("effect") or 0)
        # an effect that rounds to 0.00 is not shown as one ("+0.00", "-0.00")
        parts.append(said if round(effect, 2) == 0 else f"{said} ({effect:+.2f})")
    return "; ".join(parts)


def matches_table(query: Query, matches: list[Match]) -> Table:
    table = Table(title=f"Screening {query.name!r}: {len(matches)} match(es)")
    for column in ("score", "entity", "schema", "matched name", "programs", "why"):
        table.add_column(column, overflow="fold")
    for m in matches:
        table.add_row(
            f"{ft.shown(m.score):.2f}",
            party_cell(m),
            m.schema,
            m.matched_name,
            ", ".join(list(m.programs)[:3]),
            reasons(m.explanation),
        )
    return table


def party_cell(m: Match) -> str:
    """The party as every path names it: its first entry (the UN's before its copies), the
    entry whose name matched when another, and the party's other lists in the same order."""
    party = m.party_id or m.entity_id
    others = list(dict.fromkeys(x["list"] for x in m.memberships if x["entity_id"] != party))
    via = f" (matched {m.entity_id})" if m.entity_id != party else ""
    return party + via + (f"; same party on {', '.join(others)}" if others else "")


def screened_line(lists: list[dict[str, Any]]) -> str:
    """The lists a screening was run against, with their publication dates."""
    used = [f"{x['list']} ({x.get('published_at') or 'date not stated'})" for x in lists]
    return f"Screened against: {', '.join(used) or 'no list'}"


def comparison_table(result: dict[str, Any]) -> Table:
    explanation = result["explanation"]
    table = Table(
        title=f"{result['name_a']!r} vs {result['name_b']!r}: score {result['score']:.2f} "
        f"({'match' if result['match'] else 'no match'} at {result['threshold']})"
    )
    for column in ("name A", "name B", "similarity", "how", "weight"):
        table.add_column(column)
    for token in explanation["tokens"]:
        table.add_row(
            token["query"],
            token["candidate"],
            f"{token['similarity']:.2f}",
            token["how"],
            f"{token['weight']:.2f}",
        )
    for token in explanation["unmatched_query"]:
        table.add_row(token["token"], "", "0", "unmatched", f"{token['weight']:.2f}")
    for token in explanation["unmatched_candidate"]:
        table.add_row("", token["token"], "0", "unmatched", f"{token['weight']:.2f}")
    return table
