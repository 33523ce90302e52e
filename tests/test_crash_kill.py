"""Crash safety: kill the app's process (SIGKILL) at random moments while it opens, backs up and writes a book
(vouchers prepared, reviewed and posted; members; drafts; reversals; spreadsheet imports; sync imports),
hundreds of times; after every kill the book must pass ``jointledger check`` and the audit verification, every
operation must have happened whole or not at all, and no posted voucher may be lost.

Run alone: ``python -m pytest -q -m slow tests/test_crash_kill.py`` (CRASH_KILLS overrides the number of kills).
The worker is this file run as a script: ``python tests/test_crash_kill.py BOOK SEED``.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import pytest

from app.core.ops import Op

KILLS = int(os.environ.get("CRASH_KILLS", "200"))
LANES = 2  # books killed in parallel
PASSWORD = "crash-test-pw"
SYNC_FILES = 12  # files from another replica, each adding a batch of 4 members (and holding all batches before)


def worker(path: str, seed: int) -> None:
    """Open the book and write to it without end, printing each operation once it is committed."""
    from app.core.book import Book
    from app.core.vouchers import LineInput

    rng = random.Random(seed)

    def say(*words: object) -> None:
        print(*words, flush=True)

    while True:
        with Book.open(path, user="会计", password=PASSWORD) as b:
            say("ready")
            for _ in range(rng.randrange(5, 40)):
                op = rng.random()
                if op < 0.55:  # a voucher of k lines: prepared, then reviewed and posted by the reviewer
                    k = rng.randrange(2, 7)
                    amounts = [rng.randrange(1, 10_000_00) for _ in range(k - 1)]
                    lines = [LineInput("10201", f"收款 {i}", debit_fen=a) for i, a in enumerate(amounts)]
                    lines.append(LineInput("501", "收入", credit_fen=sum(amounts)))
                    vid = b.vouchers.create(f"2026-{rng.randrange(1, 13):02d}-15", lines, note=f"crash:{k}")
                    say("created", vid)
                    b.user = "审核"
                    b.vouchers.review(vid)
                    v = b.vouchers.get(vid)
                    number = b.vouchers.post(vid)
                    say("posted", vid, v.period, number)
                    b.user = "会计"
                elif op < 0.75:  # a member and its holding, in one transaction
                    code = f"C{rng.randrange(10**9):09d}"
                    with b.transact(Op.IMPORT):
                        b.members.add(code=code, name="新成员", kind="person")
                        b.shares.set_holding(code, "资金", rng.randrange(1, 1000) * 10000, "2026-01-01")
                    say("member", code)
                elif op < 0.85:  # a draft changed, then deleted
                    lines = [LineInput("10201", "草稿", debit_fen=100), LineInput("501", "", credit_fen=100)]
                    vid = b.vouchers.create("2026-06-01", lines, note="crash:2")
                    b.vouchers.update_draft(vid, "2026-06-02", [*lines[:1], LineInput("501", "", credit_fen=60),
                                                                LineInput("502", "", credit_fen=40)], note="crash:3")
                    b.vouchers.delete_draft(vid)
                    say("deleted", vid)
                elif op < 0.9:  # a spreadsheet of 5 members, imported in one transaction
                    sheet = Path(path).with_name(f"import-{os.getpid()}.csv")
                    tag = f"S{rng.randrange(10**9):09d}"
                    sheet.write_text("成员编号,姓名,类别\n" + "".join(f"{tag}-{i},导入成员,个人\n" for i in range(5)), encoding="utf-8")
                    b.sheets.apply(b.sheets.preview("members", sheet))
                    say("imported", tag)
                elif op < 0.95:  # the next sync file from the other replica
                    have = b.db.execute("SELECT count(DISTINCT substr(code, 1, 3)) FROM members WHERE code LIKE 'B%'").fetchone()[0]
                    if have < SYNC_FILES:
                        b.sync.import_file(Path(path).with_name(f"{Path(path).stem}-b{have:02d}.jlsync"))
                        say("synced", have)
                else:  # reverse a posted voucher (red ink)
                    row = b.db.execute(
                        "SELECT id FROM vouchers v WHERE status = 'posted' AND kind = 'normal' AND NOT EXISTS"
                        " (SELECT 1 FROM vouchers r WHERE r.reverses_id = v.id) ORDER BY random() LIMIT 1"
                    ).fetchone()
                    if row:
                        rid = b.vouchers.reverse(row[0], "2026-12-20", note="crash:r")
                        say("created", rid)


def make_book(path: Path) -> None:
    """The book, with users; and another replica of it that has written ``SYNC_FILES`` sync files for it."""
    from app.core.book import Book
    from app.core.sync import Sync

    b = Book.create(path, name="断电测试", start="2026-01", user="admin")
    b.accounts.add_sub("102", "农商银行")
    b.users.add("admin", PASSWORD, ["admin"])
    b.users.add("会计", PASSWORD, ["accountant"])
    b.users.add("审核", PASSWORD, ["reviewer"])
    seed = path.with_suffix(".seed")
    b.sync.seed(seed, "seed-pass")
    b.close()
    other = Sync.join(seed, path.with_name(f"{path.stem}-other.jlbook"), "村里", "seed-pass", user="admin", password=PASSWORD)
    for k in range(SYNC_FILES):
        with other.transact(Op.IMPORT):
            for i in range(4):
                other.members.add(code=f"B{k:02d}-{i}", name="副本成员", kind="person")
        other.sync.export(path.with_name(f"{path.stem}-b{k:02d}.jlsync"))
    other.close()


def check_after_kill(path: Path, posted: dict[str, tuple[str, int]], created: set[str], deleted: set[str], members: set[str],
                     synced: int) -> None:
    from app.core.book import Book

    with Book.open(path, user="admin", password=PASSWORD) as b:
        assert b.warnings == []
        assert [str(p) for p in b.reports.check()] == []  # what `jointledger check` runs
        assert [str(f) for f in b.audit.verify()] == []
        db = b.db
        # whole or nothing: every voucher has all its lines and balances; every new member has its holding
        for vid, note, n, d, c in db.execute(
            "SELECT v.id, v.note, count(l.id), sum(l.debit_fen), sum(l.credit_fen) FROM vouchers v"
            " LEFT JOIN voucher_lines l ON l.voucher_id = v.id GROUP BY v.id"
        ).fetchall():
            if note.startswith("crash:") and note != "crash:r":
                assert n == int(note[6:]), (vid, note, n)
            assert n >= 2 and d == c, (vid, n, d, c)
        assert not db.execute(
            "SELECT 1 FROM members m WHERE code LIKE 'C%' AND NOT EXISTS (SELECT 1 FROM holdings h WHERE h.member_id = m.id)"
        ).fetchone()
        # a spreadsheet came in whole or not at all; sync files too (each holds the batches before it)
        assert not db.execute("SELECT 1 FROM members WHERE code LIKE 'S%' GROUP BY substr(code, 1, 10) HAVING count(*) != 5").fetchone()
        batches = [r[0] for r in db.execute("SELECT count(*) FROM members WHERE code LIKE 'B%' GROUP BY substr(code, 1, 3) ORDER BY 1")]
        assert set(batches) <= {4}
        assert [r[0] for r in db.execute("SELECT DISTINCT substr(code, 2, 2) FROM members WHERE code LIKE 'B%' ORDER BY 1")] == [
            f"{k:02d}" for k in range(len(batches))
        ]
        # nothing reported done is lost
        for vid, (period, number) in posted.items():
            assert db.execute("SELECT period, number, status FROM vouchers WHERE id = ?", [vid]).fetchone() == (period, number, "posted")
        present = {r[0] for r in db.execute("SELECT id FROM vouchers")}
        assert created - deleted <= present and not (deleted & present)
        codes = {r[0] for r in db.execute("SELECT code FROM members")}
        assert members <= codes
        assert {f"B{k:02d}-0" for k in range(synced)} <= codes


def lane(path: Path, kills: int, seed: int, done: list[int], errors: list[BaseException], ops: Counter[str]) -> None:
    rng = random.Random(seed)
    posted: dict[str, tuple[str, int]] = {}
    created: set[str] = set()
    deleted: set[str] = set()
    members: set[str] = set()
    synced = 0
    env = {**os.environ, "JOINTLEDGER_PASSWORD": PASSWORD, "PYTHONPATH": str(Path(__file__).parent.parent)}
    try:
        for i in range(kills):
            proc = subprocess.Popen([sys.executable, __file__, str(path), str(rng.randrange(10**9))],
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)
            if i % 2:  # half the kills land anywhere from start-up on (the open, its check and backup) …
                time.sleep(rng.uniform(0.3, 1.2))
            else:  # … half while it writes
                assert proc.stdout.readline().strip() == "ready", proc.stderr.read()
                time.sleep(rng.uniform(0, 0.6))
            proc.send_signal(signal.SIGKILL)
            out, err = proc.communicate()
            assert proc.returncode == -signal.SIGKILL, err  # it was still working: no error of its own
            for line in out.split("\n")[:-1]:  # a kill can cut the last line short: only whole lines count
                word, *rest = line.split()
                ops[word] += 1
                if word == "posted":
                    posted[rest[0]] = (rest[1], int(rest[2]))
                elif word == "created":
                    created.add(rest[0])
                elif word == "deleted":
                    deleted.add(rest[0])
                elif word == "member":
                    members.add(rest[0])
                elif word == "imported":
                    members.add(f"{rest[0]}-0")
                elif word == "synced":
                    synced = max(synced, int(rest[0]) + 1)
            check_after_kill(path, posted, created, deleted, members, synced)
            done.append(len(posted))
    except BaseException as e:  # handed to the test's thread
        errors.append(e)


@pytest.mark.slow
def test_random_kills_never_break_the_book_or_lose_a_posted_voucher(tmp_path, monkeypatch):
    monkeypatch.setenv("JOINTLEDGER_BACKUP_DIR", str(tmp_path / "backups"))
    monkeypatch.setenv("JOINTLEDGER_HOME", str(tmp_path / "home"))  # the replicas' keys
    books = [tmp_path / f"lane{i}.jlbook" for i in range(LANES)]
    for p in books:
        make_book(p)
    done: list[int] = []
    errors: list[BaseException] = []
    ops: Counter[str] = Counter()
    threads = [threading.Thread(target=lane, args=(p, KILLS // LANES, i, done, errors, ops)) for i, p in enumerate(books)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise errors[0]
    assert len(done) == KILLS
    from app.core.book import Book
    from app.core.trust.backups import describe

    posted_total = 0
    env = {**os.environ, "JOINTLEDGER_PASSWORD": PASSWORD}
    for p in books:
        cli = subprocess.run([sys.executable, "-m", "app", "check", str(p)], capture_output=True, text=True, env=env)
        assert cli.returncode == 0 and "OK" in cli.stdout, cli.stderr
        with Book.open(p, user="admin", password=PASSWORD) as b:
            posted_total += b.info()["posted_vouchers"]
            saved = b.backups.list()
        assert saved and all(describe(f.path)["check"] == "ok" for f in saved)  # a killed backup never counts
    print(f"\n{KILLS} kills survived in {time.monotonic() - started:.0f} s; {posted_total} posted vouchers, none lost;"
          f" operations completed between kills: {dict(ops)}")
    assert posted_total > KILLS and ops["imported"] and ops["synced"]  # the kills really landed among writes


if __name__ == "__main__":
    worker(sys.argv[1], int(sys.argv[2]))
