"""The actions of the audit trail (``audit_records.action``) in words, in the page's language.

An action is ``what.how``: the record keeps the code (it is hashed into the chain), the pages
show what was done and, for a screening, classification or evaluation, from which face
(``screen.web``, ``evaluate.api`` ...). An action without words is shown as its code."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from markupsafe import Markup, escape

from tradeguard.language import i18n, reason_words
from tradeguard.language.labels import N_, label, outcome

#: What was done, by the action's code.
ACTIONS = {
    "case.open": N_("case opened"),
    "case.assign": N_("case assigned"),
    "case.link": N_("case linked again"),
    "case.withdraw": N_("proposal withdrawn"),
    "case.merge": N_("case merged into another"),
    "case.propose": N_("outcome proposed"),
    "case.review": N_("proposal reviewed"),
    "config.set": N_("setting changed"),
    "counterparties.import": N_("counterparties imported"),
    "lists.load": N_("list loaded"),
    "lists.update": N_("lists updated"),
    "login.fail": N_("failed log-in"),
    "login.lock": N_("log-in locked"),
    "login.unlock": N_("log-in lock lifted"),
    "monitor.run": N_("monitoring run"),
    "screen.batch": N_("batch screening"),
    "screen.monitor": N_("screening by monitoring"),
    "declarations.audit": N_("declarations audited"),
    "session.start": N_("signed in"),
    "session.end": N_("signed out"),
    "token.issue": N_("API token issued"),
    "token.revoke": N_("API token revoked"),
    "user.add": N_("user added"),
    "user.disable": N_("user disabled"),
    "user.enable": N_("user enabled"),
    "user.password": N_("password changed"),
    "user.role": N_("role changed"),
}

#: Actions recorded per face (``screen.api`` ...): what was done.
BY_FACE = {
    "screen": N_("screening"),
    "classify": N_("classification"),
    "evaluate": N_("shipment evaluation"),
}

#: The faces an action is recorded from.
FACES = {"api": N_("API"), "web": N_("web pages"), "cli": N_("command line")}


def words(code: str) -> str | None:
    """What the action ``code`` did, in the page's language (``None``: no words for it)."""
    known = ACTIONS.get(code)
    if known is not None:
        return i18n.gettext(known)
    what, _, face = code.partition(".")
    if what in BY_FACE and face in FACES:
        return i18n.gettext(N_("%(what)s (%(face)s)")) % {
            "what": i18n.gettext(BY_FACE[what]),
            "face": i18n.gettext(FACES[face]),
        }
    return None


def action(code: object) -> Markup:
    """The action as the pages show it: its words, with the recorded code beside them (as the
    command line and the API give it); an action without words as its code."""
    raw = str(code or "")
    said = words(raw)
    if said is None:
        return Markup('<code translate="no">{}</code>').format(raw)
    return Markup('{} <code translate="no">{}</code>').format(said, raw)


def said(code: object) -> str:
    """The action in words alone (a report in Japanese or Korean: no code among the words);
    an action without words as its code."""
    raw = str(code or "")
    return words(raw) or raw


def _reasons(payload: Mapping[str, Any]) -> Markup:
    """The reasons of the decision a ``case.link`` record brought, as a list."""
    detail = payload.get("detail")
    decision = detail.get("decision") if isinstance(detail, Mapping) else None
    reasons = decision.get("reasons") if isinstance(decision, Mapping) else None
    items = [r for r in reasons or [] if isinstance(r, Mapping)]
    if not items:
        return Markup("")
    listed = Markup("").join(
        Markup('<li class="reason">{}</li>').format(reason_words.sentence(r)) for r in items
    )
    return Markup('{} <ul class="reasons">{}</ul>').format(i18n.gettext(N_("Why:")), listed)


def change(code: object, payload: object) -> Markup:
    """What a case's record changed, in words, for the trail beside its action: a link that
    brought another verdict (from which to which, and the new decision's reasons), a link that
    brought other reasons for the same verdict, a proposal withdrawn because the verdict
    changed (whose, which, from which verdict to which). Empty for any other record, and for a
    link that brought the decision the case already held."""
    if not isinstance(payload, Mapping):
        return Markup("")
    old, new = payload.get("previous_verdict"), payload.get("verdict")
    if code == "case.withdraw":
        withdrawn = escape(
            i18n.gettext(
                N_(
                    "The proposal “%(proposal)s” by %(user)s was withdrawn: the verdict changed "
                    "from %(old)s to %(new)s, and an outcome proposed on other facts cannot be "
                    "approved."
                )
            )
        ) % {
            "proposal": outcome(payload.get("proposal")),
            "user": Markup('<span translate="no">{}</span>').format(payload.get("proposed_by")),
            "old": label(old),
            "new": label(new),
        }
        return Markup('<span class="change">{}</span>').format(withdrawn)
    if code != "case.link" or "detail" not in payload:
        return Markup("")
    if old and new and old != new:
        said = i18n.gettext(N_("The verdict changed from %(old)s to %(new)s.")) % {
            "old": label(old),
            "new": label(new),
        }
    else:
        said = i18n.gettext(N_("Other reasons for the same verdict (%(verdict)s).")) % {
            "verdict": label(new)
        }
    return Markup('<span class="change">{}</span> {}').format(said, _reasons(payload))
