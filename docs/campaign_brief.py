"""Renders docs/campaign-brief.png: the brief of the sample campaign with the most records, its
two pages side by side.

Run: .venv/bin/python docs/campaign_brief.py  (needs pdftoppm from poppler-utils, and Pillow)
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PIL import Image, ImageOps  # noqa: E402

from organiser import store  # noqa: E402
from organiser.services import campaign_brief, demo  # noqa: E402

FULLEST = 1  # the sample data's "Stop the crackdown on Korean unions"
GAP, PAD = 16, 8


def side_by_side(pages: list[Path], target: Path) -> None:
    images = [ImageOps.expand(Image.open(p).convert("RGB"), 1, "#9aa0a6") for p in pages]
    width = sum(image.width for image in images) + GAP * (len(images) - 1) + 2 * PAD
    height = max(image.height for image in images) + 2 * PAD
    sheet = Image.new("RGB", (width, height), "#e3e6ea")
    x = PAD
    for image in images:
        sheet.paste(image, (x, PAD))
        x += image.width + GAP
    sheet.save(target, optimize=True)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        engine = store.open_database(str(work / "sample.sqlite3"))
        with store.transaction(engine, write=True) as session:
            demo.load_demo(session)
        with store.transaction(engine) as session:
            campaign_brief.write_brief(session, FULLEST, work / "brief.pdf")
        engine.dispose()
        pdf, pages = str(work / "brief.pdf"), str(work / "page")
        subprocess.run(["pdftoppm", "-png", "-r", "60", pdf, pages], check=True)
        side_by_side(sorted(work.glob("page-*.png")), ROOT / "docs" / "campaign-brief.png")


if __name__ == "__main__":
    main()
