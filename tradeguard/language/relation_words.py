"""A relation between two parties as a sentence in the page's language (the exposure page's
paths): one catalogue message with placeholders per relation kind, so that each language puts
the parties, the share and the verb in its own order."""

from __future__ import annotations

from tradeguard.language import i18n
from tradeguard.language.labels import N_

#: A relation as a whole sentence, its parties in the language's order (ko "A이(가) B의 지분
#: 100%를 소유", ja "AはBの株式の100%を保有"), with its share where the relation has one.
SENTENCES = {
    "ownership": N_("%(a)s owns %(b)s"),
    "joint_venture": N_("%(a)s is a partner in %(b)s"),
    "investment": N_("%(a)s invests in %(b)s"),
    "directorship": N_("%(a)s directs %(b)s"),
    "management": N_("%(a)s manages %(b)s"),
    "membership": N_("%(a)s is a member of %(b)s"),
    "family": N_("%(a)s is family of %(b)s"),
    "associate": N_("%(a)s is an associate of %(b)s"),
    "shared_address": N_("%(a)s shares an address with %(b)s"),
    "shared_phone": N_("%(a)s shares a phone with %(b)s"),
    "vessel_owner": N_("%(a)s owns the vessel %(b)s"),
    "vessel_operator": N_("%(a)s operates the vessel %(b)s"),
    "vessel_manager": N_("%(a)s manages the vessel %(b)s"),
    "unknown": N_("%(a)s is linked to %(b)s"),
    "same_as": N_("%(a)s is the same party as %(b)s"),
}
SHARE_SENTENCES = {
    "ownership": N_("%(a)s owns %(share)s of %(b)s"),
    "investment": N_("%(a)s holds %(share)s of %(b)s as an investment"),
}


def edge_sentence(kind: str, a: str, b: str, share: float | None) -> str:
    """The relation ``a`` → ``b`` of ``kind`` as a sentence in the page's language: one
    message with placeholders per relation kind, not words joined in the English order."""
    shared = i18n.local_percent(share, 100) if share is not None else None
    if shared is not None and kind in SHARE_SENTENCES:
        return i18n.gettext(SHARE_SENTENCES[kind]) % {"a": a, "b": b, "share": shared}
    msgid = SENTENCES.get(kind, SENTENCES["unknown"])
    sentence = i18n.gettext(msgid) % {"a": a, "b": b}
    if shared is None:
        return sentence
    return i18n.gettext(N_("%(sentence)s (%(share)s)")) % {"sentence": sentence, "share": shared}
