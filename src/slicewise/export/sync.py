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
from slicewise.core.models.results import PlannedAction, Results, RiskResult
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
    risks = {risk.id: risk for risk in [*results.risks, *results.judgement.dismissed]}
    actions = {action.id: action for action in [*all_actions(results), *results.judgement.dropped]}
    changes = _read(workbook[register_sheet.SHEET], "risk", risks, REGISTER, problems, path)
    changes += _read(workbook[roadmap_sheet.SHEET], "action", actions, ROADMAP, problems, path)
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


@dataclass(frozen=True)
class Column:
    """One column sync reads: its header, the adjustment field it sets, and the statuses allowed (or a date)."""

    header: str
    field: str
    statuses: tuple[str, ...] = ()
    date: bool = False


REGISTER = (
    Column("Status", "response", RISK_RESPONSES),
    Column("Owner", "owner"),
    Column("Due", "due", date=True),
)
"""What the Risk register gives back."""
ROADMAP = (
    Column("Status", "status", ACTION_STATUSES),
    Column("Named owner", "owner"),
    Column("Target date", "due", date=True),
)
"""What the Roadmap gives back."""


def _current(item: RiskResult | PlannedAction, field: str) -> str:
    """The value a field holds now in the results."""
    return str(getattr(item, "named_owner" if field == "owner" else field))


def _read(
    sheet: Worksheet,
    on: str,
    items: dict[str, RiskResult] | dict[str, PlannedAction],
    wanted: tuple[Column, ...],
    problems: list[Problem],
    path: Path,
) -> list[SyncChange]:
    """Read the wanted columns of every row with an engine id and return what differs from the results."""
    found = _header(sheet, path, problems)
    if found is None:
        return []
    top, columns = found
    changes: list[SyncChange] = []
    for row in _rows(sheet, top):
        item_id = _text(row[columns[ID_HEADER] - 1].value)
        if not item_id:
            continue
        where = f"{sheet.title} row {row[0].row}"
        item = items.get(item_id)
        if item is None:
            problems.append(Problem(str(path), None, f"{where}: no {on} '{item_id}' in the assessment"))
            continue
        for column in wanted:
            if column.header not in columns:
                continue
            value = row[columns[column.header] - 1].value
            place = f"{where}, {column.header}"
            if column.statuses:
                after = _status(value, column.statuses, place, path, problems)
            elif column.date:
                after = _date(value, place, path, problems)
            else:
                after = _text(value)
                role = getattr(item, "owner", "")
                if on == "risk" and after == role:  # the register shows the owner role until a name is typed
                    after = ""
            before = _current(item, column.field)
            if after is not None and after != before:
                changes.append(SyncChange(on, item_id, item.title, column.field, before, after, place))
    return changes
