"""The server's readiness notice to a service manager (systemd's ``$NOTIFY_SOCKET``): sent to
a socket file or an abstract socket, nothing without one, a warning when none listens."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

from tradeguard.server import notify


def test_nothing_is_said_without_a_notify_socket(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NOTIFY_SOCKET", raising=False)
    assert notify("READY=1") is False


def test_ready_reaches_a_socket_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    address = str(tmp_path / "notify")
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as manager:
        manager.bind(address)
        monkeypatch.setenv("NOTIFY_SOCKET", address)
        assert notify("READY=1\nSTATUS=2 workers serving") is True
        assert manager.recv(4096) == b"READY=1\nSTATUS=2 workers serving"


def test_ready_reaches_an_abstract_socket(monkeypatch: pytest.MonkeyPatch) -> None:
    name = f"tradeguard-test-{os.getpid()}"
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as manager:
        manager.bind("\0" + name)
        monkeypatch.setenv("NOTIFY_SOCKET", "@" + name)
        assert notify("READY=1") is True
        assert manager.recv(4096) == b"READY=1"


def test_a_manager_that_is_gone_is_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("NOTIFY_SOCKET", str(tmp_path / "nobody"))
    assert notify("READY=1") is False
    assert "cannot notify the service manager" in caplog.text
