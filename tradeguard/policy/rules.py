"""Evaluate the destination policy "as of" a date: country groups, licence requirements,
UN embargoes (DPRK sectoral bans by HS code, luxury goods, caps, arms embargoes) and catch-all.

The engine works on small fact records (:class:`ItemFacts`, :class:`LicenceFacts`) so the rules
can be tested without a shipment, a classifier or a screener.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from tradeguard.policy.load import Policy, default_policy
from tradeguard.policy.model import (
    BulkLicence,
    CatchAll,
    CatchAllProvision,
    ChartRow,
    GroupRecord,
    HsRule,
    Jurisdiction,
    LowValueExemption,
)
from tradeguard.policy.reasons import Reason
from tradeguard.policy.us import UsLicensing, UsRules, us_code_for

#: HS chapters of food (1–24) and pharmaceutical products (30): outside the UN DPRK catch-all.
_MUNITIONS = re.compile(r"^(ML\d|\d[A-E]6\d\d|\dA5\d\d|0A5)", re.IGNORECASE)


@dataclass(frozen=True)
class EntryFacts:
    """A control-list entry that applies to an item (from a classifier or declared)."""

    code: str
    regimes: tuple[str, ...] = ()
    reasons_for_control: tuple[str, ...] = ()
    title: str | None = None
    declared: bool = False
    #: The exporting jurisdiction's own number for the entry (the US ECCN paragraph of EU
    #: 1C350.24 is 1C350.d.15), when the knowledge base has it.
    national_code: str | None = None


@dataclass(frozen=True)
class ItemFacts:
    """What the policy needs to know about one line item."""

    line: int | None = None
    description: str | None = None
    hs: str | None = None
    cas: str | None = None
    entries: tuple[EntryFacts, ...] = ()
    quantity: float | None = None
    value: float | None = None
    currency: str | None = None
    origin: str | None = None

    @property
    def controlled(self) -> bool:
        return bool(self.entries)

    @property
    def is_arms(self) -> bool:
        if self.hs and self.hs.startswith("93"):
            return True
        for entry in self.entries:
            if _MUNITIONS.match(entry.code):
                return True
            if any("munition" in r.lower() or r.upper() in {"ML", "WA-ML"} for r in entry.regimes):
                return True
        return False

    @property
    def unit_value(self) -> float | None:
        if self.value is None:
            return None
        if self.quantity:
            return self.value / self.quantity
        return self.value


@dataclass(frozen=True)
class LicenceFacts:
    """A licence reference quoted on a declaration."""

    number: str
    jurisdiction: str | None = None
    type: str = "individual"
    entries: tuple[str, ...] = ()
    valid_until: date | None = None

    def covers(self, jurisdiction: str, entry: str, on: date) -> bool:
        if self.jurisdiction and self.jurisdiction != jurisdiction:
            return False
        if self.valid_until is not None and on > self.valid_until:
            return False
        return not self.entries or any(
            entry.startswith(e) or e.startswith(entry) for e in self.entries
        )


@dataclass
class RouteFacts:
    """Which UN DPRK directions a movement touches."""

    to_dprk: bool = False
    from_dprk: bool = False
    via: list[str] = field(default_factory=list)


def _hs_digits(hs: str | None) -> str:
    return re.sub(r"\D", "", hs or "")


def _unverified(verified: bool) -> str:
    return "" if verified else " [source not verified against the official text]"


_NO_ROW = ChartRow(marks=[])

#: Bound of each of the engine's lookup caches (a bulk audit needs a few thousand entries).
_CACHE_LIMIT = 100_000


class PolicyEngine:
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

    # -- UN Security Council ---------------------------------------------------------------

    def un_dprk(self, item: ItemFacts, route: RouteFacts, on: date) -> list[Reason]:
        """UN DPRK measures for one item moving to and/or from the DPRK."""
        if not (route.to_dprk or route.from_dprk):
            return []
        dprk = self.policy.un.dprk
        reasons: list[Reason] = []
        hs = _hs_digits(item.hs)
        hit_to = False
        for rule in self._dprk_rules_for(hs):
            if not rule.in_force(on):
                continue
            if rule.direction == "to_dprk" and not route.to_dprk:
                continue
            if rule.direction == "from_dprk" and not route.from_dprk:
                continue
            reason = self._hs_rule(rule, item, hs)
            if reason is not None:
                reasons.append(reason)
                hit_to = hit_to or rule.direction == "to_dprk"
        if route.to_dprk or route.from_dprk:
            rule_w = dprk.wmd_items
            if item.controlled and rule_w.in_force(on):
                codes = [e.code for e in item.entries]
                reasons.append(
                    Reason(
                        code="UN_DPRK_WMD_ITEM",
                        severity=rule_w.severity,
                        message=(
                            f"Controlled item ({', '.join(codes)}) "
                            f"{'to' if route.to_dprk else 'from'} the DPRK: {rule_w.title}"
                            + _unverified(rule_w.verified)
                        ),
                        legal_basis=rule_w.legal_basis,
                        evidence={"entries": codes, "source": rule_w.source},
                        rule_id=rule_w.id,
                        verified=rule_w.verified,
                        item=item.line,
                    )
                )
        if route.to_dprk and not hit_to and not item.controlled:
            rule_c = dprk.catch_all
            excluded = any(hs.startswith(p) for p in rule_c.excluded_hs_prefixes) if hs else False
            if rule_c.in_force(on) and not excluded:
                reasons.append(
                    Reason(
                        code="UN_DPRK_CATCH_ALL",
                        severity=rule_c.severity,
                        message=(
                            f"Goods to the DPRK (HS {item.hs or 'not given'}): {rule_c.title}; "
                            "establish that it cannot contribute before release"
                            + _unverified(rule_c.verified)
                        ),
                        legal_basis=rule_c.legal_basis,
                        evidence={"hs": item.hs, "source": rule_c.source},
                        rule_id=rule_c.id,
                        verified=rule_c.verified,
                        item=item.line,
                    )
                )
        return reasons

    def _dprk_rules_for(self, hs: str) -> tuple[HsRule, ...]:
        """The UN DPRK HS rules whose prefixes the HS code ``hs`` falls under, in file order."""
        rules = self._dprk_rules.get(hs)
        if rules is None:
            rules = tuple(
                rule
                for rule in self.policy.un.dprk.hs_rules
                if hs and any(hs.startswith(p) for p in rule.hs_prefixes)
            )
            if len(self._dprk_rules) < _CACHE_LIMIT:
                self._dprk_rules[hs] = rules
        return rules

    def _hs_rule(self, rule: HsRule, item: ItemFacts, hs: str) -> Reason | None:
        if not hs or not any(hs.startswith(p) for p in rule.hs_prefixes):
            return None
        text = (item.description or "").lower()
        if rule.keywords and not any(k in text for k in rule.keywords):
            return None
        severity = rule.severity
        note = ""
        if rule.unit_value_over_usd is not None:
            unit = item.unit_value
            currency = (item.currency or "USD").upper()
            if unit is None or currency != "USD":
                severity = "review"
                note = f"; value threshold USD {rule.unit_value_over_usd:,.0f} cannot be checked (no USD value)"
            elif unit <= rule.unit_value_over_usd:
                return None
            else:
                note = f"; unit value USD {unit:,.2f} > {rule.unit_value_over_usd:,.0f}"
        code = {
            ("to_dprk", "luxury"): "UN_DPRK_LUXURY_GOODS",
            ("to_dprk", "cap"): "UN_DPRK_QUANTITY_CAP",
            ("from_dprk", "cap"): "UN_DPRK_QUANTITY_CAP",
            ("to_dprk", "arms"): "UN_ARMS_EMBARGO",
            ("from_dprk", "arms"): "UN_DPRK_IMPORT_BAN",
        }.get((rule.direction, rule.measure))
        if code is None:
            code = "UN_DPRK_EXPORT_BAN" if rule.direction == "to_dprk" else "UN_DPRK_IMPORT_BAN"
        way = "to" if rule.direction == "to_dprk" else "from"
        message = f"HS {item.hs} {way} the DPRK: {rule.title}{note}"
        if rule.exceptions:
            message += f" (exceptions: {rule.exceptions})"
        evidence: dict[str, object] = {
            "hs": item.hs,
            "hs_prefixes": rule.hs_prefixes,
            "resolutions": rule.resolutions,
            "effective_from": rule.effective_from.isoformat(),
            "source": rule.source,
            "verification": rule.verification,
        }
        if rule.measure == "cap":
            evidence["quantity"] = item.quantity
        return Reason(
            code=code,
            severity=severity,
            message=message + _unverified(rule.verified),
            legal_basis=rule.legal_basis,
            evidence=evidence,
            rule_id=rule.id,
            verified=rule.verified,
            item=item.line,
        )

    def un_iran(self, item: ItemFacts, to_iran: bool, from_iran: bool, on: date) -> list[Reason]:
        """UN Iran measures (the 1737 regime, re-applied 2025-09-28) for one item going to or
        coming from Iran; the arms embargo on supply to Iran is in :meth:`arms_embargo`."""
        iran = self.policy.un.iran
        if iran is None or not (to_iran or from_iran):
            return []
        reasons: list[Reason] = []
        for m in iran.measures:
            if not m.in_force(on):
                continue
            hit_to = to_iran and m.direction in ("to", "both")
            hit_from = from_iran and m.direction in ("from", "both")
            if not (hit_to or hit_from):
                continue
            way = "to" if hit_to else "from"
            evidence: dict[str, object] = {
                "resolutions": m.resolutions,
                "effective_from": m.effective_from.isoformat(),
                "source": m.source,
            }
            if m.quote is not None:
                evidence["quote"] = m.quote.text
                evidence["quote_in"] = m.quote.cite
            severity = m.severity
            if m.kind == "arms":
                if not item.is_arms:
                    continue
                message = f"Arms or military item {way} Iran: {m.title}"
            elif m.kind == "items":
                listed, unknown = _on_regime_lists(item, m.regimes)
                if listed:
                    evidence["entries"] = listed
                    message = (
                        f"{', '.join(listed)} ({'/'.join(m.regimes)} list) {way} Iran: {m.title}"
                    )
                elif unknown:
                    severity = "review" if severity != "info" else severity
                    evidence["entries"] = unknown
                    message = (
                        f"{', '.join(unknown)} {way} Iran: whether it is on the "
                        f"{'/'.join(m.regimes)} lists is not known; {m.title}"
                    )
                else:
                    continue
            else:
                message = f"Iran: {m.title}"
            reasons.append(
                Reason(
                    code={
                        "items": "UN_IRAN_ITEMS_BAN" if way == "to" else "UN_IRAN_PROCUREMENT_BAN",
                        "arms": "UN_ARMS_EMBARGO" if way == "to" else "UN_IRAN_PROCUREMENT_BAN",
                        "asset_freeze": "UN_IRAN_ASSET_FREEZE",
                    }[m.kind],
                    severity=severity,
                    message=message + _unverified(m.verified),
                    legal_basis=m.legal_basis,
                    evidence=evidence,
                    rule_id=m.id,
                    verified=m.verified,
                    item=item.line,
                )
            )
        return reasons

    def arms_embargo(self, item: ItemFacts, destination: str, on: date) -> list[Reason]:
        """UN arms embargoes on the destination, for arms and military items (not the DPRK: see
        :meth:`un_dprk`, whose HS rule also covers arms by HS code)."""
        if not item.is_arms:
            return []
        reasons = []
        for emb in self.policy.un.arms_embargoes:
            if emb.country != destination or not emb.in_force(on):
                continue
            if emb.country == self.policy.un.dprk.country and item.hs and item.hs.startswith("93"):
                continue  # already reported by the DPRK HS rule
            reasons.append(
                Reason(
                    code="UN_ARMS_EMBARGO",
                    severity=emb.severity,
                    message=f"Arms or military item to {destination}: UN arms embargo ({emb.scope})"
                    + _unverified(emb.verified),
                    legal_basis=emb.legal_basis,
                    evidence={
                        "destination": destination,
                        "scope": emb.scope,
                        "source": emb.source,
                        **(
                            {"quote": emb.quote.text, "quote_in": emb.quote.cite}
                            if emb.quote is not None
                            else {}
                        ),
                    },
                    rule_id=emb.id,
                    verified=emb.verified,
                    item=item.line,
                )
            )
        return reasons

    # -- national policy -------------------------------------------------------------------

    def national_embargoes(
        self,
        jurisdiction: str,
        destination: str,
        origin: str | None,
        on: date,
        ultimate: Sequence[tuple[str, str]] = (),
    ) -> list[Reason]:
        """National embargoes on the destination or the origin. ``ultimate`` holds the
        countries of the parties the goods are finally for, as (role, country) pairs (end user,
        consignee): an export ban reaches goods sent through a third country to them."""
        jur = self.policy.jurisdictions.get(jurisdiction)
        if jur is None:
            return []
        reasons: list[Reason] = []
        for emb in jur.national_embargoes:
            if not emb.in_force(on):
                continue
            exports = emb.direction in ("export", "both")
            export_hit = exports and destination in emb.destinations
            via = (
                []
                if export_hit or not exports
                else [(role, country) for role, country in ultimate if country in emb.destinations]
            )
            import_hit = emb.direction in ("import", "both") and origin in emb.destinations
            if export_hit or via or import_hit:
                evidence: dict[str, object] = {
                    "jurisdiction": jurisdiction,
                    "destination": destination,
                    "source": emb.source,
                }
                message = emb.title
                if via:
                    evidence["ultimate_destination"] = via[0][1]
                    evidence["ultimate_parties"] = [role for role, _ in via]
                    message = (
                        f"ultimate destination {via[0][1]} ({', '.join(r.replace('_', ' ') for r, _ in via)} "
                        f"there), declared destination {destination}: {emb.title}"
                    )
                if emb.quote is not None:
                    evidence["quote"] = emb.quote.text
                    evidence["quote_in"] = emb.quote.cite
                reasons.append(
                    Reason(
                        code="NATIONAL_EMBARGO",
                        severity="prohibited",
                        message=message + _unverified(emb.verified),
                        legal_basis=emb.legal_basis,
                        evidence=evidence,
                        rule_id=emb.id,
                        verified=emb.verified,
                    )
                )
        if jurisdiction == "US":
            groups = set(self.policy.us_ear.groups_of(destination))
            for gemb in jur.embargoes:
                if gemb.in_force(on) and groups & set(gemb.groups):
                    reasons.append(
                        Reason(
                            code="US_EMBARGO",
                            severity="licence_required",
                            message=f"{destination} is in US Country Group {', '.join(sorted(groups & set(gemb.groups)))}: "
                            "a licence is required for virtually all items subject to the EAR (general policy of denial)",
                            legal_basis=gemb.legal_basis,
                            evidence={
                                "destination": destination,
                                "groups": sorted(groups),
                                "pointer": self.policy.us_ear.embargoed.get(destination),
                            },
                            rule_id=gemb.id,
                            verified=gemb.verified,
                        )
                    )
        return reasons

    def licensing(
        self,
        jurisdiction: str,
        destination: str,
        item: ItemFacts,
        licences: list[LicenceFacts],
        on: date,
        end_use: str | None = None,
        end_user_lists: Sequence[str] = (),
        informed: frozenset[str] = frozenset(),
    ) -> list[Reason]:
        """Licence requirement of ``jurisdiction`` for a controlled item to ``destination``.

        The end use, the end user's lists and what the exporter was informed of decide whether
        an exemption that the catch-all cases withhold (Japan's low-value exemption) holds."""
        jur = self.policy.jurisdictions.get(jurisdiction)
        if jur is None or not item.controlled:
            return []
        if jurisdiction == "US":
            return self._us_licensing(jur, destination, item, licences, on)
        if jurisdiction == "EU" and destination in self.policy.eu_members:
            return [
                Reason(
                    code="NO_LICENCE_NEEDED",
                    severity="info",
                    message=f"Transfer inside the EU to {destination}: no authorisation for Annex I items outside Annex IV (Annex IV not modelled)",
                    legal_basis="Regulation (EU) 2021/821, Art. 11",
                    evidence={"entries": [e.code for e in item.entries]},
                    verified=False,
                    item=item.line,
                )
            ]
        group, record = self.group(jurisdiction, destination, on)
        listed = jur.licensing.listed_goods
        requirement = "general" if group in listed.general_licence_groups else "individual"
        if requirement == "individual" and any(
            group in b.groups and b.condition for b in listed.bulk_licences
        ):
            requirement = "individual_or_conditional_bulk"
        basis = listed.legal_basis
        measure_note = ""
        verified = listed.verified and (record.verified if record else True)
        for measure in jur.measures:
            if not measure.in_force(on) or destination not in measure.destinations:
                continue
            if self._measure_matches(measure.match.cas, measure.match.entry_prefixes, item):
                requirement = measure.requirement
                basis = f"{basis}; {measure.legal_basis}"
                measure_note = f"; {measure.title} (in force from {measure.effective_from})"
                verified = verified and measure.verified
        reasons = self._licence_reason(
            jurisdiction,
            destination,
            group,
            requirement,
            basis,
            measure_note,
            verified,
            item,
            licences,
            on,
            record,
            [b for b in listed.bulk_licences if group in b.groups],
        )
        if listed.low_value_exemption is not None and reasons[0].code != "LICENCE_COVERED":
            exempt_groups = jur.catch_all.exempt_groups if jur.catch_all else []
            exemption = self._low_value(
                listed.low_value_exemption,
                destination,
                group in exempt_groups,
                item,
                end_use,
                end_user_lists,
                informed,
                reasons[0],
            )
            if exemption is not None:
                return [exemption]
        return reasons

    def _low_value(
        self,
        rule: LowValueExemption,
        destination: str,
        catch_all_exempt: bool,
        item: ItemFacts,
        end_use: str | None,
        end_user_lists: Sequence[str],
        informed: frozenset[str],
        required: Reason,
    ) -> Reason | None:
        """Japan's low-value exemption for an item that would need a licence: ``None`` when it
        does not apply (or cannot be told to, the value not being in yen), else the reason that
        the item is exempt or, between the two thresholds for rows whose threshold depends on
        a METI notice, undecided."""
        rows = {_jp_row(e.code) for e in item.entries}
        if not rows or None in rows or not rows <= set(rule.rows):
            return None
        if destination in rule.excluded_destinations or item.value is None:
            return None
        if (item.currency or "").upper() != "JPY":
            return None
        # the catch-all cases that withhold the exemption (Art. 4(1)(iii) イ to ニ)
        if informed:
            return None
        if not catch_all_exempt:
            triggers = self._end_use_triggers(end_use)
            listed = [x for x in end_user_lists if x in self.policy.catch_all.end_user.lists.lists]
            if "wmd" in triggers or listed:
                return None
            if destination in rule.all_cases_destinations and "military" in triggers:
                return None
        value = item.value
        evidence: dict[str, object] = {
            "rows": sorted(r for r in rows if r),
            "value_jpy": value,
            "threshold_jpy": rule.threshold_jpy,
            "reduced_threshold_jpy": rule.reduced_threshold_jpy,
            "destination": destination,
            "licence_otherwise": required.evidence.get("licence_type_required"),
        }
        if rule.quote is not None:
            evidence["quote"] = rule.quote.text
            evidence["quote_in"] = rule.quote.cite
        codes = ", ".join(e.code for e in item.entries)
        if value <= rule.reduced_threshold_jpy or (
            value <= rule.threshold_jpy and rows <= set(rule.full_threshold_rows)
        ):
            limit = (
                rule.reduced_threshold_jpy
                if value <= rule.reduced_threshold_jpy
                else rule.threshold_jpy
            )
            return Reason(
                code="LICENCE_EXEMPT_LOW_VALUE",
                severity="info",
                message=f"JP export of {codes} (row {', '.join(sorted(r for r in rows if r))}) worth "
                f"JPY {value:,.0f} to {destination}: no licence under the low-value exemption "
                f"(at most JPY {limit:,.0f}; the value is the total of the contract's goods of the row)"
                + _unverified(rule.verified),
                legal_basis=rule.legal_basis,
                evidence=evidence,
                verified=rule.verified,
                item=item.line,
            )
        if value <= rule.threshold_jpy:
            return Reason(
                code="LICENCE_EXEMPTION_UNDECIDED",
                severity="review",
                message=f"JP export of {codes} worth JPY {value:,.0f} to {destination}: exempt under "
                f"the low-value exemption (JPY {rule.threshold_jpy:,.0f}) unless the item is of "
                f"Appended Table 3-3 or row 15 (METI notice; threshold JPY "
                f"{rule.reduced_threshold_jpy:,.0f}); otherwise: {required.message}",
                legal_basis=f"{rule.legal_basis}; {required.legal_basis}",
                evidence=evidence,
                verified=False,
                item=item.line,
            )
        return None

    @staticmethod
    def _measure_matches(cas: list[str], prefixes: list[str], item: ItemFacts) -> bool:
        if item.cas and item.cas in cas:
            return True
        return any(e.code.startswith(p) for e in item.entries for p in prefixes)

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
        kind = {
            "individual": "an individual licence",
            "general": "a licence (general/bulk licence allowed)",
        }.get(
            requirement,
            "an individual licence or "
            + " or ".join(f"a {b.name} ({b.condition})" for b in conditional),
        )
        where = f"{destination} (group {group})" if group else destination
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
                )
            ]
        if covering:
            evidence["insufficient_licences"] = [f"{lic.number} ({lic.type})" for lic in covering]
            message += f"; {', '.join(lic.number + ' (' + lic.type + ')' for lic in covering)} does not suffice"
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
            )
        ]

    def _us_licensing(
        self,
        jur: Jurisdiction,
        destination: str,
        item: ItemFacts,
        licences: list[LicenceFacts],
        on: date,
    ) -> list[Reason]:
        """Each entry's US reasons for control whose scope covers the item, read for the
        destination (15 C.F.R. 738.4); what cannot be read is undecided, never "no licence"."""
        ear = self.policy.us_ear
        if destination in ear.embargoed:
            return []  # reported once by national_embargoes (US_EMBARGO)
        ccl = self.policy.us_ccl
        rules = UsRules(ccl, ear)
        found = UsLicensing()
        bases: dict[str, str] = {}
        for entry in item.entries:
            us_code, basis = us_code_for(entry.code, entry.national_code, entry.declared, ccl)
            bases[entry.code] = f"{us_code}: {basis}" if us_code else basis
            rules.evaluate(entry.code, us_code, basis, destination, found)
        basis_text = jur.licensing.listed_goods.legal_basis
        src = f"{ccl.source}; {ear.source['country_chart']}"
        required = found.of("required")
        undecided = found.of("undecided")
        checked = [f"{f.eccn} {f.label}: {f.why}" for f in found.findings]
        evidence: dict[str, object] = {
            "destination": destination,
            "us_eccn": bases,
            "findings": [
                {
                    "entry": f.entry,
                    "eccn": f.eccn,
                    "reason": f.reason,
                    "requirement": f.label,
                    "outcome": f.outcome,
                    "why": f.why,
                    "quote": f.quote.text if f.quote else None,
                    "quote_in": f.quote.cite if f.quote else None,
                }
                for f in found.findings
            ],
            "source": src,
        }
        out: list[Reason] = []
        if required:
            labels = sorted({f.label for f in required})
            note = "; " + "; ".join(f"{f.eccn} {f.why}" for f in required)
            group = ",".join(ear.groups_of(destination)) or None
            out = self._licence_reason(
                "US",
                destination,
                group,
                "individual",
                basis_text,
                note,
                ear.verified,
                item,
                licences,
                on,
                None,
            )
            for reason in out:
                reason.evidence.update(evidence)
                reason.evidence["reasons_for_control"] = labels
        if undecided:
            missing = [f.why for f in undecided]
            out.append(
                Reason(
                    code="US_LICENCE_UNDECIDED",
                    severity="review",
                    message=f"US: licence requirement for {', '.join(e.code for e in item.entries)} "
                    f"to {destination} undecided: " + "; ".join(missing),
                    legal_basis=f"{basis_text}; 738.4(a)(1)",
                    evidence=evidence | {"missing": missing},
                    item=item.line,
                )
            )
        if not out:
            out.append(
                Reason(
                    code="NO_LICENCE_NEEDED",
                    severity="info",
                    message=f"US: no licence for {', '.join(e.code for e in item.entries)} to "
                    f"{destination} ({'; '.join(checked)}), subject to General Prohibitions 4–10",
                    legal_basis=basis_text,
                    evidence=evidence
                    | {
                        "columns": sorted({f.label for f in found.findings}),
                        "row_marks": (
                            ear.chart.get(rules.row_country(destination)) or _NO_ROW
                        ).marks,
                    },
                    item=item.line,
                )
            )
        return out

    # -- catch-all ---------------------------------------------------------------------------

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

    def catch_all(
        self,
        jurisdiction: str,
        destination: str,
        item: ItemFacts,
        end_use: str | None,
        end_user_lists: list[str],
        on: date,
        informed: frozenset[str] = frozenset(),
    ) -> list[Reason]:
        """Catch-all licence requirement for a non-listed item, from the end use or end user.

        ``informed`` holds the uses (``wmd``, ``conventional``) the authority has told the
        exporter of (Japan's inform requirement)."""
        jur = self.policy.jurisdictions.get(jurisdiction)
        if jur is None or jur.catch_all is None or item.controlled:
            return []
        if jurisdiction == "EU" and destination in self.policy.eu_members:
            return []
        ca = jur.catch_all
        group, _ = self.group(jurisdiction, destination, on)
        exempt = group is not None and group in ca.exempt_groups
        if exempt and not any(group in p.groups for p in ca.provisions):
            return []
        triggers = self._end_use_triggers(end_use)
        listed = [x for x in end_user_lists if x in self.policy.catch_all.end_user.lists.lists]
        if ca.provisions:
            return self._catch_all_provisions(
                jurisdiction, ca, destination, group, item, triggers, listed, informed, on
            )
        reasons: list[Reason] = []
        if "wmd" in triggers or listed:
            why = []
            if "wmd" in triggers:
                why.append(f"end-use statement mentions {', '.join(triggers['wmd'])}")
            if listed:
                why.append(f"end user screens on {', '.join(listed)}")
            reasons.append(
                Reason(
                    code="CATCH_ALL_WMD" if "wmd" in triggers else "CATCH_ALL_END_USER",
                    severity="licence_required",
                    message=f"{jurisdiction} catch-all for a non-listed item to {destination}: {'; '.join(why)}"
                    + _unverified(ca.wmd.verified),
                    legal_basis=ca.wmd.legal_basis,
                    evidence={
                        "triggers": list(triggers.get("wmd", ())),
                        "lists": listed,
                        "destination_group": group,
                        "rule": ca.wmd.rule,
                    },
                    rule_id=self.policy.catch_all.end_use.wmd.id
                    if "wmd" in triggers
                    else self.policy.catch_all.end_user.lists.id,
                    verified=ca.wmd.verified,
                    item=item.line,
                )
            )
        embargoed = self.arms_embargoed(on)
        embargoes: list[str] = []
        if ca.conventional.destinations_group == "arms_embargo":
            embargoes = self.arms_embargoes_of(jur, destination, on)
            if embargoes:
                embargoed = embargoed | {destination}
        if "military" in triggers and ca.conventional.applies_to(destination, embargoed):
            limited = ca.conventional.items_listed_in
            reasons.append(
                Reason(
                    code="CATCH_ALL_MILITARY",
                    severity="review" if limited else "licence_required",
                    message=f"{jurisdiction} conventional catch-all: military end use ({', '.join(triggers['military'])}) in {destination}"
                    + (f" (arms embargo: {'; '.join(embargoes)})" if embargoes else "")
                    + (
                        f"; the rule applies only to items listed in {limited}: establish whether the item is"
                        if limited
                        else ""
                    )
                    + _unverified(ca.conventional.verified),
                    legal_basis=ca.conventional.legal_basis,
                    evidence={
                        "triggers": list(triggers["military"]),
                        "destination": destination,
                        "rule": ca.conventional.rule,
                        **({"arms_embargoes": embargoes} if embargoes else {}),
                        **(
                            {
                                "quote": ca.conventional.quote.text,
                                "quote_in": ca.conventional.quote.cite,
                            }
                            if ca.conventional.quote is not None
                            else {}
                        ),
                    },
                    rule_id=self.policy.catch_all.end_use.military.id,
                    verified=ca.conventional.verified,
                    item=item.line,
                )
            )
        return reasons

    def catch_all_row(self, ca: CatchAll, item: ItemFacts, on: date) -> tuple[str | None, str]:
        """The catch-all goods row of ``item`` on ``on`` and how it was found.

        Rows are tried in file order (the stricter first); an HS code too short to tell rows
        apart, or none at all, falls to the first row in force. ``None``: goods outside every row.
        """
        rows = [g for g in ca.goods if g.in_force(on)]
        if not rows:
            return "all", "the catch-all covers all goods"
        hs = _hs_digits(item.hs)
        if not hs:
            return rows[0].row, f"HS code not given: taken as row {rows[0].row}, the stricter"
        for goods in rows:
            for prefix in goods.hs_prefixes:
                if hs.startswith(prefix):
                    return goods.row, f"HS {item.hs} falls under row {goods.row} (HS {prefix})"
                if prefix.startswith(hs):
                    return goods.row, (
                        f"HS {item.hs} may fall under row {goods.row} (HS {prefix}): "
                        "taken as that row, the stricter"
                    )
        return None, f"HS {item.hs} is in no catch-all row"

    def _catch_all_provisions(
        self,
        jurisdiction: str,
        ca: CatchAll,
        destination: str,
        group: str | None,
        item: ItemFacts,
        triggers: dict[str, tuple[str, ...]],
        listed: list[str],
        informed: frozenset[str],
        on: date,
    ) -> list[Reason]:
        """The catch-all as dated provisions per goods row (Japan, Art. 4(1)(iii)–(iv))."""
        row, how = self.catch_all_row(ca, item, on)
        if row is None:
            exempt = group in ca.exempt_groups
            if informed or (not exempt and (triggers or listed)):
                return [
                    Reason(
                        code="CATCH_ALL_NOT_APPLICABLE",
                        severity="info",
                        message=f"{jurisdiction} catch-all does not cover these goods: {how}",
                        legal_basis=", ".join(g.legal_basis for g in ca.goods if g.in_force(on)),
                        evidence={"hs": item.hs, "destination": destination},
                        item=item.line,
                    )
                ]
            return []
        fired: dict[str, list[tuple[CatchAllProvision, str]]] = {}
        for prov in ca.provisions:
            if not (prov.in_force(on) and prov.covers(row)):
                continue
            if group not in prov.groups if prov.groups else group in ca.exempt_groups:
                continue
            if prov.destinations and destination not in prov.destinations:
                continue
            why = None
            if prov.trigger == "inform":
                if prov.use in informed:
                    why = "the exporter was informed by the authority"
            elif prov.use == "wmd":
                parts = []
                if "wmd" in triggers:
                    parts.append(f"end-use statement mentions {', '.join(triggers['wmd'])}")
                if listed:
                    parts.append(f"end user screens on {', '.join(listed)}")
                why = "; ".join(parts) or None
            elif "military" in triggers:
                why = f"military end use ({', '.join(triggers['military'])})"
            if why is not None:
                fired.setdefault(prov.use, []).append((prov, why))
        reasons = []
        for use, hits in fired.items():
            provs = [p for p, _ in hits]
            informed_only = all(p.trigger == "inform" for p in provs)
            if informed_only:
                code = "CATCH_ALL_INFORMED"
            elif use == "wmd":
                code = "CATCH_ALL_WMD" if "wmd" in triggers else "CATCH_ALL_END_USER"
            else:
                code = "CATCH_ALL_MILITARY"
            verified = all(p.verified for p in provs)
            kind = "WMD" if use == "wmd" else "conventional-weapons"
            quotes = [p.quote for p in provs if p.quote is not None]
            evidence: dict[str, object] = {
                "row": row,
                "row_found": how,
                "destination": destination,
                "destination_group": group,
                "provisions": [p.id for p in provs],
                "triggers": list(triggers.get("wmd" if use == "wmd" else "military", ())),
                "lists": listed if use == "wmd" else [],
                "in_force_from": max(p.effective_from for p in provs).isoformat(),
            }
            if quotes:
                evidence["quote"] = quotes[0].text
                evidence["quote_in"] = quotes[0].cite
            reasons.append(
                Reason(
                    code=code,
                    severity="licence_required",
                    message=f"{jurisdiction} {kind} catch-all, row {row} goods to {destination}: "
                    + "; ".join(dict.fromkeys(w for _, w in hits))
                    + _unverified(verified),
                    legal_basis="; ".join(dict.fromkeys(p.legal_basis for p in provs)),
                    evidence=evidence,
                    rule_id=provs[0].id,
                    verified=verified,
                    item=item.line,
                )
            )
        return reasons


