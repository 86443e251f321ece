"""API keys: who is calling and what they may do.

A key arrives as ``X-API-Key: KEY`` or ``Authorization: Bearer KEY``. A key that
is sent but unknown is refused outright (a typo should not silently fall back
to anonymous access); no key at all is anonymous, which may read only when
reads are open. Keys are compared in constant time, and the audit trail names a
caller by a digest of its key, never the key itself.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping
from dataclasses import dataclass

from blocgraph.api.settings import READ, WRITE, ApiSettings
from blocgraph.errors import AuthError

KEY_HEADER = "x-api-key"


@dataclass(frozen=True)
class Principal:
    """The caller: ``scope`` is ``None`` for anonymous, else ``read`` or ``write``."""

    name: str
    scope: str | None

    @property
    def can_read(self) -> bool:
        return self.scope in (READ, WRITE)

    @property
    def can_write(self) -> bool:
        return self.scope == WRITE


ANONYMOUS = Principal("anonymous", None)


def presented_key(headers: Mapping[str, str]) -> str | None:
    """The key a request carries, if any (header names are case-insensitive)."""
    lowered = {name.lower(): value for name, value in headers.items()}
    key = lowered.get(KEY_HEADER, "").strip()
    if key:
        return key
    scheme, _, token = lowered.get("authorization", "").strip().partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        return token.strip()
    return None


def authenticate(settings: ApiSettings, key: str | None) -> Principal:
    """The principal for ``key``; AuthError for a key that is not configured."""
    if key is None:
        return ANONYMOUS
    for known, scope in settings.keys.items():
        if hmac.compare_digest(known.encode(), key.encode()):
            return Principal(f"api-key:{hashlib.sha256(known.encode()).hexdigest()[:12]}", scope)
    raise AuthError("the API key is not valid")


def require_read(settings: ApiSettings, principal: Principal) -> None:
    if settings.keyed_reads and not principal.can_read:
        raise AuthError("reading needs an API key (send it as X-API-Key)")

