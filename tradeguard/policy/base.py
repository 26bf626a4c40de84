"""The engine's common part: its caches, country groups, arms-embargo lookups, end-use keywords
and the generic licence-requirement reason every jurisdiction builds on."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from tradeguard.policy.facts import ItemFacts, LicenceFacts, _unverified
from tradeguard.policy.load import Policy, default_policy
from tradeguard.policy.model import BulkLicence, GroupRecord, HsRule, Jurisdiction
from tradeguard.policy.reasons import Reason

#: Bound of each of the engine's lookup caches (a bulk audit needs a few thousand entries).
_CACHE_LIMIT = 100_000


class EngineBase:
    """Evaluates the policy data on a date.

    The policy is frozen, so the engine caches what it derives from it per input: the group of
    a country on a date, the UN DPRK HS rules an HS code falls under, the catch-all keywords of
    an end-use statement."""

    def __init__(self, policy: Policy | None = None) -> None:
        self.policy = policy or default_policy()
        self._groups: dict[tuple[str, str, date], tuple[str | None, GroupRecord | None]] = {}
        self._dprk_rules: dict[str, tuple[HsRule, ...]] = {}
        self._triggers: dict[str, dict[str, tuple[str, ...]]] = {}

    # -- country groups ------------------------------------------------------------------

    def group(
        self, jurisdiction: str, country: str, on: date
    ) -> tuple[str | None, GroupRecord | None]:
        """The destination group of ``country`` under ``jurisdiction`` on ``on``.

        Groups checked in file order; the first record in force that lists the country wins.
        Countries in no record fall to the jurisdiction's ``default_group``.
        """
        key = (jurisdiction, country, on)
        found = self._groups.get(key)
        if found is None:
            found = self._group(jurisdiction, country, on)
            if len(self._groups) < _CACHE_LIMIT:
                self._groups[key] = found
        return found

    def _group(
        self, jurisdiction: str, country: str, on: date
    ) -> tuple[str | None, GroupRecord | None]:
        jur = self.policy.jurisdictions.get(jurisdiction)
        if jur is None:
            return None, None
        if jurisdiction == "US":
            groups = self.policy.us_ear.groups_of(country)
            return (",".join(groups) or None), None
        for record in jur.groups:
            if country in record.countries and record.in_force(on):
                return record.group, record
        return jur.default_group, None

    def arms_embargoed(self, on: date) -> set[str]:
        return {e.country for e in self.policy.un.arms_embargoes if e.in_force(on)}

    def arms_embargoes_of(self, jur: Jurisdiction, destination: str, on: date) -> list[str]:
        """The arms embargoes on ``destination`` on ``on``: the UN's and those of the
        jurisdiction's own table (EU Council decisions and common positions, OSCE), each named
        by its instrument."""
        found = [
            f"UN, {e.legal_basis}"
            for e in self.policy.un.arms_embargoes
            if e.country == destination and e.in_force(on)
        ]
        found += [
            f"{'OSCE' if e.by == 'osce' else 'EU'}, {e.instrument}"
            + (" (targeted)" if e.scope == "targeted" else "")
            for e in jur.arms_embargoes
            if destination in e.countries and e.in_force(on)
        ]
        return found

    def end_use_triggers(self, text: str | None) -> dict[str, list[str]]:
        """Catch-all keywords found in an end-use statement, by kind (``wmd``, ``military``)."""
        return {kind: list(hits) for kind, hits in self._end_use_triggers(text).items()}

    def _end_use_triggers(self, text: str | None) -> dict[str, tuple[str, ...]]:
        """:meth:`end_use_triggers`, cached per statement (the result is shared: not to be
        changed)."""
        key = text or ""
        found = self._triggers.get(key)
        if found is not None:
            return found
        found = {}
        low = key.lower()
        if low:
            for kind, rule in (
                ("wmd", self.policy.catch_all.end_use.wmd),
                ("military", self.policy.catch_all.end_use.military),
            ):
                hits = tuple(k for k in rule.keywords if k.lower() in low)
                if hits:
                    found[kind] = hits
        if len(self._triggers) < _CACHE_LIMIT:
            self._triggers[key] = found
        return found

    def catch_all_lists(self, jurisdiction: str, end_user_lists: Sequence[str]) -> list[str]:
        """The end user's lists that trigger ``jurisdiction``'s catch-all: the catch-all's lists
        published by that jurisdiction, each once (another jurisdiction's list, e.g. the US
        Entity List for a Japanese exporter, is a red flag to review, not a licence case)."""
        from tradeguard.lists.consequences import list_info

        lists = self.policy.catch_all.end_user.lists.lists
        return [
            x
            for x in dict.fromkeys(end_user_lists)
            if x in lists and list_info(x).jurisdiction == jurisdiction
        ]

    @staticmethod
    def _measure_matches(cas: list[str], prefixes: list[str], item: ItemFacts) -> bool:
        if item.cas and item.cas in cas:
            return True
        return any(e.code.startswith(p) for e in item.entries for p in prefixes)

    def _where(
        self, jurisdiction: str, destination: str, group: str | None
    ) -> tuple[str, dict[str, object]]:
        """The destination with its group, named as the jurisdiction's law names it when its
        policy file does (``group_names``: EU001 or not), and the parameter that says so."""
        jur = self.policy.jurisdictions.get(jurisdiction)
        name = jur.group_names.get(group) if jur is not None and group else None
        if name:
            return f"{destination} ({name})", {"group_name": group}
        return (f"{destination} (group {group})" if group else destination), {}

    def _licence_reason(
        self,
        jurisdiction: str,
        destination: str,
        group: str | None,
        requirement: str,
        basis: str,
        note: str,
        verified: bool,
        item: ItemFacts,
        licences: list[LicenceFacts],
        on: date,
        record: GroupRecord | None,
        bulk: Sequence[BulkLicence] = (),
    ) -> list[Reason]:
        codes = [e.code for e in item.entries]
        covering = [
            lic for lic in licences if any(lic.covers(jurisdiction, code, on) for code in codes)
        ]
        sufficient = [
            lic for lic in covering if requirement == "general" or lic.type == "individual"
        ]
        conditional = [b for b in bulk if b.condition]
        maybe = (
            [lic for lic in covering if lic.type != "individual"]
            if requirement == "individual_or_conditional_bulk" and not sufficient
            else []
        )
        evidence: dict[str, object] = {
            "jurisdiction": jurisdiction,
            "destination": destination,
            "destination_group": group,
            "entries": codes,
            "licence_type_required": requirement,
            "licence_given": bool(covering),
        }
        if record is not None:
            evidence["group_source"] = record.source
            evidence["group_effective_from"] = record.effective_from.isoformat()
            if record.effective_to:
                evidence["group_effective_to"] = record.effective_to.isoformat()
        kind = _requirement_words(requirement, conditional)
        where, params = self._where(jurisdiction, destination, group)
        params |= _params(jurisdiction, codes, destination, group, requirement, note)
        if sufficient:
            evidence["licences"] = [lic.number for lic in sufficient]
            return [
                Reason(
                    code="LICENCE_COVERED",
                    severity="info",
                    message=f"{jurisdiction} export of {', '.join(codes)} to {where} needs {kind}{note}; "
                    f"covered by {', '.join(lic.number for lic in sufficient)}",
                    legal_basis=basis,
                    evidence=evidence,
                    verified=verified,
                    item=item.line,
                    params=params | {"licences": [lic.number for lic in sufficient]},
                )
            ]
        message = f"{jurisdiction} export of {', '.join(codes)} to {where} needs {kind}{note}"
        if maybe:
            evidence["licences"] = [lic.number for lic in maybe]
            return [
                Reason(
                    code="LICENCE_TYPE_UNDECIDED",
                    severity="review",
                    message=message
                    + f"; {', '.join(lic.number for lic in maybe)} is a bulk licence: it covers the "
                    f"export only if it is a {' or '.join(b.name for b in conditional)} and "
                    + "; ".join(b.condition or "" for b in conditional)
                    + _unverified(verified and all(b.verified for b in conditional)),
                    legal_basis=basis,
                    evidence=evidence,
                    verified=False,
                    item=item.line,
                    params=params | _bulk_params(maybe, conditional),
                )
            ]
        insufficient = [f"{lic.number} ({lic.type})" for lic in covering]
        if covering:
            evidence["insufficient_licences"] = insufficient
            message += f"; {', '.join(insufficient)} does not suffice"
        else:
            message += "; no licence reference given"
        return [
            Reason(
                code="LICENCE_REQUIRED",
                severity="licence_required",
                message=message + _unverified(verified),
                legal_basis=basis,
                evidence=evidence,
                verified=verified,
                item=item.line,
                params=params
                | {"form": "insufficient" if covering else "none", "licences": insufficient},
            )
        ]


def _bulk_params(
    maybe: Sequence[LicenceFacts], conditional: Sequence[BulkLicence]
) -> dict[str, object]:
    """The values of a bulk licence that covers the export only under its conditions."""
    return {
        "form": "bulk",
        "licences": [lic.number for lic in maybe],
        "bulk_text": " or ".join(b.name for b in conditional),
        "conditions_text": "; ".join(b.condition or "" for b in conditional),
    }


def _requirement_words(requirement: str, conditional: Sequence[BulkLicence]) -> str:
    """The licence a requirement asks for, as the reason's English sentence says it."""
    return {
        "individual": "an individual licence",
        "general": "a licence (general/bulk licence allowed)",
    }.get(
        requirement,
        "an individual licence or "
        + " or ".join(f"a {b.name} ({b.condition})" for b in conditional),
    )


def _params(
    jurisdiction: str,
    codes: list[str],
    destination: str,
    group: str | None,
    requirement: str,
    note: str,
) -> dict[str, object]:
    """The values a licence reason is written from (the pages write it in their language)."""
    return {
        "jurisdiction": jurisdiction,
        "entries": codes,
        "destination": destination,
        "group": group or "—",
        "requirement": requirement,
        "note_text": note.removeprefix("; "),
    }
