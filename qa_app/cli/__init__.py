"""The `kohtaamo` command: Flask's commands (run, db, shell) plus our own, one module per noun."""

from __future__ import annotations

import sys

import click
from flask.cli import FlaskGroup


def _create_app():
    from qa_app import create_app
    from qa_app.config import ConfigError
    from qa_app.content import ContentError

    try:
        app = create_app()
    except ContentError as error:
        # A broken content file stops the app; say which file instead of a traceback.
        raise click.ClickException(f"cannot start: {error}") from error
    except ConfigError as error:
        _fail_setting(str(error))
    return app


def _fail_setting(message: str) -> None:
    """A setting or the database it names cannot be used: one line on stderr, exit 2."""
    click.echo(f"kohtaamo: {message}", err=True)
    raise click.exceptions.Exit(2)


def _checking_database(callback):  # type: ignore[no-untyped-def]
    """Wrap the `db` group's callback: before any `kohtaamo db ...` command, connect once and stop
    with one line naming the database when it cannot be reached (instead of Alembic's traceback)."""

    def checked(*args, **kwargs):  # type: ignore[no-untyped-def]
        from flask.cli import ScriptInfo

        from qa_app.services.readiness import probe_database

        app = click.get_current_context().ensure_object(ScriptInfo).load_app()
        problem = probe_database(app.config["SQLALCHEMY_DATABASE_URI"])
        if problem:
            _fail_setting(problem)
        return callback(*args, **kwargs) if callback else None

    return checked


# Commands whose module imports the database layer (SQLAlchemy, Alembic, the models: about
# 0.5 s): that module is imported only when one of them is run or the commands are listed,
# so `kohtaamo grade` starts without it.
_LAZY_COMMANDS = {
    "users": "setup_cmds",
    "teams": "setup_cmds",
    "tokens": "setup_cmds",
    "demo": "setup_cmds",
    "import": "conversations",
    "export": "conversations",
    "worker": "worker",
    "autoqa": "worker",
    "review": "review_cmds",
    "export-all": "backup",
    "import-all": "backup",
    "retention": "privacy",
    "erase": "privacy",
}


class _KohtaamoGroup(FlaskGroup):
    """Flask's command group that imports heavy command modules on first use."""

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in _LAZY_COMMANDS and cmd_name not in self.commands:
            _register_lazy(self, _LAZY_COMMANDS[cmd_name])
        command = super().get_command(ctx, cmd_name)
        if cmd_name == "db" and command is not None and not getattr(command, "_kohtaamo_checked", False):
            command.callback = _checking_database(command.callback)
            command._kohtaamo_checked = True  # type: ignore[attr-defined]
        return command

    def list_commands(self, ctx: click.Context) -> list[str]:
        for module_name in set(_LAZY_COMMANDS.values()):
            _register_lazy(self, module_name)
        return super().list_commands(ctx)


def _register_lazy(group: click.Group, module_name: str) -> None:
    from importlib import import_module

    module = import_module(f"{__name__}.{module_name}")
    if not getattr(module, "_registered", False):
        module.register(group)
        module._registered = True  # type: ignore[attr-defined]


@click.group(cls=_KohtaamoGroup, create_app=_create_app, add_version_option=False, load_dotenv=False)
def cli() -> None:
    """Kohtaamo: customer-service training and quality assurance."""
    from qa_app.origin import Origin, reset_origin, set_origin

    token = set_origin(Origin("cli"))  # what the command records in the audit log came from the CLI
    click.get_current_context().call_on_close(lambda: reset_origin(token))


def _register_commands() -> None:
    # Each module adds its commands with register(cli); imported here so that `kohtaamo --help`
    # lists them without building the Flask app.
    from . import agreement, content, grade, serve

    for module in (grade, content, agreement, serve):
        module.register(cli)


_register_commands()


def main() -> None:
    """Entry point for the console script and `python -m qa_app`."""
    sys.exit(cli.main(prog_name="kohtaamo", standalone_mode=True))
