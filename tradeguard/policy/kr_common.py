"""Korea: what the licensing and the situational-licence rules share — the Korean numbering of an
entry, the citation of an Act article on a date (the chapter was renumbered on 2024-08-21), the
exporter's CP grade, and the engine state (the org's grade, the loaded 별표2의2 file)."""

from __future__ import annotations

from datetime import date
from typing import Any

from tradeguard.policy.base import EngineBase
from tradeguard.policy.facts import _REGIME_OF_NUMBER, EntryFacts, ItemFacts, _unverified
from tradeguard.policy.kr_annex import Annex22List, annex2_2_from_env
from tradeguard.policy.kr_model import KrFacts, KrRules, Region
from tradeguard.policy.reasons import Reason

_NOT_LOADED = object()


def entry_regimes(entry: EntryFacts) -> set[str]:
    """The regimes of an entry, by its stated regimes and by its (EU/Wassenaar) number."""
    names = {r.upper().split()[0] for r in entry.regimes if r.strip()}
    aliases = {"WA": "WASSENAAR", "AG": "AUSTRALIA", "CWC": "CHEMICAL", "ML": "MUNITIONS"}
    names = {aliases.get(n, n) for n in names}
    names |= {name for pattern, name in _REGIME_OF_NUMBER if pattern.match(entry.code)}
    return names


def cwc_schedule(entry: EntryFacts) -> int | None:
    """The CWC schedule an entry names among its regimes ('CWC Schedule 2'), if any."""
    for regime in entry.regimes:
        words = regime.upper().split()
        if words[:2] == ["CWC", "SCHEDULE"] and len(words) > 2 and words[2].isdigit():
            return int(words[2])
    return None


def kr_cwc_schedule2(rules: KrRules, destination: str, item: ItemFacts, on: date) -> Reason | None:
    """No licence for a CWC Schedule 2 chemical to a state not party to the Convention (Notice
    Art. 18(5)): the export is prohibited; None when the rule does not apply."""
    rule = rules.cwc_schedule2
    states = rule.non_parties
    if on < rule.effective_from or destination not in states.countries:
        return None
    codes = [e.code for e in item.entries if cwc_schedule(e) == 2]
    if not codes:
        return None
    status = "signatory, not ratified" if destination in states.signatories else "not party"
    verified = rule.verified and states.verified
    return Reason(
        code="KR_CWC_NON_PARTY",
        severity="prohibited",
        message=f"KR export of {', '.join(codes)} (CWC Schedule 2) to {destination}, not a state "
        f"party to the Chemical Weapons Convention ({status}, as of {states.as_of}): no licence is "
        "granted for Schedule 2 chemicals to states not party (Notice Art. 18(5))"
        + _unverified(verified),
        legal_basis=rule.legal_basis,
        evidence={
            "destination": destination,
            "entries": codes,
            "cwc_schedule": 2,
            "cwc_status": status,
            "non_parties": states.countries,
            "non_parties_as_of": states.as_of.isoformat(),
            "non_parties_source": states.source,
            "quote": rule.quote.text,
            "quote_in": rule.quote.cite,
            "source": rule.source,
        },
        verified=verified,
        item=item.line,
        params={"entries": codes, "destination": destination},
    )


def kr_numbering(entry: EntryFacts, rules: KrRules) -> dict[str, Any]:
    """The Korean list position of an entry: Korea numbers its dual-use list (별표2) as the EU
    and Wassenaar do, chemicals by EU position (1C350.24, not the US 1C350.d.15); category 0
    items sit in Part 10 (nuclear-only, licensed by NSSC); munitions in 별표3 (DAPA)."""
    regimes = entry_regimes(entry)
    code = entry.code
    if "MUNITIONS" in regimes:
        part, authority, verified = "별표3 (munitions)", rules.authorities["munitions"], False
    elif code[:1] == "0":
        part, authority, verified = (
            "별표2 Part 10 (nuclear-only)",
            rules.authorities["nuclear"],
            False,
        )
    elif code[:1].isdigit():
        part = f"별표2 Part {code[0]}"
        authority, verified = rules.authorities["dual_use"], "AUSTRALIA" not in regimes
    else:
        part, authority, verified = "not a Korean list number", rules.authorities["dual_use"], False
    if "PLURILATERAL" in regimes:
        verified = False
    return {
        "entry": code,
        "kr_control_no": code,
        "kr_list_part": part,
        "regimes": sorted(regimes),
        "licensing_authority": authority.licensing,
        "classification_body": authority.classification,
        # The annex itself was not read: the number follows the EU numbering by the fact sheet;
        # Part 10's numbers and the AG chemicals' positions are unconfirmed there.
        "kr_number_verified": verified,
    }


