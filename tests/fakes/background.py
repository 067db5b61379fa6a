"""An event loop on a thread of its own, for fakes that must answer while the test's loop is busy:
botbuilder asks Entra ID for a token with blocking ``requests``, on the event loop itself, so the
proxy and the token endpoint it reaches cannot share that loop.

    with BackgroundLoop() as background:
        entra = await background.run(FakeEntra(apps).start())
"""

from __future__ import annotations

import asyncio
import threading


class BackgroundLoop:
    def __enter__(self) -> "BackgroundLoop":
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self.loop.run_forever, name="kodo-test-background", daemon=True)
        self._thread.start()
        return self

    async def run(self, coroutine, timeout: float = 30.0):
        """``coroutine``'s result, run on the background loop and awaited from another."""
        return await asyncio.wait_for(asyncio.wrap_future(asyncio.run_coroutine_threadsafe(coroutine, self.loop)),
                                      timeout)

    def __exit__(self, *exc) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(timeout=10)
        self.loop.close()
