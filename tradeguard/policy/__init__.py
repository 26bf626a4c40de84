"""Destination policy: country groups, licence requirements, UN embargoes, catch-all and red flags,
each rule with its legal basis, source and effective dates, evaluated "as of" a date."""

from tradeguard.policy.load import Policy, default_policy, load_policy
from tradeguard.policy.reasons import Reason, Verdict, sort_reasons, verdict_of
from tradeguard.policy.rules import EntryFacts, ItemFacts, LicenceFacts, PolicyEngine, RouteFacts

__all__ = [
    "EntryFacts",
    "ItemFacts",
    "LicenceFacts",
    "Policy",
    "PolicyEngine",
    "Reason",
    "RouteFacts",
    "Verdict",
    "default_policy",
    "load_policy",
    "sort_reasons",
    "verdict_of",
]
