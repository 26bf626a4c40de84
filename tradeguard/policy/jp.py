"""Japan: the low-value exemption (Export Trade Control Order, Art. 4) and the catch-all as
dated provisions per goods row; also used for any jurisdiction whose catch-all has provisions."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from tradeguard.policy.base import EngineBase
from tradeguard.policy.clauses import clause, unique, words
from tradeguard.policy.facts import _REGIME_OF_NUMBER, ItemFacts, _hs_digits, _unverified
from tradeguard.policy.model import (
    CatchAll,
    CatchAllProvision,
    DestinationApproval,
    Jurisdiction,
    LowValueExemption,
)
from tradeguard.policy.reasons import Reason


class JpRules(EngineBase):
    """Japan's exemption and row-based catch-all."""

    @staticmethod
    def approvals_of(jur: Jurisdiction, destination: str, on: date) -> list[DestinationApproval]:
        """The approvals (Export Trade Control Order Art. 2) in force for ``destination``."""
        return [a for a in jur.approvals if a.in_force(on) and destination in a.destinations]

    def destination_approval(
        self, jurisdiction: str, jur: Jurisdiction, destination: str, item: ItemFacts, on: date
    ) -> list[Reason]:
        """The export approval a destination needs (Japan: FEFTA Art. 48(3)): required for a
        list-controlled good where the approval covers them all, else left for review (the
        goods designated by ordinance are not encoded)."""
        out = []
        for rule in self.approvals_of(jur, destination, on):
            evidence: dict[str, object] = {
                "destination": destination,
                "entries": [e.code for e in item.entries],
                "effective_from": rule.effective_from.isoformat(),
                "source": rule.source,
            }
            if rule.quote is not None:
                evidence["quote"] = rule.quote.text
                evidence["quote_in"] = rule.quote.cite
            if item.controlled and rule.listed:
                codes = ", ".join(e.code for e in item.entries)
                out.append(
                    Reason(
                        code="APPROVAL_REQUIRED",
                        severity="licence_required",
                        message=f"{jurisdiction} export of {codes} to {destination} needs the export "
                        f"approval (承認) of the authority: {rule.title}; no bulk licence covers it"
                        + _unverified(rule.verified),
                        legal_basis=rule.legal_basis,
                        evidence=evidence,
                        rule_id=rule.id,
                        verified=rule.verified,
                        item=item.line,
                        params={
                            "form": "approval",
                            "jurisdiction": jurisdiction,
                            "entries": [e.code for e in item.entries],
                            "destination": destination,
                            "title_text": rule.title,
                            # the Order's own words for what needs the approval, which a
                            # page in Japanese shows instead of the English title
                            **(
                                {"title_original": rule.quote.text, "original_lang": "ja"}
                                if rule.quote is not None
                                else {}
                            ),
                        },
                    )
                )
            elif not item.controlled and rule.other_goods:
                out.append(
                    Reason(
                        code="APPROVAL_UNDECIDED",
                        severity="review",
                        message=f"{jurisdiction} export to {destination}: establish whether the goods "
                        f"are of {rule.other_goods}; if so they need the export approval (承認) of "
                        "the authority",
                        legal_basis=rule.legal_basis,
                        evidence=evidence | {"hs": item.hs},
                        rule_id=rule.id,
                        verified=False,
                        item=item.line,
                        params={
                            "form": "approval_undecided",
                            "jurisdiction": jurisdiction,
                            "destination": destination,
                            "goods_text": rule.other_goods,
                        },
                    )
                )
        return out

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
            listed = self.catch_all_lists("JP", end_user_lists)
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
                params={
                    "entries": [e.code for e in item.entries],
                    "rows": sorted(r for r in rows if r),
                    "value": f"JPY {value:,.0f}",
                    "destination": destination,
                    "limit": f"JPY {limit:,.0f}",
                },
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
                params={
                    "form": "jp_low_value",
                    "entries": [e.code for e in item.entries],
                    "value": f"JPY {value:,.0f}",
                    "destination": destination,
                    "limit": f"JPY {rule.threshold_jpy:,.0f}",
                    "reduced": f"JPY {rule.reduced_threshold_jpy:,.0f}",
                    "otherwise": required.model_dump(include={"code", "message", "params"}),
                },
            )
        return None

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
                        params={"form": "no_row", "jurisdiction": jurisdiction, "hs": item.hs},
                    )
                ]
            return []
        fired: dict[str, list[tuple[CatchAllProvision, list[dict[str, Any]]]]] = {}
        for prov in ca.provisions:
            if not (prov.in_force(on) and prov.covers(row)):
                continue
            if group not in prov.groups if prov.groups else group in ca.exempt_groups:
                continue
            if prov.destinations and destination not in prov.destinations:
                continue
            clauses = _why(prov, informed, triggers, listed)
            if clauses:
                fired.setdefault(prov.use, []).append((prov, clauses))
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
                    + "; ".join(dict.fromkeys(words(c) for _, w in hits for c in w))
                    + _unverified(verified),
                    params={
                        "form": "row_wmd" if use == "wmd" else "row_conventional",
                        "jurisdiction": jurisdiction,
                        "row": row,
                        "destination": destination,
                        "why": unique(c for _, w in hits for c in w),
                    },
                    legal_basis="; ".join(dict.fromkeys(p.legal_basis for p in provs)),
                    evidence=evidence,
                    rule_id=provs[0].id,
                    verified=verified,
                    item=item.line,
                )
            )
        return reasons


def _why(
    prov: CatchAllProvision,
    informed: frozenset[str],
    triggers: dict[str, tuple[str, ...]],
    listed: list[str],
) -> list[dict[str, Any]]:
    """Why ``prov`` fires, as clauses (none: it does not)."""
    if prov.trigger == "inform":
        return [clause("informed")] if prov.use in informed else []
    if prov.use == "wmd":
        out = []
        if "wmd" in triggers:
            out.append(clause("wmd_end_use", words=list(triggers["wmd"])))
        if listed:
            out.append(clause("end_user_listed", lists=list(listed)))
        return out
    if "military" in triggers:
        return [clause("military_end_use", words=list(triggers["military"]))]
    return []


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
