"""Benchmark: what the workbook guard (app/core/sheets/guard.py) costs on an honest large workbook, and the peak
memory of reading it, beside the floor of reading the same file without the guard.

    python tests/bench_hostile.py [--rows 50000] [--dir /tmp/bench-hostile]

Prints the file's size, the guard's time, the read's time without the guard (the floor) and with it, and each
one's peak memory, measured in its own process (VmHWM).
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import time
from pathlib import Path

import openpyxl

ROOT = Path(__file__).resolve().parents[1]

_CHILD = """
import sys, time
sys.path.insert(0, {root!r})
from python_calamine import CalamineWorkbook
from app.core.sheets.guard import check_workbook
from app.core.sheets.reader import read_sheet
path = sys.argv[1]
t = time.perf_counter()
if sys.argv[2] == "floor":
    wb = CalamineWorkbook.from_path(path)
    wb.get_sheet_by_index(0).to_python(skip_empty_area=False)
elif sys.argv[2] == "guard":
    from pathlib import Path
    check_workbook(Path(path))
else:
    read_sheet(path)
took = time.perf_counter() - t
peak = next(int(x.split()[1]) for x in open("/proc/self/status") if x.startswith("VmHWM:"))
print(f"{{took:.2f}} {{peak // 1024}}")
"""


def make(path: Path, rows: int) -> None:
    rng = random.Random(1)
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("成员")
    ws.append(
        [
            "成员编号",
            "姓名或名称",
            "成员类别",
            "证件号码",
            "所属组织",
            "联系电话",
            "开户银行",
            "银行账号",
            "家庭人口",
            "备注",
        ]
    )
    for i in range(rows):
        ws.append(
            [
                f"H{i:06d}",
                "张" + chr(0x4E00 + rng.randrange(2000)),
                "农户",
                f"3301061970{i % 10000:04d}0011",
                f"第{i % 12 + 1}组",
                f"139{rng.randrange(10**8):08d}",
                "农商银行",
                f"62104000{i:08d}",
                rng.randrange(1, 8),
                "备注" * rng.randrange(3),
            ]
        )
    wb.save(path)


def run(path: Path, mode: str) -> tuple[str, str]:
    out = subprocess.run(
        [sys.executable, "-c", _CHILD.format(root=str(ROOT)), str(path), mode],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return out[0], out[1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=50000)
    parser.add_argument("--dir", default="/tmp/bench-hostile")
    args = parser.parse_args()
    folder = Path(args.dir)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"roster-{args.rows}.xlsx"
    if not path.exists():
        t = time.perf_counter()
        make(path, args.rows)
        print(f"made {path.name} in {time.perf_counter() - t:.1f} s")
    print(f"{path.name}: {path.stat().st_size / 2**20:.1f} MB, {args.rows} rows")
    for label, mode in (
        ("floor: calamine read, no guard", "floor"),
        ("guard alone", "guard"),
        ("read_sheet (guard + read)", "read"),
    ):
        took, peak = run(path, mode)
        print(f"  {label:<34}{took:>8} s {peak:>8} MB peak")


if __name__ == "__main__":
    main()
