"""Render a workbook to PDF with LibreOffice headless, in either font situation, and check what prints.

    python scripts/render_check.py FILE.xlsx [--fonts calibri|fallback] [--out DIR] [--png]

`calibri` renders with a font of Calibri's widths (Carlito) as most readers have; `fallback` hides it, so
LibreOffice substitutes another font, as on a machine without Calibri. The check reads the PDF's text per
page (poppler's `pdftotext`) and reports: the pages of each sheet (each page's header names its sheet),
every text cell whose text does not appear in the PDF, and every pair of words printed over each other
(text clipped by a row too short for it still sits in the PDF, over the row below).
`--png` also writes one image per page (`pdftoppm`) for looking at.
"""

from __future__ import annotations

import argparse
import html
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

CODE = re.compile(r"_x([0-9A-Fa-f]{4})_")
FONT_SITUATIONS = ("calibri", "fallback")
HIDE_CARLITO = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <selectfont><rejectfont><glob>*Carlito*</glob><glob>*carlito*</glob><glob>*Calibri*</glob>
  <glob>*calibri*</glob></rejectfont></selectfont>
</fontconfig>
"""


def tools_missing() -> list[str]:
    """Return the programs the render needs that are not installed."""
    return [tool for tool in ("soffice", "pdftotext") if shutil.which(tool) is None]


@dataclass
class Rendered:
    """One render: the PDF, the text of each page and the sheet each page belongs to."""

    pdf: Path
    pages: list[str]
    sheets: list[str]
    missing: list[tuple[str, str]] = field(default_factory=list)
    """(sheet, text) of text cells not found whole in the PDF."""
    overprinted: list[tuple[str, str, str]] = field(default_factory=list)
    """(sheet, word, word) of words printed over each other: text running out of a row too short for it.

    A row too short for its text clips the text on screen, but the PDF still carries the clipped lines at
    the place they would be drawn, over the row below; two words sharing a place is how a cut shows."""

    def page_counts(self) -> dict[str, int]:
        """Return how many pages each sheet printed on."""
        counts: dict[str, int] = {}
        for sheet in self.sheets:
            counts[sheet] = counts.get(sheet, 0) + 1
        return counts

    def first_page(self, sheet: str) -> str:
        """Return the text of a sheet's first page."""
        return next(text for text, name in zip(self.pages, self.sheets, strict=True) if name == sheet)


def render(xlsx: Path, out: Path, fonts: str = "calibri", png: bool = False) -> Rendered:
    """Convert `xlsx` to PDF in `out` with LibreOffice headless and read its pages back."""
    if fonts not in FONT_SITUATIONS:
        raise ValueError(f"fonts must be one of {FONT_SITUATIONS}")
    out.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    profile = Path(tempfile.mkdtemp(prefix="render-profile-"))
    if fonts == "fallback":
        config = profile / "fonts.conf"
        config.write_text(HIDE_CARLITO, encoding="utf-8")
        env["FONTCONFIG_FILE"] = str(config)
    command = [
        "soffice",
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--norestore",
        "--convert-to",
        "pdf",
        "--outdir",
        str(out),
        str(xlsx),
    ]
    try:
        subprocess.run(command, env=env, check=True, capture_output=True, timeout=300)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    pdf = out / (xlsx.stem + ".pdf")
    text = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], check=True, capture_output=True).stdout
    pages = text.decode("utf-8").split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    names = _sheet_names(xlsx)
    sheets = [_page_sheet(page, names) for page in pages]
    if png and shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-r", "70", "-png", str(pdf), str(out / f"{xlsx.stem}-{fonts}")], check=True)
    rendered = Rendered(pdf, pages, sheets)
    rendered.missing = cut_texts(xlsx, rendered)
    rendered.overprinted = overprinted_words(pdf, sheets)
    return rendered


WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')
PAGE = re.compile(r"<page [^>]*>(.*?)</page>", re.DOTALL)
OVERLAP = 0.3
"""Two words overlap when they share more than this share of the smaller one's area."""


