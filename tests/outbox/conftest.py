"""A real SMTP server (aiosmtpd) on a loopback port, and a database that commits for real."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from email import message_from_bytes
from email.message import Message
from email.policy import default
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy.orm import Session, sessionmaker

from app import dbtools
from app.config import Settings
from app.db import make_engine
from tests.conftest import new_database


class Inbox:
    """Collects what the SMTP server received; can be told to refuse everything."""

    def __init__(self) -> None:
        self.messages: list[Message] = []
        self.refuse = False

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.refuse:
            return "451 4.3.0 try again later"
        self.messages.append(message_from_bytes(envelope.content, policy=default))
        return "250 OK"

    def ids(self) -> list[str]:
        return [str(m["Message-ID"]) for m in self.messages]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def smtp() -> Iterator[tuple[Inbox, Controller]]:
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    try:
        yield inbox, controller
    finally:
        controller.stop()


@pytest.fixture
def mail_settings(smtp) -> Settings:  # type: ignore[no-untyped-def]
    _inbox, controller = smtp
    return Settings(
        smtp_host="127.0.0.1",
        smtp_port=controller.port,
        smtp_timeout=5,
        mail_from="protocol@ministry.example",
    )


@pytest.fixture(scope="module")
def committed() -> Iterator[sessionmaker[Session]]:
    """Sessions on a database of their own, for code that commits (jobs, delivery)."""
    url = new_database("outbox")
    dbtools.upgrade(url)
    engine = make_engine(url)
    yield sessionmaker(bind=engine, expire_on_commit=False)
    engine.dispose()
