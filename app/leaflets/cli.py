"""`hestia leaflets …`: build every leaflet ahead of time, show the catalogs' status.

Registered in app/cli.py with `cli.add_typer(leaflets_cli, name="leaflets")`.
"""

from __future__ import annotations

import time
from typing import Annotated

import typer

leaflets_cli = typer.Typer(help="The rights leaflets and their translations.", no_args_is_help=True)


@leaflets_cli.command("build")
def build(
    force: Annotated[bool, typer.Option(help="Render again even what is on disk")] = False,
    every_pairing: Annotated[
        bool,
        typer.Option(help="Beside every host-country language, not only the first"),
    ] = False,
    language: Annotated[
        list[str] | None,
        typer.Option(
            "--language",
            metavar="CODE",
            help="Only this language (as in its page's address: am, zh-Hans); repeat it or "
            "separate codes with commas for several",
        ),
    ] = None,
) -> None:
    """Render every language in A4 and A5, alone and beside the first host-country language
    (beside each of them with --every-pairing), into var/leaflets/."""
    from app.config import get_policy
    from app.errors import NotFound
    from app.leaflets import previews, service
    from app.pdf import render as pdf

    policy = get_policy()
    try:
        locales = service.locales_named(language) if language else None
    except NotFound as refused:
        raise typer.BadParameter(refused.detail, param_hint="--language") from None
    keys = service.all_keys(policy, every_pairing=every_pairing, locales=locales)
    total = sum(1 for _ in keys)
    started = time.perf_counter()
    problems: list[str] = []
    with typer.progressbar(length=total, label="Rendering leaflets") as bar:

        def advance(result: service.BuildResult) -> None:
            problems.extend(f"{result.key.file_name}: {p}" for p in result.problems)
            bar.update(1)

        results = service.build_all(
            force=force,
            every_pairing=every_pairing,
            locales=locales,
            policy=policy,
            progress=advance,
        )
    pdf.shutdown()
    pictures = previews.make_missing(results)
    elapsed = time.perf_counter() - started
    size = sum(r.size_bytes for r in results)
    typer.echo(
        f"{len(results)} leaflets and {pictures} pictures of first pages in {elapsed:.1f} s "
        f"({size / 1e6:.1f} MB) in {service.cache.directory()}"
    )
    for problem in problems:
        typer.secho(problem, err=True, fg=typer.colors.RED)
    if problems:
        raise typer.Exit(code=1)


@leaflets_cli.command("status")
def status() -> None:
    """Each language: review status and how much of the text is translated."""
    from app.leaflets.service import catalog_status

    for entry in catalog_status():
        refused = ", ".join(f"{n} {why}" for why, n in sorted(entry.refused.items()))
        typer.echo(
            f"{entry.locale:8} {entry.direction}  {entry.review_status:9} "
            f"{entry.translated:3}/{entry.total}  {entry.native_name}"
            + (f"  ({refused})" if refused else "")
        )
