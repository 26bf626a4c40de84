"""Load and validate the policy data files; the policy version is a hash of their content."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from tradeguard.errors import InputError
from tradeguard.policy.kr_model import KrRules
from tradeguard.policy.model import CatchAllData, Jurisdiction, RedFlags, UnData, UsEar
from tradeguard.policy.us import UsCcl

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "policy"

#: Exporting jurisdictions with data, and the file each lives in.
JURISDICTION_FILES = {"JP": "jp.yaml", "KR": "kr.yaml", "EU": "eu.yaml", "US": "us.yaml"}
OTHER_FILES = (
    "kr_rules.yaml",
    "un.yaml",
    "catch_all.yaml",
    "red_flags.yaml",
    "us_ear.json",
    "us_ccl.json",
)


@dataclass(frozen=True)
class Policy:
    """All destination-policy data, validated, with its version."""

    jurisdictions: dict[str, Jurisdiction]
    us_ear: UsEar
    us_ccl: UsCcl
    un: UnData
    catch_all: CatchAllData
    red_flags: RedFlags
    kr: KrRules
    version: str
    files: dict[str, str] = field(default_factory=dict)

    @property
    def eu_members(self) -> frozenset[str]:
        return frozenset(self.jurisdictions["EU"].members)

    def jurisdiction_for(self, country: str | None) -> str | None:
        """The policy jurisdiction that governs exports from ``country`` (EU members → ``EU``)."""
        if country is None:
            return None
        if country in self.jurisdictions:
            return country
        if country in self.eu_members:
            return "EU"
        return None


def _read(path: Path) -> tuple[Any, bytes]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read policy file: {exc.strerror}", source=path.name) from None
    try:
        data = json.loads(raw) if path.suffix == ".json" else yaml.safe_load(raw)
    except (yaml.YAMLError, json.JSONDecodeError) as exc:
        raise InputError(f"not valid YAML/JSON: {exc}", source=path.name) from None
    return data, raw


M = TypeVar("M", bound=BaseModel)


def _validate(model: type[M], data: Any, source: str) -> M:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"])
        raise InputError(err["msg"], source=source, field=where) from None


def load_policy(directory: Path | None = None) -> Policy:
    """Read and validate every policy file in ``directory`` (default: the bundled data)."""
    base = directory or DATA_DIR
    digest = hashlib.sha256()
    files: dict[str, str] = {}
    loaded: dict[str, Any] = {}
    for name in sorted([*JURISDICTION_FILES.values(), *OTHER_FILES]):
        data, raw = _read(base / name)
        digest.update(name.encode() + b"\0" + raw)
        files[name] = hashlib.sha256(raw).hexdigest()
        loaded[name] = data
    jurisdictions = {
        code: _validate(Jurisdiction, loaded[name], name)
        for code, name in JURISDICTION_FILES.items()
    }
    for code, jur in jurisdictions.items():
        if jur.jurisdiction != code:
            raise InputError(f"declares jurisdiction {jur.jurisdiction!r}", source=code)
    un = _validate(UnData, loaded["un.yaml"], "un.yaml")
    ids = [r.id for r in un.dprk.hs_rules]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise InputError(f"duplicate rule ids: {', '.join(dupes)}", source="un.yaml")
    version = "policy-" + digest.hexdigest()[:12]
    return Policy(
        jurisdictions=jurisdictions,
        us_ear=_validate(UsEar, loaded["us_ear.json"], "us_ear.json"),
        us_ccl=_validate(UsCcl, loaded["us_ccl.json"], "us_ccl.json"),
        un=un,
        catch_all=_validate(CatchAllData, loaded["catch_all.yaml"], "catch_all.yaml"),
        red_flags=_validate(RedFlags, loaded["red_flags.yaml"], "red_flags.yaml"),
        kr=_validate(KrRules, loaded["kr_rules.yaml"], "kr_rules.yaml"),
        version=version,
        files=files,
    )


@lru_cache(maxsize=1)
def default_policy() -> Policy:
    """The bundled policy, loaded once per process."""
    return load_policy()
