"""A TCP proxy that can turn into a black hole: the network failure that hurts most, because nothing
is refused. Between Kodo and its database it forwards bytes until ``drop()``; from then on it
forwards nothing (connections stay open, bytes sent into them vanish) and accepts new connections
without ever answering them. ``restore()`` heals the network: connections that lived through the
outage are cut (their sessions are lost, as when TCP finally gives up), new ones forward again.
"""

from __future__ import annotations

import asyncio
import contextlib


class BlackHoleProxy:
    def __init__(self, target_host: str, target_port: int):
        self.target = (target_host, target_port)
        self.dropping = False
        self.port = 0
        self._server: asyncio.base_events.Server | None = None
        self._open: set[asyncio.StreamWriter] = set()
        self._held: set[asyncio.StreamWriter] = set()  # accepted during the outage, never answered

    async def start(self) -> "BlackHoleProxy":
        self._server = await asyncio.start_server(self._accept, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    async def stop(self) -> None:
        self._cut(self._open | self._held)
        self._server.close()
        await self._server.wait_closed()

    def drop(self) -> None:
        self.dropping = True

    def restore(self) -> None:
        self.dropping = False
        self._cut(self._open | self._held)

    def _cut(self, writers: set[asyncio.StreamWriter]) -> None:
        for writer in list(writers):
            writer.transport.abort()
        self._open -= writers
        self._held -= writers

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        if self.dropping:
            self._held.add(writer)
            return
        try:
            up_reader, up_writer = await asyncio.open_connection(*self.target)
        except OSError:
            writer.transport.abort()
            return
        self._open |= {writer, up_writer}
        await asyncio.gather(self._pump(reader, up_writer), self._pump(up_reader, writer))
        self._cut({writer, up_writer})

    async def _pump(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        with contextlib.suppress(OSError, asyncio.IncompleteReadError):
            while data := await reader.read(65536):
                if not self.dropping:  # during the outage the bytes are lost on the way
                    writer.write(data)
                    await writer.drain()
        writer.transport.abort()
