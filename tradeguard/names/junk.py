"""Names that name no party: what a screening refuses rather than answering "no match".

A name from a form, a spreadsheet or a web page may hold markup (``<b>x</b>``, ``&amp;``), be
punctuation alone, one letter, or a company's legal form alone (``Co., Ltd.``, ``株式会社``).
Screened, such a name met nothing and the answer read "no match", which an officer takes for
a cleared party. Each is refused instead, with the reason, as an error on the name's field:
the command line exits 2, the API answers 422, a batch reports the row, a shipment names the
party's field. Markup is no part of a name: the name is screened without it ("<b>Ryonbong</b>"
is screened as "Ryonbong"), and refused when nothing usable is left. A name given with an
identifier (IMO, passport ...) is screened on the identifier whatever its name.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tradeguard.names.analysis import NameForm, TokenClass, analyse

#: a script or style element with its content (code, not text), an HTML or XML tag, or a
#: character reference (``&amp;``, ``&#160;``)
MARKUP = re.compile(
    r"<(script|style)\b[^<>]*>.*?</\1\s*>|<[^<>]*>|&#?[0-9A-Za-z]+;", re.IGNORECASE | re.DOTALL
)


#: initials in capitals before another word, a firm's name even where they spell a company form
#: too (SL Corporation, a Korean firm: SL is also the Spanish S.L.)
_INITIALS = re.compile(r"[A-Z]{2,4}\s+\S")


def without_markup(name: str) -> str:
    """The name with its tags and character references put out (each as a space)."""
    return MARKUP.sub(" ", name) if ("<" in name or "&" in name) else name


def name_problem(name: str, forms: Sequence[NameForm] | None = None) -> str | None:
    """Why a name cannot be screened (no letters or digits, a single one, a company's legal
    form alone), said of the name without its markup; None when it can. ``forms``: the
    name's analysis (:func:`~tradeguard.names.analysis.analyse` of the name without markup)
    when the caller has it."""
    text = without_markup(name)
    besides = " besides its markup" if text != name else ""
    count = sum(c.isalnum() for c in text)
    if count == 0:
        return f"the name has no letters or digits{besides}"
    if count == 1:
        return f"the name has a single letter or digit{besides}: too short to screen"
    if forms is None:
        forms = analyse(text, None)
    if (
        forms
        and all(t.cls == TokenClass.FORM for f in forms for t in f.tokens)
        and not _INITIALS.match(text.strip())
    ):
        written = " ".join(dict.fromkeys(t.text for t in forms[0].tokens))
        return f"the name is a company's legal form alone ({written}): it names no party"
    return None
