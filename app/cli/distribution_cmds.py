"""CLI commands of the distribution feature: distribute, statements, notice, verify, payout, payouts."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from app.cli.common import CliError, echo_json, open_book, progress_bar, read_password, user_errors
from app.core.book import Book
from app.core.distribution import read_plan
from app.core.i18n import _
from app.core.money import format_fen, to_fen
from app.core.pdf import keys


def _passphrase(book: Book) -> str:
    """The signing passphrase from JOINTLEDGER_PASSPHRASE or a prompt (twice when the key is new)."""
    new = not keys.has_key(book)
    if new:
        click.echo(_("这个账簿在本机还没有签名密钥，现在生成。", "This book has no signing key on this PC; making one now."), err=True)
    return read_password(_("签名口令", "Signing passphrase"), env=keys.PASSPHRASE_ENV, confirm=new)


def make_signing_key(book: Book) -> None:
    """The hook of ``init`` and ``demo``: the book's signing key, made when the book is set up (passphrase from
    JOINTLEDGER_PASSPHRASE or a prompt); without either it is made when first needed."""
    if keys.has_key(book) or not (keys.env_passphrase() or sys.stdin.isatty()):
        return
    with user_errors():
        keys.create_key(book, _passphrase(book))


@click.command()
@click.argument("book", type=click.Path(exists=True, dir_okay=False))
@click.option("--plan", "plan_path", required=True, type=click.Path(dir_okay=False), help="The plan, a TOML file.")
@click.option("--dry-run", is_flag=True, help="Show who gets what; post nothing.")
@click.option("--json", "as_json", is_flag=True)
def distribute(book: str, plan_path: str, dry_run: bool, as_json: bool) -> None:
    """Compute the year's distribution from a plan and post it as a draft voucher (收益分配)."""
    with user_errors():
        plan = read_plan(plan_path)
    with open_book(book, readonly=dry_run) as b:
        preview = b.distribution.preview(plan)
        if not dry_run:
            b.distribution.post(plan)
    data = preview.as_json()
    if as_json:
        echo_json(data)
        return
    names = list(data["class_totals"])
    click.echo(f"{data['year']} 可分配收益 {format_fen(data['distributable_fen'])}")
    for w in data["withholdings"]:
        click.echo(f"  {w['name']:<16}{format_fen(w['amount_fen']):>18}")
    click.echo(f"  {'向成员分配':<16}{format_fen(data['pool_fen']):>18}" + ("  (保底已按比例削减)" if data["fixed_cut"] else ""))
    click.echo(f"{'编号':<8}{'名称':<20}" + "".join(f"{n:>14}" for n in names) + f"{'合计':>16}")
    for m in data["members"]:
        click.echo(f"{m['code']:<8}{m['name'][:10]:<20}" + "".join(f"{format_fen(m['classes'].get(n, 0)):>14}" for n in names)
                   + f"{format_fen(m['amount_fen']):>16}")
    if dry_run:
        click.echo(_("试算，未过账。", "Dry run: nothing posted."))
    else:
        click.echo(_("已生成分配凭证（草稿），请由审核人审核并记账。", "The distribution voucher was made as a draft; a reviewer must review and post it."))


@click.command()
@click.argument("book", type=click.Path(exists=True, dir_okay=False))
@click.option("--year", type=int, required=True)
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False), help="Folder for the PDFs.")
@click.option("--member", "members", multiple=True, help="Only this member code (repeatable).")
def statements(book: str, year: int, out_dir: str, members: tuple[str, ...]) -> None:
    """Signed statements (收益分配明细单), one PDF per member."""
    with open_book(book) as b:
        secret = _passphrase(b)
        report, finish = progress_bar(_("明细单", "statements"))
        try:
            paths = b.distribution.write_statements(year, out_dir, passphrase=secret, members=list(members) or None, progress=report)
        finally:
            finish()
    click.echo(_("已生成 {n} 份签名明细单：{d}", "{n} signed statements in {d}", n=len(paths), d=out_dir))


