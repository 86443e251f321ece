"""Which key a request presents: one key or none; several keys are refused."""

from __future__ import annotations

import httpx
import pytest
from starlette.datastructures import Headers

from blocgraph.api.auth import presented_key
from blocgraph.errors import AuthError
from tests.api.conftest import READ_KEY, WRITE_KEY, Api


def headers(*pairs: tuple[str, str]) -> Headers:
    return Headers(raw=[(name.lower().encode(), value.encode()) for name, value in pairs])


@pytest.mark.parametrize(("pairs", "key"), [
    ((), None),
    ((("X-API-Key", "alpha-key-1"),), "alpha-key-1"),
    ((("Authorization", "Bearer beta-key-2"),), "beta-key-2"),
    ((("Authorization", "Basic abc"),), None),
    ((("X-API-Key", "  "),), None),
    ((("X-API-Key", "same-key-3"), ("Authorization", "Bearer same-key-3")), "same-key-3"),
])
def test_one_key_or_none(pairs: tuple[tuple[str, str], ...], key: str | None) -> None:
    assert presented_key(headers(*pairs)) == key


@pytest.mark.parametrize("pairs", [
    (("X-API-Key", "unknown-key-0"), ("X-API-Key", "valid-key-1")),
    (("X-API-Key", "same-key-3"), ("X-API-Key", "same-key-3")),
    (("X-API-Key", "alpha-key-1"), ("Authorization", "Bearer beta-key-2")),
])
def test_several_keys_are_refused(pairs: tuple[tuple[str, str], ...]) -> None:
    with pytest.raises(AuthError, match="one API key"):
        presented_key(headers(*pairs))


@pytest.mark.neo4j
def test_a_request_with_two_key_headers_is_refused(api: Api) -> None:
    """The unknown first key used to be ignored when a valid one followed it."""
    response = httpx.post(api.server.url + "/graphql", json={"query": "{ blocs { id } }"},
                          headers=[("X-API-Key", "not-a-key-at-all"), ("X-API-Key", WRITE_KEY)])
    assert response.status_code == 401
    assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    single = httpx.post(api.server.url + "/graphql", json={"query": "{ blocs { id } }"},
                        headers={"X-API-Key": READ_KEY})
    assert single.status_code == 200
