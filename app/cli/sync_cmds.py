"""CLI commands of the sync feature: ``jointledger sync …`` and ``jointledger replica …``."""

from __future__ import annotations

import click

from app.cli.common import CliError, echo_json, open_book, progress_bar, read_password, user_errors
from app.core import LoginRequired, Sync, _

SEED_ENV = "JOINTLEDGER_SEED_PASSPHRASE"


@click.group()
def sync() -> None:
    """Sync copies of a book by carrying files (USB sticks) or through a sync folder."""


@sync.command("export")
@click.argument("book", type=click.Path(exists=True, dir_okay=False))
@click.argument("file", type=click.Path(dir_okay=False))
@click.option(
    "--for", "for_replica", default=None, help="Only what this replica (id or name) last reported lacking."
)
@click.option("--full", is_flag=True, help="Every change of the book.")
@click.option("--json", "as_json", is_flag=True)
def export_cmd(book: str, file: str, for_replica: str | None, full: bool, as_json: bool) -> None:
    """Write a sync file: the changes other replicas may lack (signed, encrypted, read back to verify)."""
    if for_replica and full:
        raise CliError(_("--for 和 --full 只能选一个。", "Use either --for or --full, not both."))
    report, finish = progress_bar("export")
    with open_book(book) as b:
        result = b.sync.export(file, for_replica=for_replica, full=full, progress=report)
        finish()
    if as_json:
        echo_json(result)
    else:
        click.echo(
            _(
                "已写出 {f}：{n} 条修改，{k} 字节（已读回校验）。",
                "Wrote {f}: {n} changes, {k} bytes (read back and verified).",
                f=file,
                n=result["changes"],
                k=result["bytes"],
            )
        )


@sync.command("import")
@click.argument("book", type=click.Path(exists=True, dir_okay=False))
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--dry-run", is_flag=True, help="Check the file and show what would change; write nothing.")
@click.option("--json", "as_json", is_flag=True)
def import_cmd(book: str, file: str, dry_run: bool, as_json: bool) -> None:
    """Read a sync file: every check first, a backup, then one transaction."""
    report, finish = progress_bar("import")
    with open_book(book) as b:
        result = b.sync.import_file(file, dry_run=dry_run, progress=report)
        finish()
    if as_json:
        echo_json(result)
        return
    if not result["applied"] and not result["new_conflicts"] and not dry_run:
        click.echo(
            _(
                "“{f}”里没有本账簿缺少的修改（已读入过或是空的），账簿未作改动。",
                "“{f}” holds nothing this book lacks (read before, or empty); the book was not changed.",
                f=result["file"],
            )
        )
        return
    head = _("预览（未写入）", "Preview (nothing written)") if dry_run else _("已读入", "Read")
    click.echo(
        _(
            "{h} {f}，来自 {r}：新修改 {n} 条，已有 {d} 条，等待前序修改 {w} 条，新冲突 {c} 条。",
            "{h} {f} from {r}: {n} new changes, {d} already here, {w} waiting for earlier ones, {c} new conflicts.",
            h=head,
            f=result["file"],
            r=result["from_name"],
            n=result["applied"],
            d=result["already_had"],
            w=result["held"],
            c=result["new_conflicts"],
        )
    )
    for table, n in result["tables"].items():
        click.echo(f"  {table:24} {n}")


