"""The Risk register sheet: a real Excel table with a filter, ratings coloured by band, and drop-downs for
the response and status stakeholders track."""

from __future__ import annotations

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.table import Table, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from slicewise.core.models.results import RiskResult
from slicewise.export.workbook.cells import bulleted
from slicewise.export.workbook.context import SheetContext
from slicewise.export.workbook.layout import HEADER_ROW, fit_widths, freeze_below, header_row, print_setup
from slicewise.export.workbook.styles import BODY, BODY_CENTRE, INTEGER, NOTE, Style

SHEET = "Risk register"
TABLE_NAME = "RiskRegister"
HEADERS = [
    "ID",
    "Risk",
    "Cause",
    "Effect",
    "Category",
    "Likelihood",
    "Impact",
    "Score",
    "Rating",
    "Owner",
    "Response",
    "Trigger",
    "Mitigating actions",
    "Status",
    "Source answers",
]
RESPONSES = ("Avoid", "Mitigate", "Transfer", "Accept")
"""The values of the response drop-down."""
STATUSES = ("Open", "Monitoring", "Closed")
"""The values of the status drop-down."""
LIMITS = {1: 16, 2: 28, 3: 30, 4: 30, 5: 14, 6: 11, 7: 8, 8: 7, 9: 10, 10: 15, 11: 11, 12: 28, 13: 28, 14: 11, 15: 24}
RESPONSE_COLUMN = HEADERS.index("Response") + 1
STATUS_COLUMN = HEADERS.index("Status") + 1


def write(ctx: SheetContext) -> None:
    """Add the Risk register sheet."""
    writer = ctx.new_sheet(SHEET, "Risk register")
    header_row(writer, HEADERS)
    risks = ctx.results.risks
    row = HEADER_ROW + 1
    for risk in risks:
        values: list[str | int] = [
            risk.id,
            risk.title,
            risk.cause,
            risk.effect,
            risk.category,
            risk.likelihood,
            risk.impact,
            risk.score,
            risk.rating,
            risk.owner,
            RESPONSES[1] if risk.actions else "",
            risk.trigger,
            bulleted([ctx.labels.action(action) for action in risk.actions]),
            STATUSES[0],
            _sources(ctx, risk),
        ]
        for column, value in enumerate(values, start=1):
            if column == 9:
                writer.put(row, column, value, Style(bold=True, horizontal="center").with_fill(risk.colour))
            elif isinstance(value, int):
                writer.put(row, column, value, INTEGER)
            elif column in (RESPONSE_COLUMN, STATUS_COLUMN):
                writer.put(row, column, value, BODY_CENTRE)
            else:
                writer.put(row, column, value, BODY)
        row += 1
    sheet = writer.sheet
    if risks:
        last = HEADER_ROW + len(risks)
        ref = f"A{HEADER_ROW}:{writer.column_letter(len(HEADERS))}{last}"
        table = Table(displayName=TABLE_NAME, ref=ref)
        table.tableStyleInfo = TableStyleInfo(name="TableStyleLight15", showRowStripes=True)
        sheet.add_table(table)
        _drop_down(sheet, RESPONSE_COLUMN, RESPONSES, last, "Response", "How the risk will be handled")
        _drop_down(sheet, STATUS_COLUMN, STATUSES, last, "Status", "Where the risk stands")
    else:
        writer.merge(row, 1, 6, "No risks raised by the answers given.", NOTE)
    fit_widths(writer, LIMITS)
    freeze_below(sheet, HEADER_ROW, 2)
    print_setup(sheet, f"{HEADER_ROW}:{HEADER_ROW}", ctx.footer, paper_a3=True)


def _drop_down(sheet: Worksheet, column: int, values: tuple[str, ...], last: int, title: str, prompt: str) -> None:
    """Offer a list of values in one column of the register."""
    letter = get_column_letter(column)
    validation = DataValidation(
        type="list",
        formula1='"' + ",".join(values) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=title,
        error="Choose one of: " + ", ".join(values),
        promptTitle=title,
        prompt=prompt,
    )
    validation.add(f"{letter}{HEADER_ROW + 1}:{letter}{last}")
    sheet.add_data_validation(validation)


def _sources(ctx: SheetContext, risk: RiskResult) -> str:
    """Name the answers, objects or flows that raised a risk, with the answer given where there is one."""
    lines = []
    for ref in risk.refs:
        result = ctx.results.question(ref)
        if result is not None:
            lines.append(f"{ref}: {result.answer}" if result.answer else ref)
        else:
            lines.append(ref)
    return bulleted(lines)
