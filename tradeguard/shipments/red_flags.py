"""Red flags of a shipment that need no list or classification: routing through a
transshipment hub, an end user in another country than the destination, a party without an
address, and a freight forwarder or logistics company named as the consignee or the end user."""

from __future__ import annotations

import re
from typing import Any

from tradeguard.policy import Policy, Reason
from tradeguard.shipments.model import Shipment


class RedFlagChecks:
    """The red flags of one policy; the forwarder keywords found in a name are memoised (parties
    repeat) and left out when pickled."""

    def __init__(self, policy: Policy) -> None:
        self.policy = policy
        self._forwarder_hits: dict[str, list[str]] = {}
        keywords = policy.red_flags.forwarder_consignee.keywords
        self._forwarder = re.compile("|".join(_keyword_pattern(k) for k in keywords) or r"(?!)")

    def __getstate__(self) -> dict[str, Any]:
        """Pickled (sent to batch workers) without the memo table: a copy fills its own."""
        return {**self.__dict__, "_forwarder_hits": {}}

    def caches(self) -> dict[str, dict[Any, Any]]:
        """The memo tables by name (what a pickled copy starts without)."""
        return {"forwarder words": self._forwarder_hits}

    def route(self, shipment: Shipment) -> list[Reason]:
        flags = self.policy.red_flags
        out: list[Reason] = []
        destination = shipment.destination
        end_user_country = shipment.end_user.country if shipment.end_user else None
        hubs = flags.transshipment_hubs
        route_countries = [p.country for p in shipment.ports_of_transshipment if p.country]
        route_countries += [p.country for p in shipment.intermediaries if p.country]
        if shipment.port_of_discharge and shipment.port_of_discharge.country:
            route_countries.append(shipment.port_of_discharge.country)
        final = end_user_country or destination
        via_hubs = [c for c in dict.fromkeys(route_countries) if c in hubs.countries and c != final]
        if destination in hubs.countries and end_user_country and end_user_country != destination:
            via_hubs = list(dict.fromkeys([destination, *via_hubs]))
        # where the goods end: the end user's country, or the declared destination when no end
        # user (or no end user's country) is declared
        to = (
            f"with the end user in {final}"
            if end_user_country
            else f"to the declared destination {final} (no end user's country declared)"
        )
        for hub in via_hubs:
            out.append(
                Reason(
                    code="TRANSSHIPMENT_HUB",
                    severity=hubs.severity,
                    message=f"routed through {hub}, a transshipment hub associated with diversion "
                    f"({hubs.countries[hub].note}), {to}",
                    legal_basis=hubs.legal_basis,
                    evidence={"hub": hub, "final_country": final, "source": hubs.source},
                    params={"hub": hub, "final": final, "note_text": hubs.countries[hub].note}
                    | ({} if end_user_country else {"form": "hub_destination"}),
                    rule_id=hubs.id,
                    verified=hubs.verified,
                )
            )
        if end_user_country and end_user_country != destination:
            rule = flags.end_user_country
            out.append(
                Reason(
                    code="END_USER_COUNTRY_MISMATCH",
                    severity=rule.severity,
                    message=f"end user in {end_user_country}, destination declared as {destination}",
                    legal_basis=rule.legal_basis,
                    evidence={"end_user_country": end_user_country, "destination": destination},
                    params={"end_user_country": end_user_country, "destination": destination},
                    rule_id=rule.id,
                    verified=rule.verified,
                )
            )
        return out

    def parties(self, shipment: Shipment) -> list[Reason]:
        flags = self.policy.red_flags
        out: list[Reason] = []
        for role, party in shipment.parties():
            if role == "carrier":
                continue
            if not party.address and not party.own:
                rule = flags.no_address
                out.append(
                    Reason(
                        code="PARTY_NO_ADDRESS",
                        severity=rule.severity,
                        message=f"{role} {party.name!r} has no address",
                        legal_basis=rule.legal_basis,
                        evidence={"role": role, "name": party.name},
                        params={"role": role, "name": party.name},
                        rule_id=rule.id,
                        verified=rule.verified,
                        party=role,
                    )
                )
        out += self._forwarders(shipment)
        return out

    def _forwarders(self, shipment: Shipment) -> list[Reason]:
        """The consignee and the end user that look like a freight forwarder or a logistics
        company (Foreign Trade Act Art. 19-3 item 7 names the final consignee; BIS red flag 10
        the final destination)."""
        fwd = self.policy.red_flags.forwarder_consignee
        quote = {"quote": fwd.quote.text, "quote_in": fwd.quote.cite} if fwd.quote else {}
        out: list[Reason] = []
        seen: set[str] = set()
        for role, party in (("end_user", shipment.end_user), ("consignee", shipment.consignee)):
            if party is None or party.name in seen:
                continue
            seen.add(party.name)
            hits = self._forwarder_words(party.name)
            if not hits:
                continue
            out.append(
                Reason(
                    code="FORWARDER_AS_END_USER",
                    severity=fwd.severity,
                    message=f"{role} {party.name!r} looks like a freight forwarder or logistics company",
                    legal_basis=fwd.legal_basis,
                    evidence={"role": role, "name": party.name, "keywords": hits} | quote,
                    params={"role": role, "name": party.name},
                    rule_id=fwd.id,
                    verified=fwd.verified,
                    party=role,
                )
            )
        return out

    def _forwarder_words(self, name: str) -> list[str]:
        """The forwarder keywords in a name (cached per name: parties repeat)."""
        hits = self._forwarder_hits.get(name)
        if hits is None:
            hits = sorted({m.group(0) for m in self._forwarder.finditer(name.lower())})
            if len(self._forwarder_hits) < 100_000:
                self._forwarder_hits[name] = hits
        return list(hits)


def _keyword_pattern(keyword: str) -> str:
    """A forwarder keyword as a pattern: a word in an alphabet with spaces between words starts
    a word; a Chinese, Japanese or Korean word may sit anywhere in the name."""
    word = re.escape(keyword.lower())
    return word if keyword[:1] >= "\u2e80" else rf"(?<!\w){word}"
