"""Decompress a response body while counting, so a gzip bomb cannot fill memory.

httpx's own decoders inflate each network chunk without a bound (one 64 KB
chunk of a bomb becomes ~64 MB); here every ``decompress`` call is given a
maximum output length, so we never hold more than the cap plus one chunk.
"""

from __future__ import annotations

import zlib

from .errors import FetchError, ResponseTooLargeError

SUPPORTED_ENCODINGS = ("identity", "gzip", "x-gzip", "deflate")


def _looks_like_zlib_header(data: bytes) -> bool:
    """RFC 1950 header test; servers send both zlib-wrapped and raw deflate as 'deflate'."""
    return len(data) >= 2 and data[0] & 0x0F == 8 and (data[0] << 8 | data[1]) % 31 == 0


class BoundedBody:
    """Accumulates a body of one content encoding, refusing more than ``limit`` bytes."""

    def __init__(self, encoding: str, limit: int, url: str) -> None:
        encoding = encoding.strip().lower() or "identity"
        if encoding not in SUPPORTED_ENCODINGS:
            raise FetchError(f"{url} used an unsupported content encoding {encoding!r}")
        self._encoding = encoding
        self._limit = limit
        self._url = url
        self._parts: list[bytes] = []
        self._size = 0
        self._inflater: zlib._Decompress | None = None

    def feed(self, chunk: bytes) -> None:
        """Add one raw (still encoded) chunk from the wire."""
        if not chunk:
            return
        if self._encoding == "identity":
            self._append(chunk)
            return
        inflater = self._inflater or self._start_inflater(chunk)
        try:
            self._inflate(inflater, chunk)
        except zlib.error as exc:
            raise FetchError(f"{self._url} sent a corrupt {self._encoding} body: {exc}") from exc

    def finish(self) -> bytes:
        """The whole decoded body."""
        if self._inflater is not None:
            try:
                self._append(self._inflater.flush())
            except zlib.error as exc:
                raise FetchError(f"{self._url} sent a corrupt compressed body: {exc}") from exc
        return b"".join(self._parts)

    def _start_inflater(self, first: bytes) -> zlib._Decompress:
        if self._encoding in ("gzip", "x-gzip"):
            wbits = 16 + zlib.MAX_WBITS
        else:
            wbits = zlib.MAX_WBITS if _looks_like_zlib_header(first) else -zlib.MAX_WBITS
        self._inflater = zlib.decompressobj(wbits)
        return self._inflater

    def _inflate(self, inflater: zlib._Decompress, data: bytes) -> None:
        while data:
            out = inflater.decompress(data, self._limit - self._size + 1)
            self._append(out)
            tail = inflater.unconsumed_tail
            if not out and tail == data:
                break
            data = tail

    def _append(self, data: bytes) -> None:
        self._size += len(data)
        if self._size > self._limit:
            raise ResponseTooLargeError(
                f"{self._url} sent more than {self._limit:,} bytes (after decompression)"
            )
        self._parts.append(data)