#: Entry numbers that name their regime (EU/Wassenaar numbering): category 0 is NSG Part 1, then
#: by the block of the last three digits: 0xx Wassenaar, 1xx MTCR, 2xx NSG Part 2, 3xx Australia
#: Group, 4xx CWC, 5xx national; ML entries are munitions.
_REGIME_OF_NUMBER = (
    (re.compile(r"^0[A-E]\d{3}"), "NSG"),
    (re.compile(r"^[1-9][A-E]0\d\d"), "WASSENAAR"),
    (re.compile(r"^[1-9][A-E]1\d\d"), "MTCR"),
    (re.compile(r"^[1-9][A-E]2\d\d"), "NSG"),
    (re.compile(r"^[1-9][A-E]3\d\d"), "AUSTRALIA"),
    (re.compile(r"^[1-9][A-E]4\d\d"), "CHEMICAL"),
    (re.compile(r"^[1-9][A-E]5\d\d"), "EU"),
    (re.compile(r"^ML\d", re.IGNORECASE), "MUNITIONS"),
)


def _on_regime_lists(item: ItemFacts, regimes: list[str]) -> tuple[list[str], list[str]]:
    """The item's entries that are on the lists of ``regimes`` (by the entry's regimes or its
    number), and those whose regime is not known (no regimes and a number that names none)."""
    wanted = {r.upper() for r in regimes}
    listed: list[str] = []
    unknown: list[str] = []
    for entry in item.entries:
        names = {r.upper().split()[0] for r in entry.regimes if r.strip()}
        names |= {name for pattern, name in _REGIME_OF_NUMBER if pattern.match(entry.code)}
        if names & wanted:
            listed.append(entry.code)
        elif not names:
            unknown.append(entry.code)
    return listed, unknown


def _jp_row(code: str) -> str | None:
    """The row of Japan's Appended Table 1 an EU/Wassenaar-numbered entry falls in, from its
    number: ML → 1, NSG (category 0, x2xx) → 2, Australia Group and CWC (x3xx, x4xx) → 3, MTCR
    (x1xx) → 4, Wassenaar categories 1-9 (x0xx) → 5-13 (row 15 holds some very sensitive
    items of categories 1, 5, 6, 8 and 9, like rows 5-13 under the low-value exemption but
    with its lower threshold). ``None``: a number that tells no row."""
    regime = next((name for pattern, name in _REGIME_OF_NUMBER if pattern.match(code)), None)
    if regime == "MUNITIONS":
        return "1"
    if regime == "NSG":
        return "2"
    if regime in ("AUSTRALIA", "CHEMICAL"):
        return "3"
    if regime == "MTCR":
        return "4"
    if regime == "WASSENAAR":
        return str(4 + int(code[0]))
    return None
