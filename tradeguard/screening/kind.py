"""A query's kind read from its name: a name that states its legal form is an organisation's.

A query of no type may be a person's, an organisation's, a vessel's or an aircraft's name. One
that writes a company's legal form (株式会社, 股份有限公司, 주식회사, GmbH, LLC, Ltd, Inc.: the
forms of ``tradeguard/data/names/company_forms.yaml``) names a company, which no person, vessel
or aircraft is: "太古股份有限公司" (Swire Pacific) is not the person KO TAE HUN, nor is
"AGC株式会社" the aircraft YK-AGC. :func:`stated_form` finds such a form; the screener then
screens the query as an organisation's name and says so in each match's explanation
(:func:`explain`).

A form counts when the query writes it in a spelling of three letters or more (``Ltd``,
``GmbH``, ``LLC``), or in words or a script the form is read from (株式会社 is read *kk*,
"sociedad anonima" *sa*). A form of two letters written as such (``SA``, ``S.A.``, ``AG``,
``AB``, ``Co``: letters the name's own letters, run together, hold) is also a word of persons' names on the lists (IYAD AG GHALI, "Ab-Bilal", "Haytham
Ahmed S.A."), and so is the word :data:`PERSON_WORDS` names: they say nothing of the kind.
"""

from __future__ import annotations

import re
from typing import Any

from tradeguard.names.analysis import NameForm, TokenClass, make_token
from tradeguard.names.normalize import fold
from tradeguard.screening import features as ft
from tradeguard.screening.model import Match

#: the kind a name with a legal form is screened as (it meets organisations, companies and
#: legal entities: :data:`tradeguard.screening.model.COMPATIBLE`)
ORGANISATION = "Organization"
#: forms of three letters or more that the lists also write as a word of a person's name
#: (every name of the bundled snapshot analysed as a query is: *pao*, "PAO, Hua Chiang";
#: the other forms in persons' names there are of two letters: *ag*, *sa*, *ab*)
PERSON_WORDS = frozenset({"pao"})

_WORD = re.compile(r"[^\W_]+")


def stated_form(name: str, forms: list[NameForm]) -> str | None:
    """The legal form the name states (the form's word as the analysis reads it), or None."""
    written: str | None = None
    for form in forms:
        for token in form.tokens:
            if token.cls != TokenClass.FORM or token.text in PERSON_WORDS:
                continue
            if len(token.text) >= 3:
                return token.text
            if written is None:  # the name's letters run together ("S.A." is sa)
                written = "".join(fold(w) for w in _WORD.findall(name))
            if token.text not in written:
                return token.text  # read from a longer spelling or another script (株式会社)
    return None


def explain(match: Match, form: str) -> None:
    """Say in the match's explanation that the query's kind was read from its name."""
    detail = (
        f"the query gave no type; its name states a legal form ({form!r}), so it was screened"
        " as an organisation's name (no person, vessel or aircraft)"
    )
    words: dict[str, Any] = {"schema": ORGANISATION, "form": form, "detail": detail}
    match.explanation["kind"] = words
    effect = ft.Effect("kind", 0.0, detail, "kind_stated", {"form": form, "schema": ORGANISATION})
    match.explanation.setdefault("features", []).append(effect.to_dict())


def craft_form(form: NameForm) -> NameForm:
    """A vessel's or aircraft's name as written: a word that spells a company form is a word
    of the name there (the registration mark YK-AGC, whose *YK* is no yugen kaisha; a
    vessel named "SA ..."), weighed as any word."""
    if all(t.cls != TokenClass.FORM for t in form.tokens):
        return form
    tokens = tuple(make_token(t.text) if t.cls == TokenClass.FORM else t for t in form.tokens)
    return NameForm(tokens, form.method, form.abjad)