def overprinted_words(pdf: Path, sheets: list[str]) -> list[tuple[str, str, str]]:
    """Return (sheet, word, word) for every pair of words drawn over each other on a page."""
    xhtml = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True).stdout
    found = []
    for index, page in enumerate(PAGE.findall(xhtml.decode("utf-8"))):
        boxes = sorted(
            (float(y0), float(x0), float(x1), float(y1), text)
            for x0, y0, x1, y1, text in WORD.findall(page)
            if text.strip()
        )
        for i, (top, left, right, bottom, text) in enumerate(boxes):
            for other in boxes[i + 1 :]:
                if other[0] >= bottom:
                    break
                width = min(right, other[2]) - max(left, other[1])
                height = min(bottom, other[3]) - max(top, other[0])
                if width <= 0 or height <= 0:
                    continue
                smaller = min((right - left) * (bottom - top), (other[2] - other[1]) * (other[3] - other[0]))
                if smaller > 0 and width * height > OVERLAP * smaller:
                    sheet = sheets[index] if index < len(sheets) else "?"
                    found.append((sheet, html.unescape(text), html.unescape(other[4])))
    return found


def _sheet_names(xlsx: Path) -> list[str]:
    """Return the workbook's sheet names."""
    from openpyxl import load_workbook

    return list(load_workbook(xlsx, read_only=True).sheetnames)


def _page_sheet(page: str, names: list[str]) -> str:
    """Return the sheet a page belongs to, from the sheet name its header prints first."""
    first = next((line.strip() for line in page.splitlines() if line.strip()), "")
    return first if first in names else "?"


def words(text: str) -> set[str]:
    """Return the words of a text, split at spaces and hyphens as lines wrap (the PDF's text order mixes
    the lines of cells side by side, so words, not whole texts, are compared)."""
    return set(re.findall(r"[^\s\-/]+", text))


def cut_texts(xlsx: Path, rendered: Rendered) -> list[tuple[str, str]]:
    """Return (sheet, text) for every text cell whose text is not found whole on its sheet's pages."""
    from openpyxl import load_workbook

    book = load_workbook(xlsx)
    by_sheet: dict[str, set[str]] = {}
    for text, name in zip(rendered.pages, rendered.sheets, strict=True):
        by_sheet.setdefault(name, set()).update(words(text))
    missing = []
    for sheet in book.worksheets:
        printed = by_sheet.get(sheet.title, set())
        for row in sheet.iter_rows(**_print_bounds(sheet)):
            for cell in row:
                value = cell.value
                if value is None or isinstance(value, int | float) or hasattr(value, "isoformat"):
                    continue
                shown = CODE.sub(lambda match: chr(int(match.group(1), 16)), str(value))
                if not words(shown) <= printed:
                    missing.append((sheet.title, shown))
    return missing


def _print_bounds(sheet: object) -> dict[str, int]:
    """Return the rows and columns a sheet prints (its print area, or every used cell)."""
    from openpyxl.utils.cell import range_boundaries

    area = getattr(sheet, "print_area", None)
    if not area:
        return {}
    first = str(area).split(",")[0].split("!")[-1].replace("$", "")
    min_col, min_row, max_col, max_row = range_boundaries(first)
    return {"min_col": min_col or 1, "min_row": min_row or 1, "max_col": max_col or 1, "max_row": max_row or 1}


def main() -> int:
    """Render, print page counts and cut texts, and exit 1 when any text is cut."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("xlsx", type=Path)
    parser.add_argument("--fonts", choices=FONT_SITUATIONS, default="calibri")
    parser.add_argument("--out", type=Path, default=Path("render"))
    parser.add_argument("--png", action="store_true", help="also write one PNG per page")
    args = parser.parse_args()
    missing_tools = tools_missing()
    if missing_tools:
        print(f"missing: {', '.join(missing_tools)} (apt-get install libreoffice-calc poppler-utils)", file=sys.stderr)
        return 2
    rendered = render(args.xlsx, args.out, args.fonts, args.png)
    for sheet, count in rendered.page_counts().items():
        print(f"{sheet}: {count} page(s)")
    for sheet, text in rendered.missing:
        print(f"missing on {sheet}: {text[:80]!r}")
    for sheet, word, other in rendered.overprinted:
        print(f"printed over each other on {sheet}: {word!r} and {other!r}")
    print(f"pdf: {rendered.pdf}")
    return 1 if rendered.missing or rendered.overprinted else 0


if __name__ == "__main__":
    sys.exit(main())
