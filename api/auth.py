"""API keys: who is calling and what they may do.

A key arrives as ``X-API-Key: KEY`` or ``Authorization: Bearer KEY``. A key that
is sent but unknown is refused outright (a typo should not silently fall back
to anonymous access); no key at all is anonymous, which may read only when
reads are open. A request carrying more than one key (the header twice, or
``X-API-Key`` and a bearer token that differ) is refused: which one counts would
depend on the server stack, so an unknown key could hide behind a valid one.
Keys are compared in constant time, and the audit trail names a caller by a
digest of its key, never the key itself.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

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


class HeaderPairs(Protocol):
    """What :func:`presented_key` needs of a request's headers: every (name, value)
    pair, repeated names included (Starlette's ``Headers.items()`` gives them all)."""

    def items(self) -> Iterable[tuple[str, str]]: ...


def presented_key(headers: HeaderPairs) -> str | None:
    """The one key a request carries, if any (header names are case-insensitive);
    AuthError when it carries several."""
    keys: list[str] = []
    for name, value in headers.items():
        lowered = name.lower()
        if lowered == KEY_HEADER and value.strip():
            keys.append(value.strip())
        elif lowered == "authorization":
            scheme, _, token = value.strip().partition(" ")
            if scheme.lower() == "bearer" and token.strip():
                keys.append(token.strip())
    if len(keys) > 1 and (len(set(keys)) > 1 or _repeated_key_header(headers)):
        raise AuthError("send one API key per request (X-API-Key or a bearer token)")
    return keys[0] if keys else None


def _repeated_key_header(headers: HeaderPairs) -> bool:
    return sum(1 for name, _ in headers.items() if name.lower() == KEY_HEADER) > 1


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

