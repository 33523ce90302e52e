"""What every command shares: opening the book, printing results, turning errors into exit code 1."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from app.core import Book, BookError, LoginRequired, Progress, _


class CliError(click.ClickException):
    """One sentence for the user, exit code 1."""

    def show(self, file=None) -> None:
        click.echo(self.format_message(), err=True)


@contextmanager
def user_errors() -> Iterator[None]:
    """Errors meant for the user become one clear sentence and exit code 1, never a traceback."""
    try:
        yield
    except BookError as e:
        raise CliError(str(e)) from None


_USER_KEY = "jointledger.user"
CREATING_COMMANDS = ("init", "demo")  # they make a new book: init takes --admin instead


def add_login_options(group: click.Group) -> None:
    """Give every command that opens a BOOK a ``--user`` option (default: JOINTLEDGER_USER, else admin)."""
    for command in group.commands.values():
        if isinstance(command, click.Group):
            add_login_options(command)
        elif command.name not in CREATING_COMMANDS and any(p.name == "book" for p in command.params):
            command.params.append(
                click.Option(
                    ["--user"],
                    envvar="JOINTLEDGER_USER",
                    expose_value=False,
                    callback=_remember_user,
                    help="Log in as this user (default: JOINTLEDGER_USER, else admin); password from JOINTLEDGER_PASSWORD or a prompt.",
                )
            )


def _remember_user(ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
    ctx.meta[_USER_KEY] = value


def read_password(prompt: str, *, env: str = "JOINTLEDGER_PASSWORD", confirm: bool = False) -> str:
    """A password from the environment (scripts) or a hidden prompt; without a terminal, one sentence."""
    password = os.environ.get(env)
    if password is not None:
        return password
    if not sys.stdin.isatty():
        raise CliError(_("没有终端可以输入密码，请设置环境变量 {env}。", "There is no terminal to type the password in; set {env}.", env=env))
    return click.prompt(prompt, hide_input=True, confirmation_prompt=confirm)


@contextmanager
def open_book(path: str | Path, *, readonly: bool = False) -> Iterator[Book]:
    """Open the book as the user of ``--user``; warnings of the check at open are printed loudly."""
    ctx = click.get_current_context(silent=True)
    user = ctx.meta.get(_USER_KEY) if ctx else None
    with user_errors():
        try:
            book = Book.open(path, readonly=readonly, user=user)
        except LoginRequired as e:
            book = Book.open(path, readonly=readonly, user=user, password=read_password(str(e)))
    for warning in book.warnings:
        click.secho(warning, err=True, fg="red", bold=True)
    try:
        with user_errors():
            yield book
    finally:
        book.close()


def echo_json(data: object) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def progress_bar(label: str) -> tuple[Progress, callable]:
    """A progress callback that draws a click progress bar on stderr; call the second value when done."""
    state: dict = {}

    def report(done: int, total: int, text: str) -> None:
        if not sys.stderr.isatty():
            return
        bar = state.get("bar")
        if bar is None and total:
            bar = state["bar"] = click.progressbar(length=total, label=label, file=sys.stderr)
            bar.__enter__()
        if bar is not None:
            bar.update(done - bar.pos)

    def finish() -> None:
        if "bar" in state:
            state["bar"].__exit__(None, None, None)

    return report, finish


def new_password(name: str, env: str = "JOINTLEDGER_PASSWORD") -> str:
    """A new password for user ``name`` (asked twice at a terminal), checked before anything is written."""
    from app.core import check_password

    password = read_password(_("用户“{u}”的新密码", "New password for user “{u}”", u=name), env=env, confirm=True)
    check_password(password)
    return password
