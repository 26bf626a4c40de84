"""Work the server runs beside its requests: batch jobs (a row in the store holds status,
progress and result) and the scheduler that runs monitoring under a lease."""

from tradeguard.jobs.records import Job, JobStatus, create_job, finish, get_job, progress

__all__ = ["Job", "JobStatus", "create_job", "finish", "get_job", "progress"]
