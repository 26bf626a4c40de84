"""Screening use cases: one party, a batch job of parties, a file of parties, monitoring.

Every path applies the same threshold: the one the caller asks for, else the administrator's
``screen.threshold``, else (None) the screener's own per-list thresholds.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from tradeguard import jobs
from tradeguard.cases import alerts, monitor
from tradeguard.cases import counterparties as cps
from tradeguard.errors import InputError, RowError
from tradeguard.jobs.screening import BATCH_ROWS, run_screen_batch
from tradeguard.screening import Query
from tradeguard.service.coverage import (
    check_asked,
    missing_lists,
    missing_warnings,
    screened_lists,
)
from tradeguard.service.results import Face, Screening
from tradeguard.service.runtime import Runtime

if TYPE_CHECKING:
    from tradeguard.accounts.users import Actor


class ScreeningCases(Runtime):
    """The screening use cases of :class:`tradeguard.service.Service`."""

    def threshold(self, asked: float | None = None) -> float | None:
        """The threshold a screening applies: ``asked``, else the administrator's
        ``screen.threshold`` (None: the screener's per-list thresholds)."""
        if asked is not None:
            return asked
        configured = self.config()["screen.threshold"]
        return None if configured is None else float(configured)

    def screen(
        self,
        actor: Actor,
        query: Query | None = None,
        *,
        counterparty_id: str | None = None,
        threshold: float | None = None,
        limit: int = 10,
        open_cases: bool = False,
        face: Face = "api",
    ) -> Screening:
        """Screen one party (``query``, or the registered counterparty ``counterparty_id``
        with everything its record holds) and write the audit record; with ``open_cases``
        each hit opens a case unless an approved false positive covers it."""
        actor.require("screen")
        cp_digest = None
        if counterparty_id is not None:
            cp = cps.get_counterparty(self.store, counterparty_id)
            query = Query(
                cp.name, cp.schema, list(cp.countries), cp.birth_date, list(cp.identifiers)
            )
            cp_digest = cp.digest()
        if query is None:
            raise InputError("a name or a counterparty id is required", field="name")
        screener = self.screener()
        loaded = [str(v["list"]) for v in self._versions]
        check_asked(query.lists, loaded)
        applied = self.threshold(threshold)
        matches = screener.screen(query, threshold=applied, limit=limit)
        recorded = alerts.record_screening(
            self.store,
            actor,
            query.to_dict(),
            matches,
            threshold=applied,
            versions=screener.versions_key or "",
            open_cases=open_cases,
            counterparty_id=counterparty_id,
            counterparty_digest=cp_digest,
            action=f"screen.{face}",
        )
        return Screening(
            query,
            matches,
            applied,
            recorded.audit_seq,
            recorded.cases,
            lists=screened_lists(self._versions, query.lists),
            warnings=missing_warnings(loaded, query.lists),
            missing=missing_lists(loaded, query.lists),
        )

    def coverage(self) -> tuple[list[dict[str, Any]], list[str]]:
        """The lists a screening now runs against (id, publication date, version) and the
        warnings about lists a default install has that are not loaded (a batch's answer)."""
        self.screener()
        loaded = [str(v["list"]) for v in self._versions]
        return screened_lists(self._versions), missing_warnings(loaded)

    def counterparty_screen(self, fresh: bool = False) -> monitor.ScreenFn:
        """Screening of a registered counterparty at the applicable threshold (monitoring,
        the scheduler and batch jobs)."""
        return monitor.counterparty_screen(self.screener(fresh=fresh), self.threshold())

    def start_screen_batch(
        self,
        actor: Actor,
        rows: list[cps.Counterparty],
        bad_rows: Sequence[RowError] = (),
        encoding: tuple[str | None, bool] | None = None,
    ) -> jobs.Job:
        """Start screening ``rows`` as a background job; returns the job (poll
        :func:`tradeguard.jobs.get_job`). ``bad_rows``, the rows of the file that are no
        party (:func:`tradeguard.cases.counterparties.parse_rows`), are kept with the job and
        counted in its audit record, which also says which threshold applied. The lists the
        job screens against (each with its version, publication date and sha256) are kept
        with the job and in its audit record, and so is ``encoding``, the encoding the file
        was read in and whether it was detected (:func:`tradeguard.cases.counterparties.read_upload`)."""
        actor.require("screen")
        if len(rows) + len(bad_rows) > BATCH_ROWS:
            raise InputError(f"at most {BATCH_ROWS} rows per batch", field="file")
        bad = list(bad_rows)
        screen_one = self.counterparty_screen()  # the screener, and so the lists, of the job
        lists = screened_lists(self._versions)
        job_id = jobs.create_job(
            self.store, "screen.batch", len(rows), actor.name, bad, lists=lists, encoding=encoding
        )
        payload: dict[str, Any] = {
            "threshold": self.threshold(),
            "bad_rows": len(bad),
            "lists": lists,
        }
        if encoding is not None and encoding[0]:
            payload["encoding"] = encoding[0]
        threading.Thread(
            target=run_screen_batch,
            args=(self.store, actor, job_id, rows, screen_one),
            kwargs={"audit_payload": payload},
            name=f"screen-batch-{job_id}",
            daemon=True,
        ).start()
        return jobs.get_job(self.store, job_id)

    def monitor(self, actor: Actor, force: bool = False) -> monitor.MonitorSummary:
        """Screen the counterparties again where the lists or their data changed, at the
        applicable threshold, against the lists as they are now."""
        return monitor.run(self.store, actor, self.counterparty_screen(fresh=True), force=force)
