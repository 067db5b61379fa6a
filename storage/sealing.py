"""Secrets at rest: what Kodo stores that would let someone act as Kodo (a workspace's bot token)
is sealed with ``KODO_SECRET_KEY`` before it reaches the database, and opened only in memory.

The cipher is ``cryptography``'s Fernet (AES-128-CBC with an HMAC-SHA256 tag, a timestamp and a
random IV per value), through ``MultiFernet`` so keys can be rotated: ``KODO_SECRET_KEY=new,old``
seals with the first key and opens with any. Each key of the setting is a random string of its
own; a Fernet key is derived from it with HKDF-SHA256 and a purpose label, so the same setting can
key other things (say, the survey's keyed hash, through ``derive``) without one use ever weakening
another.
"""

from __future__ import annotations

import base64

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

TOKENS = "kodo: stored platform tokens"  # the purpose of the Fernet keys that seal tokens


class Unreadable(Exception):
    """A sealed value no key of KODO_SECRET_KEY opens (another key sealed it, or it was altered)."""


def derive(key: str, purpose: str) -> bytes:
    """32 bytes for ``purpose`` from one key of KODO_SECRET_KEY (HKDF-SHA256, no salt: the key itself
    is random, and the purpose keeps each use apart)."""
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=purpose.encode()).derive(key.encode())


class SecretBox:
    def __init__(self, keys: tuple[str, ...] | list[str]):
        if not keys:
            raise ValueError("KODO_SECRET_KEY is needed to seal or open stored tokens")
        self._fernet = MultiFernet([Fernet(base64.urlsafe_b64encode(derive(key, TOKENS))) for key in keys])

    def seal(self, value: str | None) -> str | None:
        return None if value is None else self._fernet.encrypt(value.encode()).decode("ascii")

    def open(self, sealed: str | None) -> str | None:
        if sealed is None:
            return None
        try:
            return self._fernet.decrypt(sealed.encode("ascii")).decode()
        except (InvalidToken, UnicodeError):
            raise Unreadable("no key of KODO_SECRET_KEY opens it") from None

    def reseal(self, sealed: str | None) -> str | None:
        """The same secret sealed with the first key (after a rotation), or ``Unreadable``."""
        if sealed is None:
            return None
        try:
            return self._fernet.rotate(sealed.encode("ascii")).decode("ascii")
        except (InvalidToken, UnicodeError):
            raise Unreadable("no key of KODO_SECRET_KEY opens it") from None
