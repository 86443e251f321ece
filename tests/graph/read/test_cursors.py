"""Cursors: only what the readers issue is accepted, and a bad one is not echoed back."""

from __future__ import annotations

import base64

import pytest

from blocgraph.errors import InputError
from blocgraph.graph.read.results import INVALID_CURSOR, decode_cursor, encode_cursor


def _raw(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


@pytest.mark.parametrize("offset", [0, 1, 49, 10**12])
def test_issued_cursors_round_trip(offset: int) -> None:
    assert decode_cursor(encode_cursor(offset)) == offset


@pytest.mark.parametrize("cursor", [
    _raw("o: 5"), _raw("o:05"), _raw("o:+5"), _raw("o:5 "), _raw("o:-1"), _raw("o:5_0"),
    _raw("x:5"), _raw("o:" + "9" * 40), encode_cursor(5) + "==", "not-a-cursor", "",
    "<script>alert(1)</script>",
])
def test_other_spellings_are_refused_without_echo(cursor: str) -> None:
    with pytest.raises(InputError) as refused:
        decode_cursor(cursor)
    assert refused.value.message == INVALID_CURSOR
    assert not cursor or cursor not in refused.value.message
