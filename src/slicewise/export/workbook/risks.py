"""The Risk register sheet, one people maintain: short ids, drop-downs for what they track, ratings and colours
that follow their edits through conditional formatting (no formula in any cell), real dates, a residual
rating, answering actions by id, and the client's own words beside each risk."""

from __future__ import annotations

from datetime import date, timedelta

from openpyxl.formatting.rule import Rule
from openpyxl.styles import Font, PatternFill
from openpyxl.styles.differential import DifferentialStyle
from openpyxl.styles.numbers import NumberFormat
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.table import Table, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from slicewise.core.models.results import RiskResult
from slicewise.core.models.scoring import RatingBand
from slicewise.core.models.tracking import RISK_RESPONSES, RISK_STRATEGIES, label
from slicewise.export.workbook.cells import bulleted
from slicewise.export.workbook.context import SheetContext, later_actions
from slicewise.export.workbook.judgement import adjusted_text, iso_date
from slicewise.export.workbook.layout import HEADER_ROW, freeze_below, header_row, print_setup, set_widths
from slicewise.export.workbook.styles import BODY, BODY_CENTRE, INTEGER, NOTE, Style, text_colour_on

SHEET = "Risk register"
TABLE_NAME = "RiskRegister"
HEADERS = [
    "ID",
    "Risk",
    "Rating",
    "Score",
    "Likelihood",
    "Impact",
    "Owner",
    "Response",
    "Status",
    "Due",
    "Next review",
    "Answering actions",
    "Residual likelihood",
    "Residual impact",
    "Residual rating",
    "Cause",
    "Effect",
    "Trigger",
    "Category",
    "Source answers and the client's notes",
    "Adjusted (engine said, by whom, why)",
    "Engine id",
]
"""The register's columns: what people track first (printed), the risk's full statement after."""
PRINTED = HEADERS.index("Residual rating") + 1
"""The columns printed on paper (ID to residual rating); the statement columns stay in the sheet."""
RESPONSES = tuple(label(value) for value in RISK_STRATEGIES)
"""The values of the response drop-down: the strategies `slicewise sync` reads back."""
STATUSES = tuple(label(value) for value in RISK_RESPONSES)
"""The values of the status drop-down: the response statuses `slicewise sync` reads back."""
WIDTHS = {"ID": 6, "Risk": 30, "Rating": 9, "Score": 6, "Likelihood": 10, "Impact": 8, "Owner": 15}
WIDTHS |= {"Response": 10, "Status": 11, "Due": 10, "Next review": 10, "Answering actions": 34}
WIDTHS |= {"Residual likelihood": 10, "Residual impact": 8, "Residual rating": 9, "Cause": 60, "Effect": 60}
WIDTHS |= {"Trigger": 50, "Category": 16, "Source answers and the client's notes": 80, "Engine id": 26}
WIDTHS |= {"Adjusted (engine said, by whom, why)": 50}
"""Column widths: the unprinted statement columns are wide so that their text needs few lines, which keeps
the printed rows close to the height of what they print."""
LIMITS = {HEADERS.index(name) + 1: width for name, width in WIDTHS.items()}


READ_BACK = (
    "Status, Response, Owner and Due are read back into the assessment by `slicewise sync`. Re-rating a risk "
    "(Likelihood, Impact) needs a reason, so do it in slicewise (`slicewise adjust` or the Risks screen); residual "
    "ratings and Next review stay in this workbook."
)
"""The note above the register saying what comes back and what does not."""
RERATE_PROMPT = "1 (lowest) to 5 (highest). Not read back: re-rate in slicewise, with a reason."
"""The prompt of the likelihood and impact cells, which sync does not read."""


def shown_strategy(risk: RiskResult, answered: bool) -> str:
    """The Response cell: the strategy chosen, else Mitigate as a suggestion when a planned action answers the risk."""
    if risk.strategy:
        return label(risk.strategy)
    return label("mitigate") if answered else ""


def column(name: str) -> int:
    """Return the 1-based column of a header."""
    return HEADERS.index(name) + 1


REVIEW_AFTER = timedelta(days=28)
"""The first review is suggested four weeks after the assessment."""
DATE = Style(horizontal="center", number_format="yyyy-mm-dd")
"""Due and review dates: real dates that sort and filter."""
NOT_SET = "—"
"""What the residual rating shows until a residual likelihood and impact are entered."""


