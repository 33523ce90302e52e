"""``jointledger``: with no arguments it opens the app (or, with no display, runs the headless demo)."""

from __future__ import annotations

import multiprocessing
import os
import sqlite3
import sys

import click

from app import version
from app.cli import book_cmds, distribution_cmds, print_cmds, records_cmds, sheets_cmds, sync_cmds, trust_cmds
from app.cli.common import CliError, add_login_options
from app.console import safe_console
from app.core import file_error


def has_display() -> bool:
    if os.environ.get("QT_QPA_PLATFORM") == "offscreen":
        return False
    if sys.platform in ("win32", "darwin"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


class Commands(click.Group):
    """Every command: a file the system or SQLite cannot read or write (full disk, read-only stick, no
    permission) ends in one sentence naming the path and the reason, and exit code 1, never a traceback."""

    def invoke(self, ctx: click.Context) -> object:
        args = [*getattr(ctx, "_protected_args", ()), *ctx.args]
        try:
            return super().invoke(ctx)
        except (OSError, sqlite3.OperationalError) as e:
            paths = [a for a in args[1:] if not a.startswith("-") and (os.sep in a or "." in a)]
            raise CliError(str(file_error(e, paths[0] if paths else ""))) from None


@click.group(cls=Commands, invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(version(), prog_name="jointledger")
@click.option("--self-test", is_flag=True, help="Start the GUI offscreen, exercise the core and exit 0 when all works.")
@click.pass_context
def cli(ctx: click.Context, self_test: bool) -> None:
    """联营账簿 Joint Ledger: the books of a rural joint operation or village collective."""
    if ctx.invoked_subcommand is not None:
        return
    if self_test:
        from app.selftest import run_self_test

        ctx.exit(run_self_test())
    if has_display():
        from app.gui.app import run_gui

        ctx.exit(run_gui([]))
    from app.headless import run_headless

    run_headless()


for module in (book_cmds, distribution_cmds, sync_cmds, trust_cmds, sheets_cmds, records_cmds, print_cmds):
    module.register(cli)
add_login_options(cli)  # every command that opens a BOOK takes --user (app/cli/common.py)


def main() -> None:
    safe_console()  # Chinese into a Windows pipe or console (cp1252, cp936) must never crash the program
    # the bundled program starts statement workers (multiprocessing) through its own executable
    multiprocessing.freeze_support()
    # a double-clicked .jlbook arrives as the only argument: open it in the app
    args = sys.argv[1:]
    if len(args) == 1 and args[0].endswith(".jlbook") and os.path.exists(args[0]) and has_display():
        from app.gui.app import run_gui

        sys.exit(run_gui(args))
    cli(prog_name="jointledger")
