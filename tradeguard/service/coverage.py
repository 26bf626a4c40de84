"""Which lists a screening used: every answer names the lists it screened against (with
their publication dates) and warns when lists a default install has are not loaded (a store
holding a list loaded by hand never gets the bundled snapshot, so a party designated only on a
missing list finds nothing). A list id the store does not hold is refused: screening "only
these lists" with an unknown id would screen nothing and answer "no match"."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from tradeguard.errors import InputError


def default_lists() -> list[str]:
    """The lists a default install has: those of the bundled snapshot."""
    from tradeguard.lists.snapshot import manifest

    return sorted({item.list for item in manifest()})


def check_asked(asked: Sequence[str] | None, loaded: Iterable[str], field: str = "lists") -> None:
    """Refuse list ids the store does not hold, naming the ones it does (and the ids of
    the default install that are not loaded)."""
    if not asked:
        return
    held = sorted(set(loaded))
    unknown = [x for x in dict.fromkeys(asked) if x not in held]
    if not unknown:
        return
    known = sorted((set(default_lists()) | set(_described())) - set(held))
    label = "unknown list id" if all(x not in known for x in unknown) else "list id"
    what = [f"{x!r}" + (" (not loaded)" if x in known else "") for x in unknown]
    raise InputError(
        f"{label}{'s' if len(unknown) > 1 else ''} {', '.join(what)}: the lists loaded are "
        f"{', '.join(held) or 'none'}"
        + (f"; known, not loaded: {', '.join(known)}" if known else ""),
        field=field,
    )


def _described() -> list[str]:
    import json
    from importlib import resources

    text = resources.files("tradeguard").joinpath("data/lists/sources.json").read_text("utf-8")
    return list(json.loads(text)["lists"])


def screened_lists(
    versions: Sequence[Mapping[str, Any]], asked: Sequence[str] | None = None
) -> list[dict[str, Any]]:
    """The lists a screening used (all loaded, or those asked), each with its version's id,
    publication date and sha256."""
    wanted = set(asked) if asked else None
    return [
        {
            "list": str(v["list"]),
            "published_at": _date(v.get("published_at")),
            "version_id": v.get("version_id"),
            "sha256": v.get("sha256"),
        }
        for v in sorted(versions, key=lambda v: str(v["list"]))
        if wanted is None or v["list"] in wanted
    ]


def _date(value: Any) -> str | None:
    if value is None:
        return None
    iso = getattr(value, "isoformat", None)
    return str(iso()[:10]) if iso is not None else str(value)[:10]


def missing_lists(loaded: Iterable[str], asked: Sequence[str] | None = None) -> list[str]:
    """The lists of a default install that are not loaded (none when the query asked for some
    lists only: the others were left out on purpose)."""
    held = set(loaded)
    return [] if asked else [x for x in default_lists() if x not in held]


def missing_warnings(loaded: Iterable[str], asked: Sequence[str] | None = None) -> list[str]:
    """A warning when lists of a default install are not loaded (and not left out on purpose
    by asking for some lists only)."""
    missing = missing_lists(loaded, asked)
    if not missing:
        return []
    return [
        f"not screened against {', '.join(missing)}: these lists of a default install are not "
        "loaded, so a party designated only on them is not found. Load them "
        "(`tradeguard lists update`, or `tradeguard lists load FILE`)"
    ]
