"""The Ownership sheet: business objects × systems with create / update / consume, conflicts and gaps
highlighted, and the findings beside each object."""

from __future__ import annotations

from slicewise.core.models.assessment import OwnershipEntry
from slicewise.export.report import ownership_objects
from slicewise.export.workbook.cells import bulleted
from slicewise.export.workbook.context import SheetContext
from slicewise.export.workbook.layout import HEADER_ROW, fit_widths, freeze_below, header_row, print_setup
from slicewise.export.workbook.styles import ALERT, BODY, BODY_CENTRE, NOTE, QUIET, Style

SHEET = "Ownership"
CREATE = "D9E1F2"
"""The fill of a system's single, clean create cell."""
ROLE_WORDS = (("create", "Create"), ("update", "Update"), ("consume", "Consume"))


def write(ctx: SheetContext) -> None:
    """Add the Ownership sheet."""
    writer = ctx.new_sheet(SHEET, "Data ownership: who creates, updates and consumes each object")
    findings = ctx.findings["ownership"]
    objects = ownership_objects(ctx.assessment, ctx.labels, findings)
    systems = _systems(ctx, objects)
    headers = ["Object", *(ctx.labels.system(role) for role in systems), "Correction owner", "Findings", "Note"]
    header_row(writer, headers)
    row = HEADER_ROW + 1
    if not objects:
        writer.merge(row, 1, max(len(headers), 3), "The ownership matrix has not been filled in.", NOTE)
    for obj in objects:
        entry = ctx.assessment.ownership.get(obj) or OwnershipEntry()
        own = [f for f in findings if f.subject == obj]
        kinds = {f.kind for f in own}
        label = ctx.labels.object(obj) + (" (critical)" if ctx.labels.is_critical_object(obj) else "")
        writer.put(row, 1, label, Style(bold=True).with_fill(ALERT if own else None))
        for column, role in enumerate(systems, start=2):
            words = [word for key, word in ROLE_WORDS if role in getattr(entry, key)]
            fill = None
            if role in entry.create:
                fill = ALERT if "several_creators" in kinds else CREATE
            writer.put(row, column, "\n".join(words), BODY_CENTRE.with_fill(fill))
        after = len(systems) + 2
        owner_fill = ALERT if not entry.correction_owner and "uncorrected_updates" in kinds else None
        writer.put(row, after, entry.correction_owner or "—", BODY.with_fill(owner_fill))
        findings_text = bulleted([f.message for f in own], "No finding")
        writer.put(row, after + 1, findings_text, BODY.with_fill(ALERT) if own else QUIET)
        writer.put(row, after + 2, "\n".join([*_scope_lines(ctx, entry), entry.note]).strip(), BODY)
        row += 1
    legend = row + 1
    writer.merge(
        legend,
        1,
        max(len(headers), 4),
        "Red: a finding (no creator, several creators, or updates with nobody to correct bad data). "
        "Blue: the one system that creates the object.",
        NOTE,
    )
    limits = {1: 24, **{column: 13 for column in range(2, len(systems) + 2)}}
    limits.update({len(systems) + 2: 18, len(systems) + 3: 40, len(systems) + 4: 32})
    fit_widths(writer, limits)
    for column in range(2, len(systems) + 2):
        letter = writer.column_letter(column)
        writer.sheet.column_dimensions[letter].width = max(writer.sheet.column_dimensions[letter].width or 0, 12)
    freeze_below(writer.sheet, HEADER_ROW, 1)
    print_setup(writer.sheet, f"{HEADER_ROW}:{HEADER_ROW}", ctx.footer, ctx.paper)


def _systems(ctx: SheetContext, objects: list[str]) -> list[str]:
    """Return the systems named anywhere in the matrix, in catalogue order."""
    used: set[str] = set()
    for obj in objects:
        entry = ctx.assessment.ownership.get(obj)
        if entry is not None:
            used.update(entry.create, entry.update, entry.consume)
    ordered = [role for role in ctx.labels.system_order() if role in used]
    return ordered + sorted(used - set(ordered))


def _scope_lines(ctx: SheetContext, entry: OwnershipEntry) -> list[str]:
    """One line per ownership scope: who creates the object in that channel, market or field group."""
    lines = []
    for scope in entry.scopes:
        creators = ", ".join(ctx.labels.system(role) for role in scope.create) or "the object's creators"
        lines.append(f"{scope.scope} ({scope.kind}): created by {creators}")
    return lines
