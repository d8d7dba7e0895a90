"""Read back what stakeholders set in an exported workbook: statuses, named owners and dates of the Roadmap, Later
and Risk register rows and the register's response strategy, matched to the assessment by the engine id column.

Everything is checked before anything changes: a file that is not a slicewise workbook, a workbook exported from
another assessment, an id the assessment does not have or a value outside the drop-down lists refuses the whole
sync with one located message per problem, so the assessment stays byte-identical.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from dataclasses import dataclass
from pathlib import Path

from openpyxl.cell.cell import Cell
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from slicewise.core.adjust import all_actions
from slicewise.core.errors import Problem, SlicewiseError
from slicewise.core.models.assessment import Assessment
from slicewise.core.models.results import PlannedAction, Results, RiskResult
from slicewise.core.models.tracking import ACTION_STATUSES, RISK_RESPONSES, RISK_STRATEGIES, from_label, label
from slicewise.core.tracking import adjust
from slicewise.export.names import ID_PROPERTY, key_of
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
    _check_identity(workbook, found, assessment, path)
    problems: list[Problem] = []
    risks = {risk.id: risk for risk in [*results.risks, *results.judgement.dismissed]}
    actions = {action.id: action for action in [*all_actions(results), *results.judgement.dropped]}
    answered = {risk for action in all_actions(results) for risk in action.risks}
    reader = _Reader(path, problems, answered)
    changes = reader.read(workbook[register_sheet.SHEET], "risk", risks, REGISTER)
    changes += reader.read(workbook[roadmap_sheet.SHEET], "action", actions, ROADMAP)
    if roadmap_sheet.LATER_SHEET in workbook.sheetnames:  # only when the plan keeps actions for later
        later = workbook[roadmap_sheet.LATER_SHEET]
        changes += reader.read(later, "action", actions, ROADMAP, required=False)  # no ids before tracking
    if problems:
        raise SlicewiseError(TITLE, problems)
    return changes


def _check_identity(workbook: Workbook, key: str, assessment: Assessment, path: Path) -> None:
    """Refuse a workbook from another assessment: by its id, or by the engagement key when exported before ids."""
    carried = next((str(p.value) for p in workbook.custom_doc_props.props if p.name == ID_PROPERTY), "")
    if carried:
        if carried != assessment.id:
            raise SlicewiseError.single(
                TITLE, str(path), "this workbook was exported from another assessment (its assessment id differs)"
            )
    elif key != key_of(assessment):
        raise SlicewiseError.single(
            TITLE,
            str(path),
            "this workbook was exported from another assessment (different client, date, title or questionnaire)",
        )


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


def _text(value: object) -> str:
    """A cell's value as trimmed text (dates as ISO)."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def _shown(text: str) -> str:
    """A cell's text as quoted in a message: cut after 60 characters, so a pasted essay stays one line."""
    return text if len(text) <= 60 else text[:59] + "…"


@dataclass(frozen=True)
class Column:
    """One column sync reads: its header, the adjustment field it sets, and its drop-down values (or a date)."""

    header: str
    field: str
    choices: tuple[str, ...] = ()
    date: bool = False


REGISTER = (
    Column("Status", "response", RISK_RESPONSES),
    Column("Response", "strategy", RISK_STRATEGIES),
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


def _current(item: RiskResult | PlannedAction, field: str, answered: set[str]) -> str:
    """The value a field holds now, as the export showed it (a risk's suggested strategy counts as its value)."""
    if field == "strategy" and isinstance(item, RiskResult):
        return from_label(register_sheet.shown_strategy(item, item.id in answered), RISK_STRATEGIES) or ""
    return str(getattr(item, "named_owner" if field == "owner" else field))


class _Reader:
    """Reads the tracking columns of each sheet, collecting every problem and remembering which row held each id."""

    def __init__(self, path: Path, problems: list[Problem], answered: set[str]) -> None:
        """Read from `path`, adding problems to `problems`; `answered` holds the risks a planned action answers."""
        self.path = path
        self.problems = problems
        self.answered = answered
        self.seen: dict[str, str] = {}

    def problem(self, text: str) -> None:
        """Record one problem of this workbook."""
        self.problems.append(Problem(str(self.path), None, text))

    def read(
        self,
        sheet: Worksheet,
        on: str,
        items: dict[str, RiskResult] | dict[str, PlannedAction],
        wanted: tuple[Column, ...],
        *,
        required: bool = True,
    ) -> list[SyncChange]:
        """Read the wanted columns of every row with an engine id and return what differs from the results.

        A sheet without the engine id column is a problem when `required`; otherwise (Later, exported before
        it had tracking columns) it holds nothing to read back.
        """
        found = self.header(sheet, required)
        if found is None:
            return []
        top, columns = found
        changes: list[SyncChange] = []
        for row in sheet.iter_rows(min_row=top + 1, max_row=min(sheet.max_row, top + MAX_ROWS)):
            item_id = _text(row[columns[ID_HEADER] - 1].value)
            if not item_id:
                continue
            where = f"{sheet.title}!{row[columns[ID_HEADER] - 1].coordinate}"
            item = items.get(item_id)
            if item is None:
                self.problem(f"{where}: no {on} '{_shown(item_id)}' in the assessment")
                continue
            if item_id in self.seen:
                first = self.seen[item_id]
                self.problem(f"{where}: {on} '{_shown(item_id)}' is already at {first}; keep one row per id")
                continue
            self.seen[item_id] = where
            for column in wanted:
                if column.header in columns:
                    change = self.cell(row[columns[column.header] - 1], column, on, item)
                    if change is not None:
                        changes.append(change)
        return changes

    def header(self, sheet: Worksheet, required: bool) -> tuple[int, dict[str, int]] | None:
        """Find the header row holding the engine id column; return its row and column numbers by header."""
        for row in sheet.iter_rows(min_row=1, max_row=min(sheet.max_row, 60)):
            names = {str(cell.value).strip(): cell.column for cell in row if isinstance(cell.value, str)}
            if ID_HEADER in names:
                return row[0].row, names
        if required:
            self.problem(f"{sheet.title}: no '{ID_HEADER}' column; export the workbook again")
        return None

    def cell(self, cell: Cell, column: Column, on: str, item: RiskResult | PlannedAction) -> SyncChange | None:
        """Return the change one cell asks for, None when it asks for none or holds a value that is refused."""
        place = f"{cell.parent.title}!{cell.coordinate} ({column.header})"
        text = _text(cell.value)
        after: str | None
        if column.choices:
            after = self.choice(text, column.choices, place)
        elif column.date:
            after = self.date(text, place)
        else:
            after = "" if on == "risk" and text == getattr(item, "owner", "") else text  # the role shows until a name
        before = _current(item, column.field, self.answered)
        if after is None or after == before:
            return None
        return SyncChange(on, item.id, item.title, column.field, before, after, place)

    def date(self, text: str, place: str) -> str | None:
        """Return a date cell as ISO text, '' when empty, None (with a problem) when it is not a date."""
        if not text:
            return ""
        try:
            return dt.date.fromisoformat(text[:10]).isoformat()
        except ValueError:
            self.problem(f"{place}: '{_shown(text)}' is not a date (YYYY-MM-DD)")
            return None

    def choice(self, text: str, allowed: tuple[str, ...], place: str) -> str | None:
        """Return the value a drop-down cell stands for; None when empty, or (with a problem) when not in the list."""
        if not text:
            return None
        value = from_label(text, allowed)
        if value is None:
            choices = ", ".join(label(v) for v in allowed)
            self.problem(f"{place}: '{_shown(text)}' is not in the drop-down list; allowed: {choices}")
        return value