def write(ctx: SheetContext) -> None:
    """Add the Risk register sheet."""
    writer = ctx.new_sheet(SHEET, "Risk register")
    writer.merge(HEADER_ROW - 1, 1, PRINTED, READ_BACK, NOTE)
    header_row(writer, HEADERS)
    risks = ctx.results.risks
    review = _review_date(ctx.assessment.engagement.date)
    row = HEADER_ROW + 1
    for risk in risks:
        values: dict[str, str | int | date | None] = {
            "ID": ctx.ids.risk(risk.id),
            "Risk": risk.title,
            "Rating": risk.rating,
            "Score": risk.score,
            "Likelihood": risk.likelihood,
            "Impact": risk.impact,
            "Owner": risk.named_owner or risk.owner,
            "Response": shown_strategy(risk, bool(ctx.answering.get(risk.id))),
            "Status": label(risk.response),
            "Due": iso_date(risk.due),
            "Next review": review,
            "Answering actions": _actions(ctx, risk),
            "Residual likelihood": None,
            "Residual impact": None,
            "Residual rating": NOT_SET,
            "Cause": risk.cause,
            "Effect": risk.effect,
            "Trigger": risk.trigger,
            "Category": risk.category,
            "Source answers and the client's notes": _sources(ctx, risk),
            "Adjusted (engine said, by whom, why)": adjusted_text(risk.engine, risk.adjustments),
            "Engine id": risk.id,
        }
        for number, name in enumerate(HEADERS, start=1):
            writer.put(row, number, values[name], _style(name, risk))
        row += 1
    sheet = writer.sheet
    if risks:
        last = HEADER_ROW + len(risks)
        ref = f"A{HEADER_ROW}:{writer.column_letter(len(HEADERS))}{last}"
        table = Table(displayName=TABLE_NAME, ref=ref)
        table.tableStyleInfo = TableStyleInfo(name="TableStyleLight15", showRowStripes=True)
        sheet.add_table(table)
        _validations(ctx, sheet, last)
        _ratings(ctx, sheet, last)
    else:
        writer.merge(row, 1, 6, "No risks raised by the answers given.", NOTE)
    set_widths(sheet, LIMITS)
    freeze_below(sheet, HEADER_ROW, 2)
    print_setup(sheet, f"{HEADER_ROW}:{HEADER_ROW}", ctx.footer, ctx.paper)
    sheet.print_area = f"A1:{writer.column_letter(PRINTED)}{max(row - 1, HEADER_ROW + 1)}"


def _style(name: str, risk: RiskResult) -> Style:
    """Return the look of one register column."""
    if name in ("Due", "Next review"):
        return DATE
    if name == "Rating":
        return Style(bold=True, horizontal="center").with_fill(risk.colour)
    if name == "Residual rating":
        return Style(bold=True, horizontal="center")
    if name in ("Score", "Likelihood", "Impact", "Residual likelihood", "Residual impact"):
        return INTEGER
    if name in ("ID", "Response", "Status"):
        return BODY_CENTRE
    return BODY


def _review_date(text: str) -> date | None:
    """Return the suggested first review date, four weeks after a dated assessment."""
    try:
        return date.fromisoformat(text.strip()[:10]) + REVIEW_AFTER
    except ValueError:
        return None


def _actions(ctx: SheetContext, risk: RiskResult) -> str:
    """List the planned actions answering a risk by short id and title (those kept for later say so)."""
    later = {action.id for action in later_actions(ctx.results)}
    lines = [
        f"{ctx.ids.action(a.id)} {a.title}" + (" (Later)" if a.id in later else "")
        for a in ctx.answering.get(risk.id, [])
    ]
    return bulleted(lines, "— (no action planned)")


def _sources(ctx: SheetContext, risk: RiskResult) -> str:
    """Name the answers that raised a risk in words, with the client's own note where there is one."""
    lines = []
    for ref in risk.refs:
        result = ctx.results.question(ref)
        if result is None:
            lines.append(ref)
            continue
        line = f"{ctx.labels.prompt(ref)} → {result.answer or 'not answered'}"
        answer = ctx.assessment.answers.get(ref)
        if answer is not None and answer.note.strip():
            line += f" (note: “{answer.note.strip()}”)"
        lines.append(line)
    return bulleted(lines)


