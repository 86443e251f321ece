"""Per-request DataLoaders and the GraphQL context that carries them.

Each loader turns every ``load(key)`` made while one level of the answer is
resolved into one batched reader call, i.e. one Cypher query, and caches the
result for the rest of the request. Loaders are made fresh for each request,
so nothing cached outlives it (a mutation's effects show on the next request).

:class:`BatchLoader` waits until the event loop has turned a few times without
a new key before it sends a batch. Sibling fields of one object start their
loads a varying number of turns apart (each resolver sits under a different
stack of awaitables), so a loader that sent its batch after one turn would
split the same level into two queries depending on timing.
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import Awaitable, Callable, Hashable, Iterable
from dataclasses import dataclass
from functools import partial
from typing import Any, Generic, NamedTuple, TypeVar

from strawberry.fastapi import BaseContext

from blocgraph.api.auth import Principal
from blocgraph.api.backend import Backend
from blocgraph.api.settings import ApiSettings
from blocgraph.errors import InputError
from blocgraph.graph.read import catalogue, geography, lookups
from blocgraph.graph.read.homes import BlocView, CountryView
from blocgraph.graph.read.results import (
    INVALID_CURSOR,
    EntityView,
    FactView,
    SourceView,
    decode_cursor,
)

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class FactsKey(NamedTuple):
    """One entity's page of facts: which types, which rows, and what to read with them."""

    entity_id: str
    types: tuple[str, ...] | None
    skip: int
    limit: int
    with_sources: bool
    with_homes: bool


QUIET_TURNS = 3
MAX_OFFSET = 10**9


class BatchLoader(Generic[K, V]):
    """Collects keys until the loop is quiet, then resolves them all with one call."""

    def __init__(self, batch: Callable[[list[K]], Awaitable[list[V]]]) -> None:
        self._batch = batch
        self._cache: dict[K, asyncio.Future[V]] = {}
        self._pending: dict[K, asyncio.Future[V]] = {}
        self._tasks: set[asyncio.Task[None]] = set()
        self._scheduled = False
        self._seen = 0
        self._quiet = 0

    def load(self, key: K) -> asyncio.Future[V]:
        future = self._cache.get(key)
        if future is None:
            loop = asyncio.get_running_loop()
            future = self._cache[key] = self._pending[key] = loop.create_future()
            if not self._scheduled:
                self._scheduled, self._seen, self._quiet = True, 0, 0
                loop.call_soon(self._tick)
        return future

    async def load_many(self, keys: Iterable[K]) -> list[V]:
        return list(await asyncio.gather(*(self.load(key) for key in keys)))

    def _tick(self) -> None:
        loop = asyncio.get_running_loop()
        if len(self._pending) != self._seen:
            self._seen, self._quiet = len(self._pending), 0
        else:
            self._quiet += 1
        if self._quiet < QUIET_TURNS:
            loop.call_soon(self._tick)
            return
        pending, self._pending, self._scheduled = self._pending, {}, False
        task = loop.create_task(self._resolve(pending))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _resolve(self, pending: dict[K, asyncio.Future[V]]) -> None:
        try:
            values = await self._batch(list(pending))
        except Exception as exc:  # every waiting field gets the batch's failure
            for future in pending.values():
                if not future.done():
                    future.set_exception(exc)
            return
        for future, value in zip(pending.values(), values, strict=True):
            if not future.done():
                future.set_result(value)


def _by_key(backend: Backend, func: Callable[..., dict[Any, Any]],
            default: Any = None) -> Callable[[list[Any]], Awaitable[list[Any]]]:
    """A batch function: one ``func(driver, keys)`` call, answers in key order."""
    async def load(keys: list[Any]) -> list[Any]:
        found = await backend.call(func, keys)
        return [found.get(key, default) for key in keys]

    return load


@dataclass
class Loaders:
    entity: BatchLoader[str, EntityView | None]
    placed_entity: BatchLoader[str, EntityView | None]  # with its homes read along
    facts: BatchLoader[FactsKey, list[FactView]]
    fact: BatchLoader[str, FactView | None]
    sources: BatchLoader[str, list[SourceView]]
    country: BatchLoader[str, CountryView | None]
    bloc: BatchLoader[str, tuple[BlocView, list[str]] | None]
    article_text: BatchLoader[str, str | None]
    article_facts: BatchLoader[str, list[FactView]]


def build_loaders(backend: Backend) -> Loaders:
    return Loaders(
        entity=BatchLoader(_by_key(backend, lookups.get_entities)),
        placed_entity=BatchLoader(_by_key(backend, partial(lookups.get_entities,
                                                           with_homes=True))),
        facts=BatchLoader(_facts_loader(backend)),
        fact=BatchLoader(_by_key(backend, lookups.facts_by_key)),
        sources=BatchLoader(_by_key(backend, lookups.fact_sources, [])),
        country=BatchLoader(_by_key(backend, geography.countries)),
        bloc=BatchLoader(_blocs_loader(backend)),
        article_text=BatchLoader(_by_key(backend, catalogue.article_texts)),
        article_facts=BatchLoader(_by_key(backend, catalogue.article_facts, [])),
    )


def _facts_loader(backend: Backend) -> Callable[[list[FactsKey]], Awaitable[list[Any]]]:
    """Fact pages of many entities: one query per distinct page shape in the batch
    (usually one: sibling entities ask for the same ``first``, types and fields)."""
    async def load(keys: list[FactsKey]) -> list[list[FactView]]:
        groups: dict[tuple[Any, ...], list[str]] = defaultdict(list)
        for key in keys:
            groups[key[1:]].append(key.entity_id)
        found: dict[FactsKey, list[FactView]] = {}
        for shape, ids in groups.items():
            types, skip, limit, with_sources, with_homes = shape
            facts = await backend.call(lookups.entity_facts, ids, list(types) if types else None,
                                       skip=skip, limit=limit, with_sources=with_sources,
                                       with_homes=with_homes)
            found.update({FactsKey(i, *shape): facts.get(i, []) for i in ids})
        return [found[key] for key in keys]

    return load


def _blocs_loader(backend: Backend) -> Callable[[list[str]], Awaitable[list[Any]]]:
    async def load(ids: list[str]) -> list[tuple[BlocView, list[str]] | None]:
        every = {view.id: (view, members) for view, members in
                 await backend.call(geography.blocs)}
        return [every.get(i) for i in ids]

    return load


class Context(BaseContext):
    """What every resolver sees: the backend, the caller, the limits and the loaders."""

    def __init__(self, backend: Backend, settings: ApiSettings, principal: Principal) -> None:
        super().__init__()
        self.backend = backend
        self.settings = settings
        self.principal = principal
        self.loaders = build_loaders(backend)

    def page_size(self, first: int) -> int:
        """``first`` checked against the configured page size limit."""
        most = self.settings.max_page_size
        if not 1 <= first <= most:
            raise InputError(f"first must be between 1 and {most}, got {first}")
        return first

    def cursor(self, after: str | None) -> str | None:
        """``after`` if it is a cursor of ours within range (a huge offset would overflow
        Cypher's integers); InputError otherwise."""
        if decode_cursor(after) > MAX_OFFSET:
            raise InputError(INVALID_CURSOR)
        return after

    def bounded(self, name: str, value: int, most: int) -> int:
        if not 1 <= value <= most:
            raise InputError(f"{name} must be between 1 and {most}, got {value}")
        return value
