"""The `kohtaamo` command: Flask's commands (run, db, shell) plus our own, one module per noun."""

from __future__ import annotations

import sys

import click
from flask.cli import FlaskGroup


def _create_app():
    from qa_app import create_app
    from qa_app.content import ContentError

    try:
        return create_app()
    except ContentError as error:
        # A broken content file stops the app; say which file instead of a traceback.
        raise click.ClickException(f"cannot start: {error}") from error


@click.group(cls=FlaskGroup, create_app=_create_app, add_version_option=False, load_dotenv=False)
def cli() -> None:
    """Kohtaamo: customer-service training and quality assurance."""


def _register_commands() -> None:
    # Each module adds its commands with register(cli); imported here so that `kohtaamo --help`
    # lists them without building the Flask app.
    from . import content, grade, setup_cmds

    for module in (grade, content, setup_cmds):
        module.register(cli)


_register_commands()


def main() -> None:
    """Entry point for the console script and `python -m qa_app`."""
    sys.exit(cli.main(prog_name="kohtaamo", standalone_mode=True))