class KrBase(EngineBase):
    """Engine state the Korean rules read."""

    #: The organisation's CP grade (setting ``kr.cp_grade``), used when a shipment gives none.
    kr_cp_grade: str | None = None
    _kr_annex: Any = _NOT_LOADED

    @property
    def kr(self) -> KrRules:
        return self.policy.kr

    def kr_annex2_2(self) -> Annex22List | None:
        """The 별표2의2 file the user supplied (``TRADEGUARD_KR_ANNEX2_2``), read once."""
        if self._kr_annex is _NOT_LOADED:
            self._kr_annex = annex2_2_from_env()
        annex: Annex22List | None = self._kr_annex
        return annex

    def set_kr_annex2_2(self, annex: Annex22List | None) -> None:
        self._kr_annex = annex

    def kr_grade(self, facts: KrFacts) -> tuple[str | None, str]:
        """The exporter's CP grade and where it came from."""
        if facts.cp_grade is not None:
            return facts.cp_grade, "shipment (kr.cp_grade)"
        if self.kr_cp_grade is not None:
            return self.kr_cp_grade, "organisation setting kr.cp_grade"
        return None, "not given (shipment kr.cp_grade or the organisation setting kr.cp_grade)"

    def kr_cite(self, article: str, on: date) -> str:
        """``Foreign Trade Act Art. <article>``, with the old number for dates before the
        2024-08-21 renumbering."""
        ren = self.kr.act_renumbering
        old = ren.old_numbers.get(article)
        if old is not None and on < ren.effective_from:
            mark = "" if old.verified else ", old number unconfirmed"
            return (
                f"Foreign Trade Act Art. {old.old} (numbering before {ren.effective_from}{mark}; "
                f"Art. {article} since)"
            )
        return f"Foreign Trade Act Art. {article}"

    def kr_region(self, destination: str, on: date) -> tuple[str | None, Region | None]:
        group, _ = self.group("KR", destination, on)
        return group, self.kr.region(group)


def usd_value(item: ItemFacts) -> float | None:
    if item.value is None or (item.currency or "").upper() != "USD":
        return None
    return item.value


#: Foreign Trade Act Art. 19-2 (strategic items), the two transfers of technology that are
#: exports; goods are exported when they leave Korea (law.go.kr text, in force 2025-10-01).
_KR_EXPORT_QUOTE = (
    "1. 국내에서 국외로의 이전 2. 국내 또는 국외에서 대한민국 국민(국내법에 따라 설립된 법인을 "
    "포함한다)으로부터 외국인(외국의 법률에 따라 설립된 법인을 포함한다)에게로의 이전"
)


def kr_domestic(destination: str, item: ItemFacts, kr: KrFacts | None) -> Reason | None:
    """A Korean exporter's goods to a consignee in Korea: a supply inside Korea, not an
    export, so neither the strategic-item licence (Foreign Trade Act Art. 19-2) nor the
    situational licence (Art. 19-3) applies; technology given to a foreigner in Korea is an
    export (Art. 19-2 item 2) and is read as one. None when it is not such a supply."""
    facts = kr or KrFacts()
    if destination != "KR" or facts.mode != "export" or facts.deemed_export:
        return None
    return Reason(
        code="NO_LICENCE_NEEDED",
        severity="info",
        message="KR: supply inside Korea, not an export: the Foreign Trade Act's export and "
        "situational licences (Arts. 19-2, 19-3) apply to goods leaving Korea; technology "
        "given to a foreign national or company, in Korea or abroad, is an export (Art. 19-2 "
        "item 2: declare it as a deemed export)",
        legal_basis="Foreign Trade Act Arts. 19-2 and 19-3 (as in force from 2024-08-21)",
        evidence={"quote": _KR_EXPORT_QUOTE, "quote_in": "Foreign Trade Act Art. 19-2 items 1-2"},
        verified=False,
        item=item.line,
        params={"form": "kr_domestic", "destination": destination},
    )
