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

Per-share mode (every unit of a class gets the same rate; the 尾差 is kept):

    mode = "per_share"
    rate_unit = "0.1"                 # rates rounded down to 0.01, 0.1 or 1 yuan
    remainder_to = "未分配收益"        # or "公积公益金"; collective_to likewise for the 集体股's part
    collective = ["C00"]              # the members holding the collective's own shares (集体股): kept, not paid
    withhold_base = "可分配收益"       # or "本年收益"
    [rates]
    "人口股" = "45.60"                # a stated rate instead of a weight
    [[deduction]]
    member = "H1"
    reason = "城乡居民医保"
    amount = "380.00"
    account = "21102"                 # or "member": the member's 113 sub-account (what the member owes)

Every key is checked: one the reader does not know is an error naming its line.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

from app.core.distribution.calc import FixedReturn, PerShare, Withholding
from app.core.errors import ValidationError
from app.core.i18n import _
from app.core.money import parse_decimal, to_fen
from app.core.periods import parse_date

ACCOUNT_KINDS = ("internal", "payable")
MODES = ("pool", "per_share")
RATE_UNITS = {"0.01": 1, "0.1": 10, "1": 100}  # yuan → fen
KEPT_IN = ("未分配收益", "公积公益金")  # where the 尾差 and the 集体股's part stay
BASES = ("可分配收益", "本年收益")
MEMBER_ACCOUNT = "member"  # a deduction credited to the member's own 113 sub-account
KEYS: dict[str, set[str]] = {  # table → the keys it may have ("" is the top level)
    "": {
        "year",
        "distributable",
        "record_date",
        "date",
        "withhold",
        "fixed_return",
        "weights",
        "account",
        "notice",
        "mode",
        "rate_unit",
        "rates",
        "remainder_to",
        "collective_to",
        "withhold_base",
        "income",
        "deduction",
        "collective",
        "deductions_sheet",
    },
    "withhold": {"name", "percent", "amount"},
    "fixed_return": {"class", "percent"},
    "notice": {"start", "days", "objections"},
    "deduction": {"member", "reason", "amount", "account"},
}


@dataclass(frozen=True)
class Deduction:
    member: str  # member code
    reason: str
    amount_fen: int
    account: str  # an account code, or MEMBER_ACCOUNT
    line: int | None = None


@dataclass
class Plan:
    year: int
    record_date: str
    date: str  # the voucher date (default: the record date)
    distributable_fen: int | None  # None: 可分配收益 from the books
    withholdings: list[Withholding]
    fixed_returns: list[FixedReturn]
    weights: dict[str, Fraction]
    account: str | None = (
        None  # "internal" (113) or "payable" (211) for the members' amounts; None: by book kind
    )
    notice_start: str | None = None
    notice_days: int = 7
    objections: str = ""
    mode: str = "pool"
    rate_unit_fen: int = 1
    rates: dict[str, int] = field(default_factory=dict)  # class → fen per unit (per-share mode)
    remainder_to: str = KEPT_IN[0]
    collective_to: str = KEPT_IN[0]
    withhold_base: str = BASES[0]
    income_fen: int | None = None  # 本年收益 when the plan states it (withhold_base = "本年收益")
    deductions: list[Deduction] = field(default_factory=list)
    collective: list[str] = field(default_factory=list)  # codes of the members holding the 集体股
    text: str = ""
    lines: dict[str, int] = field(default_factory=dict)  # "weights.<class>", "fixed_return.<i>", … → line

    def line_of(self, key: str) -> int | None:
        return self.lines.get(key)

    @property
    def per_share(self) -> PerShare | None:
        return PerShare(self.rate_unit_fen, self.rates) if self.mode == "per_share" else None


def _error(
    line: int | None, zh: str, en: str, code: str = "plan.invalid", **fields: object
) -> ValidationError:
    where = _("计划第{n}行：", "Plan line {n}: ", n=line) if line else _("计划：", "Plan: ")
    return ValidationError(where + _(zh, en, **fields), field="plan", code=code)


