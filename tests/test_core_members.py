"""Members and shares."""

import pytest

from app.core.errors import BookError, ValidationError
from app.core.members import field_problems


def test_add_member_normalizes_and_validates(book):
    book.members.add(code="V01", name="东岭村股份经济合作社", kind="collective", id_number="N2330106MF00000023")
    book.members.add(code="G01", name="第一村民小组", kind="collective", parent="V01")
    mid = book.members.add(
        code=" H001 ", name="王\u3000建国 ", kind="household", id_number="11010519491231002x", parent="G01",
        bank="农商银行", bank_account="6210 4000 0000 0001", household_size=4, joined="2026-01-01",
    )
    m = book.members.get(mid)
    assert (m["code"], m["name"], m["id_number"], m["bank_account"]) == ("H001", "王 建国", "11010519491231002X", "6210400000000001")
    assert isinstance(m["bank_account"], str)
    assert book.members.get("H001")["parent_id"] == book.members.get("G01")["id"]


@pytest.mark.parametrize(
    "values, field",
    [
        ({"code": "H2", "name": "李四", "kind": "household", "id_number": "110105194912310021"}, "id_number"),
        ({"code": "H2", "name": "李四", "kind": "household", "id_number": "3.30825195001011E+17"}, "id_number"),
        ({"code": "V2", "name": "某村", "kind": "collective", "id_number": "N2330106MF00000024"}, "id_number"),
        ({"code": "", "name": "李四", "kind": "person"}, "code"),
        ({"code": "H2", "name": "  ", "kind": "person"}, "name"),
        ({"code": "H2", "name": "李四", "kind": "person", "household_size": 3}, "household_size"),
        ({"code": "H2", "name": "李四", "kind": "person", "joined": "2026-02-30"}, "joined"),
        ({"code": "H2", "name": "李四", "kind": "person", "joined": "2026-02-01", "left_on": "2026-01-01"}, "left_on"),
        ({"code": "H2", "name": "李四", "kind": "person", "bank_account": "6.2104E+18"}, "bank_account"),
    ],
)
def test_bad_member_fields(book, values, field):
    assert field in [f for f, _ in field_problems(values)]
    with pytest.raises(ValidationError) as e:
        book.members.add(**values)
    assert e.value.field == field


def test_duplicates_are_refused(book):
    book.members.add(code="H1", name="甲", kind="person", id_number="11010519491231002X")
    with pytest.raises(ValidationError, match="已被"):
        book.members.add(code="H1", name="乙", kind="person")
    with pytest.raises(ValidationError, match="已登记"):
        book.members.add(code="H2", name="乙", kind="person", id_number="11010519491231002X")


def test_parent_rules(book):
    book.members.add(code="V01", name="村", kind="collective")
    book.members.add(code="H1", name="户", kind="household", parent="V01")
    book.members.add(code="P1", name="人", kind="person", parent="H1")
    with pytest.raises(ValidationError):
        book.members.add(code="H2", name="户2", kind="household", parent="H1")  # a household under a household
    with pytest.raises(ValidationError):
        book.members.add(code="P2", name="人2", kind="person", parent="P1")
    book.members.add(code="G1", name="组", kind="collective", parent="V01")
    with pytest.raises(ValidationError, match="循环"):
        book.members.update("V01", parent="G1")


def test_filter_and_paging(book):
    book.members.add(code="G01", name="第一村民小组", kind="collective")
    for i in range(30):
        book.members.add(code=f"H{i:03d}", name=f"农户{i}", kind="household", parent="G01")
    assert book.members.count() == 31
    assert book.members.count(text="第一村民小组") == 31  # by group name: the group itself and its households
    assert [m["code"] for m in book.members.list(text="农户1", limit=5)] == ["H001", "H010", "H011", "H012", "H013"]
    assert [m["code"] for m in book.members.list(offset=29, limit=5)] == ["H028", "H029"]
    assert book.members.list(order="code", descending=True, limit=1)[0]["code"] == "H029"


def test_leaving_keeps_history_and_zeroes_holdings(book):
    book.members.add(code="V1", name="甲村", kind="collective")
    book.shares.set_holding("V1", "资金", 500 * 10**4, "2026-01-01")
    book.members.mark_left("V1", "2026-07-01")
    m = book.members.get("V1")
    assert m["left_on"] == "2026-07-01"
    assert book.shares.holdings_on("2026-06-30")[m["id"]] == {book.shares.get_class("资金")["id"]: 500 * 10**4}
    assert m["id"] not in book.shares.holdings_on("2026-07-01")
    assert book.members.count(include_left=False) == 0
    assert len(book.members.history("V1")) >= 3
    with pytest.raises(BookError):
        book.members.mark_left("V1", "2026-08-01")


def test_holdings_on_any_date(book):
    book.members.add(code="V1", name="甲村", kind="collective")
    book.members.add(code="V2", name="乙村", kind="collective")
    land = book.shares.get_class("土地")["id"]
    book.shares.set_holding("V1", "土地", 100 * 10**4, "2026-01-01")
    book.shares.set_holding("V1", "土地", 125 * 10**4 + 5000, "2026-07-01")
    book.shares.set_holding("V2", "土地", 80 * 10**4, "2026-03-01")
    v1, v2 = book.members.resolve("V1"), book.members.resolve("V2")
    assert book.shares.holdings_on("2025-12-31") == {}
    assert book.shares.holdings_on("2026-06-30") == {v1: {land: 100 * 10**4}, v2: {land: 80 * 10**4}}
    assert book.shares.holdings_on("2026-07-01")[v1] == {land: 1255000}
    assert book.shares.totals_on("2026-12-31") == {land: 2055000}
    assert [h["units_q"] for h in book.shares.history("V1")] == [1000000, 1255000]
    # the same date again corrects that record instead of adding one
    book.shares.set_holding("V1", "土地", 126 * 10**4, "2026-07-01")
    assert len(book.shares.history("V1")) == 2
    with pytest.raises(ValidationError):
        book.shares.set_holding("V1", "土地", -1, "2026-08-01")
    with pytest.raises(ValidationError):
        book.shares.set_holding("V1", "不存在的股", 1, "2026-08-01")


def test_share_classes(book):
    book.shares.add_class("贡献股", "股")
    assert "贡献股" in [c["name"] for c in book.shares.classes()]
    with pytest.raises(ValidationError):
        book.shares.add_class("贡献股", "股")
