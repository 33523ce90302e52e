"""Every command of the CLI is documented in the README (as sqlite-utils' test_docs does)."""

from pathlib import Path

import click

from app.cli.main import cli

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def commands(group: click.Group, prefix: str = "") -> list[str]:
    out = []
    for name, command in group.commands.items():
        out.append(f"{prefix}{name}")
        if isinstance(command, click.Group):
            out += commands(command, f"{prefix}{name} ")
    return out


def test_every_command_is_in_the_readme():
    missing = [c for c in commands(cli) if f"jointledger {c.split()[0]}" not in README or c.split()[-1] not in README]
    assert missing == []


def test_every_command_has_help():
    assert [c for c in commands(cli) if not (cli.get_command(None, c.split()[0]).help or "").strip()] == []
