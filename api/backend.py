"""What the API stands on: one Neo4j driver, the ingest service and the fetcher.

The app builds one :class:`Backend` per process (tests inject their own) and
hands it to every request. Its parts are made lazily: the driver object does
not connect until first used, so the API starts, and ``/readyz`` says why it
is not ready, while Neo4j is down; spaCy is loaded on the first ingest only.
Preparing the store and extracting are the service layer's
(:class:`~blocgraph.api.service.IngestService`), shared with the CLI.

Every Cypher statement the API sends is counted (:attr:`Backend.queries`), so a
test can check that a nested GraphQL answer costs a fixed number of queries,
and runs under a transaction timeout (``BLOCGRAPH_API_READ_TIMEOUT``), so no
request can hold a worker thread and a Neo4j transaction for longer. The
wrapping covers the driver's session, transaction and ``execute_query`` entry
points and forwards everything else unchanged.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar, cast

import anyio.to_thread
import neo4j
from neo4j import exceptions as neo4j_errors

from blocgraph.api.service import Extraction, IngestService
from blocgraph.errors import StoreUnavailableError
from blocgraph.graph.store.driver import server_version
from blocgraph.graph.store.settings import Settings
from blocgraph.graph.write.writer import GraphWriter, LoadStats
from blocgraph.ingest.sources import Article, Fetcher

if TYPE_CHECKING:  # spaCy loads only when the first article is ingested
    from blocgraph.ingest.pipeline import ExtractionResult, Extractor

P = ParamSpec("P")
T = TypeVar("T")
CONNECT_TIMEOUT_S = 2.0  # loopback or a LAN: a healthy server answers in milliseconds
ACQUIRE_TIMEOUT_S = 2.0  # waiting for a pooled connection counts against the caller too
# An API caller would rather hear "unavailable" at once than wait out 30 s of retries;
# batch loads (`blocgraph ingest`) keep the driver's own budget. The driver starts this
# clock at the first failure and waits about 1 s before its first retry, so 0.5 s means
# exactly one retry: a transient error still gets its second chance, an outage answers
# in about a second.
RETRY_TIME_S = 0.5
DEFAULT_TX_TIMEOUT_S = 60.0


class Backend:
    """The driver (counted), the ingest service on it (writer and extractor made on
    demand) and a URL fetcher.

    ``call`` runs one blocking graph function in a worker thread with the driver
    and database filled in; driver failures become :class:`StoreUnavailableError`.

    Once a call (or ``/readyz``) has found the store down, later calls do not sit
    through the driver's retry budget again: each first asks the server once
    (``verify_connectivity``, no retries) and answers unavailable at once while it
    is still down; the first success clears the state.
    """

    def __init__(self, driver: neo4j.Driver, database: str | None = None, *,
                 uri: str | None = None, extractor: Extractor | None = None,
                 fetcher: Fetcher | None = None, owns_driver: bool = False,
                 transaction_timeout: float | None = DEFAULT_TX_TIMEOUT_S) -> None:
        self._counter = _Counter(transaction_timeout)
        self.driver = cast(neo4j.Driver, _CountingDriver(driver, self._counter))
        self.database = database
        self.uri = uri or "the configured URI"
        self._raw = driver
        self._owns_driver = owns_driver
        self._fetcher = fetcher or Fetcher()
        # One article per transaction: an API caller waits for its own article only.
        self.service = IngestService(self.driver, database, batch_articles=1,
                                     extraction=Extraction(extractor))
        self.outage: str | None = None  # why the store is down, while it is known to be

    @classmethod
    def from_settings(cls, settings: Settings,
                      transaction_timeout: float | None = DEFAULT_TX_TIMEOUT_S) -> Backend:
        """A backend for ``settings``; nothing connects until the first query."""
        driver = neo4j.GraphDatabase.driver(
            settings.uri, auth=settings.auth, connection_timeout=CONNECT_TIMEOUT_S,
            connection_acquisition_timeout=ACQUIRE_TIMEOUT_S,
            max_transaction_retry_time=RETRY_TIME_S,
        )
        return cls(driver, settings.database, uri=settings.uri, owns_driver=True,
                   transaction_timeout=transaction_timeout)

    def close(self) -> None:
        if self._owns_driver:
            self._raw.close()

    @property
    def queries(self) -> int:
        """Cypher statements sent so far (transaction functions count each ``run``)."""
        return self._counter.value

    # --- running graph functions ----------------------------------------------------

    async def call(self, func: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """``func(driver, *args, database=..., **kwargs)`` in a worker thread."""
        def run() -> T:
            with self.guard():
                return func(self.driver, *args, database=self.database, **kwargs)

        return await anyio.to_thread.run_sync(run)

    async def run(self, func: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """Any blocking function in a worker thread, with driver failures translated."""
        def run() -> T:
            with self.guard():
                return func(*args, **kwargs)

        return await anyio.to_thread.run_sync(run)

    @contextmanager
    def guard(self) -> Iterator[None]:
        """Driver failures inside become StoreUnavailableError (and mark the outage);
        during a known outage, fail fast unless the server answers again."""
        if self.outage is not None:
            self.ready()
        try:
            yield
        except (neo4j_errors.ServiceUnavailable, neo4j_errors.SessionExpired,
                neo4j_errors.AuthError, OSError) as exc:
            self.outage = self._unavailable(exc)
            raise StoreUnavailableError(self.outage) from exc

    def ready(self) -> str:
        """The server's version when Neo4j answers; StoreUnavailableError saying why not."""
        try:
            self._raw.verify_connectivity()
            version = server_version(self._raw)
        except (neo4j_errors.DriverError, neo4j_errors.Neo4jError, OSError, ValueError) as exc:
            self.outage = self._unavailable(exc)
            raise StoreUnavailableError(self.outage) from exc
        self.outage = None
        return version

    def _unavailable(self, exc: Exception) -> str:
        if isinstance(exc, neo4j_errors.AuthError):
            return f"Neo4j at {self.uri} rejected the configured credentials"
        return f"Neo4j is not reachable at {self.uri} ({type(exc).__name__})"

    # --- writing (assembled by the service layer) ------------------------------------

    def writer(self) -> GraphWriter:
        """The writer, on a database with the schema and the reference data in place."""
        return self.service.writer()

    def extractor(self) -> Extractor:
        return self.service.extraction.extractor()

    @property
    def fetcher(self) -> Fetcher:
        return self._fetcher

    def ingest(self, article: Article) -> tuple[ExtractionResult, LoadStats]:
        """Extract one article and store it (blocking; run it through :meth:`run`)."""
        return self.service.ingest(article)


