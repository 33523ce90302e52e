"""The distribution plan: a TOML file (the GUI edits the same text), parsed and checked with line numbers.

    year = 2026
    distributable = "auto"            # or "1234567.89"
    record_date = "2026-12-31"
    [[withhold]]
    name = "提取公积公益金"
    percent = "30"
    [[withhold]]
    name = "其他"
    amount = "5000.00"
    [[fixed_return]]
    class = "资金"
    percent = "10"
    [weights]
    "人口股" = 70
    "农龄股" = 30
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from app.core.distribution.calc import FixedReturn, Withholding
from app.core.errors import ValidationError
from app.core.i18n import _
from app.core.money import parse_decimal, to_fen
from app.core.periods import parse_date

ACCOUNT_KINDS = ("internal", "payable")


@dataclass
class Plan:
    year: int
    record_date: str
    date: str  # the voucher date (default: the record date)
    distributable_fen: int | None  # None: 可分配收益 from the books
    withholdings: list[Withholding]
    fixed_returns: list[FixedReturn]
    weights: dict[str, Fraction]
    account: str | None = None  # "internal" (113) or "payable" (211) for the members' amounts; None: by book kind
    notice_start: str | None = None
    notice_days: int = 7
    objections: str = ""
    text: str = ""
    lines: dict[str, int] = field(default_factory=dict)  # "weights.<class>", "fixed_return.<i>", … → line

    def line_of(self, key: str) -> int | None:
        return self.lines.get(key)


def _error(line: int | None, zh: str, en: str, **fields: object) -> ValidationError:
    where = _("计划第{n}行：", "Plan line {n}: ", n=line) if line else _("计划：", "Plan: ")
    return ValidationError(where + _(zh, en, **fields), field="plan")


def _locate(text: str) -> dict[str, int]:
    """Line numbers (1-based) of tables, array items and keys: "withhold.0", "withhold.0.percent", "weights.X"."""
    found: dict[str, int] = {}
    counts: dict[str, int] = {}
    table = ""
    for n, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if m := re.fullmatch(r"\[\[\s*([\w.]+)\s*\]\]", line):
            name = m.group(1)
            i = counts.get(name, 0)
            counts[name] = i + 1
            table = f"{name}.{i}"
            found[table] = n
        elif m := re.fullmatch(r"\[\s*([\w.]+)\s*\]", line):
            table = m.group(1)
            found[table] = n
        elif m := re.match(r"""^("[^"]*"|'[^']*'|[\w\-]+)\s*=""", line):
            key = m.group(1).strip("\"'")
            found.setdefault(f"{table}.{key}" if table else key, n)
    return found


def _decimal(value: object, line: int | None, what: str) -> Decimal:
    if isinstance(value, float):
        raise _error(line, "{w} 请写成带引号的数字，例如 \"30\"。", "write {w} as a quoted number such as \"30\".", w=what)
    try:
        return parse_decimal(value if isinstance(value, int | str) else str(value), what)
    except ValidationError:
        raise _error(line, "“{v}”不是有效的数字。", "“{v}” is not a valid number.", v=value) from None


