"""What a new password must be, following NIST SP 800-63B §5.1.1.2 ("Memorized Secret
Verifiers"): at least 12 characters; not one of the 30,000 most common passwords, nor one of
them with digits or symbols added around it or with letters swapped for look-alike digits
(``Password2024!``, ``p@ssw0rd1234``); not repetitive or sequential (``aaaaaaaaaaaa``,
``abcabcabcabc``, ``123456789012``, ``qwertyuiop[]``); not made of fewer than five different
characters; and not containing the user name or the service's name.

A password is compared in Unicode NFKC form, case-folded, without leading or trailing
whitespace: a full-width user name (``ｎｉｎａ``) is the user name, a password of spaces is no
password. The password itself is stored as typed (hashed); the normal form is only for these
checks.

The rules apply to passwords being set (a new user, a password change); a password set
before they existed keeps working until it is changed.
"""

from __future__ import annotations

import functools
import gzip
import re
import unicodedata
from pathlib import Path

from tradeguard.errors import InputError

MIN_LENGTH = 12
MAX_LENGTH = 1024
#: a password needs at least this many different characters
MIN_DISTINCT = 5
#: a user name shorter than this is not looked for inside the password (a one- or two-letter
#: name is part of too many good passwords)
MIN_NAME_IN_PASSWORD = 3
#: context-specific words (SP 800-63B: "the name of the service")
SERVICE_WORDS = ("tradeguard",)
COMMON = Path(__file__).parent.parent / "data" / "accounts" / "common-passwords.txt.gz"
#: runs of keys that people type as a "pattern": the alphabet, the digits and the rows of
#: QWERTY, AZERTY and QWERTZ keyboards (each also read backwards)
SEQUENCES = (
    "abcdefghijklmnopqrstuvwxyz",
    "01234567890",
    "qwertyuiop[]",
    "asdfghjkl;'",
    "zxcvbnm,./",
    "azertyuiop",
    "qsdfghjklm",
    "wxcvbn",
    "qwertzuiop",
    "yxcvbnm",
    "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p",
)
#: runs of at least this many keys of one sequence count as sequential ...
MIN_RUN = 3
#: ... and a password whose characters lie in such runs for this share is sequential
SEQUENTIAL_SHARE = 0.8
#: look-alike digits and symbols read back as the letters they stand for
LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t",
                      "@": "a", "$": "s", "!": "i", "+": "t"})  # fmt: skip
_AFFIX = re.compile(r"^[\W\d_]*(.*?)[\W\d_]*$", re.DOTALL)


@functools.cache
def common_passwords() -> frozenset[str]:
    """The shipped list of common passwords, case-folded (see data/accounts/README.md)."""
    with gzip.open(COMMON, "rt", encoding="utf-8") as f:
        return frozenset(line.rstrip("\n").casefold() for line in f if line.strip())


def normal_form(text: str) -> str:
    """``text`` as the checks compare it: NFKC, case-folded, outer whitespace removed."""
    return unicodedata.normalize("NFKC", text).casefold().strip()


def check_new_password(username: str, password: str, field: str = "password") -> None:
    """Raise :class:`InputError` naming the rule a new password breaks."""
    if len(password) > MAX_LENGTH:
        raise InputError(f"a password has at most {MAX_LENGTH} characters", field=field)
    folded = normal_form(password)
    if len(folded) < MIN_LENGTH:
        raise InputError(
            f"a password needs at least {MIN_LENGTH} characters (not counting spaces at "
            "either end)",
            field=field,
        )
    if folded in common_passwords():
        raise InputError(
            "this password is on the list of the most common passwords; choose another",
            field=field,
        )
    name = normal_form(username)
    if len(name) >= MIN_NAME_IN_PASSWORD and (name in folded or name in password.casefold()):
        raise InputError("a password must not contain the user name", field=field)
    if any(word in folded for word in SERVICE_WORDS):
        raise InputError("a password must not contain the name of this service", field=field)
    if _common_at_heart(folded):
        raise InputError(
            "this password is one of the most common passwords with digits or symbols added "
            "or letters swapped for look-alikes; choose another",
            field=field,
        )
    if _repetitive(folded):
        raise InputError(
            "a password must not be one short part repeated (like 'abcabcabcabc')", field=field
        )
    if _sequential(folded):
        raise InputError(
            "a password must not be a run of keys or of the alphabet or digits "
            "(like '123456789012' or 'qwertyuiopas')",
            field=field,
        )
    if len(set(folded)) < MIN_DISTINCT:
        raise InputError(
            f"a password needs at least {MIN_DISTINCT} different characters", field=field
        )


def _common_at_heart(folded: str) -> bool:
    """A common password with digits or symbols around it, or with look-alike substitutions."""
    common = common_passwords()
    core = _AFFIX.sub(r"\1", folded)
    candidates = {core, folded.translate(LEET), core.translate(LEET)}
    candidates |= {_AFFIX.sub(r"\1", c) for c in list(candidates)}
    return any(len(c) >= 4 and c in common for c in candidates)


def _repetitive(folded: str) -> bool:
    """One unit of up to half the length, repeated to make the whole password."""
    n = len(folded)
    return any(
        n % size == 0 and folded == folded[:size] * (n // size) for size in range(1, n // 2 + 1)
    )


def _sequential(folded: str) -> bool:
    """At least :data:`SEQUENTIAL_SHARE` of the password (spaces aside) lies in runs of at
    least :data:`MIN_RUN` keys of one sequence, forwards or backwards (``abcdef123456``,
    ``qwerty654321``, ``1234567890ab``)."""
    text = folded.replace(" ", "")
    rows = [s for seq in SEQUENCES for s in (seq, seq[::-1])]
    i = covered = 0
    while i < len(text):
        best = 0
        for row in rows:
            start = row.find(text[i])
            while start != -1:
                length = 1
                while (
                    i + length < len(text)
                    and start + length < len(row)
                    and text[i + length] == row[start + length]
                ):
                    length += 1
                best = max(best, length)
                start = row.find(text[i], start + 1)
        if best >= MIN_RUN:
            covered += best
            i += best
        else:
            i += 1
    return bool(text) and covered >= SEQUENTIAL_SHARE * len(text)
