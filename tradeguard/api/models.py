"""Request bodies (pydantic at the boundary only). Response bodies are the models of
:mod:`tradeguard.api.responses` (made from the core objects) and the service's decision bodies
(:mod:`tradeguard.service.bodies`): the same JSON the CLI prints with ``--json``."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import Path
from pydantic import BaseModel, ConfigDict, Field

#: Database ids in paths: positive and within a 32-bit integer column.
IdPath = Path(ge=1, le=2**31 - 1)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ScreenRequest(Strict):
    name: str = Field(min_length=1, max_length=500, description="The party's name, any script.")
    type: str | None = Field(
        default=None, max_length=32, description="Person, Organization, Company, Vessel ..."
    )
    countries: list[str] = Field(default_factory=list, max_length=20)
    birth_date: str | None = Field(default=None, max_length=10)
    identifiers: list[str] = Field(default_factory=list, max_length=20)
    lists: list[str] | None = Field(default=None, max_length=20)
    threshold: float | None = Field(default=None, ge=0.0, le=1.0)
    limit: int = Field(default=10, ge=1, le=100)
    counterparty_id: str | None = Field(
        default=None,
        max_length=200,
        description="Screen this registered counterparty's record (name etc. are ignored).",
    )
    open_cases: bool = Field(default=False, description="Open a case for every hit.")


class ClassifyRequest(Strict):
    description: str | None = Field(default=None, max_length=4000, description="Free text.")
    cas: str | None = Field(default=None, max_length=20, description="CAS number, e.g. 7664-39-3")
    hs: str | None = Field(default=None, max_length=12, description="HS code, e.g. 281111")
    params: dict[str, str | float] = Field(
        default_factory=dict, max_length=50, description="Technical parameters, e.g. purity"
    )
    jurisdiction: str = Field(default="EU", min_length=2, max_length=8)


class ProposalRequest(Strict):
    proposal: Literal[
        "true_match", "false_positive", "block", "release", "licence_obtained", "escalate"
    ] = Field(
        description="Screening case: true_match or false_positive; shipment case: block, "
        "release or licence_obtained (with licence_ref); either: escalate."
    )
    comment: str = Field(min_length=1, max_length=4000)
    licence_ref: str | None = Field(
        default=None, max_length=200, description="The licence obtained (licence_obtained)."
    )
    version: int | None = Field(
        default=None, ge=1, le=2**31 - 1, description="Expected case version."
    )


class ReviewRequest(Strict):
    decision: Literal["approve", "reject"]
    comment: str | None = Field(default=None, max_length=4000)
    version: int | None = Field(
        default=None, ge=1, le=2**31 - 1, description="Expected case version."
    )


class UserRequest(Strict):
    username: str = Field(min_length=1, max_length=100)
    password: str = Field(
        min_length=1,
        max_length=1024,
        description="At least 12 characters, not a common password, not containing the name.",
    )
    role: Literal["analyst", "reviewer", "admin"]


class RenameRequest(Strict):
    new_username: str = Field(
        min_length=1,
        max_length=100,
        description="The account's new name: 1-100 letters, digits, '.', '_', '@' or '-', "
        "not another account's name in any case.",
    )


class LoginRequest(Strict):
    username: str = Field(min_length=1, max_length=100)
    password: str = Field(min_length=1, max_length=1024)
    label: str = Field(default="api", min_length=1, max_length=100, description="What for.")
    days: int | None = Field(
        default=None, ge=1, le=3650, description="Lifetime (default and most: the server's)."
    )


class PasswordRequest(Strict):
    current_password: str = Field(min_length=1, max_length=1024)
    new_password: str = Field(min_length=1, max_length=1024)


class UnlockRequest(Strict):
    address: str | None = Field(
        default=None, max_length=200, description="Also lift the lock of this client address."
    )


class CounterpartyIn(Strict):
    id: str = Field(min_length=1, max_length=200)
    name: str = Field(min_length=1, max_length=1000)
    type: str | None = Field(default=None, max_length=32)
    countries: list[str] = Field(default_factory=list, max_length=20)
    birth_date: str | None = Field(default=None, max_length=10)
    identifiers: list[str] = Field(default_factory=list, max_length=20)


class MonitorRequest(Strict):
    force: bool = Field(default=False, description="Screen every counterparty again.")


class ConfigRequest(Strict):
    value: Any = Field(description="The new value (JSON).")


class UpdateListsRequest(Strict):
    lists: list[str] | None = Field(default=None, max_length=20)
    allow_shrink: bool = False
    max_shrink: float | None = Field(default=None, ge=0, le=1)


class Problem(BaseModel):
    """An RFC 9457 problem detail."""

    type: str
    title: str
    status: int
    detail: str
    field: str | None = None


PROBLEM_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {
        "description": text,
        "content": {"application/problem+json": {"schema": Problem.model_json_schema()}},
    }
    for status, text in (
        (401, "No valid token"),
        (403, "The role does not allow this, or four-eyes forbids it"),
        (404, "Not found"),
        (405, "Method not allowed"),
        (409, "Conflict: someone else acted first"),
        (429, "Too many failed log-ins: wait `Retry-After` seconds or ask an administrator"),
        (413, "Body too large"),
        (422, "Invalid input; `field` names the field"),
        (500, "Internal error"),
        (503, "Store unavailable"),
    )
}