def parse_plan(text: str) -> Plan:
    """Parse and check a plan's text on its own (the classes are checked against a book by ``check_classes``)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        m = re.search(r"line (\d+)", str(e))
        raise _error(int(m.group(1)) if m else None, "格式错误（{e}）。", "not valid TOML ({e}).", e=e) from None
    lines = _locate(text)
    year = data.get("year")
    if not isinstance(year, int) or not 1900 < year < 3000:
        raise _error(lines.get("year"), "请写明年度，例如 year = 2026。", "give the year, e.g. year = 2026.")
    try:
        record_date = parse_date(data.get("record_date", f"{year}-12-31")).isoformat()
        date = parse_date(data.get("date", record_date)).isoformat()
    except ValidationError as e:
        raise _error(lines.get("record_date") or lines.get("date"), "{e}。", "{e}.", e=e) from None
    raw = str(data.get("distributable", "auto")).strip()
    if raw == "auto":
        distributable = None
    else:
        try:
            distributable = to_fen(raw, "distributable")
        except ValidationError as e:
            raise _error(lines.get("distributable"), "{e}。", "{e}.", e=e) from None
        if distributable < 0:
            raise _error(lines.get("distributable"), "可分配收益不能为负。", "the distributable amount cannot be negative.")
    withholdings = []
    for i, w in enumerate(data.get("withhold", [])):
        line = lines.get(f"withhold.{i}")
        name = str(w.get("name", "")).strip()
        if not name:
            raise _error(line, "提取项目需要名称（name）。", "a withholding needs a name.")
        if ("percent" in w) == ("amount" in w):
            raise _error(line, "“{n}”请填写 percent 或 amount 之一。", "“{n}” needs either percent or amount.", n=name)
        if "percent" in w:
            pline = lines.get(f"withhold.{i}.percent", line)
            pct = _decimal(w["percent"], pline, "percent")
            if not 0 <= pct <= 100:
                raise _error(pline, "比例应在0到100之间。", "the percent is between 0 and 100.")
            withholdings.append(Withholding(name, percent=pct, line=pline))
        else:
            aline = lines.get(f"withhold.{i}.amount", line)
            try:
                amount = to_fen(w["amount"] if not isinstance(w["amount"], float) else repr(w["amount"]), "amount")
            except ValidationError as e:
                raise _error(aline, "{e}。", "{e}.", e=e) from None
            if amount < 0:
                raise _error(aline, "金额不能为负。", "the amount cannot be negative.")
            withholdings.append(Withholding(name, amount_fen=amount, line=aline))
    fixed = []
    for i, f in enumerate(data.get("fixed_return", [])):
        line = lines.get(f"fixed_return.{i}")
        cls = str(f.get("class", "")).strip()
        if not cls:
            raise _error(line, "保底收益需要股份类别（class）。", "a fixed return needs a share class.")
        pct = _decimal(f.get("percent", "0"), lines.get(f"fixed_return.{i}.percent", line), "percent")
        if pct < 0:
            raise _error(line, "比例不能为负。", "the percent cannot be negative.")
        fixed.append(FixedReturn(cls, pct, line=lines.get(f"fixed_return.{i}.class", line)))
    weights: dict[str, Fraction] = {}
    for cls, value in data.get("weights", {}).items():
        wline = lines.get(f"weights.{cls}", lines.get("weights"))
        w = _decimal(value, wline, cls)
        if w < 0:
            raise _error(wline, "权重不能为负。", "a weight cannot be negative.")
        weights[cls] = Fraction(w)
    if not weights and not fixed:
        raise _error(lines.get("weights"), "请在 [weights] 中写明各类股份的权重。", "give the class weights in [weights].")
    if weights and not any(weights.values()):
        raise _error(lines.get("weights"), "各类股份的权重都为零。", "all share class weights are zero.")
    account = data.get("account")
    if account is not None and account not in ACCOUNT_KINDS:
        raise _error(lines.get("account"), "account 应为 internal 或 payable。", "account is internal or payable.")
    notice = data.get("notice", {})
    days = notice.get("days", 7)
    if not isinstance(days, int) or not 1 <= days <= 90:
        raise _error(lines.get("notice.days"), "公示天数应为1到90。", "the posting period is 1 to 90 days.")
    start = notice.get("start")
    if start is not None:
        try:
            start = parse_date(start).isoformat()
        except ValidationError as e:
            raise _error(lines.get("notice.start"), "{e}。", "{e}.", e=e) from None
    return Plan(
        year=year,
        record_date=record_date,
        date=date,
        distributable_fen=distributable,
        withholdings=withholdings,
        fixed_returns=fixed,
        weights=weights,
        account=account,
        notice_start=start,
        notice_days=days,
        objections=str(notice.get("objections", "")).strip(),
        text=text,
        lines=lines,
    )


def check_classes(plan: Plan, class_names: set[str]) -> None:
    """Refuse a plan naming a share class the book does not have (naming the line)."""
    for fr in plan.fixed_returns:
        if fr.share_class not in class_names:
            raise _error(fr.line, "没有股份类别“{c}”。", "there is no share class “{c}”.", c=fr.share_class)
    for cls in plan.weights:
        if cls not in class_names:
            raise _error(plan.lines.get(f"weights.{cls}"), "没有股份类别“{c}”。", "there is no share class “{c}”.", c=cls)
