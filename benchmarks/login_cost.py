"""What a failed log-in costs for a known and an unknown user name, and what a guessing run
gets: the figures behind the log-in throttling of issue 16.

On a temporary SQLite store with one user, alternates ``--rounds`` failed log-ins with a known
name and with unknown names (each from its own address, so that no lock cuts the run short)
and prints the median time of each and their ratio; then tries 100 wrong passwords on
another known name from one address followed by the right one, as the report in the issue did, and
prints how many were checked before the lock and what the right password got.

    python benchmarks/login_cost.py [--rounds 40]
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import tempfile
import time
from pathlib import Path

from tradeguard.accounts import users
from tradeguard.accounts.errors import AuthError, ThrottledError
from tradeguard.accounts.logins import LoginPolicy
from tradeguard.accounts.users import Actor, Role
from tradeguard.store import Store

PASSWORD = "benchmark pass phrase"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=40)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(f"sqlite:///{Path(tmp) / 'store.db'}")
        admin = Actor("benchmark", Role.ADMIN)
        users.add_user(store, admin, "ana", PASSWORD, "analyst")
        users.add_user(store, admin, "rob", PASSWORD, "analyst")
        policy = LoginPolicy(max_failures=10**6, max_failures_per_address=10**6)
        timings: dict[str, list[float]] = {"known": [], "unknown": []}
        for n in range(args.rounds):
            for kind, name in (("known", "ana"), ("unknown", f"nobody{n}")):
                start = time.perf_counter()
                with contextlib.suppress(AuthError):
                    users.check_password(store, name, "a wrong guess", address=f"a{n}",
                                         policy=policy)  # fmt: skip
                timings[kind].append(time.perf_counter() - start)
        known = statistics.median(timings["known"]) * 1000
        unknown = statistics.median(timings["unknown"]) * 1000
        print(f"failed log-in, median of {args.rounds}: known name {known:.1f} ms, "
              f"unknown name {unknown:.1f} ms, known/unknown {known / unknown:.2f}")  # fmt: skip
        default = LoginPolicy()
        checked = 0
        refused = 0
        for n in range(100):
            try:
                users.check_password(store, "rob", f"guess {n}", address="198.51.100.1",
                                     policy=default)  # fmt: skip
            except AuthError:
                checked += 1
            except ThrottledError:
                refused += 1
        try:
            users.check_password(store, "rob", PASSWORD, address="198.51.100.1", policy=default)
            last = "accepted"
        except ThrottledError as exc:
            last = f"429, Retry-After {exc.retry_after} s"
        print(f"100 wrong passwords from one address: {checked} checked (401), {refused} refused "
              f"while locked (429); then the right password: {last}")  # fmt: skip
        store.close()


if __name__ == "__main__":
    main()