def _check_keys(data: dict, lines: dict[str, int]) -> None:
    """Refuse a key the reader does not know (a typo, or a key from a newer version), naming its line."""
    tables: list[tuple[str, str, dict]] = [("", "", data)]
    for name in ("withhold", "fixed_return", "deduction"):
        items = data.get(name, [])
        if not isinstance(items, list) or not all(isinstance(x, dict) for x in items):
            raise _error(
                lines.get(name),
                "“{k}”应写成 [[{k}]] 表。",
                "“{k}” is written as [[{k}]] tables.",
                code="plan.shape",
                k=name,
            )
        tables += [(name, f"{name}.{i}", item) for i, item in enumerate(items)]
    for name in ("notice", "weights", "rates"):
        if not isinstance(data.get(name, {}), dict):
            raise _error(
                lines.get(name),
                "“{k}”应写成 [{k}] 表。",
                "“{k}” is written as a [{k}] table.",
                code="plan.shape",
                k=name,
            )
    if isinstance(data.get("notice"), dict):
        tables.append(("notice", "notice", data["notice"]))
    for kind, where, table in tables:
        for key in table:
            if key not in KEYS[kind]:
                line = lines.get(f"{where}.{key}" if where else key, lines.get(where))
                raise _error(
                    line, "不认识的项目“{k}”。", "unknown key “{k}”.", code="plan.unknown_key", k=key
                )


def _choice(data: dict, key: str, allowed: tuple[str, ...] | dict, lines: dict[str, int]) -> str:
    value = str(data.get(key, next(iter(allowed))))
    if value not in allowed:
        raise _error(
            lines.get(key),
            "{k} 应为 {a}。",
            "{k} is one of {a}.",
            code="plan.choice",
            k=key,
            a=" / ".join(allowed),
        )
    return value


