"""The Heat map sheet: likelihood × impact on a 5×5 grid with the count and short ids of the risks in each
cell; a cell holding many risks points to a list beside the grid, so every cell stays readable."""

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
        cells.setdefault((risk.likelihood, risk.impact), []).append(ctx.ids.risk(risk.id))
    crowded: list[tuple[int, int, list[str]]] = []
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
            if len(ids) > MANY:
                crowded.append((likelihood, impact, ids))
                detail = f"see list {len(crowded)} →"
                _risk_cell(writer, row, 2 + impact, len(ids), detail, COUNT.with_fill(band.colour))
            elif ids:
                _risk_cell(writer, row, 2 + impact, len(ids), ", ".join(ids), COUNT.with_fill(band.colour))
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
    for number, (likelihood, impact, ids) in enumerate(crowded, start=1):
        line = GRID_TOP + number
        writer.put(GRID_TOP, 9, "Crowded cells", HEADER, measure=False)
        text = f"List {number}: likelihood {likelihood} × impact {impact}: {', '.join(ids)}"
        writer.put(line, 9, text, Style(vertical="center"), measure=False)
    widths = {1: 16, 2: 5, 3: 20, 4: 20, 5: 20, 6: 20, 7: 20}
    if crowded:
        widths |= {8: 2, 9: 40}
    set_widths(sheet, widths)
    print_setup(sheet, None, ctx.footer, ctx.paper, one_page=True)


MANY = 9
"""A cell with more risks than this lists them beside the grid instead (nine short ids fit three lines)."""


def _risk_cell(writer: SheetWriter, row: int, column: int, count: int, detail: str, style: Style) -> None:
    """Write a cell's risk count in bold with the short ids (or a pointer to the list) under it in small type."""
    head = f"{count} {'risk' if count == 1 else 'risks'}"
    detail = clean_text(detail)
    cell = writer.put(row, column, f"{head}\n{detail}", style, measure=False)
    colour = style.colour
    cell.value = CellRichText(
        TextBlock(InlineFont(rFont="Calibri", sz=11, b=True, color=colour), head + "\n"),
        TextBlock(InlineFont(rFont="Calibri", sz=9, color=colour), detail),
    )


def _pale(colour: str) -> str:
    """Return a much lighter tint of a band colour for empty cells, so the bands stay visible but quiet."""
    channels = [int(colour[i : i + 2], 16) for i in (0, 2, 4)]
    tint = [round(value + (255 - value) * 0.75) for value in channels]
    return "".join(f"{value:02X}" for value in tint) if any(channels) else EMPTY
