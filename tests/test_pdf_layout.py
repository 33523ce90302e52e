"""The shared PDF helpers: the QR code drawn module for module as encoded, text fitted to its box."""

import io
import subprocess

from PIL import Image
from reportlab.graphics.barcode.qrencoder import QRCode, QRErrorCorrectLevel
from reportlab.pdfgen.canvas import Canvas

from app.core.pdf import layout


def test_qr_modules_match_the_encoding(tmp_path):
    data = "JL:ABCD-EFGH-IJKL"
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=(200, 200))
    layout.qr(c, data, 0, 0, 200)
    c.showPage()
    c.save()
    (tmp_path / "qr.pdf").write_bytes(buf.getvalue())
    subprocess.run(["pdftoppm", "-r", "288", "-png", "-singlefile", str(tmp_path / "qr.pdf"), str(tmp_path / "qr")], check=True)
    img = Image.open(tmp_path / "qr.png").convert("L")
    code = QRCode(None, QRErrorCorrectLevel.M)
    code.addData(data)
    code.version = code.calculate_version()
    code.makeImpl(False, 0)
    n = code.getModuleCount()
    module = img.width / (n + 8)
    for row in range(n):
        for col in range(n):
            pixel = img.getpixel((int((col + 4.5) * module), int((row + 4.5) * module)))
            assert (pixel < 128) == code.isDark(row, col), (row, col)
    assert img.getpixel((2, 2)) > 128  # the quiet zone is white


def test_fit_shrinks_then_cuts():
    text, size = layout.fit("东岭村股份经济合作社", 200, 12)
    assert (text, size) == ("东岭村股份经济合作社", 12)
    text, size = layout.fit("东岭村股份经济合作社", 80, 12)
    assert text == "东岭村股份经济合作社" and size < 12
    text, size = layout.fit("东岭村股份经济合作社" * 5, 60, 12, min_size=6)
    assert size == 6 and text.endswith("…") and len(text) < 50
    assert layout.wrap("一二三四五六", 25, 12) == ["一二", "三四", "五六"]