def _fen(value: object, line: int | None, what: str) -> int:
    try:
        amount = to_fen(value if not isinstance(value, float) else repr(value), what)
    except ValidationError as e:
        raise _error(line, "{e}。", "{e}.", e=e) from None
    if amount < 0:
        raise _error(line, "金额不能为负。", "the amount cannot be negative.", code="plan.negative")
    return amount


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
        raise _error(
            line, '{w} 请写成带引号的数字，例如 "30"。', 'write {w} as a quoted number such as "30".', w=what
        )
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
        raise _error(
            int(m.group(1)) if m else None, "格式错误（{e}）。", "not valid TOML ({e}).", e=e
        ) from None
    lines = _locate(text)
    _check_keys(data, lines)
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
            raise _error(
                lines.get("distributable"),
                "可分配收益不能为负。",
                "the distributable amount cannot be negative.",
            )
    withholdings = []
    for i, w in enumerate(data.get("withhold", [])):
        line = lines.get(f"withhold.{i}")
        name = str(w.get("name", "")).strip()
        if not name:
            raise _error(line, "提取项目需要名称（name）。", "a withholding needs a name.")
        if ("percent" in w) == ("amount" in w):
            raise _error(
                line, "“{n}”请填写 percent 或 amount 之一。", "“{n}” needs either percent or amount.", n=name
            )
        if "percent" in w:
            pline = lines.get(f"withhold.{i}.percent", line)
            pct = _decimal(w["percent"], pline, "percent")
            if not 0 <= pct <= 100:
                raise _error(pline, "比例应在0到100之间。", "the percent is between 0 and 100.")
            withholdings.append(Withholding(name, percent=pct, line=pline))
        else:
            aline = lines.get(f"withhold.{i}.amount", line)
            withholdings.append(Withholding(name, amount_fen=_fen(w["amount"], aline, "amount"), line=aline))
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
    mode = _choice(data, "mode", MODES, lines)
    rates: dict[str, int] = {}
    for cls, value in data.get("rates", {}).items():
        rline = lines.get(f"rates.{cls}", lines.get("rates"))
        if mode != "per_share":
            raise _error(
                rline,
                '[rates] 只用于按股分配（mode = "per_share"）。',
                '[rates] needs mode = "per_share".',
                code="plan.rates_need_per_share",
            )
        if cls in weights:
            raise _error(
                rline,
                "“{c}”已有权重，不能再写每股金额。",
                "“{c}” has a weight; give a weight or a rate, not both.",
                code="plan.weight_and_rate",
                c=cls,
            )
        rates[cls] = _fen(value, rline, cls)
    if "rate_unit" in data and mode != "per_share":
        raise _error(
            lines.get("rate_unit"),
            'rate_unit 只用于按股分配（mode = "per_share"）。',
            'rate_unit needs mode = "per_share".',
            code="plan.rates_need_per_share",
        )
    rate_unit = _choice(data, "rate_unit", RATE_UNITS, lines)
    if not weights and not fixed and not rates:
        raise _error(
            lines.get("weights"),
            "请在 [weights] 中写明各类股份的权重。",
            "give the class weights in [weights].",
            code="plan.no_weights",
        )
    if weights and not any(weights.values()) and not rates:
        raise _error(
            lines.get("weights"),
            "各类股份的权重都为零。",
            "all share class weights are zero.",
            code="plan.weights_zero",
        )
    withhold_base = _choice(data, "withhold_base", BASES, lines)
    income = None
    if "income" in data:
        income = (
            _fen(data["income"], lines.get("income"), "income")
            if str(data["income"]).strip() != "auto"
            else None
        )
    if "deductions_sheet" in data:
        raise _error(
            lines.get("deductions_sheet"),
            "扣款表随计划文件一起读取，请打开计划文件。",
            "the deductions sheet is read with the plan file; open the plan from its file.",
            code="plan.deductions_sheet",
        )
    collective = data.get("collective", [])
    collective = [collective] if isinstance(collective, str) else collective
    if not isinstance(collective, list) or not all(isinstance(c, str) and c.strip() for c in collective):
        raise _error(
            lines.get("collective"),
            'collective 应为成员编号的列表，例如 ["C00"]。',
            'collective lists member codes, e.g. ["C00"].',
            code="plan.collective",
        )
    deductions = []
    for i, d in enumerate(data.get("deduction", [])):
        line = lines.get(f"deduction.{i}")
        member, reason = str(d.get("member", "")).strip(), str(d.get("reason", "")).strip()
        if not member or not reason or "amount" not in d:
            raise _error(
                line,
                "扣款需要成员（member）、事由（reason）和金额（amount）。",
                "a deduction needs a member, a reason and an amount.",
                code="plan.deduction_incomplete",
            )
        amount = _fen(d["amount"], lines.get(f"deduction.{i}.amount", line), "amount")
        account = str(d.get("account", MEMBER_ACCOUNT)).strip()
        deductions.append(Deduction(member, reason, amount, account, line))
    account = data.get("account")
    if account is not None and account not in ACCOUNT_KINDS:
        raise _error(
            lines.get("account"), "account 应为 internal 或 payable。", "account is internal or payable."
        )
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
        mode=mode,
        rate_unit_fen=RATE_UNITS[rate_unit],
        rates=rates,
        remainder_to=_choice(data, "remainder_to", KEPT_IN, lines),
        collective_to=_choice(data, "collective_to", KEPT_IN, lines),
        withhold_base=withhold_base,
        income_fen=income,
        deductions=deductions,
        collective=collective,
        text=text,
        lines=lines,
    )


def check_members(plan: Plan, member_codes: set[str]) -> None:
    """Refuse a plan naming a member the book does not have (naming the line)."""
    for code in plan.collective:
        if code not in member_codes:
            raise _error(
                plan.lines.get("collective"),
                "没有编号为“{c}”的成员。",
                "there is no member “{c}”.",
                code="plan.unknown_member",
                c=code,
            )


def check_classes(plan: Plan, class_names: set[str]) -> None:
    """Refuse a plan naming a share class the book does not have (naming the line)."""
    for fr in plan.fixed_returns:
        if fr.share_class not in class_names:
            raise _error(
                fr.line,
                "没有股份类别“{c}”。",
                "there is no share class “{c}”.",
                code="plan.unknown_class",
                c=fr.share_class,
            )
    for table, classes in (("weights", plan.weights), ("rates", plan.rates)):
        for cls in classes:
            if cls not in class_names:
                raise _error(
                    plan.lines.get(f"{table}.{cls}"),
                    "没有股份类别“{c}”。",
                    "there is no share class “{c}”.",
                    code="plan.unknown_class",
                    c=cls,
                )


