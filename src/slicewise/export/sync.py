"""Read back what stakeholders set in an exported workbook: statuses, named owners and dates of the Roadmap and
Risk register rows, matched to the assessment by the engine id column.

Everything is checked before anything changes: a file that is not a slicewise workbook, a workbook exported from
another assessment, an id the assessment does not have or a value outside the drop-down lists refuses the whole
sync with one located message per problem, so the assessment stays byte-identical.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from openpyxl.cell.cell import Cell
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from slicewise.core.adjust import all_actions
from slicewise.core.errors import Problem, SlicewiseError
from slicewise.core.models.assessment import Assessment
from slicewise.core.models.results import Results
from slicewise.core.models.tracking import ACTION_STATUSES, RISK_RESPONSES, from_label, label
from slicewise.core.tracking import adjust
from slicewise.export.names import key_of
from slicewise.export.workbook import risks as register_sheet
from slicewise.export.workbook import roadmap as roadmap_sheet

TITLE = "Cannot sync the workbook"
MAX_BYTES = 50 * 1024 * 1024
"""Larger files are refused before opening (no export of ours comes near it)."""
MAX_ROWS = 20000
"""Rows read per sheet at most, so a hostile file cannot hold the reader."""
ID_HEADER = "Engine id"


@dataclass(frozen=True)
class SyncChange:
    """One value the workbook changes: which item, which field, from what to what, and the cell it came from."""

    on: str
    item: str
    title: str
    field: str
    before: str
    after: str
    cell: str

    def describe(self) -> str:
        """Say the change in one line, e.g. `Roadmap!J9 action x: status not-started → done`."""
        return f"{self.cell}  {self.on} {self.item}: {self.field} {self.before or '(none)'} → {self.after or '(none)'}"


def read_workbook_changes(path: Path, assessment: Assessment, results: Results) -> list[SyncChange]:
    """Return the changes the workbook asks for, or raise SlicewiseError (exit 2) without touching anything."""
    workbook = _open(path)
    found = str(workbook.properties.identifier or "")
    if not found.startswith("slicewise-assessment:") or any(
        name not in workbook.sheetnames for name in (roadmap_sheet.SHEET, register_sheet.SHEET)
    ):
        raise SlicewiseError.single(
            TITLE, str(path), "not a slicewise workbook (no assessment identity, Roadmap or Risk register)"
        )
    if found != key_of(assessment):
        raise SlicewiseError.single(
            TITLE,
            str(path),
            "this workbook was exported from another assessment (different client, date, title or questionnaire)",
        )
    problems: list[Problem] = []
    changes = _register(workbook[register_sheet.SHEET], results, problems, path)
    changes += _roadmap(workbook[roadmap_sheet.SHEET], results, problems, path)
    if problems:
        raise SlicewiseError(TITLE, problems)
    return changes


def apply_sync(assessment: Assessment, results: Results, changes: list[SyncChange], by: str) -> Assessment:
    """Record the changes as adjustments (one per item, reason naming the workbook) and return the new assessment."""
    grouped: dict[str, dict[str, object]] = {}
    for change in changes:
        grouped.setdefault(change.item, {})[change.field] = change.after
    for item, fields in grouped.items():
        assessment = adjust(assessment, results, item, fields, "set in the exported workbook", by)
    return assessment


def _open(path: Path) -> Workbook:
    """Open the workbook with openpyxl, refusing anything that is not a readable .xlsx of a sane size."""
    from openpyxl import load_workbook

    try:
        size = path.stat().st_size
    except OSError as error:
        raise SlicewiseError.single(TITLE, str(path), f"cannot read: {error.strerror or error}") from None
    if size > MAX_BYTES:
        raise SlicewiseError.single(TITLE, str(path), "too large to be a slicewise workbook")
    if not zipfile.is_zipfile(path):
        raise SlicewiseError.single(TITLE, str(path), "not a slicewise workbook (not an Excel .xlsx file)")
    try:
        return load_workbook(path, data_only=True)
    except Exception as error:  # openpyxl raises many types for a damaged file
        raise SlicewiseError.single(TITLE, str(path), f"not a readable Excel workbook ({error})") from None


def _header(sheet: Worksheet, path: Path, problems: list[Problem]) -> tuple[int, dict[str, int]] | None:
    """Find the header row holding the engine id column; return its row and column numbers by header."""
    for row in sheet.iter_rows(min_row=1, max_row=min(sheet.max_row, 60)):
        names = {str(cell.value).strip(): cell.column for cell in row if isinstance(cell.value, str)}
        if ID_HEADER in names:
            return row[0].row, names
    problems.append(Problem(str(path), None, f"{sheet.title}: no '{ID_HEADER}' column; export the workbook again"))
    return None


def _rows(sheet: Worksheet, top: int) -> Iterator[tuple[Cell, ...]]:
    """Yield the data rows under the header (bounded)."""
    return sheet.iter_rows(min_row=top + 1, max_row=min(sheet.max_row, top + MAX_ROWS), values_only=False)


def _text(value: object) -> str:
    """A cell's value as trimmed text (dates as ISO)."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def _date(value: object, where: str, path: Path, problems: list[Problem]) -> str | None:
    """Return a date cell as ISO text, '' when empty, None (with a problem) when it is not a date."""
    text = _text(value)
    if not text:
        return ""
    try:
        return dt.date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        problems.append(Problem(str(path), None, f"{where}: '{text}' is not a date (YYYY-MM-DD)"))
        return None


