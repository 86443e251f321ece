"""Abuse limits and error hygiene, as strawberry schema extensions.

* depth, aliases (fragments followed, so spreading one aliased fragment many
  times counts every alias), field selections after fragment expansion and
  tokens are checked before anything executes, in time linear in the document
  (:mod:`blocgraph.api.gql.document_limits`);
  a refused document gets one error naming the limit;
* introspection can be switched off (and with it "did you mean" suggestions,
  which would leak field names);
* :class:`ErrorPolicy` keeps what a client can act on (GraphQL's own parse and
  validation messages, and :class:`~blocgraph.errors.BlocGraphError` messages,
  with a machine-readable ``extensions.code``) and replaces every other error
  with "Internal server error", so no stack trace, Cypher or driver message
  ever reaches a response. Strawberry logs the full error on the server.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator, Mapping
from functools import partial

from graphql import ExecutionResult, GraphQLError, OperationDefinitionNode
from strawberry.extensions import (
    AddValidationRules,
    DisableIntrospection,
    MaxTokensLimiter,
    ParserCache,
    SchemaExtension,
    ValidationCache,
)

from blocgraph.api.gql.cost import ClientSlots, CostLimit
from blocgraph.api.gql.document_limits import DocumentLimits, limits_rule
from blocgraph.api.settings import ApiSettings
from blocgraph.errors import (
    AuthError,
    BlocGraphError,
    InputError,
    NotFoundError,
    StoreUnavailableError,
)

MASKED_MESSAGE = "Internal server error"
DOCUMENT_CACHE_SIZE = 256
# Only documents up to this many characters are cached: clients repeat small documents
# (the explorer's largest is about 3 KB), and 256 of these bound both caches to a few MB.
CACHED_DOCUMENT_CHARS = 16_000
ERROR_CODES: Mapping[type[BlocGraphError], str] = {
    InputError: "BAD_USER_INPUT",
    NotFoundError: "NOT_FOUND",
    AuthError: "UNAUTHENTICATED",
    StoreUnavailableError: "STORE_UNAVAILABLE",
}


# What an anonymous caller learns of an outage; the URI, host, port and driver text go
# to the server log only.
STORE_MESSAGE = "the graph store is unavailable; try again shortly"
LOG = logging.getLogger("blocgraph.api")


def public_message(exc: BlocGraphError) -> str:
    """The message a client may see: a store outage without where the store lives."""
    if isinstance(exc, StoreUnavailableError):
        LOG.warning("store unavailable: %s", exc.message)
        return STORE_MESSAGE
    return exc.message


def error_code(exc: BlocGraphError) -> str:
    return next((code for kind, code in ERROR_CODES.items() if isinstance(exc, kind)),
                "INTERNAL_SERVER_ERROR")


class ErrorPolicy(SchemaExtension):
    """Codes on expected errors, a fixed message for everything else."""

    def __init__(self, suggestions: bool = True) -> None:
        super().__init__()
        self.suggestions = suggestions

    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        errors = getattr(result, "errors", None)
        if result is not None and errors:
            result.errors = [self.process(error) for error in errors]

    def process(self, error: GraphQLError) -> GraphQLError:
        original = error.original_error
        if isinstance(original, BlocGraphError):
            return _with(error, public_message(original), error_code(original))
        if is_expected(error):
            if not self.suggestions and SUGGESTION.search(error.message):
                # "Did you mean the enum value 'Company'?" names the schema's values
                return _with(error, SUGGESTION.sub("", error.message), "GRAPHQL_VALIDATION_FAILED")
            return error  # parse, validation and coercion messages from GraphQL itself
        return _with(error, MASKED_MESSAGE, "INTERNAL_SERVER_ERROR")


SUGGESTION = re.compile(r"\s*Did you mean [^?]*\?")


def is_expected(error: GraphQLError) -> bool:
    """GraphQL's own errors (no Python exception behind them) and BlocGraphErrors."""
    original = error.original_error
    return original is None or isinstance(original, GraphQLError | BlocGraphError)


def _with(error: GraphQLError, message: str, code: str) -> GraphQLError:
    return GraphQLError(message, nodes=error.nodes, source=error.source,
                        positions=error.positions, path=error.path, original_error=None,
                        extensions={"code": code})


class NamedOperation(SchemaExtension):
    """A document with several operations must say which one to run (the GraphQL
    spec's rule); without ``operationName`` the first one used to run. Strawberry's
    ``operation_name`` falls back to the first operation's name, so the name the
    client gave is read from the context's ``_provided_operation_name``."""

    def on_execute(self) -> Iterator[None]:
        ctx = self.execution_context
        document = ctx.graphql_document
        count = sum(1 for d in document.definitions
                    if isinstance(d, OperationDefinitionNode)) if document else 0
        if getattr(ctx, "_provided_operation_name", None) is None and count > 1:
            ctx.result = ExecutionResult(data=None, errors=[GraphQLError(
                f"the document has {count} operations: name the one to run in operationName",
                extensions={"code": "BAD_USER_INPUT"})])
        yield


class SmallDocumentParserCache(ParserCache):
    """Strawberry's parse cache for small documents only; larger ones are parsed per
    request and freed with it (a cache of 256 two-megabyte documents held 1.5 GB)."""

    def on_parse(self) -> Iterator[None]:
        if len(self.execution_context.query or "") <= CACHED_DOCUMENT_CHARS:
            yield from super().on_parse()
        else:
            yield


class SmallDocumentValidationCache(ValidationCache):
    """The validation cache, likewise for small documents only (it keys by document)."""

    def on_validate(self) -> Iterator[None]:
        if len(self.execution_context.query or "") <= CACHED_DOCUMENT_CHARS:
            yield from super().on_validate()
        else:
            yield


def extensions(settings: ApiSettings) -> list[Callable[[], SchemaExtension]]:
    """Factories of the extensions ``settings`` ask for (strawberry makes fresh ones per
    request); the error policy comes last so it sees every error.

    Parsing and validation are cached per document text (bounded LRU caches):
    clients send the same few documents with different variables, and the
    explorer's documents take longer to validate than small pages take to read.
    The depth, alias and expansion rule is built once here, not per request, so
    the validation cache's key (document, rules) repeats and the cache hits.
    """
    rules = [limits_rule(DocumentLimits(settings.max_depth, settings.max_aliases,
                                        settings.max_selections))]
    chosen: list[Callable[[], SchemaExtension]] = [
        partial(AddValidationRules, rules),
        partial(MaxTokensLimiter, max_token_count=settings.max_tokens),
        partial(SmallDocumentParserCache, maxsize=DOCUMENT_CACHE_SIZE),
    ]
    if not settings.introspection:
        chosen.append(DisableIntrospection)
    chosen += [partial(SmallDocumentValidationCache, maxsize=DOCUMENT_CACHE_SIZE),
               NamedOperation,
               partial(CostLimit, settings.max_cost, ClientSlots(settings.max_expensive)),
               partial(ErrorPolicy, suggestions=settings.introspection)]
    return chosen
