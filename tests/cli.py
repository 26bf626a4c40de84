"""The command line run as a user runs it, for the tests of its commands: a separate process
(``python -m tradeguard.cli``) on its own home, so what is checked is the exit code and the
text on stdout and stderr, not Python state."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def tg(
    *args: str | Path,
    home: Path,
    stdin: str | None = None,
    cwd: Path | None = None,
    timeout: float = 600,
) -> subprocess.CompletedProcess[str]:
    """Run ``tradeguard ARGS`` with ``TRADEGUARD_HOME=home`` and its default SQLite store (any
    ``TRADEGUARD_DATABASE_URL`` of the test run dropped), 200 columns wide so a message is not
    wrapped; ``stdin`` is written to its standard input, ``cwd`` is where it runs."""
    env = dict(os.environ, TRADEGUARD_HOME=str(home), COLUMNS="200")
    env.pop("TRADEGUARD_DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "tradeguard.cli", *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        input=stdin,
        cwd=cwd,
        timeout=timeout,
    )
