"""The headless demo: what ``jointledger`` does on a machine without a display.

It builds the demo book, imports a roster written the way an office writes one, distributes the year's income
(signed statements and the public notice as PDFs), closes the year and writes a sync file, all into one folder.
"""

from __future__ import annotations

from pathlib import Path

import click

from app.core.demo import build_demo


def run_headless(outdir: Path | str = "demo-output") -> None:
    from app.core.distribution.demo import demo_step as distribute
    from app.core.sheets.demo import demo_step as import_roster
    from app.core.sync.demo import demo_step as write_sync_file

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
        for step in (import_roster, distribute, write_sync_file):
            for line in step(book, out):
                click.echo(line)
        year = int(book.settings.start_period[:4])
        book.periods.close_year(year)
        click.echo(f"Year {year} closed.")
        problems = book.reports.check()
        click.echo("Check: OK" if not problems else f"Check: {len(problems)} problem(s)")
    finally:
        book.close()
    click.echo(f"Everything is in {out.resolve()}")
