"""The actions of the audit trail (``audit_records.action``) in words, in the page's language.

An action is ``what.how``: the record keeps the code (it is hashed into the chain), the pages
show what was done and, for a screening, classification or evaluation, from which face
(``screen.web``, ``evaluate.api`` ...). An action without words is shown as its code."""

from __future__ import annotations

from markupsafe import Markup

from tradeguard.language import i18n
from tradeguard.language.labels import N_

#: What was done, by the action's code.
ACTIONS = {
    "case.open": N_("case opened"),
    "case.assign": N_("case assigned"),
    "case.link": N_("case linked again"),
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
