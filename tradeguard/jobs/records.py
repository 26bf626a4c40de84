"""Batch jobs run by the server: a row in the store holds status, progress and the result, so
any worker of the server can answer for any job."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from sqlalchemy import update

from tradeguard.errors import NotFoundError, RowError
from tradeguard.jobs.tables import JobRow

if TYPE_CHECKING:
    from tradeguard.accounts.users import Actor
    from tradeguard.store import Store

#: Roles that read every user's jobs; anyone else reads only the jobs they started.
SUPERVISING = frozenset({"reviewer", "admin"})


class JobStatus(StrEnum):
    QUEUED = "queued"  # created, not started
    RUNNING = "running"  # ``done`` of ``total`` rows so far
    DONE = "done"  # finished: the result is there
    FAILED = "failed"  # stopped: ``error`` says why


@dataclass(frozen=True, slots=True)
class Job:
    """A job as :func:`get_job` reads it: its status and progress, who started it and when,
    the rows of its file that could not be taken, and (read ``with_result``) its result.

    ``result`` is the JSON document the job stored (for a batch screening, per row: ``id``,
    ``query`` and ``matches`` as ``POST /screen`` answers them); None when not read or not
    there yet."""

    id: str
    kind: str
    status: JobStatus
    total: int
    done: int
    created_by: str
    created_at: datetime
    finished_at: datetime | None
    error: str | None
    bad_rows: list[RowError] = field(default_factory=list)
    result: list[dict[str, Any]] | None = None
    #: the lists the job screened against, each with its version's id, publication date and
    #: sha256 (as a single screening names them); None for a job that did not record them
    lists: list[dict[str, Any]] | None = None
    #: the encoding the job's file was read in (None for a workbook, or a job made before
    #: jobs recorded it), and whether it was detected (else the user gave it)
    encoding: str | None = None
    encoding_detected: bool | None = None

    @property
    def progress(self) -> float:
        """The share of rows done, rounded to four places (a job of no rows: 1.0)."""
        return round(self.done / self.total, 4) if self.total else 1.0

    def to_dict(self, with_result: bool = False) -> dict[str, Any]:
        """The job as the API answers it: ``GET /jobs/{id}``, or with ``with_result`` (the
        job read with its result) ``GET /jobs/{id}/result``."""
        out: dict[str, Any] = {
            "id": self.id,
            "kind": self.kind,
            "status": self.status,
            "total": self.total,
            "done": self.done,
            "progress": self.progress,
            "created_by": self.created_by,
            "created_at": self.created_at.isoformat(timespec="seconds"),
            "finished_at": self.finished_at.isoformat(timespec="seconds")
            if self.finished_at
            else None,
            "error": self.error,
            "bad_rows": [b.to_dict() for b in self.bad_rows],
            "lists": self.lists,
            "encoding": self.encoding,
            "encoding_detected": self.encoding_detected,
        }
        if with_result:
            out["result"] = self.result
        return out


def _row_error(data: dict[str, Any]) -> RowError:
    return RowError(
        data.get("line"), data["message"], data.get("field"), data.get("declaration_id")
    )


def create_job(
    store: Store,
    kind: str,
    total: int,
    created_by: str,
    bad_rows: list[RowError] | None = None,
    lists: list[dict[str, Any]] | None = None,
    encoding: tuple[str | None, bool] | None = None,
) -> str:
    """A queued job of ``total`` rows; ``bad_rows``: the rows of its file that could not be
    taken (line, field, reason), kept with the job for its pages and API to show; ``lists``:
    the lists it screens against (their versions and dates), kept so that its result can be
    reproduced and audited later; ``encoding``: the encoding its file was read in and
    whether it was detected."""
    name, detected = encoding if encoding is not None and encoding[0] else (None, None)
    job_id = uuid.uuid4().hex
    with store.session() as session, session.begin():
        session.add(
            JobRow(
                id=job_id,
                kind=kind,
                status=JobStatus.QUEUED,
                total=total,
                done=0,
                created_by=created_by,
                created_at=datetime.now(UTC),
                bad_rows=json.dumps([b.to_dict() for b in bad_rows], ensure_ascii=False)
                if bad_rows
                else None,
                lists=json.dumps(lists, ensure_ascii=False, default=str)
                if lists is not None
                else None,
                encoding=name,
                encoding_detected=detected,
            )
        )
    return job_id


def progress(store: Store, job_id: str, done: int) -> None:
    with store.session() as session, session.begin():
        session.execute(
            update(JobRow).where(JobRow.id == job_id).values(status=JobStatus.RUNNING, done=done)
        )


def finish(store: Store, job_id: str, result: Any = None, error: str | None = None) -> None:
    with store.session() as session, session.begin():
        row = session.get(JobRow, job_id)
        if row is None:
            return
        row.status = JobStatus.FAILED if error else JobStatus.DONE
        row.finished_at = datetime.now(UTC)
        row.error = error
        if result is not None:
            row.result = json.dumps(result, ensure_ascii=False, default=str)
            row.done = row.total


def get_job(
    store: Store, job_id: str, with_result: bool = False, viewer: Actor | None = None
) -> Job:
    """A job and, with ``with_result``, its result. With a ``viewer``, a job another user
    started is found only by a supervising role (reviewer, admin): to an analyst it does not
    exist (the same NotFoundError as an unknown id, so ids cannot be probed)."""
    with store.session() as session:
        row = session.get(JobRow, job_id)
        if row is None or (
            viewer is not None
            and str(viewer.role) not in SUPERVISING
            and row.created_by != viewer.name
        ):
            raise NotFoundError(f"no job {job_id!r}")
        return Job(
            id=row.id,
            kind=row.kind,
            status=JobStatus(row.status),
            total=row.total,
            done=row.done,
            created_by=row.created_by,
            created_at=row.created_at,
            finished_at=row.finished_at,
            error=row.error,
            bad_rows=[_row_error(b) for b in json.loads(row.bad_rows)] if row.bad_rows else [],
            result=json.loads(row.result) if with_result and row.result else None,
            lists=json.loads(row.lists) if row.lists else None,
            encoding=row.encoding,
            encoding_detected=row.encoding_detected,
        )
