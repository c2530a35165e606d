"""A server process on this machine (127.0.0.1): for the tests, the benchmark and a trial run.

Started as ``python -m thuiszitter_desktop.server.cli serve`` against a given database and
certificate, so it is exactly the server an organisation runs.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

from thuiszitter_desktop.server.faults import ENV as FAULT_ENV


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class LocalServer:
    def __init__(self, folder: Path, database_url: str, cert: Path, key: Path,
                 port: int | None = None, team: str = "Team Zuid") -> None:
        self.folder = folder
        self.database_url = database_url
        self.cert = cert
        self.key = key
        self.port = port or free_port()
        self.team = team
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    def start(self, fault: str | None = None, timeout: float = 30.0) -> None:
        """Start and wait until it accepts connections (``fault``: see ``server.faults``)."""
        env = {k: v for k, v in os.environ.items() if k != FAULT_ENV}
        if fault:
            env[FAULT_ENV] = fault
        self.folder.mkdir(parents=True, exist_ok=True)
        with (self.folder / "stdout.log").open("ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "thuiszitter_desktop.server.cli", "--data",
                 str(self.folder), "--database-url", self.database_url, "serve", "--host",
                 "127.0.0.1", "--port", str(self.port), "--cert", str(self.cert), "--key",
                 str(self.key), "--team", self.team], env=env, stdout=log,
                stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError((self.folder / "stdout.log").read_text(errors="replace"))
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("De server startte niet op tijd.")

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)
        self.process = None

    def wait_killed(self, timeout: float = 20.0) -> int:
        """Wait for a fault point to kill the process; returns its exit status."""
        assert self.process is not None
        status = self.process.wait(timeout)
        self.process = None
        return status
