"""Runtime settings changed by an administrator (each change is an audit record)."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from tradeguard import audit
from tradeguard.accounts.users import Actor
from tradeguard.cases.tables import ConfigRow
from tradeguard.errors import InputError

if TYPE_CHECKING:
    from tradeguard.store import Store


def _cp_grade(value: object) -> str | None:
    """:func:`tradeguard.policy.kr_model.check_cp_grade`, imported when a grade is set (the
    policy models are not needed to read the settings)."""
    from tradeguard.policy.kr_model import check_cp_grade

    return check_cp_grade(value)


def _minutes(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10080:
        raise InputError("expected whole minutes between 0 (off) and 10080", field="value")
    return value


#: The range an administrator may set ``screen.threshold`` in. Below 0.5 every screening
#: floods the review queue with names that share a word; above 0.95 only near-verbatim names
#: alert and spelling variants (the lists' own: Ryonbong/Ryongbong) are muted. Either is one
#: person's decision that silences or swamps screening, so it is refused, not recorded.
THRESHOLD_RANGE = (0.5, 0.95)


def _threshold(value: Any) -> float | None:
    if value is None:
        return None
    low, high = THRESHOLD_RANGE
    if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
        raise InputError(
            f"expected a number from {low} to {high}, or null (the screener's own thresholds)",
            field="value",
        )
    return float(value)


#: The settings that exist, with their validators and defaults.
SETTINGS: dict[str, tuple[Callable[[Any], Any], Any, str]] = {
    "monitor.interval_minutes": (
        _minutes,
        0,
        "minutes between scheduled monitoring runs in the server (0: off)",
    ),
    "screen.threshold": (
        _threshold,
        None,
        "screening threshold for the API (null: the screener's defaults)",
    ),
    "kr.cp_grade": (
        _cp_grade,
        None,
        "the organisation's Korean compliance-programme grade (none, A, AA, AAA; null: not set), "
        "which decides the comprehensive licences open to its exports from Korea",
    ),
}


def get_config(store: Store) -> dict[str, Any]:
    out = {key: default for key, (_, default, _) in SETTINGS.items()}
    with store.session() as session:
        for row in session.execute(select(ConfigRow)).scalars():
            if row.key in SETTINGS:
                out[row.key] = json.loads(row.value)
    return out


def set_config(store: Store, actor: Actor, key: str, value: Any) -> dict[str, Any]:
    actor.require("config")
    if key not in SETTINGS:
        raise InputError(f"unknown setting {key!r}; expected {', '.join(SETTINGS)}", field="key")
    checked = SETTINGS[key][0](value)
    with store.session() as session, session.begin():
        row = session.get(ConfigRow, key)
        before = json.loads(row.value) if row else SETTINGS[key][1]
        text = json.dumps(checked)
        now = datetime.now(UTC)
        if row is None:
            session.add(ConfigRow(key=key, value=text, updated_by=actor.name, updated_at=now))
        else:
            row.value, row.updated_by, row.updated_at = text, actor.name, now
        audit.append(
            session, actor.name, "config.set", f"config:{key}", {"before": before, "after": checked}
        )
    return get_config(store)
