"""What every command shares: opening the book, printing results, turning errors into exit code 1."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from app.core.book import Book
from app.core.errors import BookError
from app.core.progress import Progress


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


@contextmanager
def open_book(path: str | Path, *, readonly: bool = False) -> Iterator[Book]:
    with user_errors():
        book = Book.open(path, readonly=readonly)
        try:
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
