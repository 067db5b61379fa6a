"""The one Web API client every part of the Slack adapter shares, and what its failures look like.

Rate limits are Slack's normal back-pressure, so the client waits out ``Retry-After`` and tries
again; dropped connections are retried too. Anything still failing after that is one of
``FAILURES``, which callers log by ``why()`` (Slack's error code, never a token).
"""

from __future__ import annotations

import asyncio

from aiohttp import ClientError, ClientSession
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.http_retry.builtin_async_handlers import (AsyncConnectionErrorRetryHandler,
                                                         AsyncRateLimitErrorRetryHandler)
from slack_sdk.web.async_client import AsyncWebClient

from adapters import network

FAILURES = (SlackClientError, ClientError, OSError, asyncio.TimeoutError)
RATE_LIMIT_RETRIES = 3
CONNECTION_RETRIES = 2
TIMEOUT = 10


def web_client(token: str | None, base_url: str, session: ClientSession | None = None) -> AsyncWebClient:
    """``session`` from ``network.quiet_session``. The client trusts the CA bundle (Socket Mode uses its
    ``ssl`` too), and its proxy is the one ``NO_PROXY`` allows for ``base_url``: slack_sdk would set
    ``HTTPS_PROXY`` on every request whatever ``NO_PROXY`` says."""
    client = AsyncWebClient(token=token, base_url=base_url, session=session, timeout=TIMEOUT,
                            ssl=network.ssl_context(), retry_handlers=[
                                AsyncRateLimitErrorRetryHandler(max_retry_count=RATE_LIMIT_RETRIES),
                                AsyncConnectionErrorRetryHandler(max_retry_count=CONNECTION_RETRIES)])
    client.proxy = network.proxy_for(client.base_url)
    return client


class Undescribed(SlackClientError):
    """Slack said ``ok`` but left out the object asked about, or sent it as something else."""


def why(exc: BaseException) -> str:
    if isinstance(exc, SlackApiError):
        return str(exc.response.get("error", "error"))
    return str(exc) if isinstance(exc, Undescribed) else type(exc).__name__
