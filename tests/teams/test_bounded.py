"""What Teams sends cannot make Kodo keep more and more: connector clients (one per service URL) and
the conversations already stored are bounded caches; an evicted client's session is closed."""

from __future__ import annotations

import asyncio

from botframework.connector.aio import ConnectorClient

from tests.teams.conftest import message, sqlite_only


@sqlite_only
async def test_connector_clients_are_bounded_and_evicted_ones_closed(teams_settings, connector, clock, monkeypatch):
    from tests.teams.conftest import running

    monkeypatch.setattr("adapters.teams.connector.SIZE", 3)
    monkeypatch.setattr("adapters.teams.bot.KNOWN", 4)
    async with running(teams_settings, connector, clock) as chat:
        evicted, lru, closed = [], chat.teams.clients._clients, []
        original = lru.on_evict
        lru.on_evict = lambda client: (evicted.append(client), original(client))
        exit_ = ConnectorClient.__aexit__

        async def closing(client, *exc):
            closed.append(client)
            await exit_(client, *exc)
        monkeypatch.setattr(ConnectorClient, "__aexit__", closing)
        for i in range(8):  # eight made-up service URLs (only possible without token checks)
            status, _ = await chat.post(message(f"{connector.url}region{i}/", "help", personal=True,
                                                conversation=f"19:c{i}@thread.tacv2"))
            assert status == 201
        assert chat.teams.clients.created == 8 and len(chat.teams.clients) == 3
        assert len(chat.teams.bot._known) <= 4
        kept = lru.values()
        assert len(evicted) == 5
        await asyncio.sleep(0)
        assert closed == evicted  # their HTTP sessions closed, the kept ones open
        await chat.teams.clients.close()  # on shutdown, the rest
        assert sorted(map(id, closed)) == sorted(map(id, evicted + kept))
