"""The `hestia` command: serve, migrate, manage users and tokens, load the demo."""

from __future__ import annotations

import os
import secrets
from typing import Annotated

import typer
from sqlalchemy.orm import Session

from app.auth.models import Role
from app.leaflets.cli import leaflets_cli

cli = typer.Typer(
    help="Hestia: the registry of diplomats' private domestic workers.",
    no_args_is_help=True,
    add_completion=False,
    # A traceback's local variables can hold passwords and workers' data: never print them.
    pretty_exceptions_show_locals=False,
)
db_cli = typer.Typer(help="The database schema.", no_args_is_help=True)
users_cli = typer.Typer(help="Staff users.", no_args_is_help=True)
tokens_cli = typer.Typer(help="Personal API tokens.", no_args_is_help=True)
contracts_cli = typer.Typer(help="Contracts.", no_args_is_help=True)
outbox_cli = typer.Typer(help="Outgoing email.", no_args_is_help=True)
reminders_cli = typer.Typer(
    help="Reminders to missions before a card expires.", no_args_is_help=True
)
cli.add_typer(db_cli, name="db")
cli.add_typer(users_cli, name="users")
cli.add_typer(tokens_cli, name="tokens")
cli.add_typer(contracts_cli, name="contracts")
cli.add_typer(outbox_cli, name="outbox")
cli.add_typer(reminders_cli, name="reminders")
concerns_cli = typer.Typer(help="Concerns and their referrals.", no_args_is_help=True)
cli.add_typer(concerns_cli, name="concerns")
cli.add_typer(leaflets_cli, name="leaflets")


def _session() -> Session:
    from app.db import get_sessionmaker

    return get_sessionmaker()()


def _fail(message: str) -> typer.Exit:
    typer.secho(message, err=True, fg=typer.colors.RED)
    return typer.Exit(code=1)


@cli.command()
def serve(
    host: str = "127.0.0.1",
    port: int = 8000,
    workers: Annotated[int, typer.Option(help="Worker processes")] = 1,
) -> None:
    """Run the web application with uvicorn."""
    import uvicorn

    from app.config import get_settings
    from app.logs import configure

    configure(get_settings().log_level)
    uvicorn.run(
        "app.main:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        proxy_headers=True,
        log_config=None,
    )


@db_cli.command("upgrade")
def db_upgrade(revision: str = "head") -> None:
    """Bring the schema up to date (runs the Alembic migrations)."""
    from app import dbtools

    dbtools.upgrade(revision=revision)
    typer.echo(f"database at {revision}")


@users_cli.command("create")
def users_create(
    email: str,
    role: Annotated[Role, typer.Option(help="viewer, officer, supervisor or administrator")],
    name: Annotated[str | None, typer.Option(help="Display name")] = None,
) -> None:
    """Add a staff user; the password comes from HESTIA_PASSWORD or a prompt."""
    from app.auth import service
    from app.errors import DomainError

    password = os.environ.get("HESTIA_PASSWORD") or typer.prompt(
        "Password", hide_input=True, confirmation_prompt=True
    )
    with _session() as session:
        try:
            user = service.create_user(
                session, email=email, role=role, password=password, display_name=name
            )
        except DomainError as exc:
            raise _fail(exc.detail) from exc
        session.commit()
        typer.echo(f"created {user.email} ({user.role})")


@tokens_cli.command("create")
def tokens_create(email: str, name: str = "command line") -> None:
    """Create a personal API token for a user and print only the token."""
    from app.auth import service

    with _session() as session:
        user = service.find_user_by_email(session, email)
        if user is None or not user.is_active:
            raise _fail(f"no active user {email}")
        token, _record = service.create_token(session, user=user, name=name)
        session.commit()
    typer.echo(token)


@contracts_cli.command("recheck")
def contracts_recheck() -> None:
    """Check every contract against the current policy again (after the policy changed)."""
    from app.audit.service import SYSTEM
    from app.config import get_policy
    from app.registry.contracts import recheck_contracts

    with _session() as session:
        changed = recheck_contracts(session, policy=get_policy(), actor=SYSTEM)
        session.commit()
    typer.echo(f"{changed} contract(s) changed their flags")


