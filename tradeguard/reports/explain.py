"""A screening match told in words: which words of the query met which words of the listed
name and how, what else moved the score, and the listed name with the matching words marked."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from markupsafe import Markup, escape

from tradeguard.reports import marks

HOW = {
    "exact": "the same word",
    "phonetic": "sounds alike",
    "surname": "the same surname in another romanisation",
    "typo": "a spelling slip",
    "phonetic-typo": "sounds alike, with a slip",
    "skeleton": "the same consonants",
    "skeleton-typo": "nearly the same consonants",
    "vowels": "the same name with other vowels",
    "form": "the same company form or word, spelt otherwise",
}
KIND = {
    "primary": "main name",
    "alias": "alias",
    "weak": "weak alias",
    "original": "name in the original script",
}


def _pct(value: Any) -> str:
    try:
        return f"{float(value) * 100:.0f} %"
    except (TypeError, ValueError):
        return str(value)


def words_of(items: Any) -> list[str]:
    """The words of an explanation's unmatched list (``{"token", "weight"}`` each)."""
    return [str(t.get("token", "")) if isinstance(t, Mapping) else str(t) for t in items]


def no_effect(effect: float) -> bool:
    """Whether a feature's effect on the score rounds to nothing as the explanations print it
    (two decimals): such a feature is said to leave the score unchanged, never "lowers the
    score by 0.00" (the effect of a contradiction capped at the alert threshold may be 0)."""
    return round(effect, 2) == 0


def sentences(explanation: Mapping[str, Any] | None) -> list[str]:
    """The explanation of one match as sentences (no JSON)."""
    if not explanation:
        return []
    out = []
    kind = KIND.get(str(explanation.get("name_kind")), str(explanation.get("name_kind") or "name"))
    out.append(
        f"“{explanation.get('query_name', '')}” meets the {kind} "
        f"“{explanation.get('matched_name', '')}” at {_pct(explanation.get('name_score'))}."
    )
    name = explanation.get("name") or {}
    pairs = []
    for tok in name.get("tokens") or []:
        how = HOW.get(str(tok.get("how")), str(tok.get("how")))
        if tok.get("query") == tok.get("candidate"):
            pairs.append(f"“{tok.get('query')}” ({how})")
        else:
            pairs.append(
                f"“{tok.get('query')}” ≈ “{tok.get('candidate')}” ({how}, {_pct(tok.get('similarity'))})"
            )
    if pairs:
        out.append("Words that agree: " + ", ".join(pairs) + ".")
    if name.get("unmatched_query"):
        out.append(
            "Words of the query not in the listed name: "
            + ", ".join(words_of(name["unmatched_query"]))
            + "."
        )
    if name.get("unmatched_candidate"):
        out.append(
            "Words of the listed name not in the query: "
            + ", ".join(words_of(name["unmatched_candidate"]))
            + "."
        )
    for feature in explanation.get("features") or []:
        effect = float(feature.get("effect") or 0)
        detail = str(feature.get("detail", ""))
        detail = detail[:1].upper() + detail[1:]
        if no_effect(effect):
            out.append(f"{detail}: the score is unchanged.")
        else:
            sign = "raises" if effect > 0 else "lowers"
            out.append(f"{detail}: {sign} the score by {abs(effect):.2f}.")
    if explanation.get("threshold") is not None:
        out.append(f"An alert is raised from {_pct(explanation['threshold'])}.")
    return out


def highlight(text: str, explanation: Mapping[str, Any] | None, side: str = "candidate") -> Markup:
    """The listed name (or, ``side="query"``, the query) with the words that met the other
    side marked (``<mark>``). Words compared in a Latin reading that the name does not show (a
    Hangul query met a kanji name through the characters' Korean readings) are marked where
    the two names, read in Hangul, agree (:func:`tradeguard.reports.marks.spans`)."""
    explanation = explanation or {}
    name = explanation.get("name") or {}
    words = sorted(
        {str(t.get(side)) for t in name.get("tokens") or [] if t.get(side)},
        key=len,
        reverse=True,
    )
    if not words:
        return Markup(escape(text))
    ascii_words = [w for w in words if w.isascii()]
    other = [w for w in words if not w.isascii()]
    parts = [rf"(?<![\w]){re.escape(w)}(?![\w])" for w in ascii_words] + [
        re.escape(w) for w in other
    ]
    pattern = re.compile("|".join(parts), re.IGNORECASE)
    found = [(m.start(), m.end()) for m in pattern.finditer(text)]
    if not found:
        other_name = explanation.get("matched_name" if side == "query" else "query_name")
        found = marks.spans(text, str(other_name or ""))
    out: list[str] = []
    last = 0
    for start, end in found:
        out.append(str(escape(text[last:start])))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        last = end
    out.append(str(escape(text[last:])))
    return Markup("".join(out))
