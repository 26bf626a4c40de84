"""What a new password must be: at least 12 characters, not one of the 30,000 most common
passwords (ignoring case), and not containing the user name (ignoring case).

The rules apply to passwords being set (a new user, a password change); a password set
before they existed keeps working until it is changed.
"""

from __future__ import annotations

import functools
import gzip
from pathlib import Path

from tradeguard.errors import InputError

MIN_LENGTH = 12
MAX_LENGTH = 1024
#: a user name shorter than this is not looked for inside the password (a one- or two-letter
#: name is part of too many good passwords)
MIN_NAME_IN_PASSWORD = 3
COMMON = Path(__file__).parent.parent / "data" / "accounts" / "common-passwords.txt.gz"


@functools.cache
def common_passwords() -> frozenset[str]:
    """The shipped list of common passwords, case-folded (see data/accounts/README.md)."""
    with gzip.open(COMMON, "rt", encoding="utf-8") as f:
        return frozenset(line.rstrip("\n").casefold() for line in f if line.strip())


def check_new_password(username: str, password: str, field: str = "password") -> None:
    """Raise :class:`InputError` naming the rule a new password breaks."""
    if len(password) < MIN_LENGTH:
        raise InputError(f"a password needs at least {MIN_LENGTH} characters", field=field)
    if len(password) > MAX_LENGTH:
        raise InputError(f"a password has at most {MAX_LENGTH} characters", field=field)
    folded = password.casefold()
    if folded in common_passwords():
        raise InputError(
            "this password is on the list of the most common passwords; choose another",
            field=field,
        )
    name = username.casefold()
    if len(name) >= MIN_NAME_IN_PASSWORD and name in folded:
        raise InputError("a password must not contain the user name", field=field)
