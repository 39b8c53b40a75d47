"""Queueing email in the database and delivering it through SMTP, with retries.

A message is queued in the same transaction as the change that calls for it, under an
idempotency key, so a job run twice queues it once. Delivery commits each message as sent
right after the SMTP server accepts it; a stable Message-ID lets the receiving side drop the
one copy a crash between those two steps could repeat.

What a message costs to send (bench/reminders.py measures it): one transaction on a
connection kept for the whole run (the message and its attachments locked and read in one
query, marked sent, committed) and one SMTP transaction on a connection kept as long as the
server accepts; the MIME text is written directly, not through `email`'s header objects.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import logging
import re
import secrets
import smtplib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from email.charset import BASE64, Charset
from email.header import Header
from email.message import EmailMessage
from email.utils import encode_rfc2231, formataddr, formatdate, parseaddr
from typing import Any

from sqlalchemy import Connection, bindparam, insert, select, update
from sqlalchemy.orm import Session, sessionmaker

from app.config import Settings
from app.db import UTCDateTime, utcnow
from app.outbox.models import OutboxAttachment, OutboxMessage, OutboxStatus

log = logging.getLogger("hestia.outbox")
# Minutes to wait before each retry; the last one is repeated until MAX_ATTEMPTS.
BACKOFF_MINUTES = (1, 5, 15, 60, 180, 360)
MAX_ATTEMPTS = 12


@dataclass(frozen=True)
class Attachment:
    filename: str
    content_type: str
    data: bytes


@dataclass(frozen=True)
class Outgoing:
    """An email to queue with `enqueue_many`."""

    key: str
    to: str
    subject: str
    body: str
    attachments: tuple[Attachment, ...] = ()


@dataclass
class DeliveryReport:
    sent: int = 0
    retrying: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)


def enqueue(
    session: Session,
    *,
    key: str,
    to: str,
    subject: str,
    body: str,
    attachments: list[Attachment] | None = None,
) -> OutboxMessage:
    """Queue an email once per key: a second call with the same key returns the first."""
    existing = session.scalar(select(OutboxMessage).where(OutboxMessage.idempotency_key == key))
    if existing is not None:
        return existing
    message = OutboxMessage(
        idempotency_key=key,
        recipient=to,
        subject=subject,
        body=body,
        status=OutboxStatus.pending.value,
        attempts=0,
        next_attempt_at=utcnow(),
        attachments=[
            OutboxAttachment(filename=a.filename, content_type=a.content_type, data=a.data)
            for a in attachments or []
        ],
    )
    session.add(message)
    session.flush()
    return message


def _insert_new_keys(session: Session) -> Any:
    """INSERT into the outbox that leaves a key already there (or being queued) as it is."""
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(OutboxMessage).on_conflict_do_nothing(index_elements=["idempotency_key"])
    if dialect == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        return sqlite_insert(OutboxMessage).on_conflict_do_nothing(
            index_elements=["idempotency_key"]
        )
    return insert(OutboxMessage)


def enqueue_many(session: Session, messages: Sequence[Outgoing]) -> set[str]:
    """Queue many emails at once (a job's), each once per key; the keys queued now.

    A few statements whatever the number of messages. A key in the outbox already, or queued
    meanwhile by a concurrent run, is left as it is (not queued again, not in the result).
    """
    fresh: dict[str, Outgoing] = {}
    for message in messages:
        fresh.setdefault(message.key, message)
    if not fresh:
        return set()
    session.flush()
    now = utcnow()
    rows = [
        {
            "idempotency_key": m.key,
            "recipient": m.to,
            "subject": m.subject,
            "body": m.body,
            "status": OutboxStatus.pending.value,
            "attempts": 0,
            "next_attempt_at": now,
            "created_at": now,
        }
        for m in fresh.values()
    ]
    stmt = _insert_new_keys(session).returning(OutboxMessage.id, OutboxMessage.idempotency_key)
    ids = {key: message_id for message_id, key in session.execute(stmt, rows)}
    attachments = [
        {
            "message_id": ids[key],
            "filename": a.filename,
            "content_type": a.content_type,
            "data": a.data,
        }
        for key, message in fresh.items()
        if key in ids
        for a in message.attachments
    ]
    if attachments:
        session.execute(insert(OutboxAttachment), attachments)
    return set(ids)


def message_id(key: str, sender: str) -> str:
    domain = sender.rpartition("@")[2] or "hestia.invalid"
    return f"<{hashlib.sha256(key.encode()).hexdigest()[:40]}@{domain}>"


@dataclass(frozen=True)
class _Claimed:
    """A message locked for sending, with its attachments (read in one query)."""

    id: int
    key: str
    recipient: str
    subject: str
    body: str
    attempts: int
    attachments: tuple[Attachment, ...]


def _email(message: _Claimed, sender: str) -> EmailMessage:
    """The message through `email`'s policy objects: for addresses that are not ASCII."""
    email = EmailMessage()
    email["From"] = sender
    email["To"] = message.recipient
    email["Subject"] = message.subject
    email["Date"] = formatdate(localtime=False)
    email["Message-ID"] = message_id(message.key, parseaddr(sender)[1])
    email.set_content(message.body)
    for attachment in message.attachments:
        main, _slash, sub = attachment.content_type.partition("/")
        email.add_attachment(
            attachment.data,
            maintype=main,
            subtype=sub or "octet-stream",
            filename=attachment.filename,
        )
    return email


_UTF8_BASE64 = Charset("utf-8")
_UTF8_BASE64.header_encoding = BASE64
_CONTENT_TYPE = re.compile(r"[A-Za-z0-9!#$&^_.+-]+/[A-Za-z0-9!#$&^_.+-]+")
_QUOTABLE = re.compile(r"[\x20-\x7e]*")


def _one_line(value: str) -> str:
    return " ".join(value.split())  # no CR or LF can start a header of its own


def _address(value: str) -> tuple[str, str]:
    """A From or To header and the address for the envelope (no header for an address that
    is not ASCII: such a message is written by `_email`)."""
    name, address = parseaddr(_one_line(value))
    if not address.isascii():
        return "", address
    return formataddr((name, address), charset="utf-8"), address


def _subject(value: str) -> str:
    subject = _one_line(value)
    plain = subject.isascii() and "=?" not in subject
    return Header(subject, "us-ascii" if plain else _UTF8_BASE64, header_name="Subject").encode(
        linesep="\r\n"
    )


def _base64(data: bytes) -> bytes:
    encoded = base64.b64encode(data)
    return b"\r\n".join(encoded[i : i + 76] for i in range(0, len(encoded), 76))


def _filename(value: str) -> str:
    name = _one_line(value)
    if _QUOTABLE.fullmatch(name) and '"' not in name and "\\" not in name:
        return f'filename="{name}"'
    return f"filename*={encode_rfc2231(name, 'utf-8')}"


def _mime(message: _Claimed, *, from_header: str, sender: str) -> bytes:
    """The message as sent (CRLF line ends): the text, then each attachment, in base64.

    Every part is base64, whose alphabet has neither "=_" nor "-", so the boundary can
    never occur inside a part.
    """
    to_header, _recipient = _address(message.recipient)
    head = [
        f"From: {from_header}",
        f"To: {to_header}",
        f"Subject: {_subject(message.subject)}",
        f"Date: {formatdate(localtime=False)}",
        f"Message-ID: {message_id(message.key, sender)}",
        "MIME-Version: 1.0",
    ]
    text = [
        'Content-Type: text/plain; charset="utf-8"',
        "Content-Transfer-Encoding: base64",
    ]
    body = _base64(message.body.encode())
    if not message.attachments:
        return "\r\n".join([*head, *text, "", ""]).encode() + body + b"\r\n"
    boundary = f"=_{secrets.token_hex(16)}"
    parts = [("\r\n".join([*text, "", ""]).encode(), body)]
    for attachment in message.attachments:
        content_type = attachment.content_type
        if not _CONTENT_TYPE.fullmatch(content_type):
            content_type = "application/octet-stream"
        part = [
            f"Content-Type: {content_type}",
            "Content-Transfer-Encoding: base64",
            f"Content-Disposition: attachment; {_filename(attachment.filename)}",
            "",
            "",
        ]
        parts.append(("\r\n".join(part).encode(), _base64(attachment.data)))
    delimiter = f"--{boundary}\r\n".encode()
    out = [
        "\r\n".join(
            [*head, f'Content-Type: multipart/mixed; boundary="{boundary}"', "", ""]
        ).encode()
    ]
    for part_head, part_body in parts:
        out += [delimiter, part_head, part_body, b"\r\n"]
    out.append(f"--{boundary}--\r\n".encode())
    return b"".join(out)


def _connect(settings: Settings) -> smtplib.SMTP:
    smtp_class = smtplib.SMTP_SSL if settings.smtp_ssl else smtplib.SMTP
    smtp = smtp_class(settings.smtp_host, settings.smtp_port, timeout=settings.smtp_timeout)
    if settings.smtp_starttls and not settings.smtp_ssl:
        smtp.starttls()
    if settings.smtp_username:
        smtp.login(settings.smtp_username, settings.smtp_password or "")
    return smtp


def _retry_values(message: _Claimed, error: Exception, now: dt.datetime) -> dict[str, Any]:
    """What to write on a message the server did not take: its next try, or its failure."""
    attempts = message.attempts + 1
    # The error's class and SMTP code only: its text may quote an address.
    code = getattr(error, "smtp_code", None)
    values: dict[str, Any] = {
        "attempts": attempts,
        "last_error": f"{type(error).__name__}{f' {code}' if code else ''}"[:300],
    }
    if attempts >= MAX_ATTEMPTS:
        values["status"] = OutboxStatus.failed.value
    else:
        delay = BACKOFF_MINUTES[min(attempts, len(BACKOFF_MINUTES)) - 1]
        values["next_attempt_at"] = now + dt.timedelta(minutes=delay)
    return values


def deliver(
    sessions: sessionmaker[Session],
    *,
    settings: Settings,
    now: dt.datetime | None = None,
    batch: int = 500,
    after_each: Callable[[OutboxMessage], None] | None = None,
) -> DeliveryReport:
    """Send every message that is due, each committed as sent as soon as the server has it."""
    with Sender(sessions, settings=settings, after_each=after_each) as sender:
        sender.send_due(now=now, batch=batch)
    return sender.report


class Sender:
    """Sends the messages that are due, each in a transaction of its own, on one database
    connection and one SMTP connection kept from one `send_due` to the next (a job that
    queues in steps sends each step's messages while it prepares the next)."""

    def __init__(
        self,
        sessions: sessionmaker[Session],
        *,
        settings: Settings,
        after_each: Callable[[OutboxMessage], None] | None = None,
    ) -> None:
        with sessions() as session:
            self._engine = session.get_bind().engine
        self._settings = settings
        self._after_each = after_each
        self._from_header, self._sender = _address(settings.mail_from)
        self._conn: Connection | None = None
        self._smtp: smtplib.SMTP | None = None
        # Set when the SMTP server cannot be reached: the rest waits for the next run rather
        # than each message waiting out the connection timeout.
        self._unreachable = False
        self.report = DeliveryReport()
        # Built once: the message locked and read with its attachments in one query (a run
        # that has it locked already, or sent it meanwhile, makes it skipped), then marked.
        claim = (
            select(
                OutboxMessage.idempotency_key,
                OutboxMessage.recipient,
                OutboxMessage.subject,
                OutboxMessage.body,
                OutboxMessage.attempts,
                OutboxAttachment.filename,
                OutboxAttachment.content_type,
                OutboxAttachment.data,
            )
            .outerjoin(OutboxAttachment, OutboxAttachment.message_id == OutboxMessage.id)
            .where(
                OutboxMessage.id == bindparam("message_id"),
                OutboxMessage.status == OutboxStatus.pending.value,
                OutboxMessage.next_attempt_at <= bindparam("now", type_=UTCDateTime()),
            )
            .order_by(OutboxAttachment.id)
        )
        if self._engine.dialect.name == "postgresql":
            claim = claim.with_for_update(of=OutboxMessage, skip_locked=True)
        self._claim_stmt = claim
        self._mark_sent_stmt = (
            update(OutboxMessage)
            .where(OutboxMessage.id == bindparam("message_id"))
            .values(
                status=OutboxStatus.sent.value,
                sent_at=bindparam("sent_moment", type_=UTCDateTime()),
            )
        )

    def __enter__(self) -> Sender:
        self._conn = self._engine.connect()
        return self

    def __exit__(self, *_exc: object) -> None:
        if self._smtp is not None:
            _close(self._smtp)
            self._smtp = None
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def send_due(self, *, now: dt.datetime | None = None, batch: int = 500) -> None:
        """Send every message due at `now` (or now), oldest first."""
        assert self._conn is not None, "use `with Sender(...) as sender`"
        now = now or utcnow()
        last_id = 0
        while True:
            with self._conn.begin():
                due = list(
                    self._conn.scalars(
                        select(OutboxMessage.id)
                        .where(
                            OutboxMessage.status == OutboxStatus.pending.value,
                            OutboxMessage.next_attempt_at <= now,
                            OutboxMessage.id > last_id,
                        )
                        .order_by(OutboxMessage.id)
                        .limit(batch)
                    )
                )
            if not due:
                return
            for message_key in due:
                self._send_one(self._conn, message_key, now)
            last_id = due[-1]

    def _claim(self, conn: Connection, message_key: int, now: dt.datetime) -> _Claimed | None:
        rows = conn.execute(self._claim_stmt, {"message_id": message_key, "now": now}).all()
        if not rows:
            return None
        first = rows[0]
        return _Claimed(
            id=message_key,
            key=first.idempotency_key,
            recipient=first.recipient,
            subject=first.subject,
            body=first.body,
            attempts=first.attempts,
            attachments=tuple(
                Attachment(r.filename, r.content_type, r.data)
                for r in rows
                if r.filename is not None
            ),
        )

    def _send_one(self, conn: Connection, message_key: int, now: dt.datetime) -> None:
        """One message: locked, sent, and committed as sent (or to retry) in one transaction."""
        if self._unreachable:
            self.report.retrying += 1  # left pending and due: the next run sends it
            return
        with conn.begin():
            message = self._claim(conn, message_key, now)
            if message is None:
                return
            try:
                if self._smtp is None:
                    try:
                        self._smtp = _connect(self._settings)
                    except (smtplib.SMTPException, OSError):
                        self._unreachable = True
                        raise
                self._send(self._smtp, message)
            except (smtplib.SMTPException, OSError) as error:
                self._retry_later(conn, message, error, now)
                return
            sent_at = utcnow()
            conn.execute(self._mark_sent_stmt, {"message_id": message_key, "sent_moment": sent_at})
        self.report.sent += 1
        if self._after_each is not None:
            self._after_each(
                OutboxMessage(
                    id=message.id,
                    idempotency_key=message.key,
                    recipient=message.recipient,
                    subject=message.subject,
                    body=message.body,
                    status=OutboxStatus.sent.value,
                    attempts=message.attempts,
                    sent_at=sent_at,
                )
            )

    def _send(self, smtp: smtplib.SMTP, message: _Claimed) -> None:
        _to, recipient = _address(message.recipient)
        if not (self._sender.isascii() and recipient.isascii()):
            # An address that needs SMTPUTF8: `email` and smtplib negotiate it.
            smtp.send_message(_email(message, self._settings.mail_from))
            return
        data = _mime(message, from_header=self._from_header, sender=self._sender)
        smtp.sendmail(self._sender, [recipient], data)

    def _retry_later(
        self, conn: Connection, message: _Claimed, error: Exception, now: dt.datetime
    ) -> None:
        values = _retry_values(message, error, now)
        conn.execute(update(OutboxMessage).where(OutboxMessage.id == message.id).values(values))
        self.report.errors.append(values["last_error"])
        if values.get("status") == OutboxStatus.failed.value:
            self.report.failed += 1
        else:
            self.report.retrying += 1
        log.warning("outbox message %s not sent: %s", message.id, values["last_error"])
        if self._smtp is not None:
            _close(self._smtp)
            self._smtp = None


def _close(smtp: smtplib.SMTP) -> None:
    try:
        smtp.quit()
    except (smtplib.SMTPException, OSError):
        smtp.close()