@outbox_cli.command("send")
def outbox_send() -> None:
    """Send the email that is due; what the server refuses is retried later, never dropped."""
    from app.config import get_settings
    from app.db import get_sessionmaker
    from app.outbox.service import deliver

    report = deliver(get_sessionmaker(), settings=get_settings())
    typer.echo(f"{report.sent} sent, {report.retrying} to retry, {report.failed} given up")
    if report.retrying or report.failed:
        raise typer.Exit(code=3)


@reminders_cli.command("run")
def reminders_run() -> None:
    """Queue the reminders and overdue notices that are due, then send the outbox.

    Safe to run as often as you like (cron, systemd timer): nothing is sent twice.
    """
    from app.config import get_policy, get_settings
    from app.db import get_sessionmaker
    from app.renewals.reminders import run

    _missing_notes()
    report = run(get_sessionmaker(), policy=get_policy(), settings=get_settings())
    _escalate()
    delivery = report.delivery
    typer.echo(
        f"{report.reminders} reminder(s) and {report.overdue} overdue notice(s) queued, "
        f"{report.concerns} concern(s) opened; "
        f"{delivery.sent if delivery else 0} email(s) sent, "
        f"{delivery.retrying if delivery else 0} to retry"
    )
    if delivery and (delivery.retrying or delivery.failed):
        raise typer.Exit(code=3)


def _missing_notes() -> int:
    """Queue the notes of interviews booked without one (in bulk, or before the mission had an
    email address); they go out with the reminders."""
    from app.audit.service import SYSTEM
    from app.config import get_policy
    from app.notices.service import send_missing_notes

    with _session() as session:
        queued = send_missing_notes(session, actor=SYSTEM, policy=get_policy())
        session.commit()
    typer.echo(f"{queued} interview note(s) queued")
    return queued


def _escalate() -> int:
    from app.concerns.referrals import escalate_stalled

    with _session() as session:
        escalated = len(escalate_stalled(session))
        session.commit()
    typer.echo(f"{escalated} mediation(s) escalated")
    return escalated


@concerns_cli.command("escalate")
def concerns_escalate() -> None:
    """Escalate the mediations that have not moved by their deadline (each once).

    Safe to run as often as you like; `hestia reminders run` runs it too.
    """
    _escalate()


@cli.command()
def demo() -> None:
    """Load the fictional demo data set, and demo users if there are none yet."""
    from app.auth import service as auth
    from app.config import get_policy
    from app.demo.service import load_demo

    with _session() as session:
        counts = load_demo(session, policy=get_policy())
        password = os.environ.get("HESTIA_PASSWORD") or secrets.token_urlsafe(12)
        created = []
        if auth.count_users(session) == 0:
            for role in reversed(list(Role)):
                email = f"{role.value}@hestia.example"
                auth.create_user(
                    session,
                    email=email,
                    role=role,
                    password=password,
                    display_name=f"Demo {role.value}",
                )
                created.append(email)
        session.commit()
    typer.echo(", ".join(f"{n} {what}" for what, n in counts.items()) + " loaded")
    for email in created:
        typer.echo(f"user {email} password {password}")


def main() -> None:
    from sqlalchemy.exc import OperationalError, ProgrammingError

    from app.errors import DomainError

    try:
        cli(standalone_mode=True)
    except (OperationalError, ProgrammingError) as exc:
        # The usual cause: a database that is not there or not migrated. Say so in one line.
        first_line = str(exc.orig).splitlines()[0] if exc.orig else type(exc).__name__
        typer.echo(f"hestia: database error: {first_line}", err=True)
        typer.echo("Is HESTIA_DATABASE_URL right, and has `hestia db upgrade` run?", err=True)
        raise SystemExit(1) from None
    except DomainError as exc:
        typer.echo(f"hestia: {exc.detail}", err=True)
        raise SystemExit(2) from None
