"""The Flows sheet: the integration flow inventory with pattern, latency, safeguards, failure owner and the
findings on each flow."""

from __future__ import annotations

from slicewise.core.models.assessment import Flow
from slicewise.core.models.questionnaire import FLOW_MODE_LABELS, SLA_LABELS
from slicewise.core.models.results import Finding
from slicewise.export.labels import Labels
from slicewise.export.workbook.cells import bulleted
from slicewise.export.workbook.context import SheetContext
from slicewise.export.workbook.layout import HEADER_ROW, fit_widths, freeze_below, header_row, print_setup
from slicewise.export.workbook.styles import ALERT, BODY, NOTE, QUIET

SHEET = "Flows"
HEADERS = [
    "ID",
    "Flow",
    "Source",
    "Target",
    "Objects",
    "Pattern",
    "Latency class",
    "Safeguards",
    "Failure owner",
    "Findings",
    "Note",
]
LIMITS = {1: 18, 2: 30, 3: 20, 4: 20, 5: 22, 6: 16, 7: 20, 8: 22, 9: 20, 10: 50, 11: 40}


def write(ctx: SheetContext) -> None:
    """Add the Flows sheet."""
    writer = ctx.new_sheet(SHEET, "Integration flows")
    header_row(writer, HEADERS)
    findings = ctx.findings["flows"]
    row = HEADER_ROW + 1
    labels = ctx.labels
    if not ctx.assessment.flows:
        writer.merge(row, 1, len(HEADERS), "The flow inventory has not been filled in.", NOTE)
    by_flow: dict[str, list[Finding]] = {}
    for finding in findings:  # grouped once: looking them up per flow was quadratic in flows
        by_flow.setdefault(finding.subject, []).append(finding)
    for flow in ctx.assessment.flows:
        own = by_flow.get(flow.id, [])
        kinds = {f.kind for f in own}
        values = [
            flow.id,
            flow.name,
            labels.system(flow.source),
            labels.system(flow.target),
            ", ".join(labels.object(obj) for obj in flow.objects),
            labels.pattern(flow.pattern),
            labels.latency(flow.latency),
            _safeguards(labels, flow),
        ]
        for column, value in enumerate(values, start=1):
            flagged = (column in (6, 7) and "latency_mismatch" in kinds) or (
                column == 8 and "missing_safeguards" in kinds
            )
            writer.put(row, column, value, BODY.with_fill(ALERT if flagged else None))
        no_owner = not flow.failure_owner.strip()
        writer.put(row, 9, flow.failure_owner or "— none —", BODY.with_fill(ALERT if no_owner else None))
        text = bulleted([f.message for f in own], "No finding")
        writer.put(row, 10, text, BODY.with_fill(ALERT) if own else QUIET)
        writer.put(row, 11, flow.note, BODY)
        row += 1
    writer.merge(
        row + 1,
        1,
        len(HEADERS),
        "Red: the pattern cannot meet the latency class, safeguards the class needs are missing, "
        "or nobody owns failures.",
        NOTE,
    )
    fit_widths(writer, LIMITS)
    freeze_below(writer.sheet, HEADER_ROW, 2)
    print_setup(writer.sheet, f"{HEADER_ROW}:{HEADER_ROW}", ctx.footer, ctx.paper)


def _safeguards(labels: Labels, flow: Flow) -> str:
    """Say which safeguards are in place and which nobody could confirm (shown as unknown, never as missing)."""
    text = ", ".join(labels.safeguard(item) for item in flow.safeguards) or "None"
    if flow.unknown_safeguards:
        text += "; unknown: " + ", ".join(labels.safeguard(item) for item in flow.unknown_safeguards)
    details = [f"mode: {FLOW_MODE_LABELS[flow.mode].lower()}"] if flow.mode != "delta" else []
    if flow.sla:
        details.append(f"service level: {SLA_LABELS[flow.sla].lower()}")
    return text + (f" ({'; '.join(details)})" if details else "")
