"""File use cases of the command line: a file of parties screened into an output file
(``screen-batch``) and a file of export declarations audited (``audit-declarations``), on
this machine or on a Dask cluster. Each run is one audit record, as a batch job of the API
is: ``screen.batch`` (the rows and the threshold that applied, then what was found) and
``declarations.audit`` (the file, the date, then the summary)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from tradeguard import audit
from tradeguard.service.reviews import Reviews
from tradeguard.service.screening import ScreeningCases

if TYPE_CHECKING:
    import datetime as dt
    from pathlib import Path

    from tradeguard.accounts.users import Actor
    from tradeguard.batch.model import BatchResult as ClusterResult
    from tradeguard.screening.batch import BatchResult
    from tradeguard.shipments.audit import AuditResult

#: the action of a file's screening: the one of the API's batch jobs
SCREEN_FILE = "screen.batch"
AUDIT_FILE = "declarations.audit"


class FileCases(ScreeningCases):
    """The file use cases of :class:`tradeguard.service.Service`."""

    def screen_file(
        self,
        actor: Actor,
        source: Path,
        output: Path,
        threshold: float | None = None,
        limit: int = 10,
        progress: Callable[[int], None] | None = None,
        encoding: str | None = None,
    ) -> BatchResult:
        """Screen a file of parties into ``output`` (``tradeguard screen-batch``) at the
        applicable threshold and write the run's audit record, which names the encoding the
        file was read in (``encoding``, a CSV file's, else the one detected)."""
        from tradeguard.screening.batch import screen_file

        actor.require("screen")
        applied = self.threshold(threshold)
        result = screen_file(
            self.screener(), source, output, applied, limit, progress, encoding=encoding
        )
        self._record(
            actor,
            SCREEN_FILE,
            source,
            {
                "rows": result.rows_in,
                "threshold": applied,
                "limit": limit,
                "encoding": result.encoding,
            },
            {
                "screened": result.screened,
                "with_matches": result.matched,
                "bad_rows": len(result.bad),
                "output": output.name,
            },
        )
        return result

    def screen_file_on_cluster(
        self,
        actor: Actor,
        source: Path,
        output: Path,
        cluster: str,
        threshold: float | None = None,
        **options: Any,
    ) -> ClusterResult:
        """Screen a file of parties on a Dask cluster (``screen-batch --cluster``) and write
        the run's audit record; ``options`` go to :func:`tradeguard.batch.screen_batch`."""
        from tradeguard import batch

        actor.require("screen")
        applied = self.threshold(threshold)
        result = batch.screen_batch(source, output, cluster=cluster, threshold=applied, **options)
        self._record(
            actor,
            SCREEN_FILE,
            source,
            {
                "rows": result.rows_in,
                "threshold": applied,
                "limit": options.get("limit", 10),
                "encoding": result.encoding,
            },
            {"rows_out": result.rows_out, "bad_rows": len(result.errors), "cluster": cluster},
        )
        return result

    def audit_declarations(
        self,
        actor: Actor,
        path: Path,
        *,
        as_of: dt.date | None = None,
        workers: int = 1,
        progress: Callable[[int], None] | None = None,
    ) -> AuditResult:
        """Evaluate every declaration of ``path`` (``tradeguard audit-declarations``) as
        :meth:`evaluate` decides one shipment: the same evaluator, each decision read against
        the reviews (a possible match a review dismissed does not hold it); then write the
        run's audit record with the summary."""
        from tradeguard.shipments.audit import audit_declarations

        actor.require("evaluate")
        evaluator, review = self.evaluator(), Reviews.read(self.store)
        result, _ = audit_declarations(
            path, evaluator, as_of=as_of, workers=workers, progress=progress, review=review
        )
        self._record_audit(actor, path, as_of, result.summary, len(result.errors))
        return result

    def audit_declarations_on_cluster(
        self,
        actor: Actor,
        path: Path,
        output: Path,
        cluster: str,
        *,
        as_of: dt.date | None = None,
        **options: Any,
    ) -> ClusterResult:
        """Audit a file of declarations on a Dask cluster (``audit-declarations --cluster``),
        each decided as :meth:`audit_declarations` decides it, and write the run's audit
        record; ``options`` go to :func:`tradeguard.batch.audit_batch`."""
        from tradeguard import batch

        actor.require("evaluate")
        evaluator, review = self.evaluator(), Reviews.read(self.store)
        result = batch.audit_batch(
            path, output, evaluator, cluster=cluster, as_of=as_of, review=review, **options
        )
        self._record_audit(actor, path, as_of, result.summary or {}, len(result.errors))
        return result

    def _record_audit(
        self,
        actor: Actor,
        path: Path,
        as_of: dt.date | None,
        summary: dict[str, Any],
        errors: int,
    ) -> None:
        request = {"as_of": as_of.isoformat() if as_of else None}
        self._record(actor, AUDIT_FILE, path, request, {"summary": summary, "errors": errors})

    def _record(
        self,
        actor: Actor,
        action: str,
        source: Path,
        request: dict[str, Any],
        decision: dict[str, Any],
    ) -> None:
        payload = {"request": {"source": source.name, **request}, "decision": decision}
        audit.record(self.store, actor.name, action, f"file:{source.name}", payload)
