"""CLI commands of the trust feature: users, the audit trail, backups and restore."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from app.cli.common import CliError, echo_json, new_password, open_book, read_password, user_errors
from app.core import (
    _,
    describe,
    needs_sealing,
    restore_as_new,
    role_label,
    sealed,
    show_value,
    table_label,
)

NEW_PASSWORD_ENV = "JOINTLEDGER_NEW_PASSWORD"
BOOK = click.argument("book", type=click.Path(exists=True, dir_okay=False))


# -- users ---------------------------------------------------------------------------------------------------
@click.group()
def user() -> None:
    """Users of a book: add, list, set roles, reset passwords (an administrator's work)."""


@user.command("add")
@BOOK
@click.argument("name")
@click.option("--role", "roles", multiple=True, required=True, help="admin/管理员, accountant/会计, reviewer/审核, cashier/出纳, head/负责人, viewer/查看.")
def user_add(book: str, name: str, roles: tuple[str, ...]) -> None:
    """Add a user (their password: JOINTLEDGER_NEW_PASSWORD or a prompt)."""
    with open_book(book) as b:
        b.users.require("users")
        b.users.add(name, new_password(name, NEW_PASSWORD_ENV), list(roles))
    click.echo(f"Added {name}")


@user.command("passwd")
@BOOK
@click.argument("name")
def user_passwd(book: str, name: str) -> None:
    """Change your own password, or (administrator) reset anyone's; also ends the wait after wrong passwords."""
    with open_book(book) as b:
        if name != b.user:
            b.users.require("users")
        b.users.set_password(name, new_password(name, NEW_PASSWORD_ENV))
    click.echo(f"Password of {name} set")


@user.command("roles")
@BOOK
@click.argument("name")
@click.option("--role", "roles", multiple=True, required=True)
def user_roles(book: str, name: str, roles: tuple[str, ...]) -> None:
    """Set a user's roles."""
    with open_book(book) as b:
        b.users.set_roles(name, list(roles))
    click.echo(f"Roles of {name} set")


@user.command("disable")
@BOOK
@click.argument("name")
@click.option("--enable", is_flag=True, help="Enable the user again.")
def user_disable(book: str, name: str, enable: bool) -> None:
    """Disable (or --enable) a user; their name stays in the history."""
    with open_book(book) as b:
        b.users.set_active(name, enable)
    click.echo(f"{name} {'enabled' if enable else 'disabled'}")


@user.command("list")
@BOOK
@click.option("--json", "as_json", is_flag=True)
def user_list(book: str, as_json: bool) -> None:
    """The book's users and their roles."""
    with open_book(book, readonly=True) as b:
        users = b.users.list()
    if as_json:
        echo_json(users)
        return
    for u in users:
        roles = "、".join(role_label(r) for r in u["roles"])
        state = "" if u["active"] else _("（已停用）", " (disabled)")
        click.echo(f"{u['name']:<16}{roles}{state}")


# -- audit ---------------------------------------------------------------------------------------------------
@click.command()
@BOOK
@click.option("--verify", is_flag=True, help="Check the hash chain and the data against it; exit 1 and say where if not intact.")
@click.option("--table", default=None, help="Only this table (members, vouchers, …).")
@click.option("--row", default=None, help="Only this row id.")
@click.option("--limit", type=int, default=200, show_default=True)
@click.option("--json", "as_json", is_flag=True)
def audit(book: str, verify: bool, table: str | None, row: str | None, limit: int, as_json: bool) -> None:
    """The audit trail: every change, newest first (who, when, on which replica, old → new)."""
    with open_book(book, readonly=True) as b:
        if verify:
            findings = b.audit.verify()
            count = b.audit.count()
        else:
            entries = b.audit.entries(tbl=table, row_ids=[row] if row else None, limit=limit)
    if verify:
        if as_json:
            echo_json({"ok": not findings, "entries": count, "findings": [f.__dict__ for f in findings]})
        else:
            for f in findings:
                click.echo(str(f), err=True)
            click.echo(_("审计记录完整（{n} 条）", "The audit trail is intact ({n} entries)", n=count) if not findings
                       else _("发现 {n} 处问题", "{n} problem(s) found", n=len(findings)))
        if findings:
            sys.exit(1)
        return
    if as_json:
        echo_json([e.__dict__ for e in entries])
        return
    for e in entries:
        click.echo(f"#{e.seq} {e.at[:19]} {e.user} @{e.replica[:8]} {e.op} {table_label(e.tbl)} {e.row_id[:8]}")
        for field, old, new in e.fields():
            click.echo(f"    {field}: {show_value(field, old)} → {show_value(field, new)}")


# -- backups -------------------------------------------------------------------------------------------------
@click.command()
@BOOK
@click.argument("folder", required=False, type=click.Path(file_okay=False))
@click.option("--list", "listing", is_flag=True, help="List the automatic backups instead.")
@click.option("--set-folder", default=None, help="Keep the automatic backups in this folder (a USB stick, say).")
@click.option("--default-folder", is_flag=True, help="Go back to the default backup folder.")
def backup(book: str, folder: str | None, listing: bool, set_folder: str | None, default_folder: bool) -> None:
    """Back the book up now (into FOLDER, or the backup folder), list the backups, or move the backup folder."""
    with open_book(book, readonly=listing) as b:
        if set_folder or default_folder:
            b.backups.set_root(None if default_folder else set_folder)
            click.echo(f"Backups of this book now go to {b.backups.folder}")
        elif listing:
            click.echo(f"{b.backups.folder}")
            for f in b.backups.list():
                click.echo(f"  {f.path.name:<44}{f.taken.astimezone():%Y-%m-%d %H:%M}  {f.reason}")
        else:
            if folder:
                Path(folder).mkdir(parents=True, exist_ok=True)
            target = Path(folder) if folder else b.backups.folder
            passphrase = None
            if needs_sealing(target) and not os.environ.get(sealed.PASSPHRASE_ENV):
                passphrase = read_password(_("加密备份的口令", "Passphrase for the encrypted backup"), env=sealed.PASSPHRASE_ENV,
                                           confirm=True)
            path = b.backups.write(Path(folder) if folder else None, passphrase)
            click.echo(f"Backed up to {path} (integrity checked)")


@click.command()
@click.argument("backup_file", metavar="BACKUP", type=click.Path(exists=True, dir_okay=False))
@click.argument("book", type=click.Path(dir_okay=False))
@click.option("--yes", is_flag=True, help="Do not ask; restore after showing what the backup holds.")
def restore(backup_file: str, book: str, yes: bool) -> None:
    """Show what a backup holds, then put it in the place of BOOK (backed up first) or make BOOK from it."""
    with user_errors():
        info = describe(Path(backup_file))
    for key in ("name", "schema_version", "members", "assets", "vouchers", "posted_vouchers", "last_period", "changes",
                "last_change_at", "last_change_by"):
        click.echo(f"{key:18}{info[key] if info[key] is not None else ''}")
    if info.get("encrypted"):
        click.echo(_("这个备份已加密，恢复需要口令。", "This backup is encrypted; restoring it needs the passphrase."))
    exists = Path(book).exists()
    if not yes:
        if not sys.stdin.isatty():
            raise CliError(_("没有终端可以确认，请加 --yes。", "There is no terminal to confirm in; add --yes."))
        question = _("用这个备份替换“{b}”？", "Replace “{b}” with this backup?", b=book) if exists else _("从这个备份新建“{b}”？", "Make “{b}” from this backup?", b=book)
        if not click.confirm(question):
            raise CliError(_("没有恢复。", "Nothing was restored."))
    passphrase = read_password(_("备份的口令", "The backup's passphrase"), env=sealed.PASSPHRASE_ENV) if info.get("encrypted") else None
    if not exists:
        with user_errors():
            restore_as_new(Path(backup_file), Path(book), passphrase)
        click.echo(f"Restored {book} from {backup_file}")
        return
    with open_book(book) as b:
        safety = b.backups.restore(Path(backup_file), passphrase)
    click.echo(f"Restored {book} from {backup_file}; the book as it was is in {safety}")


def register(cli: click.Group) -> None:
    """Add this feature's commands to the ``jointledger`` group."""
    for command in (user, audit, backup, restore):
        cli.add_command(command)
