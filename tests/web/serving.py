"""The browser tests' server process: ``tradeguard serve``'s start, application and options, on a
listening socket the test passed down, telling the test through a pipe when it is ready.

    python -m tests.web.serving SOCKET_FD READY_FD

The test binds and listens before it starts this process (no port to pick and lose), and waits
on the pipe: one byte once uvicorn has started (the application's start-up ran, the socket is
served), or end of file when the process stops before that.
"""

from __future__ import annotations

import os
import socket
import sys

import uvicorn

from tradeguard.cli.common import open_store
from tradeguard.server import APP, _options


class ReadyServer(uvicorn.Server):
    """A uvicorn server that writes one byte to ``ready_fd`` once it has started."""

    def __init__(self, config: uvicorn.Config, ready_fd: int) -> None:
        super().__init__(config)
        self.ready_fd = ready_fd

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets)
        if not self.should_exit:  # the application's start-up did not fail
            os.write(self.ready_fd, b"1")
        os.close(self.ready_fd)


def main(socket_fd: int, ready_fd: int) -> None:
    open_store().close()  # as ``tradeguard serve`` does: migrate and load, before serving
    sock = socket.socket(fileno=socket_fd)
    config = uvicorn.Config(APP, factory=True, **_options("warning"))
    ReadyServer(config, ready_fd).run(sockets=[sock])


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]))