def _status(value: object, allowed: tuple[str, ...], where: str, path: Path, problems: list[Problem]) -> str | None:
    """Return the status a drop-down cell holds, or None (with a problem) when it is not one of the list."""
    text = _text(value)
    if not text:
        return None
    status = from_label(text, allowed)
    if status is None:
        choices = ", ".join(label(v) for v in allowed)
        problems.append(Problem(str(path), None, f"{where}: '{text}' is not in the drop-down list ({choices})"))
    return status


def _register(sheet: Worksheet, results: Results, problems: list[Problem], path: Path) -> list[SyncChange]:
    """Read Status, Owner and Due of every register row."""
    found = _header(sheet, path, problems)
    if found is None:
        return []
    top, columns = found
    risks = {r.id: r for r in [*results.risks, *results.judgement.dismissed]}
    changes: list[SyncChange] = []
    for row in _rows(sheet, top):
        item = _text(row[columns[ID_HEADER] - 1].value)
        if not item:
            continue
        where = f"{sheet.title} row {row[0].row}"
        risk = risks.get(item)
        if risk is None:
            problems.append(Problem(str(path), None, f"{where}: no risk '{item}' in the assessment"))
            continue

        def cell(name: str, row: tuple[Cell, ...] = row) -> object:
            return row[columns[name] - 1].value if name in columns else None

        status = _status(cell("Status"), RISK_RESPONSES, f"{where}, Status", path, problems)
        if status is not None and status != risk.response:
            changes.append(SyncChange("risk", item, risk.title, "response", risk.response, status, f"{where}, Status"))
        owner = _text(cell("Owner"))
        shown = risk.named_owner or risk.owner
        if "Owner" in columns and owner != shown and (owner or risk.named_owner):
            after = "" if owner == risk.owner else owner
            changes.append(SyncChange("risk", item, risk.title, "owner", risk.named_owner, after, f"{where}, Owner"))
        due = _date(cell("Due"), f"{where}, Due", path, problems)
        if "Due" in columns and due is not None and due != risk.due:
            changes.append(SyncChange("risk", item, risk.title, "due", risk.due, due, f"{where}, Due"))
    return changes


def _roadmap(sheet: Worksheet, results: Results, problems: list[Problem], path: Path) -> list[SyncChange]:
    """Read Status, Named owner and Target date of every plan row."""
    found = _header(sheet, path, problems)
    if found is None:
        return []
    top, columns = found
    actions = {a.id: a for a in [*all_actions(results), *results.judgement.dropped]}
    changes: list[SyncChange] = []
    for row in _rows(sheet, top):
        item = _text(row[columns[ID_HEADER] - 1].value)
        if not item:
            continue
        where = f"{sheet.title} row {row[0].row}"
        action = actions.get(item)
        if action is None:
            problems.append(Problem(str(path), None, f"{where}: no action '{item}' in the assessment"))
            continue

        def cell(name: str, row: tuple[Cell, ...] = row) -> object:
            return row[columns[name] - 1].value if name in columns else None

        status = _status(cell("Status"), ACTION_STATUSES, f"{where}, Status", path, problems)
        if status is not None and status != action.status:
            changes.append(
                SyncChange("action", item, action.title, "status", action.status, status, f"{where}, Status")
            )
        owner = _text(cell("Named owner"))
        if "Named owner" in columns and owner != action.named_owner:
            changes.append(
                SyncChange("action", item, action.title, "owner", action.named_owner, owner, f"{where}, Named owner")
            )
        due = _date(cell("Target date"), f"{where}, Target date", path, problems)
        if "Target date" in columns and due is not None and due != action.due:
            changes.append(SyncChange("action", item, action.title, "due", action.due, due, f"{where}, Target date"))
    return changes
