"""A realistic demo book: a joint operation of several villages, or a village collective with its households,
with members, holdings, assets and a year of posted vouchers. Deterministic for a given seed."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from app.core.assets import target_accumulated
from app.core.book import Book
from app.core.ids import make_credit_code, make_resident_id
from app.core.ops import Op
from app.core.pdf import keys
from app.core.periods import month_end
from app.core.progress import NEVER_CANCELLED, CancelToken, Progress, no_progress
from app.core.trust.users import add_demo_users
from app.core.vouchers import LineInput

VILLAGES = ["东岭村", "西坡村", "南塘村", "北山村", "石桥村", "柳溪村", "桃园村", "青石村"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢"
GIVEN = "建国秀英桂兰志强海燕春生玉珍德明丽华永红国华小平金凤文杰淑芬宏伟晓东红梅长青丰收"
PREPARER = "会计"
REVIEWER = "审核"
HEAD = "主任"  # approves the distribution plan


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def build_demo(
    path: Path | str,
    *,
    kind: str = "joint",
    year: int | None = None,
    households: int = 120,
    seed: int = 2026,
    progress: Progress = no_progress,
    cancel: CancelToken = NEVER_CANCELLED,
) -> Book:
    """Create the demo book at ``path`` (a year of books for ``year``, default last year) and return it open."""
    rng = random.Random(seed)
    year = year or dt.date.today().year - 1
    if kind == "joint":
        name, code = "东岭片区强村联营有限公司", make_credit_code("91330106MA2H0000" + "1")
    else:
        name, code = "东岭村股份经济合作社", make_credit_code("N2330106MF000000" + "2")
    book = Book.create(path, name=name, kind=kind, credit_code=code, start=f"{year}-01", user=PREPARER)
    try:
        _fill(book, rng, kind, year, households, progress, cancel)
        add_demo_users(book)
        if keys.env_passphrase():  # the signing key, made when the book is set up
            keys.create_key(book)
    except BaseException:
        book.close()
        raise
    return book


def _fill(book: Book, rng: random.Random, kind: str, year: int, households: int, progress: Progress, cancel: CancelToken) -> None:
    start = f"{year}-01-01"
    for bank in ("农商银行营业部", "邮储银行"):
        book.accounts.add_sub("102", bank)
    villages = VILLAGES[:6] if kind == "joint" else ["东岭村"]
    groups: list[str] = []
    with book.transact(Op.DEMO):
        for i, v in enumerate(villages, start=1):
            book.members.add(
                code=f"V{i:02d}",
                name=f"{v}股份经济合作社",
                kind="collective",
                id_number=make_credit_code(f"N2330106MF{i:06d}0"),
                bank="农商银行",
                bank_account=f"62150{i:04d}{rng.randrange(10**9):09d}",
                joined=start,
            )
        if kind == "collective":
            for g in range(1, 6):
                groups.append(book.members.add(code=f"G{g:02d}", name=f"第{g}村民小组", kind="collective", parent="V01"))
            for h in range(1, households + 1):
                born = dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(20000))
                book.members.add(
                    code=f"H{h:04d}",
                    name=_name(rng),
                    kind="household",
                    id_number=make_resident_id("330106", born, rng.randrange(1, 999)),
                    parent=groups[(h - 1) % len(groups)],
                    phone=f"13{rng.randrange(10**9):09d}",
                    bank="农商银行",
                    bank_account=f"62104{rng.randrange(10**13):013d}",
                    household_size=rng.randrange(1, 7),
                    joined=start,
                )
    progress(1, 14, "members")
    # holdings on the first day of the year, and a few changes during it
    with book.transact(Op.DEMO):
        if kind == "joint":
            for i in range(1, len(villages) + 1):
                book.shares.set_holding(f"V{i:02d}", "资金", rng.choice((300, 500, 600, 800, 1000)) * 10000 * 10000, start)
                book.shares.set_holding(f"V{i:02d}", "土地", rng.randrange(50, 400) * 10000 + rng.choice((0, 2500, 5000)), start)
                book.shares.set_holding(f"V{i:02d}", "劳力", rng.randrange(200, 1500) * 10000, start)
            book.shares.set_holding("V02", "土地", book.shares.member_holdings("V02")[1]["units_q"] + 20 * 10000, f"{year}-07-01")
        else:
            for h in range(1, households + 1):
                size = book.members.get(f"H{h:04d}")["household_size"]
                book.shares.set_holding(f"H{h:04d}", "人口股", size * 10000, start)
                book.shares.set_holding(f"H{h:04d}", "农龄股", rng.randrange(5, 120) * 10000, start)
            book.shares.set_holding("V01", "集体股", 100 * 10000, start)
    # assets; those bought in earlier years carry the depreciation booked before the book starts
    earlier = [
        dict(code="GD001", name="冷链仓储中心", category="fixed", location="东岭村工业区", quantity_q=1 * 10000, unit="座",
             acquired=f"{year - 2}-06-15", cost_fen=3_600_000_00, life_months=240, residual_bp=500),
        dict(code="GD002", name="连栋大棚", category="fixed", location="西坡村", quantity_q=12 * 10000, unit="栋",
             acquired=f"{year - 1}-03-10", cost_fen=960_000_00, life_months=120, residual_bp=300),
        dict(code="SW001", name="白茶园", category="biological", location="北山村", quantity_q=180 * 10000, unit="亩",
             acquired=f"{year - 3}-04-01", cost_fen=1_250_000_00, life_months=180, residual_bp=0),
    ]
    for a in earlier:
        a["prior_depreciation_fen"] = target_accumulated(a, f"{year - 1}-12")
    with book.transact(Op.DEMO):
        for a in earlier:
            book.assets.add(**a)
        book.assets.add(code="GD003", name="农用运输车", category="fixed", location="联营公司", quantity_q=2 * 10000, unit="辆",
                        acquired=f"{year}-04-20", cost_fen=286_000_00, life_months=96, residual_bp=500)
        book.assets.add(code="TD001", name="流转耕地", category="land", location="南塘村", quantity_q=650 * 10000 + 5000, unit="亩",
                        acquired=f"{year - 2}-01-01", cost_fen=0, contributor="V03" if kind == "joint" else "V01")
    progress(2, 14, "assets")
    # opening balances: capital from the villages, the assets bought in earlier years
    capital = sum(
        h["units_q"] for m in book.members.list(kind="collective") for h in book.shares.member_holdings(m["id"], start)
        if h["class_name"] == "资金"
    ) // 10000 * 100 if kind == "joint" else 8_000_000_00
    fixed = sum(a["cost_fen"] for a in earlier if a["category"] == "fixed")
    bio = sum(a["cost_fen"] for a in earlier if a["category"] == "biological")
    dep = sum(a["prior_depreciation_fen"] for a in earlier if a["category"] == "fixed")
    bio_dep = sum(a["prior_depreciation_fen"] for a in earlier if a["category"] == "biological")
    with book.transact(Op.DEMO):
        investors = []
        if kind == "joint":
            for i in range(1, len(villages) + 1):
                investors.append(book.accounts.member_account(f"V{i:02d}", "capital"))
    opening: dict[str, int] = {"151": fixed, "152": -dep, "132": bio, "133": -bio_dep}
    if kind == "joint":
        for i, acc in enumerate(investors, start=1):
            share = [h for h in book.shares.member_holdings(f"V{i:02d}", start) if h["class_name"] == "资金"][0]["units_q"]
            opening[acc] = -(share // 10000 * 100)
    else:
        opening["301"] = -capital
    opening["311"] = -1_200_000_00
    opening["32202"] = -350_000_00
    cash = -sum(opening.values())
    opening["10201"] = cash - 20_000_00
    opening["101"] = 20_000_00
    book.vouchers.set_opening_balances(opening)
    # a year of vouchers, entered by the accountant and reviewed and posted by the reviewer
    rng2 = random.Random(rng.random())
    for month in range(1, 13):
        cancel.check()
        period = f"{year}-{month:02d}"
        drafts = _month_vouchers(book, rng2, kind, year, month)
        if book.assets.depreciation_preview(period):
            drafts.append(book.assets.run_depreciation(period))
        book.user = REVIEWER
        drafts.sort(key=lambda vid: book.vouchers.get(vid).date)  # numbered in date order, as on paper
        with book.transact(Op.DEMO):
            for vid in drafts:
                book.vouchers.review(vid)
                book.vouchers.post(vid)
        book.user = PREPARER
        if month < 12:
            book.periods.close_month(period)
        progress(2 + month, 14, period)


def _month_vouchers(book: Book, rng: random.Random, kind: str, year: int, month: int) -> list[str]:
    last = month_end(f"{year}-{month:02d}")
    day = lambda: dt.date(year, month, rng.randrange(1, last.day + 1)).isoformat()  # noqa: E731
    yuan = lambda lo, hi: rng.randrange(lo, hi) * 100 + rng.choice((0, 0, 50, 35))  # noqa: E731
    V = book.vouchers
    ids = []
    bank = "10201"

    def add(date: str, summary: str, debit: str, credit: str, amount: int, attachments: int = 1) -> None:
        ids.append(V.create(date, [LineInput(debit, summary, debit_fen=amount), LineInput(credit, "", credit_fen=amount)],
                            attachments=attachments))

    rent = yuan(60_000, 90_000) if kind == "joint" else yuan(20_000, 40_000)
    add(day(), f"收{month}月冷库及厂房租金" if kind == "joint" else f"收{month}月土地发包租金", bank, "501", rent, 2)
    add(day(), "支付水电费", "513", bank, yuan(2_000, 6_000), 3)
    if month % 3 == 0:
        add(day(), "收到银行存款利息", bank, "504", yuan(800, 2_500))
    # wages: accrue and pay
    wages = yuan(18_000, 26_000)
    add(day(), f"计提{month}月管理人员工资", "513", "212", wages, 1)
    add(day(), f"发放{month}月工资", "212", bank, wages, 1)
    add(day(), "采购茶园肥料及农资", "511", bank, yuan(5_000, 15_000), 4)
    if month in (4, 5, 9):
        add(day(), "销售白茶收入", bank, "501", yuan(80_000, 160_000), 3)
    if month == 4:
        ids.append(V.create(f"{year}-04-20", [LineInput("151", "购入农用运输车", debit_fen=286_000_00),
                                               LineInput(bank, "", credit_fen=286_000_00)], attachments=2))
    if month == 6:
        add(day(), "收到高标准农田建设补助", bank, "503", 300_000_00, 2)
    if month == 8:
        add(day(), "村道维修（公益支出）", "514", bank, yuan(20_000, 40_000), 3)
    if month == 10:
        add(day(), "从银行提取备用金", "101", bank, 10_000_00)
        add(day(), "报销差旅费", "513", "101", yuan(1_000, 3_000), 5)
    return ids

