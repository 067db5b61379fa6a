"""An HTTP proxy on 127.0.0.1, as a city's network has one: clients ask it to ``CONNECT host:443`` and
speak TLS through the tunnel. It records every tunnel asked for, connects Slack's and Microsoft's
names only to the local fakes it was given (``routes``), allows 127.0.0.1 as it is, and refuses
anything else with 403: through it, nothing ever leaves the machine.

    proxy = await ConnectProxy({"slack.com:443": ("127.0.0.1", api_port)}).start()
    ... HTTPS_PROXY=proxy.url ...
    assert "slack.com:443" in proxy.tunnels
"""

from __future__ import annotations

import asyncio
import contextlib


class ConnectProxy:
    def __init__(self, routes: dict[str, tuple[str, int]]):
        self.routes = routes
        self.tunnels: list[str] = []  # host:port of every CONNECT, in order, refused ones included
        self.refused: list[str] = []
        self.url = ""
        self._server: asyncio.AbstractServer | None = None
        self._pipes: set[asyncio.Task] = set()

    async def start(self) -> "ConnectProxy":
        self._server = await asyncio.start_server(self._client, "127.0.0.1", 0)
        self.url = f"http://127.0.0.1:{self._server.sockets[0].getsockname()[1]}"
        return self

    async def stop(self) -> None:
        self._server.close()
        for task in list(self._pipes):
            task.cancel()
        await asyncio.gather(*self._pipes, return_exceptions=True)
        await self._server.wait_closed()

    def _where(self, target: str) -> tuple[str, int] | None:
        if target in self.routes:
            return self.routes[target]
        host, _, port = target.rpartition(":")
        return ("127.0.0.1", int(port)) if host == "127.0.0.1" and port.isdigit() else None

    async def _client(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        self._pipes.add(task)
        try:
            head = await reader.readuntil(b"\r\n\r\n")
            method, target, _ = head.split(b"\r\n", 1)[0].decode("latin-1").split(" ", 2)
            if method != "CONNECT":  # a plain-HTTP request through the proxy: nothing here needs one
                self.refused.append(f"{method} {target}")
                writer.write(b"HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n")
                return
            self.tunnels.append(target)
            where = self._where(target)
            if where is None:
                self.refused.append(target)
                writer.write(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n")
                return
            upstream_reader, upstream_writer = await asyncio.open_connection(*where)
            writer.write(b"HTTP/1.1 200 Connection established\r\n\r\n")
            await writer.drain()
            await asyncio.gather(_pipe(reader, upstream_writer), _pipe(upstream_reader, writer))
        except (asyncio.IncompleteReadError, ConnectionError, ValueError):
            pass
        finally:
            self._pipes.discard(task)
            with contextlib.suppress(Exception):
                writer.close()


async def _pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
    except ConnectionError:
        pass
    finally:
        with contextlib.suppress(Exception):
            writer.close()
