"""A screening match's explanation in the page's language: the sentences of
:func:`tradeguard.reports.explain.sentences` (which the reports print in English), with the
words of the query and of the listed name kept as they are."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from tradeguard.language import i18n
from tradeguard.language.labels import N_
from tradeguard.reports import explain

HOW = {
    "exact": N_("the same word"),
    "phonetic": N_("sounds alike"),
    "surname": N_("the same surname in another romanisation"),
    "typo": N_("a spelling slip"),
    "phonetic-typo": N_("sounds alike, with a slip"),
    "skeleton": N_("the same consonants"),
    "skeleton-typo": N_("nearly the same consonants"),
    "vowels": N_("the same name with other vowels"),
    "form": N_("the same company form or word, spelt otherwise"),
    "katakana": N_("a katakana reading of the word"),
    "katakana-typo": N_("a katakana reading of the word, with a slip"),
}
KIND = {
    "primary": N_("main name"),
    "alias": N_("alias"),
    "weak": N_("weak alias"),
    "original": N_("name in the original script"),
}
#: The evidence beyond the name, by the feature's ``code`` (its ``params`` fill the sentence).
DETAILS = {
    "birth_date_exact": N_("birth date %(query)s = %(listed)s"),
    "birth_year_agrees": N_("birth year %(year)s agrees with %(listed)s"),
    "birth_year_one_off": N_("birth year %(year)s is one year off %(listed)s"),
    "birth_date_contradicts": N_("birth date %(query)s contradicts %(listed)s"),
    "country_agrees": N_("country %(countries)s agrees"),
    "countries_differ": N_("countries %(query)s differ from %(listed)s"),
    "identifier_matches": N_("identifier %(identifiers)s matches exactly"),
    "weak_alias": N_("matched a weak (low-quality) alias, which counts less"),
    "kind_stated": N_(
        "the query gave no type; its name states a legal form ('%(form)s'), so it was screened "
        "as an organisation's name (no person, vessel or aircraft)"
    ),
}
#: What the screener concluded from it (``params["note"]``).
NOTES = {
    "namesake": N_("%(detail)s: a namesake, below the alert threshold"),
    "nationality": N_("%(detail)s (nationality): a namesake, below the alert threshold"),
    "short_name": N_(
        "%(detail)s: a short name (or one word) shared by firms elsewhere, below the alert "
        "threshold"
    ),
    "trade_words": N_(
        "%(detail)s: the names share only words of a country and of a trade, another firm, "
        "below the alert threshold"
    ),
    "kept": N_("%(detail)s; the full name matches exactly, so the match is kept"),
    "branch": N_(
        "%(detail)s; the query names the party's branch, office or agent there, so the "
        "difference does not count"
    ),
}


def _(message: str) -> str:
    return i18n.gettext(message)


def _pct(value: Any) -> str:
    return i18n.local_percent(value) if isinstance(value, int | float) else str(value)


def _words(words: list[str]) -> str:
    return _(", ").join(words)


def _dated(value: Any) -> str:
    """A value of the evidence, a whole date (a birth date) as the language writes a date; a
    year, or a year and month, as it is."""
    text = str(value)
    return i18n.local_date(text) if _ISO_DATE.fullmatch(text) else text


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def detail(feature: Mapping[str, Any]) -> str:
    """A feature's evidence in the page's language, from its code and parameters (the English
    sentence, as the screener wrote it, for a feature without them)."""
    msgid = DETAILS.get(str(feature.get("code") or ""))
    params = feature.get("params") or {}
    if i18n.current() == "en" or msgid is None:
        return str(feature.get("detail", ""))
    values = {
        key: _words([_dated(v) for v in value]) if isinstance(value, list) else _dated(value)
        for key, value in params.items()
    }
    try:
        text = _(msgid) % values
    except KeyError:
        return str(feature.get("detail", ""))
    note = NOTES.get(str(params.get("note") or ""))
    return _(note) % {"detail": text} if note is not None else text


def sentences(explanation: Mapping[str, Any] | None) -> list[str]:
    """The explanation of one match as sentences in the page's language (English as the
    reports give it)."""
    if i18n.current() == "en" or not explanation:
        return explain.sentences(explanation)
    kind_code = str(explanation.get("name_kind") or "name")
    kind = _(KIND[kind_code]) if kind_code in KIND else kind_code
    out = [
        _("“%(query)s” meets the %(kind)s “%(name)s” at %(score)s.")
        % {
            "query": explanation.get("query_name", ""),
            "kind": kind,
            "name": explanation.get("matched_name", ""),
            "score": _pct(explanation.get("name_score")),
        }
    ]
    name = explanation.get("name") or {}
    pairs = []
    for tok in name.get("tokens") or []:
        code = str(tok.get("how"))
        base = code.removeprefix("joined-")
        how = _(HOW[base]) if base in HOW else code
        if base != code and base in HOW:
            how = _("%(how)s, written as one word") % {"how": how}
        if tok.get("query") == tok.get("candidate"):
            pairs.append(f"“{tok.get('query')}” ({how})")
        else:
            share = _pct(tok.get("similarity"))
            pairs.append(f"“{tok.get('query')}” ≈ “{tok.get('candidate')}” ({how}, {share})")
    if pairs:
        out.append(_("Words that agree: %(pairs)s.") % {"pairs": _words(pairs)})
    if name.get("unmatched_query"):
        words = _words(explain.words_of(name["unmatched_query"]))
        out.append(_("Words of the query not in the listed name: %(words)s.") % {"words": words})
    if name.get("unmatched_candidate"):
        words = _words(explain.words_of(name["unmatched_candidate"]))
        out.append(_("Words of the listed name not in the query: %(words)s.") % {"words": words})
    for feature in explanation.get("features") or []:
        effect = float(feature.get("effect") or 0)
        if explain.no_effect(effect):  # never "lowers the score by 0.00"
            out.append(_("%(detail)s: the score is unchanged.") % {"detail": detail(feature)})
            continue
        template = (
            _("%(detail)s: raises the score by %(effect)s.")
            if effect > 0
            else _("%(detail)s: lowers the score by %(effect)s.")
        )
        out.append(
            template % {"detail": detail(feature), "effect": i18n.local_number(abs(effect), "0.00")}
        )
    if explanation.get("threshold") is not None:
        threshold = _pct(explanation["threshold"])
        out.append(_("An alert is raised from %(threshold)s.") % {"threshold": threshold})
    return out
