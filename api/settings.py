"""How the API is exposed: keys and their scopes, who may read, and the abuse limits.

Read once from ``BLOCGRAPH_API_*`` variables by :meth:`ApiSettings.from_env` (Neo4j
settings stay in :class:`blocgraph.graph.store.settings.Settings`), so tests build an
:class:`ApiSettings` directly and nothing else reads the environment.

=============================  ===========================================  ==========
variable                       meaning                                      default
=============================  ===========================================  ==========
``BLOCGRAPH_API_KEYS``         ``key:scope`` pairs, comma-separated;         none
                               scope ``read`` or ``write`` (write reads too)
``BLOCGRAPH_API_READS``        ``open`` (anyone reads) or ``keyed``          ``open``
``BLOCGRAPH_API_DEV``          ``1``: development mode (GraphiQL on)         off
``BLOCGRAPH_API_INTROSPECTION`` ``on`` / ``off``                             dev mode
``BLOCGRAPH_API_MAX_DEPTH``    deepest selection nesting                     10
``BLOCGRAPH_API_MAX_ALIASES``  aliases per document, fragments included      15
``BLOCGRAPH_API_MAX_TOKENS``   lexical tokens per document                   2000
``BLOCGRAPH_API_MAX_SELECTIONS`` field selections once fragments are spread  1000
``BLOCGRAPH_API_MAX_DOCUMENT`` characters of a document (variables aside)    20000
``BLOCGRAPH_API_MAX_COST``     static cost of one operation (api/gql/cost.py) 5000
``BLOCGRAPH_API_MAX_EXPENSIVE`` analytics operations one client runs at once 2
``BLOCGRAPH_API_READ_TIMEOUT`` seconds a Neo4j transaction of the API may run 60
``BLOCGRAPH_API_MAX_PAGE``     largest ``first`` of any list (1..100)        100
``BLOCGRAPH_API_MAX_BODY``     largest request body in bytes                 2000000
``BLOCGRAPH_API_FAST_EXECUTION`` ``off``: graphql-core's own execution, without on
                               the plain-field short path (api/gql/execution.py)
=============================  ===========================================  ==========

Introspection follows development mode unless set: a production API answers
clients from the committed ``schema.graphql`` instead of describing itself.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from blocgraph.errors import InputError

READ, WRITE = "read", "write"
SCOPES = frozenset({READ, WRITE})
HARD_MAX_PAGE = 100  # the readers' own cap; the API may only lower it
_TRUE = frozenset({"1", "true", "yes", "on"})
_FALSE = frozenset({"0", "false", "no", "off", ""})


@dataclass(frozen=True)
class ApiSettings:
    """Everything the API's behaviour depends on besides the database."""

    keys: Mapping[str, str] = field(default_factory=dict)
    keyed_reads: bool = False
    dev: bool = False
    introspection: bool = False
    max_depth: int = 10
    max_aliases: int = 15
    max_tokens: int = 2000
    max_selections: int = 1000
    max_document_chars: int = 20_000
    max_cost: int = 5000
    max_expensive: int = 2
    transaction_timeout_s: int = 60
    max_page_size: int = HARD_MAX_PAGE
    max_body_bytes: int = 2_000_000
    fast_execution: bool = True

    def __post_init__(self) -> None:
        for key, scope in self.keys.items():
            if scope not in SCOPES:
                raise InputError(f"API key scope must be read or write, got {scope!r}")
            if len(key) < 8:
                raise InputError("API keys must be at least 8 characters long")
        if not 1 <= self.max_page_size <= HARD_MAX_PAGE:
            raise InputError(f"the page size limit must be between 1 and {HARD_MAX_PAGE}")
        object.__setattr__(self, "keys", MappingProxyType(dict(self.keys)))

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> ApiSettings:
        """Read ``BLOCGRAPH_API_*`` variables (see the module docstring)."""
        env = os.environ if environ is None else environ
        dev = _flag(env, "BLOCGRAPH_API_DEV", False)
        reads = env.get("BLOCGRAPH_API_READS", "open").strip().lower() or "open"
        if reads not in ("open", "keyed"):
            raise InputError(f"BLOCGRAPH_API_READS must be open or keyed, got {reads!r}")
        return cls(
            keys=parse_keys(env.get("BLOCGRAPH_API_KEYS", "")),
            keyed_reads=reads == "keyed",
            dev=dev,
            introspection=_flag(env, "BLOCGRAPH_API_INTROSPECTION", dev),
            max_depth=_number(env, "BLOCGRAPH_API_MAX_DEPTH", 10),
            max_aliases=_number(env, "BLOCGRAPH_API_MAX_ALIASES", 15),
            max_tokens=_number(env, "BLOCGRAPH_API_MAX_TOKENS", 2000),
            max_selections=_number(env, "BLOCGRAPH_API_MAX_SELECTIONS", 1000),
            max_document_chars=_number(env, "BLOCGRAPH_API_MAX_DOCUMENT", 20_000),
            max_cost=_number(env, "BLOCGRAPH_API_MAX_COST", 5000),
            max_expensive=_number(env, "BLOCGRAPH_API_MAX_EXPENSIVE", 2),
            transaction_timeout_s=_number(env, "BLOCGRAPH_API_READ_TIMEOUT", 60),
            max_page_size=_number(env, "BLOCGRAPH_API_MAX_PAGE", HARD_MAX_PAGE),
            max_body_bytes=_number(env, "BLOCGRAPH_API_MAX_BODY", 2_000_000),
            fast_execution=_flag(env, "BLOCGRAPH_API_FAST_EXECUTION", True),
        )


def parse_keys(text: str) -> dict[str, str]:
    """``"k1:write,k2:read"`` -> ``{"k1": "write", "k2": "read"}``; a bare key reads."""
    keys: dict[str, str] = {}
    for item in text.split(","):
        item = item.strip()
        if not item:
            continue
        key, _, scope = item.rpartition(":") if ":" in item else (item, "", READ)
        keys[key.strip()] = scope.strip().lower()
    return keys


def _flag(env: Mapping[str, str], name: str, default: bool) -> bool:
    raw = env.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise InputError(f"{name} must be on or off, got {raw!r}")


def _number(env: Mapping[str, str], name: str, default: int) -> int:
    return int(positive_setting(env, name, default, int))


def positive_setting(env: Mapping[str, str], name: str, default: float,
                     convert: Callable[[str], float] = float) -> float:
    """A positive number from ``env[name]`` (``default`` when unset); InputError naming the
    variable otherwise."""
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = convert(raw)
    except ValueError:
        value = 0
    if value <= 0:
        raise InputError(f"{name} must be a positive {'whole ' if convert is int else ''}"
                         f"number, got {raw!r}")
    return value