class _Counter:
    """Counts statements; carries the transaction timeout every statement gets."""

    def __init__(self, timeout: float | None) -> None:
        self.value = 0
        self.timeout = timeout
        self._lock = threading.Lock()

    def __call__(self) -> None:
        with self._lock:
            self.value += 1

    def timed(self, args: tuple[Any, ...], kwargs: dict[str, Any],
              keyword: str) -> tuple[tuple[Any, ...], dict[str, Any]]:
        """The call's arguments with its query text given the timeout."""
        if self.timeout is None:
            return args, kwargs
        if args and isinstance(args[0], str):
            return (neo4j.Query(args[0], timeout=self.timeout), *args[1:]), kwargs
        if isinstance(kwargs.get(keyword), str):
            kwargs = {**kwargs, keyword: neo4j.Query(kwargs[keyword], timeout=self.timeout)}
        return args, kwargs


class _Forwarding:
    """Forwards every attribute it does not define to the wrapped driver object."""

    def __init__(self, inner: Any, counter: _Counter) -> None:
        self._inner = inner
        self._count = counter

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


class _CountingDriver(_Forwarding):
    def session(self, **config: Any) -> _CountingSession:
        return _CountingSession(self._inner.session(**config), self._count)

    def execute_query(self, *args: Any, **kwargs: Any) -> Any:
        self._count()
        args, kwargs = self._count.timed(args, kwargs, "query_")
        return self._inner.execute_query(*args, **kwargs)


class _CountingSession(_Forwarding):
    def __enter__(self) -> _CountingSession:
        self._inner.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self._inner.__exit__(*exc)

    def run(self, *args: Any, **kwargs: Any) -> Any:
        self._count()
        args, kwargs = self._count.timed(args, kwargs, "query")
        return self._inner.run(*args, **kwargs)

    def execute_read(self, work: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        return cast(T, self._inner.execute_read(self._counted(work), *args, **kwargs))

    def execute_write(self, work: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        return cast(T, self._inner.execute_write(self._counted(work), *args, **kwargs))

    def _counted(self, work: Callable[..., T]) -> Callable[..., T]:
        def counted(tx: neo4j.ManagedTransaction, *args: Any, **kwargs: Any) -> T:
            return work(_CountingTransaction(tx, self._count), *args, **kwargs)

        if self._count.timeout is None:
            return counted
        return cast(Callable[..., T], neo4j.unit_of_work(timeout=self._count.timeout)(counted))


class _CountingTransaction(_Forwarding):
    def run(self, *args: Any, **kwargs: Any) -> Any:
        self._count()
        return self._inner.run(*args, **kwargs)
