"""Users, roles and login: in the core and through the CLI."""

import time

import pytest
from click.testing import CliRunner

from app.cli.main import cli
from app.core.book import Book
from app.core.errors import BookError
from app.core.trust.users import LoginRequired, wait_seconds
from app.core.vouchers import LineInput

PW = "test-password"


@pytest.fixture(autouse=True)
def _backups(tmp_path, monkeypatch):
    monkeypatch.setenv("JOINTLEDGER_BACKUP_DIR", str(tmp_path / "backups"))


@pytest.fixture
def path(tmp_path):
    """A book with admin, 会计 (accountant), 审核 (reviewer), 出纳 (cashier) and 小王 (read only)."""
    p = tmp_path / "b.jlbook"
    b = Book.create(p, name="测试联营公司", start="2026-01", user="admin")
    b.accounts.add_sub("102", "农商银行")
    b.users.add("admin", PW, ["admin"])
    for name, role in (("会计", "会计"), ("审核", "审核"), ("出纳", "cashier"), ("小王", "查看")):
        b.users.add(name, f"{name}-pw-1", [role])
    b.close()
    return p


def lines(amount=100_00):
    return [LineInput("10201", "收租金", debit_fen=amount), LineInput("501", "", credit_fen=amount)]


def test_book_without_users_opens_without_login_and_grants_everything(tmp_path):
    p = tmp_path / "free.jlbook"
    Book.create(p, name="无用户", start="2026-01").close()
    with Book.open(p, user="张三") as b:
        assert not b.users.enabled and b.user == "张三"
        assert b.users.may("users") and b.users.may("personal_data")
        b.members.add(code="M1", name="王五")


def test_login_sets_the_user_and_wrong_passwords_are_refused(path):
    with Book.open(path, user="会计", password="会计-pw-1") as b:
        assert b.user == "会计"
    with pytest.raises(BookError, match="用户名或密码不对"):
        Book.open(path, user="会计", password="wrong-password")
    with pytest.raises(BookError, match="用户名或密码不对"):
        Book.open(path, user="nobody", password="whatever")
    Book.open(path, user="会计", password="会计-pw-1").close()  # the lock was released after the failures


def test_without_a_password_the_environment_is_used_or_a_login_is_required(path, monkeypatch):
    with Book.open(path) as b:  # JOINTLEDGER_PASSWORD=test-password (conftest), default user admin
        assert b.user == "admin"
    monkeypatch.delenv("JOINTLEDGER_PASSWORD")
    with pytest.raises(LoginRequired):
        Book.open(path, readonly=True)


def test_roles_decide_who_may_do_what(path):
    with Book.open(path, user="会计", password="会计-pw-1") as b:
        vid = b.vouchers.create("2026-01-05", lines())
        with pytest.raises(BookError, match="没有“审核”的权限"):
            b.vouchers.review(vid)
        with pytest.raises(BookError, match="管理用户"):
            b.users.add("x", "password", ["viewer"])
    with Book.open(path, user="审核", password="审核-pw-1") as b:
        with pytest.raises(BookError, match="制单"):
            b.vouchers.create("2026-01-05", lines())
        b.vouchers.review(vid)
        b.vouchers.post(vid)
        with pytest.raises(BookError, match="修改资料"):
            b.members.add(code="M1", name="王五")
    with Book.open(path, user="admin", password=PW) as b:
        own = b.vouchers.create("2026-01-06", lines())
        with pytest.raises(BookError, match="制单人不能审核"):
            b.vouchers.review(own)  # the preparer may not review their own voucher, whatever their roles
    with Book.open(path, user="小王", password="小王-pw-1", readonly=True) as b:
        assert b.vouchers.get(vid).status == "posted"  # reads are fine
        assert not any(b.users.may(p) for p in ("prepare", "review", "post", "edit", "close", "personal_data"))
    with Book.open(path, user="小王", password="小王-pw-1") as b:
        for write in (lambda: b.vouchers.create("2026-01-06", lines()), lambda: b.periods.close_month("2026-01"),
                      lambda: b.settings.set("name", "改名"), lambda: b.accounts.add_sub("102", "邮储")):
            with pytest.raises(BookError, match="小王"):
                write()


def test_personal_data_is_masked_for_the_read_only_role_and_on_public_documents(path):
    with Book.open(path, user="会计", password="会计-pw-1") as b:
        b.members.add(code="H1", name="王五", kind="household", id_number="11010519491231002X", phone="13812345678",
                      bank_account="6215001234567890")
        row = b.members.get("H1")
        assert b.users.mask(row)["id_number"] == "11010519491231002X"
        public = b.users.mask(row, public=True)
        assert public["id_number"] == "1101**********002X" and public["phone"] == "*******5678"
    with Book.open(path, user="小王", password="小王-pw-1", readonly=True) as b:
        assert not b.can_see_personal_data
        masked = b.users.mask(b.members.get("H1"))
        assert masked["id_number"] == "1101**********002X" and masked["bank_account"].endswith("7890")
        assert "6215001234567890" not in str([e.data for e in b.audit.history("members", masked["id"])])


