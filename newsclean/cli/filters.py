"""``newsclean filters``: every filter a run can name, with its default state and options."""

from __future__ import annotations

import json
from typing import Any

import click

from ..registry import available_filters


@click.command("filters")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="json: a list for machines.")
@click.option("--json", "as_json", is_flag=True, help="Same as --format json.")
def filters_command(fmt: str, as_json: bool) -> None:
    """List every available filter: name, default state, options, description.

    \b
    Examples:
        newsclean filters
        newsclean filters --format json | jq -r '.[].name'
    """
    rows: list[dict[str, Any]] = [
        {"name": name, "default": cls.default, "description": cls.description, "options": dict(cls.options)}
        for name, cls in available_filters().items()
    ]
    if as_json or fmt == "json":
        click.echo(json.dumps(rows, indent=2))
        return
    width = max(len(r["name"]) for r in rows)
    for r in rows:
        state = "on " if r["default"] else "off"
        opts = "  [" + ", ".join(f"{k}={v}" for k, v in r["options"].items()) + "]" if r["options"] else ""
        click.echo(f"{r['name']:<{width}}  {state}  {r['description']}{opts}")
