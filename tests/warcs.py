"""Web archives for the tests, written byte by byte as the WARC 1.1 format lays them out."""

from __future__ import annotations

import gzip
import uuid


def record(uri: str, date: str, body: bytes, content_type: str = "text/html; charset=utf-8", kind: str = "response") -> bytes:
    """One WARC record: an HTTP response with ``body`` (or, for ``kind="conversion"``, the text itself)."""
    if kind == "response":
        block = f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n\r\n".encode() + body
        block_type = "application/http; msgtype=response"
    else:
        block, block_type = body, "text/plain"
    head = (
        f"WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: {date}\r\n"
        f"WARC-Record-ID: <urn:uuid:{uuid.uuid4()}>\r\nContent-Type: {block_type}\r\nContent-Length: {len(block)}\r\n\r\n"
    )
    return head.encode() + block + b"\r\n\r\n"


def archive(records: list[bytes], compressed: bool = False) -> bytes:
    """A WARC file of the records; gzipped as crawls ship them, a member per record."""
    return b"".join(gzip.compress(r) for r in records) if compressed else b"".join(records)
