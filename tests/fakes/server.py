"""A real ``kodo serve`` in a subprocess, on 127.0.0.1 and a free port, with its log lines collected:
what an operator runs, tried from outside the way an attacker (or an unlucky admin) would."""

from __future__ import annotations

import asyncio
import json
import os
import socket
import sys
import time
from pathlib import Path

import aiohttp

KODO = str(Path(sys.executable).parent / "kodo")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class KodoServer:
    def __init__(self, env: dict[str, str]):
        inherited = {k: v for k, v in os.environ.items() if not k.startswith(("KODO_", "SLACK_", "MICROSOFT_",
                                                                              "TEAMS_", "DATABASE_"))}
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {**inherited, "HOST": "127.0.0.1", "PORT": str(self.port), "KODO_LOG_FORMAT": "json", **env}
        self.lines: list[str] = []
        self._process: asyncio.subprocess.Process | None = None
        self._reader: asyncio.Task | None = None

    async def __aenter__(self) -> "KodoServer":
        self._process = await asyncio.create_subprocess_exec(
            KODO, "serve", env=self.env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT)
        self._reader = asyncio.ensure_future(self._read())
        deadline = time.monotonic() + 30
        async with aiohttp.ClientSession() as http:
            while True:
                try:
                    async with http.get(self.url + "/healthz") as resp:
                        if resp.status in (200, 503):
                            return self
                except aiohttp.ClientError:
                    pass
                if self._process.returncode is not None or time.monotonic() > deadline:
                    raise RuntimeError("kodo serve did not start:\n" + "\n".join(self.lines[-20:]))
                await asyncio.sleep(0.1)

    async def kill(self) -> None:
        """SIGKILL: the process stops at once, whatever it is in the middle of (kill -9)."""
        self._process.kill()
        await self._process.wait()

    async def __aexit__(self, *exc) -> None:
        if self._process.returncode is None:
            self._process.terminate()
            try:
                await asyncio.wait_for(self._process.wait(), 15)
            except asyncio.TimeoutError:
                self._process.kill()
                await self._process.wait()
        await self._reader

    async def _read(self) -> None:
        async for line in self._process.stdout:
            self.lines.append(line.decode("utf-8", "replace").rstrip("\n"))

    def entries(self) -> list[dict]:
        """Every log line as JSON (``KODO_LOG_FORMAT=json``); a line that is not JSON fails the caller."""
        return [json.loads(line) for line in self.lines if line.strip()]

    def troubles(self) -> list[str]:
        """Lines that show a traceback or an error: what a hostile request must never cause."""
        return [line for line in self.lines if "Traceback" in line or '"level": "ERROR"' in line
                or '"level": "CRITICAL"' in line or '"exception"' in line]
