"""Party screening: who is this party, among the entries of the loaded lists?

``Screener`` builds a candidate-retrieval index over every name of every entry (cached on
disk per set of list versions), scores candidates with a transliteration-aware name scorer
and secondary evidence (birth date, country, identifiers) and explains each match.
"""

from tradeguard.screening.model import Match, Query
from tradeguard.screening.screener import Screener

__all__ = ["Match", "Query", "Screener"]
