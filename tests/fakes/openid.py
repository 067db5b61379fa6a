"""A local OpenID provider for Bot Framework tokens: metadata and a JWKS for a self-made RSA key.

It runs on a thread with a blocking HTTP server because botbuilder fetches the metadata with
blocking ``requests``; ``delay`` makes it slow, to show the fetch does not stall the server.
"""

from __future__ import annotations

import base64
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from ssl import SSLContext

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

ISSUER = "https://api.botframework.com"


def new_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


class OpenIdServer:
    """The metadata at ``/.well-known/openidconfiguration`` (and at ``/v1/…``, the public cloud's path);
    with ``ssl``, over HTTPS (``tests.fakes.tls``), its key set's address named as the caller named
    this server."""

    def __init__(self, key, kid: str = "kodo-test-key", endorsements=("msteams",), delay: float = 0.0,
                 ssl: SSLContext | None = None):
        self.key, self.kid, self.endorsements, self.delay = key, kid, list(endorsements), delay
        self.fetches = 0
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        if ssl is not None:
            self._server.socket = ssl.wrap_socket(self._server.socket, server_side=True)
        self.port = self._server.server_address[1]
        self.base = f"{'https' if ssl else 'http'}://127.0.0.1:{self.port}"
        self.url = self.base + "/.well-known/openidconfiguration"
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.02},
                                        daemon=True)

    def __enter__(self) -> "OpenIdServer":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _documents(self, host: str) -> dict[str, dict]:
        jwk = {**RSAAlgorithm.to_jwk(self.key.public_key(), as_dict=True), "kid": self.kid, "use": "sig",
               "endorsements": self.endorsements}
        metadata = {"issuer": ISSUER, "jwks_uri": f"{self.base.split('://')[0]}://{host}/keys",
                    "id_token_signing_alg_values_supported": ["RS256"]}
        return {"/.well-known/openidconfiguration": metadata, "/v1/.well-known/openidconfiguration": metadata,
                "/keys": {"keys": [jwk]}}

    def _handler(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - http.server's name
                server.fetches += 1
                time.sleep(server.delay)
                doc = server._documents(self.headers.get("Host") or f"127.0.0.1:{server.port}").get(self.path)
                body = json.dumps(doc).encode()
                self.send_response(200 if doc else 404)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        return Handler

    def token(self, app_id: str, service_url: str, *, issuer: str = ISSUER, expires_in: int = 3600, key=None,
              kid: str | None = None, **claims) -> str:
        now = int(time.time())
        payload = {"iss": issuer, "aud": app_id, "serviceurl": service_url, "nbf": now - 60, "iat": now - 60,
                   "exp": now + expires_in, **claims}
        payload = {name: value for name, value in payload.items() if value is not None}  # exp=None: no exp
        return jwt.encode(payload, key or self.key, algorithm="RS256", headers={"kid": kid or self.kid})


def unsigned_token(app_id: str, service_url: str) -> str:
    """``alg: none``: a token anyone could write."""
    def part(doc: dict) -> str:
        return base64.urlsafe_b64encode(json.dumps(doc).encode()).rstrip(b"=").decode()
    now = int(time.time())
    return part({"alg": "none", "typ": "JWT"}) + "." + part(
        {"iss": ISSUER, "aud": app_id, "serviceurl": service_url, "exp": now + 3600}) + "."
