"""Outbound HTTP through an organisation's network: the proxy and the CA bundle come from the
environment (``HTTPS_PROXY``, ``NO_PROXY``, ``SSL_CERT_FILE`` or ``REQUESTS_CA_BUNDLE``) for every
call Kodo makes: the Slack Web API, the Bot Connector, Entra ID's token, the OpenID metadata, and
``kodo doctor``'s checks.

Two families of clients make those calls, and each reads the environment its own way:

- ``requests`` (botbuilder's Bot Connector client through msrest, msal's token request, botframework's
  OpenID metadata fetch) honours ``HTTPS_PROXY`` and ``NO_PROXY`` by itself, and a CA bundle named by
  ``REQUESTS_CA_BUNDLE``, not by ``SSL_CERT_FILE``;
- ``aiohttp`` (slack_sdk's Web API client, ``kodo doctor``) reads proxies only with ``trust_env``, and
  a CA bundle only through OpenSSL's ``SSL_CERT_FILE`` as it was when aiohttp was imported; slack_sdk
  puts ``HTTPS_PROXY`` on every request itself, which passes by ``NO_PROXY``.

So ``session`` makes aiohttp sessions that read the proxy settings and trust the bundle (``quiet_session``
and ``Proxies`` the same for a busy sender, the proxy read once per host), ``proxy_for``
gives the Slack client its proxy with ``NO_PROXY`` taken into account, and ``share_ca_bundle`` shows a
bundle named by ``SSL_CERT_FILE`` to ``requests`` too. Either variable then serves every call.
"""

from __future__ import annotations

import os
import ssl
import urllib.request
from functools import lru_cache
from urllib.parse import urlsplit

from aiohttp import ClientSession, TCPConnector
from aiohttp.helpers import get_env_proxy_for_url
from yarl import URL

from bot.config import ConfigError

BUNDLE_VARIABLES = ("SSL_CERT_FILE", "REQUESTS_CA_BUNDLE")


def ca_bundle() -> tuple[str, str] | None:
    """The variable naming a CA bundle, and the file it names."""
    return next(((name, os.environ[name]) for name in BUNDLE_VARIABLES if os.environ.get(name)), None)


def ssl_context() -> ssl.SSLContext | None:
    """The system's CAs plus the bundle's, or None (aiohttp's own default) without a bundle."""
    bundle = ca_bundle()
    return _context(*bundle) if bundle else None


@lru_cache(maxsize=4)
def _context(variable: str, path: str) -> ssl.SSLContext:
    context = ssl.create_default_context()
    try:
        context.load_verify_locations(cafile=path)
    except (OSError, ssl.SSLError) as exc:
        raise ConfigError(f"{variable}={path} is not a readable CA bundle (PEM): {exc.strerror or exc}") from None
    return context


def session(**kwargs) -> ClientSession:
    """An aiohttp session for calls out of the organisation: proxies from the environment (honouring
    ``NO_PROXY``), the CA bundle trusted."""
    context = ssl_context()
    return ClientSession(trust_env=True, connector=TCPConnector(ssl=context) if context else None, **kwargs)


def quiet_session(**kwargs) -> ClientSession:
    """``session`` for a sender that names each request's ``proxy`` itself (``env_proxy``): aiohttp's
    ``trust_env`` reads the proxy variables and a netrc file again for every request, each in a worker
    thread, which costs a busy sender more than the request. The CA bundle is trusted the same way."""
    context = ssl_context()
    return ClientSession(connector=TCPConnector(ssl=context) if context else None, **kwargs)


def env_proxy(url: str) -> tuple[URL | None, dict[str, str] | None]:
    """The proxy aiohttp's ``trust_env`` would take for ``url`` (``NO_PROXY`` honoured), and the headers
    that carry its credentials, if it has any: for ``quiet_session``'s requests."""
    try:
        proxy, auth = get_env_proxy_for_url(URL(url))
    except LookupError:  # NO_PROXY names the host, or no proxy for the scheme
        return None, None
    return proxy, {"Proxy-Authorization": auth.encode()} if auth else None


class Proxies:
    """``env_proxy`` for a busy sender on a ``quiet_session``, looked up once per scheme and host."""

    def __init__(self):
        self._known: dict[str, tuple[URL | None, dict[str, str] | None]] = {}

    def __call__(self, url: str) -> tuple[URL | None, dict[str, str] | None]:
        origin = url.split("/", 3)[:3]  # scheme, "", host[:port]
        key = "/".join(origin)
        found = self._known.get(key)
        if found is None:
            if len(self._known) >= 64:  # a handful in practice (Slack's hosts, Teams' service URLs)
                self._known.clear()
            found = self._known[key] = env_proxy(url)
        return found


def proxy_for(url: str) -> str | None:
    """The proxy a request to ``url`` goes through, as ``HTTPS_PROXY`` / ``NO_PROXY`` say (the same
    reading aiohttp and requests make)."""
    parts = urlsplit(url)
    if urllib.request.proxy_bypass(parts.hostname or ""):
        return None
    return urllib.request.getproxies().get(parts.scheme)


def share_ca_bundle() -> None:
    """``requests`` trusts only ``REQUESTS_CA_BUNDLE``: a bundle named by ``SSL_CERT_FILE`` alone is
    handed to it there (in this process's environment), so one variable serves both families."""
    bundle = ca_bundle()
    if bundle and not os.environ.get("REQUESTS_CA_BUNDLE"):
        ssl_context()  # a bundle that cannot be read is said once, clearly, here
        os.environ["REQUESTS_CA_BUNDLE"] = bundle[1]
