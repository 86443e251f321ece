"""The expected failures of reading and fetching sources.

All are :class:`InputError` subclasses so the API answers 400 and the CLI
prints one line; the reader turns them into :class:`SourceError` values so one
bad item never stops a batch.
"""

from __future__ import annotations

from blocgraph.errors import InputError


class FetchError(InputError):
    """A URL could not be fetched (network failure, HTTP error status, bad body)."""


class RefusedURLError(FetchError):
    """A URL is refused before any connection: bad scheme or a non-public address."""


class FetchTimeoutError(FetchError):
    """The server did not answer within the total time budget."""


class ResponseTooLargeError(FetchError):
    """The (decompressed) body is over the size cap."""


class UnsupportedContentTypeError(FetchError):
    """The server answered with a media type we do not read."""


class TooManyRedirectsError(FetchError):
    """The redirect chain is longer than allowed."""
