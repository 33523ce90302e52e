"""The headless demo: what ``jointledger`` does on a machine without a display."""

from __future__ import annotations

from pathlib import Path

import click

from app.core.demo import build_demo


def run_headless(outdir: Path | str = "demo-output") -> None:
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    book_path = out / "demo.jlbook"
    for suffix in ("", "-wal", "-shm"):
        Path(str(book_path) + suffix).unlink(missing_ok=True)
    click.echo("No display found: running the headless demo.")
    book = build_demo(book_path)
    try:
        info = book.info()
        click.echo(f"Demo book {book_path}: {info['members']} members, {info['posted_vouchers']} posted vouchers")
        problems = book.reports.check()
        click.echo("Check: OK" if not problems else f"Check: {len(problems)} problem(s)")
    finally:
        book.close()
    click.echo(f"Everything is in {out.resolve()}")