def _validations(ctx: SheetContext, sheet: Worksheet, last: int) -> None:
    """Limit likelihood and impact to 1–5 and offer drop-downs for response, status, owner and dates."""

    def cells(name: str) -> str:
        letter = sheet.cell(row=HEADER_ROW, column=column(name)).column_letter
        return f"{letter}{HEADER_ROW + 1}:{letter}{last}"

    for name in ("Likelihood", "Impact", "Residual likelihood", "Residual impact"):
        scale = DataValidation(
            type="whole",
            operator="between",
            formula1="1",
            formula2="5",
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=name,
            error="Enter a whole number from 1 (lowest) to 5 (highest).",
            promptTitle=name,
            prompt=RERATE_PROMPT if name in ("Likelihood", "Impact") else "1 (lowest) to 5 (highest)",
        )
        scale.add(cells(name))
        sheet.add_data_validation(scale)
    _list(sheet, cells("Response"), RESPONSES, "Response", "How the risk will be handled", strict=True)
    _list(sheet, cells("Status"), STATUSES, "Status", "Where the risk stands", strict=True)
    owners = sorted({risk.owner for risk in ctx.results.risks if risk.owner.strip()})
    plain = all("," not in owner and '"' not in owner for owner in owners)
    if owners and plain and len(",".join(owners)) <= 250:
        _list(sheet, cells("Owner"), tuple(owners), "Owner", "Pick a role or type a name", strict=False)
    for name in ("Due", "Next review"):
        when = DataValidation(
            type="date",
            operator="greaterThan",
            formula1="36526",
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=name,
            error="Enter a date, e.g. 2027-03-01.",
        )
        when.add(cells(name))
        sheet.add_data_validation(when)


def _list(sheet: Worksheet, ref: str, values: tuple[str, ...], title: str, prompt: str, *, strict: bool) -> None:
    """Offer a drop-down of values in a range (`strict`: refuse anything else)."""
    validation = DataValidation(
        type="list",
        formula1='"' + ",".join(values) + '"',
        allow_blank=True,
        showErrorMessage=strict,
        errorTitle=title,
        error="Choose one of: " + ", ".join(values),
        promptTitle=title,
        prompt=prompt,
    )
    validation.add(ref)
    sheet.add_data_validation(validation)


def _ratings(ctx: SheetContext, sheet: Worksheet, last: int) -> None:
    """Show score, rating and residual rating from the likelihood and impact entered, with the band colours.

    Conditional formats compute likelihood × impact and display the band's name (a number format whose text
    section is the name), so the register follows edits although no cell holds a formula. Each cell gets one
    rule that carries both colour and text, since LibreOffice applies only the first rule that holds.
    """
    bands = sorted(ctx.bundle.scoring.model.rating_bands, key=lambda band: band.min_score)
    letter = {name: sheet.cell(row=1, column=column(name)).column_letter for name in HEADERS}
    top = HEADER_ROW + 1
    product = f"${letter['Likelihood']}{top}*${letter['Impact']}{top}"
    residual = f"${letter['Residual likelihood']}{top}*${letter['Residual impact']}{top}"
    filled = f"N(${letter['Residual likelihood']}{top})>0,N(${letter['Residual impact']}{top})>0"
    format_id = 200
    for index, band in enumerate(bands):
        upper = bands[index + 1].min_score - 1 if index + 1 < len(bands) else 25
        shows = NumberFormat(numFmtId=format_id + index, formatCode=_shows(band.name))
        rating = f"AND({product}>={band.min_score},{product}<={upper})"
        sheet.conditional_formatting.add(
            f"{letter['Rating']}{top}:{letter['Rating']}{last}", _rule(rating, band, shows)
        )
        after = f"AND({filled},{residual}>={band.min_score},{residual}<={upper})"
        rule = _rule(after, band, shows)
        sheet.conditional_formatting.add(f"{letter['Residual rating']}{top}:{letter['Residual rating']}{last}", rule)
    format_id += len(bands)
    score_range = f"{letter['Score']}{top}:{letter['Score']}{last}"
    for value in sorted({lk * im for lk in range(1, 6) for im in range(1, 6)}):
        shows = NumberFormat(numFmtId=format_id + value, formatCode=";".join([f'"{value}"'] * 4))
        band = ctx.bundle.scoring.band_for(value)
        sheet.conditional_formatting.add(score_range, _rule(f"{product}={value}", band, shows))


def _shows(name: str) -> str:
    """Return a number format that displays `name` whatever the cell holds."""
    literal = '"' + name.replace('"', "") + '"'
    return ";".join([literal] * 4)


def _rule(formula: str, band: RatingBand, shows: NumberFormat | None) -> Rule:
    """Build a conditional format: the band's fill and legible text, and its name when `shows` is given."""
    style = DifferentialStyle(
        font=Font(bold=True, color=text_colour_on(band.colour)),
        fill=PatternFill(fill_type="solid", start_color=band.colour, end_color=band.colour, bgColor=band.colour),
        numFmt=shows,
    )
    return Rule(type="expression", formula=[formula], dxf=style)
