"""Identifiers at rest: AES-GCM encryption, and a keyed hash so duplicates are still found."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import unicodedata
from functools import lru_cache
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from sqlalchemy import String
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

from app.config import get_settings

_VERSION = b"\x01"


@lru_cache
def _keys() -> tuple[AESGCM, bytes]:
    raw = base64.urlsafe_b64decode(get_settings().resolved_data_key().encode())
    if len(raw) < 32:
        raise RuntimeError("HESTIA_DATA_KEY must be at least 32 random bytes, base64-encoded")

    def derive(info: bytes) -> bytes:
        return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(raw)

    return AESGCM(derive(b"hestia encryption")), derive(b"hestia lookup hash")


def encrypt(plain: str) -> str:
    nonce = os.urandom(12)
    sealed = _keys()[0].encrypt(nonce, plain.encode(), _VERSION)
    return base64.urlsafe_b64encode(_VERSION + nonce + sealed).decode()


def decrypt(token: str) -> str:
    raw = base64.urlsafe_b64decode(token.encode())
    return _keys()[0].decrypt(raw[1:13], raw[13:], raw[:1]).decode()


def normalise_identifier(value: str) -> str:
    """Passport-style identifiers compare without spaces, dashes or case."""
    folded = unicodedata.normalize("NFKC", value).upper()
    return "".join(ch for ch in folded if ch.isalnum())


def lookup_hash(*parts: str) -> str:
    """A keyed hash of an identifier: equal identifiers give equal hashes, nothing else leaks."""
    message = "\x1f".join(normalise_identifier(p) for p in parts).encode()
    return hmac.new(_keys()[1], message, hashlib.sha256).hexdigest()


class Encrypted(TypeDecorator[str]):
    """A text column encrypted at rest; the application sees plain text."""

    impl = String(512)
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect: Dialect) -> Any:
        return None if value is None else encrypt(value)

    def process_result_value(self, value: Any, dialect: Dialect) -> str | None:
        return None if value is None else decrypt(value)
