"""``newsclean memory``: the sites the site memory (--remember) knows, or forgetting them."""

from __future__ import annotations

import json
import time
from pathlib import Path

import click

from .messages import Exit, Failure


@click.command("memory")
@click.option("--memory", "memory_path", type=click.Path(dir_okay=False, path_type=Path),
              help="The site memory file (default: in your data folder, or $NEWSCLEAN_MEMORY).")
@click.option("--forget", "forget_sites", multiple=True, metavar="SITE", help="Forget this site (repeatable).")
@click.option("--forget-all", is_flag=True, help="Forget every site.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="json: a list for machines.")
@click.option("--json", "as_json", is_flag=True, help="Same as --format json.")
def memory_command(memory_path: Path | None, forget_sites: tuple[str, ...], forget_all: bool, fmt: str,
                   as_json: bool) -> None:
    """List the sites the site memory (--remember) knows, or forget some or all of them.

    \b
    Examples:
        newsclean memory
        newsclean memory --forget example.com
        newsclean memory --forget-all
        newsclean memory --format json | jq -r '.[].site'
    """
    from ..sites.memory import MemoryUnavailable, SiteMemory, default_path

    path = memory_path or default_path()
    sites = []
    if not path.exists():  # before the first --remember: nothing remembered, nothing to forget
        if forget_all or forget_sites:
            click.echo(f"{path}: no site memory yet: nothing to forget", err=True)
            return
    else:
        try:
            with SiteMemory(path) as memory:
                if forget_all or forget_sites:
                    for site in [None] if forget_all else forget_sites:
                        forgotten = memory.forget(site)
                        click.echo(f"forgot {forgotten} document{'s' * (forgotten != 1)} of "
                                   f"{'every site' if site is None else site}", err=True)
                    return
                sites = memory.sites()
        except MemoryUnavailable as exc:
            raise Failure(str(exc), Exit.FAILED) from None
    if as_json or fmt == "json":
        click.echo(json.dumps([s.as_dict() for s in sites], indent=2))
        return
    if not sites:
        click.echo(f"{path}: no sites remembered", err=True)
        return
    width = max(len(s.site) for s in sites)
    click.echo(f"{'site':<{width}}  {'documents':>9}  {'lines':>9}  last seen")
    for s in sites:
        seen = time.strftime("%Y-%m-%d %H:%M", time.localtime(s.last_seen))
        click.echo(f"{s.site:<{width}}  {s.documents:>9,}  {s.lines:>9,}  {seen}")
