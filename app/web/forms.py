"""HTML forms: posted fields into the API's schemas, and errors back onto the fields."""

from __future__ import annotations

import secrets
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from app.auth.models import FormSubmission
from app.errors import DomainError
from app.validation import pydantic_message

M = TypeVar("M", bound=BaseModel)
Values = dict[str, Any]
Errors = dict[str, str]


def values_of(form: FormData, *, lists: tuple[str, ...] = ()) -> Values:
    """The posted fields as typed: text stripped, an empty field as None."""
    values: Values = {}
    for key, value in form.multi_items():
        if key in ("csrf_token", "form_id") or not isinstance(value, str):
            continue
        text = value.strip()
        if key in lists:
            if text:
                values.setdefault(key, []).append(text)
        else:
            values[key] = text or None
    for key in lists:
        values.setdefault(key, [])
    return values


def nest(values: Values) -> Values:
    """Dotted names ('wage.amount', 'languages.0.language') into nested dicts and lists."""
    nested: Values = {}
    for key, value in values.items():
        parts = key.split(".")
        target = nested
        for part in parts[:-1]:
            target = target.setdefault(part, {})
        target[parts[-1]] = value
    return _lists(nested)


def _lists(node: Any) -> Any:
    if isinstance(node, dict):
        node = {k: _lists(v) for k, v in node.items()}
        if node and all(k.isdigit() for k in node):
            return [node[k] for k in sorted(node, key=int)]
    return node


def parse(schema: type[M], data: Values) -> tuple[M | None, Errors]:
    """The form checked by the same schema as the API; errors keyed by the form's field names."""
    try:
        return schema.model_validate(data), {}
    except ValidationError as exc:
        errors: Errors = {}
        for error in exc.errors():
            name = ".".join(str(p) for p in error["loc"]) or "__all__"
            errors.setdefault(name, pydantic_message(error))
        return None, errors


def domain_errors(exc: DomainError) -> Errors:
    """A service's refusal as field errors (or one for the whole form)."""
    errors = {e.field: e.message for e in exc.errors}
    if exc.detail not in errors.values():
        errors["__all__"] = exc.detail
    return errors


def new_form_id() -> str:
    return secrets.token_urlsafe(16)


def already_submitted(session: Session, form_id: str | None) -> str | None:
    """Where a create form posted before went (so a double post creates nothing twice)."""
    if not form_id:
        return None
    found = session.get(FormSubmission, form_id)
    return found.result_url if found else None


def remember_submission(session: Session, *, form_id: str | None, user_id: int, url: str) -> None:
    if form_id:
        session.add(FormSubmission(form_id=form_id[:64], user_id=user_id, result_url=url))
        session.flush()


def compact_rows(values: Values, prefix: str, fields: tuple[str, ...], rows: int) -> Values:
    """Repeated rows ('languages.0.language'…) renumbered without the blank ones, so that an
    error's row number is the row the user sees when the form comes back."""
    kept = []
    for i in range(rows):
        row = {f: values.pop(f"{prefix}.{i}.{f}", None) for f in fields}
        if any(v not in (None, "") for v in row.values()):
            kept.append(row)
    for i, row in enumerate(kept):
        for f, v in row.items():
            values[f"{prefix}.{i}.{f}"] = v
    return values


def rows_of(items: list[dict[str, Any]], prefix: str) -> Values:
    """The reverse: stored rows as the form's dotted fields."""
    return {f"{prefix}.{i}.{k}": v for i, item in enumerate(items) for k, v in item.items()}
