"""Queueing email in the database and delivering it through SMTP, with retries.

A message is queued in the same transaction as the change that calls for it, under an
idempotency key, so a job run twice queues it once. Delivery commits each message as sent
right after the SMTP server accepts it; a stable Message-ID lets the receiving side drop the
one copy a crash between those two steps could repeat.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import smtplib
from collections.abc import Callable
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import formatdate

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload, sessionmaker

from app.config import Settings
from app.db import utcnow
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


def message_id(key: str, sender: str) -> str:
    domain = sender.rpartition("@")[2] or "hestia.invalid"
    return f"<{hashlib.sha256(key.encode()).hexdigest()[:40]}@{domain}>"


def _email(message: OutboxMessage, sender: str) -> EmailMessage:
    email = EmailMessage()
    email["From"] = sender
    email["To"] = message.recipient
    email["Subject"] = message.subject
    email["Date"] = formatdate(localtime=False)
    email["Message-ID"] = message_id(message.idempotency_key, sender)
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


def _connect(settings: Settings) -> smtplib.SMTP:
    smtp_class = smtplib.SMTP_SSL if settings.smtp_ssl else smtplib.SMTP
    smtp = smtp_class(settings.smtp_host, settings.smtp_port, timeout=settings.smtp_timeout)
    if settings.smtp_starttls and not settings.smtp_ssl:
        smtp.starttls()
    if settings.smtp_username:
        smtp.login(settings.smtp_username, settings.smtp_password or "")
    return smtp


def _retry_later(message: OutboxMessage, error: Exception, now: dt.datetime) -> None:
    message.attempts += 1
    # The error's class and SMTP code only: its text may quote an address.
    code = getattr(error, "smtp_code", None)
    message.last_error = f"{type(error).__name__}{f' {code}' if code else ''}"[:300]
    if message.attempts >= MAX_ATTEMPTS:
        message.status = OutboxStatus.failed.value
        return
    delay = BACKOFF_MINUTES[min(message.attempts, len(BACKOFF_MINUTES)) - 1]
    message.next_attempt_at = now + dt.timedelta(minutes=delay)


def deliver(
    sessions: sessionmaker[Session],
    *,
    settings: Settings,
    now: dt.datetime | None = None,
    batch: int = 500,
    after_each: Callable[[OutboxMessage], None] | None = None,
) -> DeliveryReport:
    """Send every message that is due, each committed as sent as soon as the server has it."""
    now = now or utcnow()
    report = DeliveryReport()
    last_id = 0
    while True:
        with sessions() as session:
            due = list(
                session.scalars(
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
            return report
        _send_batch(sessions, due, settings=settings, now=now, report=report, after_each=after_each)
        last_id = due[-1]


def _send_batch(
    sessions: sessionmaker[Session],
    due: list[int],
    *,
    settings: Settings,
    now: dt.datetime,
    report: DeliveryReport,
    after_each: Callable[[OutboxMessage], None] | None,
) -> None:
    smtp: smtplib.SMTP | None = None
    try:
        for message_key in due:
            with sessions() as session:
                stmt = (
                    select(OutboxMessage)
                    .where(OutboxMessage.id == message_key)
                    .options(selectinload(OutboxMessage.attachments))
                )
                if session.get_bind().dialect.name == "postgresql":
                    stmt = stmt.with_for_update(skip_locked=True)
                message = session.scalar(stmt)
                if message is None or message.status != OutboxStatus.pending.value:
                    continue  # another run took it meanwhile
                try:
                    if smtp is None:
                        smtp = _connect(settings)
                    smtp.send_message(_email(message, settings.mail_from))
                except (smtplib.SMTPException, OSError) as error:
                    _retry_later(message, error, now)
                    session.commit()
                    report.errors.append(message.last_error or "")
                    if message.status == OutboxStatus.failed.value:
                        report.failed += 1
                    else:
                        report.retrying += 1
                    log.warning("outbox message %s not sent: %s", message.id, message.last_error)
                    if smtp is not None:
                        _close(smtp)
                    smtp = None
                    continue
                message.status = OutboxStatus.sent.value
                message.sent_at = utcnow()
                session.commit()
                report.sent += 1
                if after_each is not None:
                    after_each(message)
    finally:
        if smtp is not None:
            _close(smtp)


def _close(smtp: smtplib.SMTP) -> None:
    try:
        smtp.quit()
    except (smtplib.SMTPException, OSError):
        smtp.close()
