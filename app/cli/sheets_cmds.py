"""CLI commands of the sheets feature."""

import click


def register(cli: click.Group) -> None:
    """Add this feature's commands to the ``jointledger`` group."""
