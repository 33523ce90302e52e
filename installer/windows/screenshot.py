"""A screenshot of a program's window under Xvfb, for smoke.sh: the real window, as the X server shows it.

    python3 screenshot.py --out SHOT.png [--timeout S] -- COMMAND...

Starts Xvfb (1280x800), runs COMMAND on it, and grabs the screen (``xwd -root``) every few seconds until a window
covers most of the desktop (the desktop's colour is less than half the screen) and two grabs in a row are the same (every page has loaded);
saves that one as PNG and stops the command. Exit 1 when no window was drawn within the time limit.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import struct
import subprocess
import sys
import time
from pathlib import Path

from PIL import Image

SIZE = (1280, 800)


def read_xwd(data: bytes) -> Image.Image:
    """An XWD file (xwd's header is big-endian) of a 24/32-bit TrueColor screen as an RGB image."""
    fields = struct.unpack(">25I", data[:100])
    header_size, width, height = fields[0], fields[4], fields[5]
    byte_order, bits_per_pixel, bytes_per_line, ncolors = fields[7], fields[11], fields[12], fields[19]
    if bits_per_pixel != 32:
        raise ValueError(f"{bits_per_pixel} bits per pixel: run Xvfb with a 24-bit screen")
    start = header_size + 12 * ncolors
    raw = data[start : start + bytes_per_line * height]
    return Image.frombuffer(
        "RGB", (width, height), raw, "raw", "BGRX" if byte_order == 0 else "XRGB", bytes_per_line, 1
    )


def grab(display: str) -> Image.Image:
    xwd = subprocess.run(
        ["xwd", "-root", "-silent", "-display", display], capture_output=True, timeout=30, check=True
    )
    return read_xwd(xwd.stdout)


def free_display() -> str:
    n = 90
    while Path(f"/tmp/.X{n}-lock").exists() or Path(f"/tmp/.X11-unix/X{n}").exists():
        n += 1
    return f":{n}"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", required=True, type=Path)
    parser.add_argument("--timeout", type=float, default=300)
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    display = free_display()
    xvfb = subprocess.Popen(
        ["Xvfb", display, "-screen", "0", f"{SIZE[0]}x{SIZE[1]}x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    program = None
    try:
        time.sleep(2)
        started = time.monotonic()
        program = subprocess.Popen(
            command,
            env={**os.environ, "DISPLAY": display},
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        previous = None
        desktop = None
        while time.monotonic() - started < args.timeout:
            time.sleep(3)
            shot = grab(display)
            # the plain desktop is one colour; a window is drawn when it covers most of that colour
            colours = {colour: count for count, colour in shot.getcolors(maxcolors=SIZE[0] * SIZE[1])}
            main = max(colours, key=colours.__getitem__)
            if colours[main] > 0.9 * SIZE[0] * SIZE[1]:
                desktop = main
            drawn = colours.get(desktop, 0) < 0.5 * SIZE[0] * SIZE[1]
            if drawn and previous is not None and shot.tobytes() == previous.tobytes():
                args.out.parent.mkdir(parents=True, exist_ok=True)
                shot.save(args.out)
                print(f"window drawn {time.monotonic() - started:.1f} s after start: {args.out}")
                return 0
            previous = shot if drawn else None
            if program.poll() is not None:
                print(
                    f"the program exited with {program.returncode} before its window was drawn",
                    file=sys.stderr,
                )
                return 1
        print(f"no window drawn within {args.timeout:.0f} s", file=sys.stderr)
        return 1
    finally:
        if program is not None and program.poll() is None:
            os.killpg(program.pid, signal.SIGKILL)
        if shutil.which("wineserver") and os.environ.get("WINEPREFIX"):
            # the Windows processes of this prefix
            subprocess.run(["wineserver", "-k"], timeout=60, check=False)
        xvfb.kill()
        xvfb.wait()


if __name__ == "__main__":
    sys.exit(main())
