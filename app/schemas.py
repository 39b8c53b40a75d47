"""Pieces shared by every domain's schemas: strict input, list pages, problem documents."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

T = TypeVar("T")


class Input(BaseModel):
    """Request bodies: unknown fields are an error, not silently dropped."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Output(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class Page(BaseModel, Generic[T]):
    """One page of a list; `next` is the cursor of the following page, or null."""

    items: list[T]
    next: str | None = None


def page_of(items: Sequence[object], next_cursor: str | None) -> dict[str, object]:
    """A list answer: `{"items": [...], "next": cursor}` (the shape of `Page`)."""
    return {"items": items, "next": next_cursor}


class ProblemField(BaseModel):
    field: str = Field(examples=["family_name"])
    message: str = Field(examples=["This field is required."])


class Problem(BaseModel):
    """An RFC 9457 problem document."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str | None = None
    instance: str | None = None
    errors: list[ProblemField] = Field(default_factory=list)


def problem_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI entries for the problem documents a route can answer with."""
    descriptions = {
        400: "Bad request",
        401: "Not signed in: no valid bearer token",
        403: "The token's user has no role for this",
        404: "Not found",
        409: "Conflict with the stored record",
        422: "Invalid input, field by field",
        503: "The database cannot be reached",
    }
    return {
        status: {
            "model": Problem,
            "description": descriptions[status],
            "content": {"application/problem+json": {}},
        }
        for status in statuses
    }
