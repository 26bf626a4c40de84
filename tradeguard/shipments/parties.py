"""The parties of a shipment: each screened against the lists, its strongest match turned into
one reason (designated: an asset freeze; denied: a US denial order; on an end-user list:
catch-all review; otherwise a possible match), the network exposure hook asked for each, the
vessel screened by name and IMO.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from tradeguard.errors import InputError
from tradeguard.lists.consequences import list_info
from tradeguard.policy import Policy, Reason
from tradeguard.screening.features import shown
from tradeguard.shipments.decision import PartyMatch, PartyResult
from tradeguard.shipments.denied import EarFacts, denied_reason, subject_to_ear
from tradeguard.shipments.designated import Reach, binds, designated_reason, reach_of
from tradeguard.shipments.held import held_sentence
from tradeguard.shipments.memberships import (
    basis_of,
    member_lists,
    name_alone_abroad,
    party_name_but_form,
)
from tradeguard.shipments.model import Shipment
from tradeguard.shipments.protocols import ExposureCheck, MatchLike

#: Match levels, strongest first.
LEVELS = {"designated": 0, "denied": 1, "listed": 2, "possible": 3}


class PartyChecks:
    """Screens parties with one screener under one policy; answers are memoised per input
    (declarations repeat their parties) and left out when pickled."""

    def __init__(
        self,
        policy: Policy,
        screener: Any | None,
        list_versions: list[dict[str, Any]],
        exposure: ExposureCheck | None = None,
    ) -> None:
        self.policy = policy
        self.screener = screener
        self.list_versions = list_versions
        self.exposure = exposure
        self._matches: dict[tuple[Any, ...], list[PartyMatch]] = {}
        self._reasons: dict[tuple[Any, ...], list[Reason]] = {}

    def __getstate__(self) -> dict[str, Any]:
        """Pickled (sent to batch workers) without the memo tables: a copy fills its own."""
        return {**self.__dict__, "_matches": {}, "_reasons": {}}

    def caches(self) -> dict[str, dict[Any, Any]]:
        """The memo tables by name (what a pickled copy starts without)."""
        return {"party matches": self._matches, "party reasons": self._reasons}

    def check(
        self, shipment: Shipment, on: date
    ) -> tuple[list[PartyResult], list[str], list[Reason]]:
        """Every party and the vessel screened: their results, the lists the consignee's and
        end user's matches are on (for the catch-all), and the reasons."""
        reasons: list[Reason] = []
        parties: list[PartyResult] = []
        end_user_lists: list[str] = []
        exporter = self.policy.jurisdiction_for(shipment.export_country)
        ear = subject_to_ear(shipment, exporter)
        reach = reach_of(shipment, exporter, self.policy.eu_members)
        for where, role, party in shipment.party_fields():
            if self.screener is not None:
                countries = [party.country] if party.country else []
                try:
                    matches = self.screen(
                        party.name, party.schema_, countries, party.identifiers, party.birth_date
                    )
                except InputError as exc:
                    raise _in_field(exc, where) from None
                result = PartyResult(
                    role=role,
                    name=party.name,
                    country=party.country,
                    screened=True,
                    matches=matches,
                )
                reasons.extend(self.reasons(role, result, on, exporter, ear, reach))
                if role in ("consignee", "end_user"):
                    end_user_lists.extend(member_lists(result.matches))
            else:
                result = PartyResult(role=role, name=party.name, country=party.country)
            if self.exposure is not None:
                reasons.extend(self.exposure(role, party, result.matches, on))
            parties.append(result)
        vessel = self._vessel(shipment, on, reasons, exporter, ear, reach)
        if vessel is not None:
            parties.append(vessel)
        if self.screener is None:
            reasons.append(
                Reason(
                    code="NOT_SCREENED",
                    severity="info",
                    message="parties were not screened (no screener configured)",
                    legal_basis="—",
                )
            )
        return parties, end_user_lists, reasons

    def _vessel(
        self,
        shipment: Shipment,
        on: date,
        reasons: list[Reason],
        exporter: str | None = None,
        ear: EarFacts = EarFacts(),
        reach: Reach | None = None,
    ) -> PartyResult | None:
        vessel = shipment.vessel
        if vessel is None or not (vessel.name or vessel.imo):
            return None
        result = PartyResult(
            role="vessel", name=vessel.name or f"IMO {vessel.imo}", country=vessel.flag
        )
        if self.screener is not None:
            result.screened = True
            ids = [vessel.imo] if vessel.imo else []
            try:
                result.matches = self.screen(vessel.name or vessel.imo or "", "Vessel", [], ids)
            except InputError as exc:
                raise _in_field(exc, "vessel") from None
            reasons.extend(self.reasons("vessel", result, on, exporter, ear, reach))
        return result

    def screen(
        self,
        name: str,
        schema: str | None,
        countries: list[str],
        ids: list[str],
        birth_date: str | None = None,
    ) -> list[PartyMatch]:
        key = (name, schema, tuple(countries), tuple(ids), birth_date)
        cached = self._matches.get(key)
        if cached is not None:
            return cached
        from tradeguard.screening import Query

        thresholds = self.policy.red_flags.screening
        designated_lists = set(thresholds.designated_lists)
        denied_lists = set(thresholds.denied_lists)
        denied_programs = set(thresholds.denied_programs)
        end_user_lists = set(self.policy.catch_all.end_user.lists.lists)
        if self.screener is None:
            return []
        raw: list[MatchLike] = self.screener.screen(
            Query(
                name=name,
                schema=schema,
                countries=countries,
                identifiers=ids,
                birth_date=birth_date,
                # a party to the shipment is a person or an organisation (the vessel is
                # screened as a Vessel): an untyped one does not meet a ship's entry
                craft=False,
            ),
            threshold=thresholds.possible_at,
            limit=10,
        )
        order = {name: n for n, name in enumerate(thresholds.designated_lists)}

        def level_of(
            member: dict[str, Any], score: float, unconfirmed: bool = False, named: bool = False
        ) -> str:
            list_id = member["list"]
            if (score < thresholds.designated_at and not named) or unconfirmed:
                return "possible"
            if list_id in designated_lists:
                return "designated"
            if list_id in denied_lists or denied_programs & set(member.get("programs") or ()):
                return "denied"
            return "listed" if list_id in end_user_lists else "possible"

        from tradeguard.screening.model import membership_of

        versions = {str(v.get("list")): v.get("sha256") for v in self.list_versions}
        out = []
        for m in raw:
            # one match per party: its strongest membership decides (the METI copy's kanji
            # name reaching a UN-designated party gives the UN asset freeze); every membership
            # in the screening's shape, with its level here
            members = [dict(x) for x in getattr(m, "memberships", None) or []] or [
                membership_of(m, versions.get(m.list))
            ]
            score = round(float(m.score), 4)
            abroad = name_alone_abroad(m)
            # an organisation's listed name but for its legal form is the listed party, however
            # a country none of the party's lowered the score (docs/policy.md)
            named = party_name_but_form(name, m, members)
            strongest = min(
                members,
                key=lambda x: (
                    LEVELS[level_of(x, score, abroad is not None, named)],
                    order.get(x["list"], 99),
                    x["entity_id"] != m.entity_id,
                    x["entity_id"],
                ),
            )
            out.append(
                PartyMatch(
                    entity_id=strongest["entity_id"],
                    list=strongest["list"],
                    source_id=strongest["source_id"],
                    caption=strongest["caption"],
                    matched_name=m.matched_name,
                    score=score,
                    programs=list(strongest["programs"]),
                    consequence=strongest["consequence"],
                    level=level_of(strongest, score, abroad is not None, named),
                    matched_entity_id=m.entity_id,
                    party_id=getattr(m, "party_id", "") or m.entity_id,
                    memberships=[
                        {**x, "level": level_of(x, score, abroad is not None, named)}
                        for x in members
                    ],
                    unconfirmed=abroad,
                    form_only=named,
                )
            )
        self._matches[key] = out
        return out

    def reasons(
        self,
        role: str,
        party: PartyResult,
        on: date,
        exporter: str | None = None,
        ear: EarFacts = EarFacts(),
        reach: Reach | None = None,
    ) -> list[Reason]:
        """The party's reason; ``ear`` says why the export is subject to the EAR, as far as
        the declaration shows (:func:`subject_to_ear`), for a party under a denial order;
        ``reach`` whose designations bind the exporter (:func:`reach_of`; by default those of
        the exporter's jurisdiction and the UN's)."""
        reach = reach if reach is not None else Reach(exporter)
        # keyed by every field of the matches: the same name screened with another country
        # scores otherwise, and the score sets the level (designated, listed or possible); a
        # person's name alone from another country names that country in its reason
        key = (
            role,
            exporter,
            ear,
            reach,
            party.name,
            tuple(
                (
                    m.entity_id,
                    m.matched_entity_id,
                    m.list,
                    m.caption,
                    m.matched_name,
                    m.score,
                    m.level,
                    repr(m.unconfirmed),
                    *m.programs,
                )
                for m in party.matches
            ),
        )
        cached = self._reasons.get(key)
        if cached is None:
            cached = self._reasons_uncached(role, party, on, exporter, ear, reach)
            if len(self._reasons) < 100_000:
                self._reasons[key] = cached
        return cached

    def _evidence(
        self, role: str, name: str, best: PartyMatch, hits: Sequence[PartyMatch]
    ) -> dict[str, Any]:
        """What a party's reason shows of its strongest match and the other hits."""
        return {
            "role": role,
            "name": name,
            "entity_id": best.entity_id,
            "list": best.list,
            "matched_name": best.matched_name,
            "score": best.score,
            "programs": best.programs,
            "matched_entity_id": best.matched_entity_id or best.entity_id,
            "party_id": best.party_id or best.entity_id,
            "memberships": [dict(x) for x in best.memberships],
            "form_only": best.form_only,
            "list_version": next(
                (v for v in self.list_versions if v.get("list") == best.list), None
            ),
            "also": [f"{m.entity_id} ({shown(m.score):.2f})" for m in hits if m is not best][:10],
        }

    def _reasons_uncached(
        self,
        role: str,
        party: PartyResult,
        on: date,
        exporter: str | None = None,
        ear: EarFacts = EarFacts(),
        reach: Reach = Reach(),
    ) -> list[Reason]:
        """One reason per party: the strongest match (designated before possible; a
        designation binding the exporter before one that does not; among equal scores, the
        list named first in ``designated_lists``), the other hits as evidence; the
        legal basis names every list the party is designated or listed on, the exporter's
        jurisdiction first, then the UN, then the others."""
        flags = self.policy.red_flags
        order = {name: n for n, name in enumerate(flags.screening.designated_lists)}
        hits = sorted(
            party.matches,
            key=lambda m: (
                LEVELS.get(m.level, 9),
                m.level == "designated" and not binds(m, reach),
                -m.score,
                order.get(m.list, 99),
                m.entity_id,
            ),
        )
        if not hits:
            return []
        best = hits[0]
        evidence = self._evidence(role, party.name, best, hits)
        params = {
            "role": role,
            "name": party.name,
            "caption": best.caption,
            "entity_id": best.entity_id,
            "list": best.list,
            "score": round(best.score, 2),
        }
        if best.level == "designated":
            basis = basis_of(hits, exporter)
            return [designated_reason(role, party.name, best, reach, basis, evidence, params)]
        if best.level == "denied":
            rule = self.policy.red_flags.denied_party
            basis = basis_of(hits, exporter)
            return [denied_reason(rule, role, party.name, best, basis, ear, evidence, params)]
        if best.level == "listed":
            rule_l = self.policy.catch_all.end_user.lists
            own = exporter is None or any(
                list_info(str(x["list"])).jurisdiction == exporter
                for m in hits
                for x in m.memberships or [{"list": m.list}]
            )
            tail = (
                "a catch-all licence may be needed"
                if own
                else f"a red flag for a {exporter} exporter to review, not a list of {exporter}'s "
                "catch-all"
            )
            return [
                Reason(
                    code="LISTED_PARTY",
                    severity="review",
                    message=f"{role} {party.name!r} is on an end-user list: {best.caption} "
                    f"({best.entity_id}, {best.list}), score {shown(best.score):.2f}; {tail}",
                    legal_basis=basis_of(hits, exporter),
                    evidence=evidence,
                    rule_id=rule_l.id,
                    verified=rule_l.verified,
                    party=role,
                    params=params if own else params | {"form": "foreign", "exporter": exporter},
                )
            ]
        rule = flags.possible_hit
        frozen = self._freezing(best)
        if frozen:
            # an identity to confirm before anything else: the decision holds (REVIEW above
            # LICENCE_REQUIRED) and its case cannot be released until a false positive is
            # approved (docs/policy.md, "Verdict precedence")
            params = params | {"hold": True, "hold_lists": frozen}
            evidence = evidence | {"hold": True, "hold_lists": frozen}
        held = held_sentence(party.name, best.entity_id, frozen) if frozen else ""
        if best.unconfirmed is not None:
            reason = self._other_country(role, party.name, best, evidence, params)
            reason.message += held
            return [reason]
        return [
            Reason(
                code="POSSIBLE_MATCH",
                severity=rule.severity,
                message=f"{role} {party.name!r} may be {best.caption} ({best.entity_id}) on {best.list}, "
                f"score {shown(best.score):.2f}{held}",
                legal_basis=rule.legal_basis,
                evidence=evidence,
                rule_id=rule.id,
                verified=rule.verified,
                party=role,
                params=params,
            )
        ]

    def _freezing(self, match: PartyMatch) -> list[str]:
        """The asset-freeze and denial lists among a possible match's memberships (those a
        confirmed match would make prohibiting), each once."""
        screening = self.policy.red_flags.screening
        strong = set(screening.designated_lists) | set(screening.denied_lists)
        members = match.memberships or [{"list": match.list}]
        return list(dict.fromkeys(str(x["list"]) for x in members if x["list"] in strong))

    def _other_country(
        self,
        role: str,
        name: str,
        best: PartyMatch,
        evidence: dict[str, Any],
        params: dict[str, Any],
    ) -> Reason:
        """The reason for a person who has a listed person's name and nothing else of theirs
        (:func:`name_alone_abroad`): a possible match to confirm, not the listed person."""
        rule = self.policy.red_flags.possible_hit
        abroad = best.unconfirmed or {}
        countries, listed = abroad.get("countries", []), abroad.get("listed", [])
        return Reason(
            code="POSSIBLE_MATCH",
            severity=rule.severity,
            message=f"{role} {name!r} has the name of {best.caption} ({best.entity_id}) on "
            f"{best.list}, score {shown(best.score):.2f}, but is in {', '.join(countries)}, none of the "
            f"listed person's countries ({', '.join(listed)}), and no birth date or identifier "
            "agrees: the same name in another country, a possible match; confirm the person's "
            "identity (birth date, passport, nationality) before release",
            legal_basis=rule.legal_basis,
            evidence=evidence,
            rule_id=rule.id,
            verified=rule.verified,
            party=role,
            params=params | {"form": "other_country", "countries": countries, "listed": listed},
        )


def _in_field(exc: InputError, where: str) -> InputError:
    """The screener's refusal of a party (its field ``name`` ...) as an error naming the
    shipment's field, e.g. ``consignee.name``."""
    field = f"{where}.{exc.field}" if exc.field else where
    return InputError(exc.message, source=exc.source, line=exc.line, field=field)
