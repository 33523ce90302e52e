"""CLI commands of the distribution feature: distribute, meeting, plan-notice, objection, statements, notice,
verify, payout, payouts, payback, payfile, signsheet, certificates."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from app.cli.common import CliError, echo_json, open_book, progress_bar, read_password, user_errors
from app.core import Book, _, format_fen, read_plan, to_fen
from app.core import pdf_keys as keys


def _passphrase(book: Book) -> str:
    """The signing passphrase from JOINTLEDGER_PASSPHRASE or a prompt (twice when the key is new)."""
    new = not keys.has_key(book)
    if new:
        click.echo(
            _(
                "这个账簿在本机还没有签名密钥，现在生成。",
                "This book has no signing key on this PC; making one now.",
            ),
            err=True,
        )
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
@click.option(
    "--plan", "plan_path", required=True, type=click.Path(dir_okay=False), help="The plan, a TOML file."
)
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
    click.echo(
        f"  {'向成员分配':<16}{format_fen(data['pool_fen']):>18}"
        + ("  (保底已按比例削减)" if data["fixed_cut"] else "")
    )
    for c in data["collective"]:
        click.echo(
            f"  {'集体股 ' + c['name']:<16}{format_fen(c['amount_fen']):>18}  → {data['collective_to']}"
        )
    if data["remainder_fen"]:
        click.echo(f"  {'尾差':<16}{format_fen(data['remainder_fen']):>18}  → {data['remainder_to']}")
    if data["deductions_fen"]:
        click.echo(f"  {'代扣':<16}{format_fen(data['deductions_fen']):>18}")
    rates = {
        n: f["rate_fen_per_unit"] for n, f in data["classes"].items() if f["rate_fen_per_unit"] is not None
    }
    if rates:
        click.echo("  每股: " + "，".join(f"{n} {format_fen(r)}" for n, r in rates.items()))
    click.echo(f"{'编号':<8}{'名称':<20}" + "".join(f"{n:>14}" for n in names) + f"{'合计':>16}")
    for m in data["members"]:
        click.echo(
            f"{m['code']:<8}{m['name'][:10]:<20}"
            + "".join(f"{format_fen(m['classes'].get(n, 0)):>14}" for n in names)
            + f"{format_fen(m['amount_fen']):>16}"
        )
    if dry_run:
        click.echo(_("试算，未过账。", "Dry run: nothing posted."))
    else:
        click.echo(
            _(
                "已生成分配凭证（草稿），请由审核人审核并记账。",
                "The distribution voucher was made as a draft; a reviewer must review and post it.",
            )
        )


@click.command()
@click.argument("book", type=click.Path(exists=True, dir_okay=False))
@click.option("--year", type=int, required=True)
@click.option(
    "--out", "out_dir", required=True, type=click.Path(file_okay=False), help="Folder for the PDFs."
)
@click.option("--member", "members", multiple=True, help="Only this member code (repeatable).")
def statements(book: str, year: int, out_dir: str, members: tuple[str, ...]) -> None:
    """Signed statements (收益分配明细单), one PDF per member."""
    with open_book(book) as b:
        secret = _passphrase(b)
        report, finish = progress_bar(_("明细单", "statements"))
        try:
            paths = b.distribution.write_statements(
                year, out_dir, passphrase=secret, members=list(members) or None, progress=report
            )
        finally:
            finish()
    click.echo(_("已生成 {n} 份签名明细单：{d}", "{n} signed statements in {d}", n=len(paths), d=out_dir))


@click.command()
@click.argument("book", type=click.Path(exists=True, dir_okay=False))
@click.option("--year", type=int, required=True)
@click.option("--out", "out_file", required=True, type=click.Path(dir_okay=False))
@click.option(
    "--start",
    default=None,
    help="First day of the posting period, YYYY-MM-DD (default: the plan's, else today).",
)
@click.option(
    "--days", type=int, default=None, help="Days of the posting period (default: the plan's, else 7)."
)
@click.option("--objections", default=None, help="Where objections go.")
@click.option("--paper", type=click.Choice(["A4", "A3"]), default="A4", show_default=True)
def notice(
    book: str,
    year: int,
    out_file: str,
    start: str | None,
    days: int | None,
    objections: str | None,
    paper: str,
) -> None:
    """The signed public notice (收益分配公示) for the village square."""
    with open_book(book) as b:
        path = b.distribution.write_notice(
            year,
            out_file,
            passphrase=_passphrase(b),
            start=start,
            days=days,
            objections=objections,
            paper=paper,
        )
    click.echo(_("已生成签名公示：{p}", "Signed notice: {p}", p=path))


def _show_document(doc: dict) -> None:
    if doc["kind"] == "statement":
        click.echo(f"{doc['org']} {doc['year']}年度收益分配明细单")
        click.echo(f"  成员 {doc['code']} {doc['name']}  证件 {doc['id_masked']}")
        for r in doc["rows"]:
            click.echo(f"  {r['label']:<20}{r['units']:>16}{format_fen(r['amount_fen']):>16}")
        click.echo(f"  合计 {format_fen(doc['amount_fen'])}  {doc['words']}")
    else:
        click.echo(
            f"{doc['org']} {doc['year']}年度收益分配公示：{len(doc['members'])} 户/个，"
            f"合计 {format_fen(doc['pool_fen'])}，公示期 {doc['start']} 起 {doc['days']} 天"
        )


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
@click.option(
    "--book",
    "book_path",
    type=click.Path(exists=True, dir_okay=False),
    help="Check the figures against this book.",
)
@click.option(
    "--code", default=None, help="TARGET is the book: show what the statement with this printed code said."
)
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
            raise CliError(
                _(
                    "请给出 PDF 文件，或用 --code 核对账簿中的校验码。",
                    "Give a PDF file, or a book with --code.",
                )
            )
        if book_path:
            with open_book(book_path, readonly=True) as b:
                result = b.distribution.verify_file(target)
        else:
            with user_errors():
                from app.core import verify_file  # pyHanko loads only when verifying

                result = verify_file(target)
        ok = result["ok"]
    if as_json:
        echo_json(result)
    elif code:
        click.echo(
            _(
                "校验码 {c}：{k}，签署于 {t}",
                "Code {c}: {k}, signed {t}",
                c=result["code"],
                k=result["kind"],
                t=result["signed_at"],
            )
        )
        _show_document(result["document"])
        click.echo(
            _("与账簿一致。", "Matches the book.")
            if ok
            else _("与账簿现有分配不一致！", "Does NOT match the book's distribution!")
        )
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
@click.option(
    "--from", "from_account", required=True, help="Cash or bank account code the money leaves from."
)
@click.option("--amount", default=None, help="Yuan (default: all that is unpaid).")
@click.option("--paid-by", default=None, help="Who handed the money over (default: the user).")
def payout(
    book: str, year: int, member: str, date: str, from_account: str, amount: str | None, paid_by: str | None
) -> None:
    """Record a payment of the distribution to a member (a draft voucher for review)."""
    with open_book(book) as b:
        fen = to_fen(amount, "amount") if amount is not None else None
        vid = b.distribution.pay(
            year, member, date=date, from_account=from_account, amount_fen=fen, paid_by=paid_by
        )
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
        click.echo(
            f"{r['code']:<8}{r['name'][:10]:<20}{format_fen(r['amount_fen']):>14}{format_fen(r['paid_fen']):>14}"
            f"{format_fen(r['pending_fen']):>14}{format_fen(r['unpaid_fen']):>14}  {r['paid_by'] or ''} {r['last_paid_on'] or ''}"
        )


@click.command()
@click.argument("book", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--plan", "plan_path", required=True, type=click.Path(dir_okay=False), help="The plan voted on."
)
@click.option("--date", "held_on", required=True, help="YYYY-MM-DD")
@click.option(
    "--body", type=click.Choice(["成员大会", "成员代表大会"]), default="成员代表大会", show_default=True
)
@click.option("--entitled", type=int, required=True, help="Members (or representatives) entitled to vote.")
@click.option("--attended", type=int, required=True)
@click.option("--for", "votes_for", type=int, required=True)
@click.option("--against", "votes_against", type=int, default=0)
@click.option("--abstained", type=int, default=0)
@click.option("--resolution", required=True, help="The resolution's number.")
@click.option("--json", "as_json", is_flag=True)
def meeting(
    book: str,
    plan_path: str,
    held_on: str,
    body: str,
    entitled: int,
    attended: int,
    votes_for: int,
    votes_against: int,
    abstained: int,
    resolution: str,
    as_json: bool,
) -> None:
    """Record the 成员（代表）大会 that voted on a plan (adopted: two thirds attend, more than half of them for).

    \b
    Example:
      jointledger meeting village.jlbook --plan plan.toml --date 2027-01-03 --entitled 45 --attended 38 \\
        --for 35 --against 2 --abstained 1 --resolution "东岭股联〔2027〕1号"
    """
    with user_errors():
        plan = read_plan(plan_path)
    with open_book(book) as b:
        row = b.distribution.record_meeting(
            plan,
            held_on=held_on,
            body=body,
            entitled=entitled,
            attended=attended,
            votes_for=votes_for,
            votes_against=votes_against,
            abstained=abstained,
            resolution=resolution,
        )
    if as_json:
        echo_json({k: v for k, v in row.items() if k != "plan"})
    elif row["adopted"]:
        click.echo(_("方案已通过（{r}）。", "The plan was adopted ({r}).", r=row["resolution"]))
    else:
        click.echo(_("方案未获通过（{r}）。", "The plan was NOT adopted ({r}).", r=row["resolution"]))


@click.command("plan-notice")
@click.argument("book", type=click.Path(exists=True, dir_okay=False))
@click.option("--plan", "plan_path", required=True, type=click.Path(dir_okay=False))
@click.option("--out", "out_file", required=True, type=click.Path(dir_okay=False))
@click.option("--start", default=None, help="First day of the posting period, YYYY-MM-DD (default: today).")
@click.option(
    "--days", type=int, default=None, help="Days of the posting period (default: the plan's, else 7)."
)
@click.option("--objections", default=None, help="Where objections go.")
@click.option("--paper", type=click.Choice(["A4", "A3"]), default="A4", show_default=True)
def plan_notice(
    book: str,
    plan_path: str,
    out_file: str,
    start: str | None,
    days: int | None,
    objections: str | None,
    paper: str,
) -> None:
    """Print the 方案公示 (the plan and each household's amount, marked as a plan) and record its period.

    \b
    Example:
      jointledger plan-notice village.jlbook --plan plan.toml --out 方案公示.pdf --start 2027-01-05 --days 7
    """
    with user_errors():
        plan = read_plan(plan_path)
    with open_book(book) as b:
        path = b.distribution.write_plan_notice(
            plan, out_file, start=start, days=days, objections=objections, paper=paper
        )
    click.echo(_("已生成方案公示：{p}", "Plan notice: {p}", p=path))


@click.group()
def objection() -> None:
    """The objection register of a year's plan: add, answer, list.

    \b
    Example:
      jointledger objection add village.jlbook --year 2026 --by 李秀英 --member H2 --date 2027-01-07 --about "农龄少算一年"
      jointledger objection answer village.jlbook ID --date 2027-01-09 --answer "核对档案无误" --resolved
      jointledger objection list village.jlbook --year 2026
    """


@objection.command("add")
@click.argument("book", type=click.Path(exists=True, dir_okay=False))
@click.option("--year", type=int, required=True)
@click.option("--by", "raised_by", required=True, help="Who objects.")
@click.option("--member", default=None, help="The member code it concerns.")
@click.option("--date", "raised_on", required=True, help="YYYY-MM-DD")
@click.option("--about", required=True)
def objection_add(
    book: str, year: int, raised_by: str, member: str | None, raised_on: str, about: str
) -> None:
    """Register an objection to the year's plan."""
    with open_book(book) as b:
        oid = b.distribution.raise_objection(
            year, raised_by=raised_by, raised_on=raised_on, about=about, member=member
        )
    click.echo(_("已登记异议 {i}", "Objection {i} registered", i=oid[:8]))


@objection.command("answer")
@click.argument("book", type=click.Path(exists=True, dir_okay=False))
@click.argument("objection_id")
@click.option("--answer", required=True)
@click.option("--date", "answered_on", required=True, help="YYYY-MM-DD")
@click.option("--resolved", is_flag=True, help="The objection is settled.")
def objection_answer(book: str, objection_id: str, answer: str, answered_on: str, resolved: bool) -> None:
    """Record the answer to an objection (ID: its first characters are enough)."""
    with open_book(book) as b:
        b.distribution.answer_objection(
            objection_id, answer=answer, answered_on=answered_on, resolved=resolved
        )
    click.echo(_("已答复。", "Answered."))


@objection.command("list")
@click.argument("book", type=click.Path(exists=True, dir_okay=False))
@click.option("--year", type=int, required=True)
@click.option("--json", "as_json", is_flag=True)
def objection_list(book: str, year: int, as_json: bool) -> None:
    """The objection register."""
    with open_book(book, readonly=True) as b:
        rows = b.distribution.objections(year)
    if as_json:
        echo_json(rows)
        return
    for r in rows:
        state = _("已解决", "resolved") if r["resolved"] else _("未解决", "open")
        click.echo(
            f"{r['id'][:8]}  {r['raised_on']}  {r['raised_by']} {r['member_code'] or ''}  {r['about']}  "
            f"{state} {r['answered_on'] or ''} {r['answer']}"
        )


@click.command()
@click.argument("book", type=click.Path(exists=True, dir_okay=False))
@click.option("--year", type=int, required=True)
@click.option(
    "--bank",
    default="通用",
    show_default=True,
    help="The bank's template: 通用, 农商银行, 农业银行, 邮储银行.",
)
@click.option("--out", "out_file", required=True, type=click.Path(dir_okay=False), help="F.xlsx or F.csv")
@click.option(
    "--columns",
    default=None,
    help="Map to another bank's titles, in its order: 户名=收款人姓名,账号=收款账号,金额=交易金额,开户行=收款行,用途=摘要",
)
def payfile(book: str, year: int, bank: str, out_file: str, columns: str | None) -> None:
    """The bank's batch-payment file (代发: 户名, 账号, 金额, 开户行, 用途) of the bank payouts recorded.

    \b
    Example:
      jointledger payfile village.jlbook --year 2026 --bank 农商银行 --out 代发2026.xlsx
      jointledger payfile village.jlbook --year 2026 --out 代发.csv --columns 户名=收款人,账号=卡号,金额=金额
    """
    mapping = None
    if columns:
        pairs = [item.split("=", 1) for item in columns.split(",") if item.strip()]
        if any(len(p) != 2 for p in pairs):
            raise CliError(
                _("--columns 写成 户名=标题,账号=标题,…", "--columns is written 户名=title,账号=title,…")
            )
        mapping = {k.strip(): v.strip() for k, v in pairs}
    with open_book(book, readonly=True) as b:
        result = b.distribution.write_payfile(year, bank, out_file, mapping)
    click.echo(
        _(
            "代发文件 {p}：{n} 笔，合计 {t}，与发放记录一致。",
            "Batch file {p}: {n} payments, {t} in all, matching the payouts.",
            p=result["path"],
            n=result["rows"],
            t=format_fen(result["total_fen"]),
        )
    )


@click.command()
@click.argument("book", type=click.Path(exists=True, dir_okay=False))
@click.option("--year", type=int, required=True)
@click.option("--out", "out_file", required=True, type=click.Path(dir_okay=False))
def signsheet(book: str, year: int, out_file: str) -> None:
    """The cash 签领表 (household, amount in figures and 大写, 签名/手印 box, date) of the cash payouts recorded.

    \b
    Example:
      jointledger signsheet village.jlbook --year 2026 --out 签领表2026.pdf
    """
    with open_book(book, readonly=True) as b:
        result = b.distribution.write_signsheet(year, out_file)
    click.echo(
        _(
            "签领表 {p}：{n} 户，合计 {t}。",
            "Signature sheet {p}: {n} households, {t} in all.",
            p=result["path"],
            n=result["rows"],
            t=format_fen(result["total_fen"]),
        )
    )


@click.command()
@click.argument("book", type=click.Path(exists=True, dir_okay=False))
@click.option("--year", type=int, required=True)
@click.option("--member", required=True, help="Member code.")
@click.option("--date", "date", required=True, help="YYYY-MM-DD")
@click.option("--reason", required=True, help="Why the bank sent it back.")
def payback(book: str, year: int, member: str, date: str, reason: str) -> None:
    """A bank payment sent back (a wrong account): a draft voucher; the member's payout is open again.

    \b
    Example:
      jointledger payback village.jlbook --year 2026 --member H0012 --date 2027-01-20 --reason "账号有误"
    """
    with open_book(book) as b:
        vid = b.distribution.return_payment(year, member, date=date, reason=reason)
    click.echo(_("已生成退回凭证（草稿）{v}", "Return voucher (draft) {v}", v=vid))


@click.command()
@click.argument("book", type=click.Path(exists=True, dir_okay=False))
@click.option("--out", "out_dir", default=None, type=click.Path(file_okay=False), help="Folder for the PDFs.")
@click.option("--date", "issued_on", default=None, help="Issue date and date of the holdings, YYYY-MM-DD.")
@click.option("--member", "members", multiple=True, help="Only this member code (repeatable).")
@click.option("--register", "show_register", is_flag=True, help="List the certificates issued and replaced.")
@click.option("--json", "as_json", is_flag=True)
def certificates(
    book: str,
    out_dir: str | None,
    issued_on: str | None,
    members: tuple[str, ...],
    show_register: bool,
    as_json: bool,
) -> None:
    """Share certificates (股权证) per household from its holdings; a changed holding gets a new one replacing the old.

    \b
    Example:
      jointledger certificates village.jlbook --date 2027-01-10 --out 股权证/
      jointledger certificates village.jlbook --register
    """
    if show_register:
        with open_book(book, readonly=True) as b:
            rows = b.distribution.certificate_register()
        if as_json:
            echo_json(rows)
        for r in rows if not as_json else []:
            state = (
                _("由 {n} 换发", "replaced by {n}", n=r["replaced_by"])
                if r["replaced_by"]
                else _("有效", "in force")
            )
            click.echo(f"{r['number']}  {r['code']:<8}{r['name'][:10]:<12}{r['issued_on']}  {state}")
        return
    if not out_dir or not issued_on:
        raise CliError(
            _("请给出 --out 和 --date，或用 --register 查看登记簿。", "Give --out and --date, or --register.")
        )
    with open_book(book) as b:
        paths = b.distribution.issue_certificates(out_dir, issued_on=issued_on, members=list(members) or None)
    click.echo(_("已生成 {n} 份股权证：{d}", "{n} share certificates in {d}", n=len(paths), d=out_dir))


def register(cli: click.Group) -> None:
    """Add this feature's commands to the ``jointledger`` group."""
    for command in (
        distribute,
        meeting,
        plan_notice,
        objection,
        statements,
        notice,
        verify,
        payout,
        payouts,
        payback,
        payfile,
        signsheet,
        certificates,
    ):
        cli.add_command(command)
