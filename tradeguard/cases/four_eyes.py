"""Four-eyes: who may review whose proposal. Not the proposer, and not an account the
proposer created, or that created the proposer's, directly or through further accounts (each
user records who created it), nor two accounts sharing a creator, so nobody approves their own
proposal through a second account."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from tradeguard.accounts.tables import UserRow

#: how far up the chain of account creators four-eyes looks; a longer chain is refused
MAX_CREATORS = 50


class _ChainTooLong(Exception):
    """The creator chain of an account is longer than :data:`MAX_CREATORS`."""


def _creators(session: Session, username: str) -> list[str]:
    """Who created ``username``'s account, who created that one, and so on to the root: user
    names only. The chain stops at a creator that is not a user account (``cli:…``: the
    command line, whose holder already has the store itself; or unknown) and at a cycle.
    Raises :class:`_ChainTooLong` past :data:`MAX_CREATORS` accounts, so that a caller can
    fail closed rather than miss a shared creator further up."""
    chain: list[str] = []
    seen = {username}
    name = username
    while True:
        creator = session.execute(
            select(UserRow.created_by).where(UserRow.username == name)
        ).scalar_one_or_none()
        if creator is None or creator.startswith("cli:") or creator in seen:
            return chain
        if len(chain) >= MAX_CREATORS:
            raise _ChainTooLong(username)
        chain.append(creator)
        seen.add(creator)
        name = creator


def four_eyes_refusal(session: Session, reviewer: str, proposer: str | None) -> str | None:
    """Why ``reviewer`` may not review ``proposer``'s proposal, or None when they may.

    Refused: the proposer themself; a reviewer whose creator chain contains the proposer or
    the other way round; and two accounts whose creator chains share any user account (an
    admin who made both an analyst and a reviewer could otherwise close cases alone). Actors
    ``cli:…`` (accounts made from the command line) end a chain and are not compared: every
    chain starts there. A chain longer than :data:`MAX_CREATORS` is refused (fail closed)."""
    if proposer is None:
        return None
    if reviewer == proposer:
        return f"four-eyes: {reviewer!r} proposed this outcome and cannot also review it"
    try:
        above_reviewer = _creators(session, reviewer)
        above_proposer = _creators(session, proposer)
    except _ChainTooLong as exc:
        return (
            f"four-eyes: the account {exc.args[0]!r} has more than {MAX_CREATORS} creators "
            "above it; it cannot be told apart from the other party, so the review is refused"
        )
    if proposer in above_reviewer:
        how = "created" if above_reviewer[0] == proposer else "is among the creators of"
        return (
            f"four-eyes: {proposer!r}, who proposed this outcome, {how} the account "
            f"{reviewer!r}; a reviewer whose account {proposer!r} did not create must review it"
        )
    if reviewer in above_proposer:
        return (
            f"four-eyes: {reviewer!r} created (directly or through other accounts) the account "
            f"{proposer!r}, which proposed this outcome; another reviewer must review it"
        )
    shared = [name for name in above_reviewer if name in set(above_proposer)]
    if shared:
        return (
            f"four-eyes: the accounts {reviewer!r} and {proposer!r} were both created "
            f"(directly or through other accounts) by {shared[0]!r}; a reviewer whose account "
            "shares no creator with the proposer's must review it"
        )
    return None
