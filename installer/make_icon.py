"""Draws the app icon (a red seal with 账 in the bundled font) into installer/jointledger.png and .ico.

Run once when the icon changes: ``python installer/make_icon.py``; the outputs are committed.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
FONT = ROOT / "resources" / "fonts" / "wqy-microhei.ttc"
SIZE = 256


def draw() -> Image.Image:
    img = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
    pen = ImageDraw.Draw(img)
    pen.rounded_rectangle((8, 8, SIZE - 8, SIZE - 8), radius=40, fill=(178, 34, 34, 255))
    pen.rounded_rectangle((24, 24, SIZE - 24, SIZE - 24), radius=28, outline=(255, 240, 220, 255), width=8)
    font = ImageFont.truetype(str(FONT), 170, index=0)
    pen.text((SIZE / 2, SIZE / 2), "账", font=font, fill=(255, 240, 220, 255), anchor="mm")
    return img


def main() -> None:
    img = draw()
    img.save(ROOT / "installer" / "jointledger.png")
    img.save(ROOT / "installer" / "jointledger.ico", sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)])


if __name__ == "__main__":
    main()
