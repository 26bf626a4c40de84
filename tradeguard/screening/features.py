"""Secondary evidence beyond the name: birth date, country, identifiers.

Each feature returns its effect on the score (positive when the data agree, negative when
they contradict) and a sentence an officer can read, with a ``code`` and the ``params`` it was
written from (so that a face can write it in another language; ``params["note"]`` names what
the screener added, such as a namesake put below the alert threshold). Missing data on either
side has no effect.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

BIRTH_DATE_EXACT = 0.06
BIRTH_YEAR_AGREES = 0.03
BIRTH_DATE_CONTRADICTS = -0.2
COUNTRY_AGREES = 0.03
COUNTRY_CONTRADICTS = -0.05
IDENTIFIER_SCORE = 0.97
WEAK_ALIAS_FACTOR = 0.9
#: how far below the alert threshold a person's contradicting birth year (or an
#: organisation's short name from another country) puts a match (a namesake: reported only to a caller who asks for scores that low)
BELOW_ALERT = 0.1
#: a name score at least this high is the full name, exactly
EXACT_NAME = 0.999
#: Decimals of a final score: the score is reported with these (``0.8``) and compared with the
#: threshold as reported. Unrounded, 0.85 - 0.05 is 0.7999999999999999: a party shown at 0.80
#: below a threshold of 0.8 was left out at that threshold (issue 17).
SCORE_DIGITS = 4
#: Decimals a face shows a score with (``0.69``).
SHOWN_DIGITS = 2

_NOT_ALNUM = re.compile(r"[^0-9A-Z]")
_ID_PREFIX = re.compile(r"^(IMO|MMSI|NO|NR|NUMBER|PASSPORT|ID)")


@dataclass(slots=True)
class Effect:
    feature: str
    effect: float
    detail: str
    code: str = ""
    params: dict[str, Any] = field(default_factory=dict)

    def note(self, note: str, words: str) -> None:
        """Adds what the screener concluded (``note``, said as ``words`` in English)."""
        self.detail += words
        self.params["note"] = note

    def to_dict(self) -> dict[str, object]:
        return {
            "feature": self.feature,
            "effect": round(self.effect, 4),
            "detail": self.detail,
            "code": self.code,
            "params": self.params,
        }


def shown(score: float, digits: int = SHOWN_DIGITS) -> float:
    """A score as a face shows it with ``digits`` decimals: cut, not rounded, from the score
    as compared with the threshold (:data:`SCORE_DIGITS`), so a score below the threshold
    never shows as the threshold (0.6995 below 0.7 shows as 0.69, not 0.70)."""
    scale = 10.0**digits
    return math.floor(round(score, SCORE_DIGITS) * scale + 1e-6) / scale


def identifier_keys(value: str) -> set[str]:
    """Normalised forms of an identifier: upper-case alphanumerics, with and without a prefix
    such as ``IMO``; too-short values (under 5 characters) give none."""
    text = _NOT_ALNUM.sub("", value.upper())
    keys = {text}
    bare = _ID_PREFIX.sub("", text)
    if bare:
        keys.add(bare)
    return {k for k in keys if len(k) >= 5}


def birth_date_effect(query: str, entity_dates: list[str]) -> Effect | None:
    """Agreement of a query birth date (``1960``, ``1960-04``, ``1960-04-12``) with the entry's."""
    if not query or not entity_dates:
        return None
    q_year = query[:4]
    if not q_year.isdigit():
        return None
    best: Effect | None = None
    for date in entity_dates:
        if not date[:4].isdigit():
            continue
        if len(query) >= 10 and date == query[:10]:
            return Effect(
                "birth_date",
                BIRTH_DATE_EXACT,
                f"birth date {query} = {date}",
                "birth_date_exact",
                {"query": query, "listed": date},
            )
        if date[:4] == q_year:
            if len(query) >= 7 and len(date) >= 7 and date[:7] != query[:7]:
                continue  # same year, different month: neither agrees nor contradicts
            best = Effect(
                "birth_date",
                BIRTH_YEAR_AGREES,
                f"birth year {q_year} agrees with {date}",
                "birth_year_agrees",
                {"year": q_year, "listed": date},
            )
        elif abs(int(date[:4]) - int(q_year)) <= 1 and best is None:
            best = Effect(
                "birth_date",
                0.0,
                f"birth year {q_year} is one year off {date}",
                "birth_year_one_off",
                {"year": q_year, "listed": date},
            )
    if best is not None:
        return best
    return Effect(
        "birth_date",
        BIRTH_DATE_CONTRADICTS,
        f"birth date {query} contradicts {', '.join(entity_dates)}",
        "birth_date_contradicts",
        {"query": query, "listed": list(entity_dates)},
    )


def country_effect(query: list[str], entity_countries: list[str]) -> Effect | None:
    if not query or not entity_countries:
        return None
    common = sorted(set(query) & set(entity_countries))
    if common:
        return Effect(
            "country",
            COUNTRY_AGREES,
            f"country {', '.join(common)} agrees",
            "country_agrees",
            {"countries": common},
        )
    listed = sorted(set(entity_countries))
    return Effect(
        "country",
        COUNTRY_CONTRADICTS,
        f"countries {', '.join(query)} differ from {', '.join(listed)}",
        "countries_differ",
        {"query": list(query), "listed": listed},
    )