@sync.command("status")
@click.argument("book", type=click.Path(exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True)
def status_cmd(book: str, as_json: bool) -> None:
    """The replicas of the book, what each last received from us and we from it."""
    with open_book(book, readonly=True) as b:
        data = b.sync.status()
    if as_json:
        echo_json(data)
        return
    click.echo(
        _(
            "本副本 {r}；本机修改 {n} 条；等待中 {w} 条；未处理冲突 {c} 条。",
            "This replica {r}; {n} changes written here; {w} waiting; {c} open conflicts.",
            r=data["replica"][:8],
            n=data["our_changes"],
            w=data["held"],
            c=data["conflicts"],
        )
    )
    for r in data["replicas"]:
        mark = "*" if r["this"] else ("x" if r["retired"] else " ")
        posting = _("（记账）", " (posts)") if r["id"] == data["posting_replica"] else ""
        click.echo(
            f"{mark} {r['id'][:8]} {r['name']}{posting}  "
            + _(
                "它写的我们收到 {a}/{b}；它收到我们的 {c}/{d}；最近来文件 {t}",
                "we hold {a} of its {b}; it holds {c} of our {d}; last file {t}",
                a=r["we_hold"],
                b=max(r["it_wrote"], r["we_hold"]),
                c=r["it_holds_of_ours"],
                d=data["our_changes"],
                t=r["last_heard"] or "—",
            )
        )


@sync.command("conflicts")
@click.argument("book", type=click.Path(exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True)
def conflicts_cmd(book: str, as_json: bool) -> None:
    """Values that lost to a concurrent edit on another PC, to review."""
    with open_book(book) as b:
        rows = b.sync.conflicts()
    if as_json:
        echo_json(rows)
        return
    if not rows:
        click.echo(_("没有同步冲突。", "No sync conflicts."))
    for c in rows:
        click.echo(
            f"{c['label']} · {c['current']!r} / {c['value']!r}  [{c['kind_label']}]  "
            f"({c['by_replica']}, {c['by_user']}, {c['at']})  {c['loser_change']}"
        )


@sync.command("resolve")
@click.argument("book", type=click.Path(exists=True, dir_okay=False))
@click.argument("change")
@click.option(
    "--apply", "apply_other", is_flag=True, help="Take the losing value instead of the current one."
)
@click.option("--note", default="")
def resolve_cmd(book: str, change: str, apply_other: bool, note: str) -> None:
    """Close a conflict on every PC: keep the current value (default) or --apply the other one."""
    with open_book(book) as b:
        b.sync.resolve(change, apply=apply_other, note=note)
    click.echo(_("已处理。", "Resolved."))


@sync.command("folder")
@click.argument("book", type=click.Path(exists=True, dir_okay=False))
@click.argument("folder", required=False, type=click.Path(file_okay=False))
@click.option("--unset", is_flag=True, help="Stop using a sync folder.")
@click.option("--json", "as_json", is_flag=True)
def folder_cmd(book: str, folder: str | None, unset: bool, as_json: bool) -> None:
    """Set the sync folder (a LAN share or cloud-drive folder) and run one exchange with it."""
    with open_book(book) as b:
        if unset:
            b.sync.set_folder(None)
            click.echo(_("已取消同步文件夹。", "The sync folder is no longer used."))
            return
        if folder:
            b.sync.set_folder(folder)
        result = b.sync.exchange_folder()
    if as_json:
        echo_json(result)
        return
    wrote = result["wrote"]
    click.echo(_("写出：{w}", "Wrote: {w}", w=f"{wrote['changes']} changes" if wrote else "—"))
    for r in result["read"]:
        click.echo(_("读入 {f}：新修改 {n} 条", "Read {f}: {n} new changes", f=r["file"], n=r["applied"]))
    for e in result["errors"]:
        click.secho(e, err=True, fg="red")
    if result["errors"]:
        raise SystemExit(1)


@click.group()
def replica() -> None:
    """Copies of a book on other PCs: seed a new one, join, retire, take a new identity."""


@replica.command("seed")
@click.argument("book", type=click.Path(exists=True, dir_okay=False))
@click.argument("file", type=click.Path(dir_okay=False))
def seed_cmd(book: str, file: str) -> None:
    """Write a seed file (a full copy and the trusted replicas, sealed with a passphrase) for a new PC."""
    with open_book(book) as b:
        passphrase = read_password(_("种子文件口令", "Seed passphrase"), env=SEED_ENV, confirm=True)
        result = b.sync.seed(file, passphrase)
    click.echo(
        _(
            "已写出种子文件 {f}（{k} 字节）；在新电脑上用 replica join 加入。",
            "Wrote the seed file {f} ({k} bytes); on the new PC run replica join.",
            f=file,
            k=result["bytes"],
        )
    )


@replica.command("join")
@click.argument("seedfile", type=click.Path(exists=True, dir_okay=False))
@click.argument("newbook", type=click.Path(dir_okay=False))
@click.option("--name", required=True, help="A name people recognise, e.g. 东岭村会计室.")
@click.pass_context
def join_cmd(ctx: click.Context, seedfile: str, newbook: str, name: str) -> None:
    """Make a new replica of the book on this PC from a seed file."""
    user = ctx.find_root().meta.get("jointledger.user")
    with user_errors():
        passphrase = read_password(_("种子文件口令", "Seed passphrase"), env=SEED_ENV)
        try:
            book = Sync.join(seedfile, newbook, name, passphrase, user=user)
        except LoginRequired as e:
            book = Sync.join(seedfile, newbook, name, passphrase, user=user, password=read_password(str(e)))
        rid = book.replica_id
        book.close()
    click.echo(
        _(
            "已创建 {b}，新副本“{n}”（{r}）。",
            "Created {b}: the new replica “{n}” ({r}).",
            b=newbook,
            n=name,
            r=rid[:8],
        )
    )


@replica.command("list")
@click.argument("book", type=click.Path(exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True)
def list_cmd(book: str, as_json: bool) -> None:
    """The replicas of the book."""
    with open_book(book, readonly=True) as b:
        rows = b.sync.replicas()
        me = b.replica_id
    if as_json:
        echo_json(rows)
        return
    for r in rows:
        mark = "*" if r["id"] == me else ("x" if r["retired"] else " ")
        click.echo(f"{mark} {r['id']}  {r['name']}")


@replica.command("retire")
@click.argument("book", type=click.Path(exists=True, dir_okay=False))
@click.argument("replica_name")
def retire_cmd(book: str, replica_name: str) -> None:
    """Retire a replica (id or name): what it writes from now on is refused on every PC, whoever carries it."""
    with open_book(book) as b:
        b.sync.retire(replica_name)
    click.echo(_("已停用。", "Retired."))


@replica.command("name")
@click.argument("book", type=click.Path(exists=True, dir_okay=False))
@click.argument("name")
def name_cmd(book: str, name: str) -> None:
    """Name this copy of the book the way people know it, e.g. 东岭村会计室."""
    with open_book(book) as b:
        b.sync.rename(name)
    click.echo(_("本副本现在叫“{n}”。", "This replica is now called “{n}”.", n=name))


@replica.command("posting")
@click.argument("book", type=click.Path(exists=True, dir_okay=False))
@click.argument("replica_name")
def posting_cmd(book: str, replica_name: str) -> None:
    """Hand voucher posting (and numbering) over to another replica; run it on the posting replica."""
    with open_book(book) as b:
        b.sync.hand_over_posting(replica_name)
    click.echo(
        _(
            "记账已交给“{r}”，同步后生效。",
            "Posting is handed over to “{r}” once it has synced.",
            r=replica_name,
        )
    )


@replica.command("renew")
@click.argument("book", type=click.Path(exists=True, dir_okay=False))
@click.option("--name", required=True)
def renew_cmd(book: str, name: str) -> None:
    """After a copy or restore was detected at open: continue this book as a new replica its peers accept."""
    with open_book(book) as b:
        rid = b.sync.renew_identity(name)
    click.echo(
        _(
            "本账簿现在是新副本“{n}”（{r}）。",
            "This book is now the new replica “{n}” ({r}).",
            n=name,
            r=rid[:8],
        )
    )


def register(cli: click.Group) -> None:
    """Add this feature's commands to the ``jointledger`` group."""
    cli.add_command(sync)
    cli.add_command(replica)
