"""The case report: what was matched or decided, against which list versions, with which
scores and reasons, who proposed and who approved, and the audit-chain proof (the hashes of
the case's records and a verification of the whole chain when the report was made).

A report is made again only when what it says has changed: the reports made lately are kept
by case and by the digest of their content (everything but the time they were made), so a
case downloaded again in the same state gets the same report, made at the time it states,
without laying out its PDF again (the slow part: 0.1-0.2 s of CPU)."""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from tradeguard import settings
from tradeguard.cases.export import export_case
from tradeguard.language import i18n
from tradeguard.language.labels import N_, label
from tradeguard.lists.consequences import by_basis, list_info, ordered
from tradeguard.reports.render import Report, generated, language, render

if TYPE_CHECKING:
    from tradeguard.store import Store


def _list_versions(store: Store, evidence: dict[str, Any]) -> list[dict[str, Any]]:
    """The list versions the case names: those in its decision, else the entry's history,
    else the versions current now (marked as such)."""
    detail = evidence["case"]["detail"]
    decision = detail.get("decision") or {}
    if decision.get("list_versions"):
        return [
            dict(v) | {"basis": N_("stated in the decision")} for v in decision["list_versions"]
        ]
    if evidence["list_entry_history"]:
        return [
            {"list": h["list"], "version_id": h["version_id"], "sha256": h["sha256"],
             "published_at": h["published_at"],
             "basis": N_("entry as at the case") if h["same_as_case"] else N_("entry changed since")}
            for h in evidence["list_entry_history"]
        ]  # fmt: skip
    return [
        {"list": v.list, "version_id": v.id, "sha256": v.sha256, "published_at": v.published_at,
         "basis": N_("current at report time")}
        for v in store.current_versions()
    ]  # fmt: skip


#: how many reports are kept (each with its PDF once asked for, some tens of kilobytes)
KEEP = 32
_made: OrderedDict[tuple[int, str, str], Report] = OrderedDict()
_lock = threading.Lock()


def case_report(
    store: Store,
    case_id: int,
    lang: str | None = None,
    clock: Callable[[], datetime] | None = None,
) -> Report:
    """The report of case ``case_id`` in ``lang`` (en, ja or ko; English by default): its
    words, dates and numbers in the language, its times in the zone people read them in
    (``$TRADEGUARD_TIME_ZONE``), the data (names, addresses, legal bases) as published.
    ``clock`` (an aware datetime, default now) dates a report made anew."""
    lang = language(lang)
    evidence = export_case(store, case_id).to_dict()  # the report is made of its JSON
    case = evidence["case"]
    detail = case["detail"]
    match = detail.get("match")
    decision = detail.get("decision")
    scores = []
    if match:
        scores.append(match)
    reviewers = [
        {"at": r["at"], "actor": r["actor"], "action": r["action"], "payload": r["payload"]}
        for r in evidence["audit_records"]
        if r["action"]
        in ("case.open", "case.assign", "case.propose", "case.review", "case.withdraw")
        or (r["action"] == "case.link" and "detail" in r["payload"])  # another decision
    ]
    plot = None
    if decision and decision.get("reasons"):
        from collections import Counter

        from tradeguard.reports.charts import bar_chart

        token = i18n.use(lang)
        try:
            severities = Counter(str(r["severity"]) for r in decision["reasons"])
            plot = bar_chart(
                i18n.gettext(N_("Reasons by severity")),
                severities,
                words={code: label(code) for code in severities},
            )
        finally:
            i18n.reset(token)
    reasons = []
    if decision:
        exporter = decision.get("exporting_jurisdiction") or decision.get("export_country")
        reasons = by_basis(decision.get("reasons") or [], exporter)
    request = detail.get("request") or {}
    addresses = {
        str(p.get("name")): p.get("address")
        for key in ("exporter", "consignee", "end_user", "carrier")
        for p in [request.get(key) or {}]
        if p.get("name")
    } | {str(p.get("name")): p.get("address") for p in request.get("intermediaries") or []}
    content = {
        "case": case,
        "match": match,
        "decision": decision,
        "reasons": reasons,
        "addresses": addresses,
        "memberships": ordered(match.get("memberships") or [match]) if match else [],
        "query": detail.get("query") or detail.get("request"),
        "list_versions": _list_versions(store, evidence),
        "reviewers": reviewers,
        "records": evidence["audit_records"],
        "chain": evidence["chain"],
        "entity": evidence["list_entry"],
        "how_to_verify": evidence["how_to_verify"],
    }
    key = (
        case_id,
        # the same case shown in another time zone is another report
        f"{lang} {settings.time_zone().key}",
        hashlib.sha256(json.dumps(content, sort_keys=True, default=str).encode()).hexdigest(),
    )
    with _lock:
        made = _made.get(key)
        if made is not None:
            _made.move_to_end(key)
            return made
    data = {"generated_at": generated(clock), **content}
    html = render("case.html", lang, plot=plot, list_info=list_info, ordered=ordered, **data)
    report = Report(f"case-{case_id}" if lang == "en" else f"case-{case_id}-{lang}", html, data)
    with _lock:
        _made[key] = report
        while len(_made) > KEEP:
            _made.popitem(last=False)
    return report