@click.command()
@click.argument("book", type=click.Path(exists=True, dir_okay=False))
@click.option("--year", type=int, required=True)
@click.option("--out", "out_file", required=True, type=click.Path(dir_okay=False))
@click.option("--start", default=None, help="First day of the posting period, YYYY-MM-DD (default: the plan's, else today).")
@click.option("--days", type=int, default=None, help="Days of the posting period (default: the plan's, else 7).")
@click.option("--objections", default=None, help="Where objections go.")
@click.option("--paper", type=click.Choice(["A4", "A3"]), default="A4", show_default=True)
def notice(book: str, year: int, out_file: str, start: str | None, days: int | None, objections: str | None, paper: str) -> None:
    """The signed public notice (收益分配公示) for the village square."""
    with open_book(book) as b:
        path = b.distribution.write_notice(year, out_file, passphrase=_passphrase(b), start=start, days=days,
                                           objections=objections, paper=paper)
    click.echo(_("已生成签名公示：{p}", "Signed notice: {p}", p=path))


def _show_document(doc: dict) -> None:
    if doc["kind"] == "statement":
        click.echo(f"{doc['org']} {doc['year']}年度收益分配明细单")
        click.echo(f"  成员 {doc['code']} {doc['name']}  证件 {doc['id_masked']}")
        for r in doc["rows"]:
            click.echo(f"  {r['label']:<20}{r['units']:>16}{format_fen(r['amount_fen']):>16}")
        click.echo(f"  合计 {format_fen(doc['amount_fen'])}  {doc['words']}")
    else:
        click.echo(f"{doc['org']} {doc['year']}年度收益分配公示：{len(doc['members'])} 户/个，"
                   f"合计 {format_fen(doc['pool_fen'])}，公示期 {doc['start']} 起 {doc['days']} 天")


def _show_signature(result: dict, with_book: bool) -> None:
    """What the signature proves: without the book only that the file is unchanged, never who signed it."""
    intact = result["signed"] and result["intact"] and result["valid"] and result["whole_file"]
    if not result["signed"]:
        click.echo(_("文件没有签名。", "The file is not signed."))
    elif not intact:
        click.echo(_("签名无效：文件在签名后被改动过。", "The signature is NOT valid: the file was changed after signing."))
    elif not with_book:
        click.echo(_("签名完好（文件未被改动），但签名人未核实：证书自称“{s}”，任何人都能制作这样的证书。",
                     "The signature is intact (the file is unchanged), but the signer is NOT checked: the certificate "
                     "claims to be “{s}”, and anyone can make such a certificate.", s=result["signer"]))
    elif result["trusted"]:
        click.echo(_("签名完好：{s} 签署于 {t}（这个账簿的签名证书）", "Signature intact: signed by {s} at {t} (this book's certificate)",
                     s=result["signer"], t=result["signed_at"]))
    else:
        click.echo(_("签名证书不是这个账簿的：证书自称“{s}”。", "The signing certificate is not this book's: it claims to be “{s}”.",
                     s=result["signer"]))
    if result["fingerprint"]:
        click.echo(_("签名证书指纹 SHA-256：{f}", "Signer certificate SHA-256 fingerprint: {f}", f=result["fingerprint"]))
    if intact and not with_book:
        click.echo(_("请与明细单上印的指纹核对，或加 --book 账簿文件 核对签名人和数字。",
                     "Compare it with the fingerprint printed on the document, or add --book BOOK to check the signer and figures."))
    if with_book and intact and result["trusted"]:
        if not result.get("printed_matches"):
            click.echo(_("页面上印的成员、金额或年度与账簿不一致！", "The member, amounts or year printed on the pages do NOT match the book!"))
        else:
            click.echo(_("数字与账簿一致。", "The figures match the book.") if result.get("figures_match")
                       else _("数字与账簿不一致！", "The figures do NOT match the book!"))