def test_wrong_passwords_make_the_next_try_wait_and_an_admin_resets(path):
    assert [wait_seconds(n) for n in (0, 2, 3, 4, 5, 30)] == [0, 0, 1, 2, 4, 900]
    for readonly in (True, True, False):  # counted also when the book is opened read-only
        with pytest.raises(BookError, match="用户名或密码不对"):
            Book.open(path, user="出纳", password="guess-guess", readonly=readonly)
    with pytest.raises(BookError, match="秒后再试"):  # even the right password waits
        Book.open(path, user="出纳", password="出纳-pw-1")
    time.sleep(1.1)
    with pytest.raises(BookError, match="用户名或密码不对"):
        Book.open(path, user="出纳", password="guess-again")
    with pytest.raises(BookError, match="秒后再试"):
        Book.open(path, user="出纳", password="出纳-pw-1")
    with Book.open(path, user="admin", password=PW) as b:
        assert next(u for u in b.users.list() if u["name"] == "出纳")["wait_s"] > 0
        b.users.set_password("出纳", "new-password")
    Book.open(path, user="出纳", password="new-password").close()


def test_the_last_administrator_stays(path):
    with Book.open(path, user="admin", password=PW) as b:
        with pytest.raises(BookError, match="至少要保留一位管理员"):
            b.users.set_roles("admin", ["会计"])
        with pytest.raises(BookError, match="至少要保留一位管理员"):
            b.users.set_active("admin", False)
        b.users.set_active("出纳", False)
    with pytest.raises(BookError, match="用户名或密码不对"):
        Book.open(path, user="出纳", password="出纳-pw-1")


def run(*args, password=PW, **env):
    result = CliRunner().invoke(cli, [str(a) for a in args], env={"JOINTLEDGER_PASSWORD": password, **env})
    return result


def test_cli_init_creates_the_administrator_and_every_command_takes_user(tmp_path):
    p = tmp_path / "c.jlbook"
    assert run("init", p, "--name", "测试", "--start", "2026-01", "--admin", "老李").exit_code == 0
    assert run("info", p, "--user", "老李").exit_code == 0
    r = run("info", p)  # the default user is admin, and there is none
    assert r.exit_code == 1 and "用户名或密码不对" in r.output and "Traceback" not in r.output
    r = run("user", "add", p, "会计", "--role", "会计", "--user", "老李", JOINTLEDGER_NEW_PASSWORD="kuaiji-1")
    assert r.exit_code == 0, r.output
    r = run("close", p, "--month", "2026-01", "--user", "会计", password="kuaiji-1")
    assert r.exit_code == 0, r.output
    r = run("user", "add", p, "x", "--role", "查看", "--user", "会计", password="kuaiji-1", JOINTLEDGER_NEW_PASSWORD="xxxxxx")
    assert r.exit_code == 1 and "管理用户" in r.output
    r = run("user", "list", p, JOINTLEDGER_USER="老李")
    assert r.exit_code == 0 and "会计" in r.output and "管理员" in r.output


def test_cli_without_a_password_and_no_terminal_says_so(path):
    r = CliRunner().invoke(cli, ["info", str(path)], env={"JOINTLEDGER_PASSWORD": None})
    assert r.exit_code == 1 and "JOINTLEDGER_PASSWORD" in r.output
    r = CliRunner().invoke(cli, ["init", str(path.with_name("n.jlbook")), "--name", "x"], env={"JOINTLEDGER_PASSWORD": None})
    assert r.exit_code == 1 and "JOINTLEDGER_PASSWORD" in r.output and not path.with_name("n.jlbook").exists()


def test_cli_prompts_for_the_password_at_a_terminal(path):
    # CliRunner's stdin is not a terminal: the prompt path is exercised with a real pseudo-terminal
    import os
    import pty
    import subprocess
    import sys

    leader, follower = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k != "JOINTLEDGER_PASSWORD"}
    proc = subprocess.Popen([sys.executable, "-m", "app", "info", str(path), "--user", "审核"], stdin=follower,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    os.close(follower)
    # the prompt flushes what was typed before it (TCSAFLUSH): type the password until the program has read it
    for _attempt in range(60):
        os.write(leader, "审核-pw-1\n".encode())
        try:
            proc.wait(timeout=1)
            break
        except subprocess.TimeoutExpired:
            continue
    out, err = proc.communicate(timeout=30)
    os.close(leader)
    assert proc.returncode == 0, err.decode()
    assert "测试联营公司" in out.decode()
