"""Fault injection for the batch tests: a worker plugin that kills its worker process.

The plugin watches the worker's task transitions; the first time the chosen partition's task
starts executing (``when="start"``) or finishes executing, its part already written but its
result not yet reported (``when="written"``), it kills the whole worker process at once, as an
OOM killer or a lost node would. A marker file makes it happen once per test, whichever worker
runs the partition first: the retry on the restarted or the other worker goes through.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from distributed.diagnostics.plugin import WorkerPlugin


class KillOnPartition(WorkerPlugin):
    name = "tradeguard-test-kill-on-partition"

    def __init__(self, suffix: str, when: str, marker: Path) -> None:
        self.suffix = suffix
        self.when = when
        self.marker = str(marker)

    def transition(self, key: Any, start: str, finish: str, *args: Any, **kwargs: Any) -> None:
        if not (isinstance(key, str) and key.endswith(self.suffix)):
            return
        starting = finish == "executing"
        written = start == "executing" and finish == "memory"
        if (self.when == "start" and starting) or (self.when == "written" and written):
            try:
                fd = os.open(self.marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
            except FileExistsError:
                return
            os.write(fd, str(os.getpid()).encode())
            os.close(fd)
            os._exit(1)
