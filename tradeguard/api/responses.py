"""Response bodies of the health, list, job, case, monitoring, user and audit routes, as they
appear in the OpenAPI description. Each describes the JSON of the core object's
``to_dict()`` (the same JSON the command line prints with ``--json``); the route returns that
dict and FastAPI checks it against the model. A body may carry fields beyond those named here
(``additionalProperties``): the free-form parts (a case's detail, an audit record's payload,
an entity's properties) are objects of any keys."""

from __future__ import annotations

import builtins
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from tradeguard.accounts.users import Role
from tradeguard.cases.states import CaseKind, Proposal, Review, Status
from tradeguard.jobs.records import JobStatus
from tradeguard.lists.update import UpdateStatus
from tradeguard.store.versions import LoadStatus


class Out(BaseModel):
    """A response body (fields beyond those named are kept)."""

    model_config = ConfigDict(extra="allow")


# -- health and lists --------------------------------------------------------------------------


class HealthList(Out):
    list: str
    version_id: int
    published_at: str | None
    loaded_at: str
    stale: bool


class Health(Out):
    status: Literal["ok", "empty", "unavailable"]
    store: str = Field(description="ok, or why the store is unavailable")
    lists: list[HealthList]
    stale: list[str] = Field(description="The lists whose current version is stale.")


class ListVersionOut(Out):
    id: int
    list: str
    sha256: str
    format: str
    source: str
    published_at: str | None
    loaded_at: str
    entity_count: int
    counts: dict[str, int] = Field(description="Entries per schema (Person, Organization ...).")
    warnings: builtins.list[str]
    current: bool


class ListStatusOut(ListVersionOut):
    age_days: int
    stale: bool
    warning: str | None


class DiffEntity(Out):
    entity_id: str
    caption: str
    schema_: str = Field(alias="schema")


class FieldChangeOut(Out):
    field: str
    added: list[Any] | None = None
    removed: list[Any] | None = None
    before: Any = None
    after: Any = None


class EntityChangeOut(Out):
    entity_id: str
    caption: str
    changes: list[FieldChangeOut]


class DiffSummary(Out):
    added: int
    removed: int
    changed: int


class ListDiffOut(Out):
    list: str
    from_version: ListVersionOut
    to_version: ListVersionOut
    summary: DiffSummary
    added: builtins.list[DiffEntity]
    removed: builtins.list[DiffEntity]
    changed: builtins.list[EntityChangeOut]


class LoadResultOut(Out):
    list: str
    status: LoadStatus
    version: ListVersionOut
    previous_version: int | None
    warnings: builtins.list[str]
    shrink_allowed: dict[str, Any] | None = Field(
        description="Set when the version dropped more entries than allowed and that was allowed."
    )
    shrink_check: dict[str, Any] | None = Field(
        description="The shrink limit that applied and the shrink measured."
    )


class UpdateResultOut(Out):
    list: str
    status: UpdateStatus
    message: str
    version_id: int | None
    bytes: int
    files: builtins.list[str]


# -- jobs --------------------------------------------------------------------------------------


class Job(Out):
    id: str
    kind: str
    status: JobStatus
    total: int
    done: int
    progress: float
    created_by: str
    created_at: str
    finished_at: str | None
    error: str | None


class JobWithResult(Job):
    result: list[dict[str, Any]] | None = Field(
        description="Per row: id, query and matches (as POST /screen's matches)."
    )


# -- cases, counterparties, monitoring ---------------------------------------------------------


class CaseOut(Out):
    id: int
    kind: CaseKind
    status: Status
    subject: str
    counterparty_id: str | None
    entity_id: str | None
    entity_digest: str | None
    counterparty_digest: str | None
    score: float | None
    detail: dict[str, Any] = Field(description="The screening match or the shipment decision.")
    proposal: Proposal | None
    proposal_comment: str | None
    proposed_by: str | None
    proposed_at: str | None
    outcome: Proposal | None
    review_decision: Review | None
    review_comment: str | None
    reviewed_by: str | None
    reviewed_at: str | None
    version: int
    created_by: str
    created_at: str
    assigned_to: str | None
    licence_ref: str | None


class AuditRecordOut(Out):
    seq: int
    at: str
    actor: str
    action: str
    subject: str
    payload: dict[str, Any]
    prev_hash: str
    hash: str


class ChainProblem(Out):
    seq: int
    problem: str


class Verification(Out):
    ok: bool
    records: int
    head_seq: int
    head_hash: str
    problems: list[ChainProblem]


class Evidence(Out):
    format: str
    exported_at: str
    case: CaseOut
    audit_records: list[AuditRecordOut]
    counterparty_screenings: list[dict[str, Any]]
    list_entry: dict[str, Any] | None
    list_entry_history: list[dict[str, Any]]
    chain: Verification
    how_to_verify: str


class SuppressionOut(Out):
    counterparty_id: str
    entity_id: str
    entity_digest: str
    counterparty_digest: str
    case_id: int | None
    approved_by: str
    created_at: str


class CounterpartyOut(Out):
    id: str
    name: str
    schema_: str | None = Field(alias="schema")


class ImportSummaryOut(Out):
    source: str
    added: int
    changed: int
    unchanged: int
    total: int


class MonitorSummaryOut(Out):
    run_id: int
    versions: str
    lists_changed: bool
    counterparties: int
    screened: int
    hits: int
    new: int
    changed: int
    unchanged: int
    suppressed: int
    cleared: int
    cases_opened: list[int]
    started_at: str
    finished_at: str


# -- users, tokens, configuration --------------------------------------------------------------


class UserOut(Out):
    id: int
    username: str
    role: Role
    active: bool
    created_at: str | None
    created_by: str | None


class Me(UserOut):
    permissions: list[str]


class IssuedToken(Out):
    id: int
    username: str
    label: str
    token: str = Field(description="The token itself: shown this once.")
    expires_at: str | None


class TokenOut(Out):
    id: int
    username: str
    label: str
    created_at: str | None
    expires_at: str | None
    revoked: bool


class Revoked(Out):
    id: int
    revoked: bool


class PasswordChanged(Out):
    username: str
    tokens_revoked: int
    sessions_ended: int


class Lock(Out):
    scope: Literal["account", "address"]
    key: str
    locked_until: str


class Lifted(Out):
    scope: Literal["account", "address"]
    key: str
    cleared: bool


class Unlocked(Out):
    lifted: list[Lifted]


class Readiness(Out):
    status: Literal["ready"]
    checks: dict[str, str | None] = Field(description="Per check, what is wrong (null: fine).")
