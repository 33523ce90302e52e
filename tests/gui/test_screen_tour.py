"""Every page, the voucher screen and every print preview, in both languages at the large font (offscreen), and
the whole tour in a real X server (Xvfb) in both languages and both font sizes: no cut-off text, no glyph boxes,
no Qt English on a Chinese screen, no crash."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from screen_tour import tour

from app.gui.fonts import apply_app_font
from app.gui.i18n import install_language

TOUR = Path(__file__).with_name("screen_tour.py")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_large_font_tour_has_nothing_cut_off(lang, demo_window, qtbot):
    """With 大字体 the toolbars clipped ("表格导入", "New vouche", "xport to Exc") and the filter box was 60 px."""
    install_language(lang)
    apply_app_font(QApplication.instance(), large=True)
    window = demo_window.rebuild()
    qtbot.addWidget(window)
    problems = tour(window, lang, "large")
    window.close_book()
    assert problems == []


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="needs xvfb-run")
def test_tour_in_a_real_x_server(tmp_path):
    out = Path("test-output/tour")
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "xcb",
        "PYTHONPATH": os.pathsep.join([str(Path.cwd()), str(TOUR.parent)]),
    }
    done = subprocess.run(
        ["xvfb-run", "-a", "-s", "-screen 0 1600x1000x24", sys.executable, str(TOUR), str(out)],
        capture_output=True,
        text=True,
        timeout=900,
        env=env,
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert len(list(out.glob("*.png"))) >= 4 * 14