SHEET_COLUMNS = {  # the deductions sheet's headers → plan keys
    "成员编号": "member",
    "编号": "member",
    "member": "member",
    "事由": "reason",
    "扣款事由": "reason",
    "reason": "reason",
    "金额": "amount",
    "扣款金额": "amount",
    "amount": "amount",
    "科目": "account",
    "入账科目": "account",
    "account": "account",
}


def _sheet_error(path: Path, row: int, zh: str, en: str, **fields: object) -> ValidationError:
    return ValidationError(
        _("扣款表“{p}”第{r}行：", "Deductions sheet “{p}” row {r}: ", p=path.name, r=row)
        + _(zh, en, **fields),
        field="deductions_sheet",
        code="plan.deductions_sheet",
    )


def read_sheet(path: Path) -> list[tuple[int, dict[str, str]]]:
    """(row as Excel shows it, {member, reason, amount, account}) of a deductions sheet (.xlsx or .csv)."""
    import csv

    import openpyxl

    try:
        if path.suffix.lower() == ".csv":
            table = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))
        else:
            table = [
                list(r)
                for r in openpyxl.load_workbook(path, read_only=True, data_only=True).active.iter_rows(
                    values_only=True
                )
            ]
    except (OSError, ValueError, KeyError) as e:
        raise ValidationError(
            _(
                "无法读取扣款表“{p}”（{e}）。",
                "Cannot read the deductions sheet “{p}” ({e}).",
                p=path.name,
                e=e,
            ),
            field="deductions_sheet",
            code="plan.deductions_sheet",
        ) from None
    if not table:
        raise _sheet_error(path, 1, "没有表头。", "there is no header row.")
    keys = [SHEET_COLUMNS.get(str(h or "").strip()) for h in table[0]]
    for need in ("member", "reason", "amount"):
        if need not in keys:
            raise _sheet_error(
                path,
                1,
                "缺少“{c}”列。",
                "the “{c}” column is missing.",
                c={"member": "成员编号", "reason": "事由", "amount": "金额"}[need],
            )
    out = []
    for n, row in enumerate(table[1:], start=2):
        values = {k: ("" if v is None else str(v).strip()) for k, v in zip(keys, row, strict=False) if k}
        if not any(values.values()):
            continue
        if not values.get("member") or not values.get("reason") or not values.get("amount"):
            raise _sheet_error(
                path, n, "成员编号、事由和金额都要填写。", "member, reason and amount are all needed."
            )
        try:
            to_fen(values["amount"], "amount")
        except ValidationError:
            raise _sheet_error(
                path, n, "“{v}”不是有效的金额。", "“{v}” is not a valid amount.", v=values["amount"]
            ) from None
        out.append((n, values))
    return out


def expand_sheets(text: str, folder: Path) -> str:
    """The plan with its ``deductions_sheet`` read in: the key becomes a comment and each row of the sheet a
    [[deduction]] table at the end, so the plan kept with the distribution says every deduction itself."""
    m = re.search(r"""^deductions_sheet\s*=\s*["']([^"']+)["'][^\n]*$""", text, flags=re.MULTILINE)
    if m is None:
        return text
    path = folder / m.group(1)
    tables = []
    for row, values in read_sheet(path):
        tables.append(f"\n# {path.name} 第{row}行\n[[deduction]]")
        for key in ("member", "reason", "amount", "account"):
            if values.get(key):
                tables.append(f"{key} = {json.dumps(values[key], ensure_ascii=False)}")
    head = (
        text[: m.start()]
        + f"# deductions_sheet = {json.dumps(m.group(1), ensure_ascii=False)}（已读入，见文末）"
        + text[m.end() :]
    )
    return head.rstrip("\n") + "\n" + "\n".join(tables) + "\n"
