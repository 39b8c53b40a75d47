"""Conditional requests, the same on every surface: an ETag answered with 304 Not Modified."""

from __future__ import annotations

from fastapi import Request


def not_modified(request: Request, etag: str) -> bool:
    """Whether the client holds this version already (If-None-Match: a list of tags, or *)."""
    wanted = request.headers.get("if-none-match", "")
    return etag in {tag.strip() for tag in wanted.split(",")} or wanted.strip() == "*"
