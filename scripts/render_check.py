"""Render a workbook to PDF with LibreOffice headless, in either font situation, and check what prints.

    python scripts/render_check.py FILE.xlsx [--fonts calibri|fallback] [--out DIR] [--png]

`calibri` renders with a font of Calibri's widths (Carlito) as most readers have; `fallback` hides it, so
LibreOffice substitutes another font, as on a machine without Calibri. The check reads the PDF's text per
page (poppler's `pdftotext`) and reports: the pages of each sheet (each page's header names its sheet),
and every text cell whose text does not appear whole in the PDF (cut off by a short row or a column).
`--png` also writes one image per page (`pdftoppm`) for looking at.
"""

from __future__ import annotations

import argparse
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
    return rendered


def _sheet_names(xlsx: Path) -> list[str]:
    """Return the workbook's sheet names."""
    from openpyxl import load_workbook

    return list(load_workbook(xlsx, read_only=True).sheetnames)


def _page_sheet(page: str, names: list[str]) -> str:
    """Return the sheet a page belongs to, from the sheet name its header prints first."""
    first = next((line.strip() for line in page.splitlines() if line.strip()), "")
    return first if first in names else "?"


def _squash(text: str) -> str:
    """Drop whitespace, so text wrapped over lines compares equal to the cell's text."""
    return "".join(text.split())


def cut_texts(xlsx: Path, rendered: Rendered) -> list[tuple[str, str]]:
    """Return (sheet, text) for every text cell whose text is not found whole on its sheet's pages."""
    from openpyxl import load_workbook

    book = load_workbook(xlsx)
    by_sheet: dict[str, str] = {}
    for text, name in zip(rendered.pages, rendered.sheets, strict=True):
        by_sheet[name] = by_sheet.get(name, "") + _squash(text)
    missing = []
    for sheet in book.worksheets:
        printed = by_sheet.get(sheet.title, "")
        for row in sheet.iter_rows():
            for cell in row:
                value = cell.value
                if value is None or isinstance(value, int | float) or hasattr(value, "isoformat"):
                    continue
                shown = CODE.sub(lambda match: chr(int(match.group(1), 16)), str(value))
                if _squash(shown) and _squash(shown) not in printed:
                    missing.append((sheet.title, shown))
    return missing


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
        print(f"cut on {sheet}: {text[:80]!r}")
    print(f"pdf: {rendered.pdf}")
    return 1 if rendered.missing else 0


if __name__ == "__main__":
    sys.exit(main())