@click.command()
@click.argument("target", type=click.Path(exists=True, dir_okay=False))
@click.option("--book", "book_path", type=click.Path(exists=True, dir_okay=False), help="Check the figures against this book.")
@click.option("--code", default=None, help="TARGET is the book: show what the statement with this printed code said.")
@click.option("--json", "as_json", is_flag=True)
def verify(target: str, book_path: str | None, code: str | None, as_json: bool) -> None:
    """Check a signed statement or notice (FILE.pdf [--book BOOK]), or a printed copy by its code (BOOK --code CODE).

    Without --book an intact signature exits 3: the file is unchanged, but who signed it is not checked."""
    if code:
        with open_book(target, readonly=True) as b:
            result = b.distribution.verify_code(code)
        ok = result["figures_match"]
    else:
        if Path(target).suffix.lower() != ".pdf":
            raise CliError(_("请给出 PDF 文件，或用 --code 核对账簿中的校验码。", "Give a PDF file, or a book with --code."))
        if book_path:
            with open_book(book_path, readonly=True) as b:
                result = b.distribution.verify_file(target)
        else:
            with user_errors():
                from app.core.distribution.verify import verify_file  # pyHanko loads only when verifying

                result = verify_file(target)
        ok = result["ok"]
    if as_json:
        echo_json(result)
    elif code:
        click.echo(_("校验码 {c}：{k}，签署于 {t}", "Code {c}: {k}, signed {t}", c=result["code"], k=result["kind"], t=result["signed_at"]))
        _show_document(result["document"])
        click.echo(_("与账簿一致。", "Matches the book.") if ok else _("与账簿现有分配不一致！", "Does NOT match the book's distribution!"))
    else:
        _show_signature(result, bool(book_path))
    if not ok:
        # 3: intact but nobody checked who signed (no book); 1: refused
        raise SystemExit(3 if not code and not book_path and result["ok_without_book"] else 1)


@click.command()
@click.argument("book", type=click.Path(exists=True, dir_okay=False))
@click.option("--year", type=int, required=True)
@click.option("--member", required=True, help="Member code.")
@click.option("--date", "date", required=True, help="YYYY-MM-DD")
@click.option("--from", "from_account", required=True, help="Cash or bank account code the money leaves from.")
@click.option("--amount", default=None, help="Yuan (default: all that is unpaid).")
@click.option("--paid-by", default=None, help="Who handed the money over (default: the user).")
def payout(book: str, year: int, member: str, date: str, from_account: str, amount: str | None, paid_by: str | None) -> None:
    """Record a payment of the distribution to a member (a draft voucher for review)."""
    with open_book(book) as b:
        fen = to_fen(amount, "amount") if amount is not None else None
        vid = b.distribution.pay(year, member, date=date, from_account=from_account, amount_fen=fen, paid_by=paid_by)
    click.echo(_("已生成发放凭证（草稿）{v}", "Payment voucher (draft) {v}", v=vid))


@click.command()
@click.argument("book", type=click.Path(exists=True, dir_okay=False))
@click.option("--year", type=int, required=True)
@click.option("--json", "as_json", is_flag=True)
def payouts(book: str, year: int, as_json: bool) -> None:
    """Who has been paid, who is pending, who is unpaid."""
    with open_book(book, readonly=True) as b:
        rows = b.distribution.payouts(year)
    if as_json:
        echo_json(rows)
        return
    for r in rows:
        click.echo(f"{r['code']:<8}{r['name'][:10]:<20}{format_fen(r['amount_fen']):>14}{format_fen(r['paid_fen']):>14}"
                   f"{format_fen(r['pending_fen']):>14}{format_fen(r['unpaid_fen']):>14}  {r['paid_by'] or ''} {r['last_paid_on'] or ''}")


def register(cli: click.Group) -> None:
    """Add this feature's commands to the ``jointledger`` group."""
    for command in (distribute, statements, notice, verify, payout, payouts):
        cli.add_command(command)
