"""Benchmark of the Linux bundle: build time, size, and the start time of the bundled program to its first window.

    python tests/bench_bundle.py [--no-build] [--runs 5] [--out DIR] [--cold]

Builds with the documented command (``bash installer/build.sh OUT``, which also runs the self-test), then runs
``OUT/dist/jointledger/jointledger --self-test`` offscreen several times and times, from the moment the process
is started, the arrival of its "ok: main window" line (the main window is shown: Python, Qt, the font and every
page are loaded) and its exit (the whole self-test). The first run is reported apart; with ``--cold`` (root only:
it empties the whole machine's page cache, so not by default) it is a true cold start.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build(out: Path) -> float:
    t0 = time.perf_counter()
    run = subprocess.run(["bash", str(ROOT / "installer" / "build.sh"), str(out)], capture_output=True, text=True,
                         env={**os.environ, "PYTHON": sys.executable})
    if run.returncode:
        sys.exit(run.stdout[-3000:] + run.stderr[-3000:])
    wall = time.perf_counter() - t0
    built = re.search(r"^built .* in (\d+) s", run.stdout, re.M)
    print(f"build: {wall:.1f} s for installer/build.sh (PyInstaller alone {built.group(1) if built else '?'} s)")
    return wall


def drop_caches() -> bool:
    try:
        subprocess.run(["sync"], check=True)
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
        return True
    except OSError:
        return False


def start_once(program: Path, home: Path) -> tuple[float, float]:
    """Seconds to the "ok: main window" line, and to the exit, of one ``--self-test``."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(home), "XDG_CONFIG_HOME": str(home / "config"),
           "XDG_DATA_HOME": str(home / "data"), "XDG_STATE_HOME": str(home / "state")}
    t0 = time.perf_counter()
    proc = subprocess.Popen([str(program), "--self-test"], stdout=subprocess.PIPE, text=True, env=env)
    window = None
    for line in proc.stdout:
        if window is None and line.startswith("ok: main window"):
            window = time.perf_counter() - t0
    if proc.wait() or window is None:
        sys.exit(f"the self-test failed (exit {proc.returncode})")
    return window, time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--no-build", action="store_true", help="measure OUT/dist/jointledger as it is")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--out", type=Path, default=ROOT)
    parser.add_argument("--cold", action="store_true", help="drop the page cache before the first start (root)")
    args = parser.parse_args()
    bundle = args.out.resolve() / "dist" / "jointledger"
    if not args.no_build:
        build(args.out.resolve())
    du = subprocess.run(["du", "-sh", str(bundle)], capture_output=True, text=True, check=True).stdout.split()[0]
    size = sum(p.lstat().st_size for p in bundle.rglob("*") if p.is_file() and not p.is_symlink())
    print(f"size: {du} (du -sh), {size / 2**20:.1f} MiB in {sum(1 for _ in bundle.rglob('*'))} files; budget 250 MB")
    with tempfile.TemporaryDirectory() as home:
        cold = args.cold and drop_caches()
        window, total = start_once(bundle / "jointledger", Path(home))
        print(f"first start ({'page cache dropped' if cold else 'page cache kept'}): "
              f"window {window:.2f} s, whole self-test {total:.2f} s")
        runs = [start_once(bundle / "jointledger", Path(home)) for _ in range(args.runs)]
    print(f"warm start, median of {args.runs}: window {statistics.median(r[0] for r in runs):.2f} s, "
          f"whole self-test {statistics.median(r[1] for r in runs):.2f} s")


if __name__ == "__main__":
    main()
