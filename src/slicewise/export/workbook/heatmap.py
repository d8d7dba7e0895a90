"""The Heat map sheet: likelihood × impact on a 5×5 grid with the count and ids of the risks in each cell."""

from __future__ import annotations

from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont

from slicewise.export.workbook.cells import SheetWriter, clean_text
from slicewise.export.workbook.context import SheetContext
from slicewise.export.workbook.layout import print_setup, set_widths
from slicewise.export.workbook.styles import EMPTY, HEADER, LABEL, SECTION, Style

SHEET = "Heat map"
LIKELIHOOD = {5: "Almost certain", 4: "Likely", 3: "Possible", 2: "Unlikely", 1: "Rare"}
"""Words for likelihood 1–5."""
IMPACT = {1: "Minimal", 2: "Minor", 3: "Moderate", 4: "Major", 5: "Severe"}
"""Words for impact 1–5."""
GRID_TOP = 5
"""The row of the impact headers; likelihood 5 is the row below it."""
CELL = Style(horizontal="center", vertical="center", size=10)
LEGEND = Style(italic=True, colour="595959", border=False, wrap=False, vertical="center")
COUNT = Style(horizontal="center", vertical="center", bold=True, size=10)


def write(ctx: SheetContext) -> None:
    """Add the Heat map sheet."""
    writer = ctx.new_sheet(SHEET, "Risk heat map: likelihood × impact")
    sheet = writer.sheet
    cells: dict[tuple[int, int], list[str]] = {}
    for risk in ctx.results.risks:
        cells.setdefault((risk.likelihood, risk.impact), []).append(risk.id)
    writer.put(GRID_TOP - 1, 3, "Impact →", LABEL, measure=False)
    writer.put(GRID_TOP, 1, "Likelihood ↓", HEADER, measure=False)
    writer.put(GRID_TOP, 2, "", HEADER, measure=False)
    for impact, word in IMPACT.items():
        writer.put(GRID_TOP, 2 + impact, f"{impact} {word}", HEADER, measure=False)
    for offset, likelihood in enumerate(sorted(LIKELIHOOD, reverse=True), start=1):
        row = GRID_TOP + offset
        writer.put(row, 1, LIKELIHOOD[likelihood], HEADER, measure=False)
        writer.put(row, 2, likelihood, HEADER, measure=False)
        sheet.row_dimensions[row].height = 48
        for impact in IMPACT:
            ids = cells.get((likelihood, impact), [])
            band = ctx.bundle.scoring.band_for(likelihood * impact)
            if ids:
                _risk_cell(writer, row, 2 + impact, ids, COUNT.with_fill(band.colour))
            else:
                writer.put(row, 2 + impact, "", CELL.with_fill(_pale(band.colour)), measure=False)
    sheet.row_dimensions[GRID_TOP].height = 22
    legend = GRID_TOP + 7
    writer.put(legend, 1, "Rating bands", SECTION, measure=False)
    bands = sorted(ctx.bundle.scoring.model.rating_bands, key=lambda band: band.min_score)
    for index, band in enumerate(bands):
        upper = bands[index + 1].min_score - 1 if index + 1 < len(bands) else 25
        count = sum(1 for risk in ctx.results.risks if risk.rating == band.name)
        row = legend + 1 + index
        writer.put(row, 1, band.name, Style(bold=True, horizontal="center").with_fill(band.colour), measure=False)
        noun = "risk" if count == 1 else "risks"
        writer.put(row, 3, f"score {band.min_score}–{upper}: {count} {noun}", LEGEND, measure=False)
    note_row = legend + 2 + len(bands)
    writer.put(note_row, 1, "Score = likelihood × impact. Risk ids match the Risk register.", LEGEND, measure=False)
    set_widths(sheet, {1: 16, 2: 5, 3: 28, 4: 28, 5: 28, 6: 28, 7: 28})
    print_setup(sheet, None, ctx.footer)
    sheet.page_setup.fitToHeight = 1


def _risk_cell(writer: SheetWriter, row: int, column: int, ids: list[str], style: Style) -> None:
    """Write a cell's risk count in bold with the risk ids under it in small type."""
    noun = "risk" if len(ids) == 1 else "risks"
    count = f"{len(ids)} {noun}"
    listed = clean_text(", ".join(ids))
    cell = writer.put(row, column, f"{count}\n{listed}", style, measure=False)
    colour = style.colour
    cell.value = CellRichText(
        TextBlock(InlineFont(rFont="Calibri", sz=11, b=True, color=colour), count + "\n"),
        TextBlock(InlineFont(rFont="Calibri", sz=8, color=colour), listed),
    )
    writer.wrapped[(row, column)] = (column, f"{count}\n{listed}", 8.5)


def _pale(colour: str) -> str:
    """Return a much lighter tint of a band colour for empty cells, so the bands stay visible but quiet."""
    channels = [int(colour[i : i + 2], 16) for i in (0, 2, 4)]
    tint = [round(value + (255 - value) * 0.75) for value in channels]
    return "".join(f"{value:02X}" for value in tint) if any(channels) else EMPTY
