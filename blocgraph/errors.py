"""One root exception for the whole project.

Every expected failure is a :class:`BlocGraphError` subclass carrying the HTTP
status the API answers with, so the API handles them in one place and the CLI
prints them as one clear line instead of a stack trace.
"""

from __future__ import annotations


class BlocGraphError(Exception):
    """Root of every error the project raises on purpose."""

    status: int = 500

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ModelError(BlocGraphError):
    """The declarative domain model or reference data is invalid."""

    status = 500


class InputError(BlocGraphError):
    """An input item (file, URL, feed, request argument) cannot be used."""

    status = 400


class NotFoundError(BlocGraphError):
    """A named entity, fact or article does not exist."""

    status = 404


class AuthError(BlocGraphError):
    """The request lacks a key with the scope it needs."""

    status = 401


class StoreUnavailableError(BlocGraphError):
    """Neo4j cannot be reached; the message names the URI."""

    status = 503
