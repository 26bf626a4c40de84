"""UN Security Council measures: the DPRK sectoral bans by HS code, luxury goods and caps, the
Iran measures and the UN arms embargoes."""

from __future__ import annotations

from datetime import date

from tradeguard.policy.base import _CACHE_LIMIT, EngineBase
from tradeguard.policy.facts import ItemFacts, RouteFacts, _hs_digits, _on_regime_lists, _unverified
from tradeguard.policy.model import HsRule
from tradeguard.policy.reasons import Reason


class UnRules(EngineBase):
    """The UN Security Council's measures."""

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
                        params={
                            "form": "to" if route.to_dprk else "from",
                            "entries": codes,
                            "title_text": rule_w.title,
                        },
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
                        params={"hs": item.hs or "—", "title_text": rule_c.title},
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
            params={
                "form": f"dprk_{way}",
                "hs": item.hs,
                "title_text": rule.title + note,
                "exceptions_text": rule.exceptions or "",
            },
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
                params: dict[str, object] = {"form": f"iran_arms_{way}"}
            elif m.kind == "items":
                listed, unknown = _on_regime_lists(item, m.regimes)
                if listed:
                    evidence["entries"] = listed
                    message = (
                        f"{', '.join(listed)} ({'/'.join(m.regimes)} list) {way} Iran: {m.title}"
                    )
                    params = {"form": f"iran_listed_{way}", "entries": listed}
                elif unknown:
                    severity = "review" if severity != "info" else severity
                    evidence["entries"] = unknown
                    message = (
                        f"{', '.join(unknown)} {way} Iran: whether it is on the "
                        f"{'/'.join(m.regimes)} lists is not known; {m.title}"
                    )
                    params = {"form": f"iran_unknown_{way}", "entries": unknown}
                else:
                    continue
            else:
                message = f"Iran: {m.title}"
                params = {"form": "iran"}
            params |= {"title_text": m.title, "regimes": "/".join(m.regimes)}
            reasons.append(
                Reason(
                    code={
                        "items": "UN_IRAN_ITEMS_BAN" if way == "to" else "UN_IRAN_PROCUREMENT_BAN",
                        "arms": "UN_ARMS_EMBARGO" if way == "to" else "UN_IRAN_PROCUREMENT_BAN",
                        "asset_freeze": "UN_IRAN_ASSET_FREEZE",
                    }[m.kind],
                    severity=severity,
                    message=message + _unverified(m.verified),
                    params=params,
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
                    params={
                        "form": "destination",
                        "destination": destination,
                        "scope_text": emb.scope,
                    },
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
