"""Click commands over the actor dictionaries, for the lead to mount under `dyads dict`.

`lookup` answers "what code does this name get on this day, and why": every dictionary row for the
phrase, the one chosen for the date, and the role word's sector where the phrase is one.
"""

from __future__ import annotations

from datetime import date

import click

from dyads.actors.dictionary import DictionaryError, load_actor_dictionary, lookup


@click.command("lookup")
@click.argument("phrase")
@click.option("--date", "day", default=None, help="The day the code should hold on (YYYY-MM-DD).")
@click.option("--dict", "dict_dirs", multiple=True, type=click.Path(exists=True, file_okay=False),
              help="Extra dictionary directory (repeatable); later ones override ours.")
@click.option("--no-default-dict", is_flag=True, help="Leave our default dictionary out.")
def lookup_command(phrase: str, day: str | None, dict_dirs: tuple[str, ...], no_default_dict: bool) -> None:
    """Show the code PHRASE gets (on --date) and every dictionary row behind it."""
    try:
        dictionary = load_actor_dictionary(dict_dirs, default=not no_default_dict)
    except DictionaryError as exc:  # a malformed row: its file, line and reason, not a traceback
        raise click.ClickException(str(exc)) from None
    result = lookup(dictionary, phrase, date.fromisoformat(day) if day else None)
    click.echo(result.explain())
    if result.code is None:
        raise SystemExit(1)
