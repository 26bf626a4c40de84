"""Response bodies of the health, list, entity, job, case, monitoring, user and audit routes,
as they appear in the OpenAPI description. Each describes the JSON of the core object's
``to_dict()`` (the same JSON the command line prints with ``--json``); the route returns the
model built from it, so that the type checker sees what each route returns. A body may carry
fields beyond those named here (``additionalProperties``): the free-form parts (a case's
detail, an audit record's payload, an entity's properties) are objects of any keys. The bodies
of the decisions (a screening, a classification, an exposure) are the service's own
(:mod:`tradeguard.service.bodies`), built from the core objects without a dictionary between;
a shipment decision is :class:`tradeguard.shipments.decision.Decision` itself.

A body that is a core dataclass field for field (a case, an audit record, the chain's
verification) is made from the dataclass by :func:`mirror`, so its shape is written once."""

from __future__ import annotations

import builtins
import dataclasses
import typing
from collections.abc import Callable
from typing import Any, Literal, TypeVar

from pydantic import Field, create_model

from tradeguard.accounts.users import Role
from tradeguard.audit.chain import AuditRecord, Problem
from tradeguard.audit.chain import Verification as ChainVerification
from tradeguard.cases.workflow import Case
from tradeguard.jobs.records import JobStatus
from tradeguard.lists.update import UpdateStatus
from tradeguard.service.bodies import Out
from tradeguard.store.versions import LoadStatus

_M = TypeVar("_M", bound=Out)


def mirror(source: type[Any]) -> Callable[[type[_M]], type[_M]]:
    """A class decorator: the response model with the fields of the dataclass ``source``, in
    its order and with its types, each required (``to_dict`` writes every one). The decorated
    class gives the model its name and docstring and may restate a field of ``source`` to
    describe it or to name the response model of a nested dataclass."""

    def build(cls: type[_M]) -> type[_M]:
        hints = typing.get_type_hints(source)
        names = [f.name for f in dataclasses.fields(source)]
        unknown = set(cls.model_fields) - set(names)
        if unknown:
            raise TypeError(f"{cls.__name__}: {sorted(unknown)} are not fields of {source}")
        fields: dict[str, Any] = {}
        for name in names:
            own = cls.model_fields.get(name)
            fields[name] = (hints[name], ...) if own is None else (own.annotation, own)
        model = create_model(
            cls.__name__, __base__=Out, __module__=cls.__module__, __doc__=cls.__doc__, **fields
        )
        return typing.cast(type[_M], model)

    return build


# -- health and lists --------------------------------------------------------------------------


class HealthList(Out):
    list: str
    version_id: int
    published_at: str | None
    loaded_at: str
    stale: bool
    age_days: int = Field(description="Days since the publication date (else the load).")
    stale_after_days: int | None = Field(
        description="The list's staleness limit in days (null: no age is judged), as GET /lists."
    )
    limit_from: str | None = Field(
        description="Where the limit comes from: cadence (the publisher's usual cadence), "
        "setting or option (the administrator's)."
    )


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
    entries_sha256: str | None = Field(
        default=None,
        description="SHA-256 of the stored entries taken at load time (`lists verify`); "
        "null for a version loaded before digests were taken.",
    )


class ListStatusOut(ListVersionOut):
    age_days: int = Field(description="Days since the publication date (else the load).")
    stale: bool = Field(description="Older than stale_after_days.")
    stale_after_days: int | None = Field(
        description="The list's staleness limit in days (null: no age is judged)."
    )
    limit_from: Literal["cadence", "setting", "option"] | None = Field(
        description="Where the limit comes from: the publisher's usual cadence "
        "(tradeguard/data/lists/cadence.yaml) or the administrator's setting."
    )
    cadence: str | None = Field(description="How often the publisher usually publishes.")
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


class HistoryOut(Out):
    first_seen_version: int
    first_seen_loaded_at: str
    last_changed_version: int
    versions: builtins.list[int]


class EntityReport(Out):
    entity: dict[str, Any] = Field(description="The entry as its list states it.")
    caption: str
    memberships: builtins.list[dict[str, Any]]
    history: HistoryOut


# -- jobs --------------------------------------------------------------------------------------


class BadRow(Out):
    """A row of the file that was not screened, where the user can find it."""

    line: int | None = Field(description="The row's line in the file (CSV: the header is 1).")
    field: str | None = Field(description="The field at fault (None: the row as a whole).")
    message: str


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
    bad_rows: list[BadRow] = Field(
        default_factory=list,
        description="The rows of the file that could not be screened (the others are); a "
        "job that has any did not screen the whole file.",
    )
    lists: list[dict[str, Any]] | None = Field(
        default=None,
        description="The lists the job screens against, as the job recorded them when it "
        "started: list, version_id, published_at, sha256 (null: a job made before jobs "
        "recorded them).",
    )
    encoding: str | None = Field(
        default=None,
        description="The text encoding the job's file was read in (utf-8, cp932, cp949 or "
        "the one given); null for a workbook, or a job made before jobs recorded it.",
    )
    encoding_detected: bool | None = Field(
        default=None,
        description="Whether the encoding was detected (true) or given with the upload "
        "(false); null when there is no encoding.",
    )
    warnings: list[str] = Field(
        default_factory=list,
        description="Lists a default install has that are not loaded (not screened against).",
    )


class JobWithResult(Job):
    result: list[dict[str, Any]] | None = Field(
        description="Per row: id, query and matches (as POST /screen's matches)."
    )


# -- cases, counterparties, monitoring ---------------------------------------------------------


@mirror(Case)
class CaseOut(Out):
    detail: dict[str, Any] = Field(description="The screening match or the shipment decision.")


@mirror(AuditRecord)
class AuditRecordOut(Out):
    pass


@mirror(Problem)
class ChainProblem(Out):
    pass


@mirror(ChainVerification)
class Verification(Out):
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


class Renamed(Out):
    user: UserOut
    before: str = Field(description="The account's former name.")
    followed: dict[str, int] = Field(
        description="Per column (table.column) that named the account, how many rows took "
        "the new name."
    )


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
