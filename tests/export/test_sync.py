"""The workbook round trip: stakeholders set statuses, owners and dates in Excel; `sync` brings them back."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from slicewise.cli import main
from slicewise.core.adjust import all_actions
from slicewise.core.demo import write_demo
from slicewise.core.engine import evaluate
from slicewise.core.store import open_assessment, save_assessment

DATA = Path(__file__).parent.parent / "data"


def _header(sheet, name: str = "Engine id") -> tuple[int, dict[str, int]]:  # type: ignore[no-untyped-def]
    """Find a table's header row and its columns by name."""
    for row in sheet.iter_rows(min_row=1, max_row=60):
        names = {cell.value: cell.column for cell in row if isinstance(cell.value, str)}
        if name in names:
            return row[0].row, names
    raise AssertionError("no header")


def _row_of(sheet, top: int, column: int, item: str) -> int:  # type: ignore[no-untyped-def]
    """Return the row holding an engine id."""
    for row in range(top + 1, sheet.max_row + 1):
        if sheet.cell(row, column).value == item:
            return row
    raise AssertionError(item)


def _values(sheet, item: str, *columns: str) -> tuple[object, ...]:  # type: ignore[no-untyped-def]
    """The values in the named columns of the row holding an engine id."""
    top, cols = _header(sheet)
    row = _row_of(sheet, top, cols["Engine id"], item)
    return tuple(sheet.cell(row, cols[column]).value for column in columns)


def test_statuses_owners_and_dates_set_in_excel_come_back_and_reach_the_next_export(tmp_path: Path) -> None:
    bundle, assessment, path = write_demo(tmp_path)
    results = evaluate(bundle, assessment)
    risk = results.risks[0].id
    action = results.roadmap[0].actions[0].id
    waiting = results.plan.later[0].id
    assert main(["export", str(path), "-o", str(tmp_path / "out")]) == 0
    workbook_path = next((tmp_path / "out").glob("*.xlsx"))
    book = load_workbook(workbook_path)
    register = book["Risk register"]
    top, cols = _header(register)
    row = _row_of(register, top, cols["Engine id"], risk)
    register.cell(row, cols["Status"]).value = "Mitigating"
    register.cell(row, cols["Response"]).value = "Transfer"
    register.cell(row, cols["Owner"]).value = "Sam Lee"
    register.cell(row, cols["Due"]).value = dt.datetime(2027, 2, 1)
    plan = book["Roadmap"]
    top, cols = _header(plan)
    row = _row_of(plan, top, cols["Engine id"], action)
    plan.cell(row, cols["Status"]).value = "In progress"
    plan.cell(row, cols["Named owner"]).value = "Priya Shah"
    plan.cell(row, cols["Target date"]).value = dt.datetime(2027, 3, 15)
    later = book["Later"]
    top, cols = _header(later)
    row = _row_of(later, top, cols["Engine id"], waiting)
    status_cell = later.cell(row, cols["Status"]).coordinate
    offered = [v.formula1 for v in later.data_validations.dataValidation if status_cell in v.sqref]
    assert offered == ['"Not started,In progress,Blocked,Done"']
    later.cell(row, cols["Status"]).value = "blocked"  # typed rather than picked: case forgiven
    later.cell(row, cols["Named owner"]).value = "Ola Berg"
    later.cell(row, cols["Target date"]).value = dt.datetime(2027, 6, 30)
    edited = tmp_path / "edited.xlsx"
    book.save(edited)

    before = path.read_bytes()
    assert main(["sync", str(edited), str(path), "--dry-run"]) == 0
    assert path.read_bytes() == before
    assert main(["sync", str(edited), str(path)]) == 0
    synced, _ = open_assessment(path)
    after = evaluate(bundle, synced)
    got_risk = next(r for r in after.risks if r.id == risk)
    assert (got_risk.response, got_risk.named_owner, got_risk.due) == ("mitigating", "Sam Lee", "2027-02-01")
    assert got_risk.strategy == "transfer"
    untouched = [r for r in after.risks if r.id != risk]
    assert all(r.strategy == "" for r in untouched)  # the suggested Mitigate left as it was is not recorded
    got_action = next(a for a in all_actions(after) if a.id == action)
    assert (got_action.status, got_action.named_owner, got_action.due) == ("in-progress", "Priya Shah", "2027-03-15")
    got_later = next(a for a in after.plan.later if a.id == waiting)
    assert (got_later.status, got_later.named_owner, got_later.due) == ("blocked", "Ola Berg", "2027-06-30")
    assert all(entry.reason == "set in the exported workbook" for entry in synced.adjustments)

    assert main(["export", str(path), "-o", str(tmp_path / "again")]) == 0
    again = load_workbook(next((tmp_path / "again").glob("*.xlsx")))
    assert _values(again["Risk register"], risk, "Status", "Response", "Owner", "Due") == (
        "Mitigating",
        "Transfer",
        "Sam Lee",
        dt.datetime(2027, 2, 1),
    )
    tracked = ("Status", "Named owner", "Target date")
    assert _values(again["Roadmap"], action, *tracked) == ("In progress", "Priya Shah", dt.datetime(2027, 3, 15))
    assert _values(again["Later"], waiting, *tracked) == ("Blocked", "Ola Berg", dt.datetime(2027, 6, 30))
    assert main(["sync", str(edited), str(path)]) == 0  # nothing left to change
    assert open_assessment(path)[0] == synced


@pytest.mark.parametrize(
    ("fixture", "message"),
    [
        ("sync_other_assessment.xlsx", "exported from another assessment"),
        ("sync_bad_status.xlsx", "'Parked' is not in the drop-down list"),
        ("sync_unknown_id.xlsx", "no action 'no-such-action:anywhere'"),
        ("sync_not_slicewise.xlsx", "not a slicewise workbook"),
        ("sync_not_xlsx.xlsx", "not a slicewise workbook"),
        (
            "sync_bad_response.xlsx",
            "Risk register!H6 (Response): 'Ignore' is not in the drop-down list; allowed: Avoid, Mitigate, Transfer, Accept",
        ),
        (
            "sync_bad_later_status.xlsx",
            "Later!I5 (Status): 'Someday' is not in the drop-down list; allowed: Not started, In progress, Blocked, Done",
        ),
        ("sync_duplicate_id.xlsx", "is already at Roadmap!N"),
        ("sync_bad_date.xlsx", "Risk register!J5 (Due): 'next spring' is not a date (YYYY-MM-DD)"),
        ("sync_other_assessment_same_facts.xlsx", "exported from another assessment (its assessment id differs)"),
    ],
)
def test_refused_workbooks_leave_the_assessment_byte_identical(
    fixture: str, message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _bundle, _assessment, path = write_demo(tmp_path)
    before = path.read_bytes()
    workbook = tmp_path / fixture
    shutil.copyfile(DATA / fixture, workbook)
    assert main(["sync", str(workbook), str(path)]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert path.read_bytes() == before


def test_a_workbook_exported_before_assessment_ids_still_syncs_when_its_key_matches(tmp_path: Path) -> None:
    _bundle, _assessment, path = write_demo(tmp_path)
    workbook = tmp_path / "before.xlsx"
    shutil.copyfile(DATA / "sync_exported_before_ids.xlsx", workbook)
    old = load_workbook(workbook)  # the earlier shape: no id property, a Later sheet without tracking columns
    assert not old.custom_doc_props.props
    assert "Engine id" not in [cell.value for row in old["Later"].iter_rows(max_row=8) for cell in row]
    assert main(["sync", str(workbook), str(path)]) == 0
    synced, bundle = open_assessment(path)
    action = next(a for a in all_actions(evaluate(bundle, synced)) if a.id == "design-failure-handling:order-export")
    assert action.status == "done"


def test_the_id_matches_a_workbook_after_the_engagement_facts_were_corrected(tmp_path: Path) -> None:
    bundle, _assessment, path = write_demo(tmp_path)
    assert main(["export", str(path), "-o", str(tmp_path / "out")]) == 0
    book = load_workbook(next((tmp_path / "out").glob("*.xlsx")))
    plan = book["Roadmap"]
    top, cols = _header(plan)
    plan.cell(top + 1, cols["Status"]).value = "Done"
    edited = tmp_path / "edited.xlsx"
    book.save(edited)
    assessment, _ = open_assessment(path)
    fixed = assessment.engagement.model_copy(update={"client": "Harbour and Pine Home"})
    save_assessment(assessment.model_copy(update={"engagement": fixed}), path)
    assert main(["sync", str(edited), str(path)]) == 0
    synced, _ = open_assessment(path)
    assert evaluate(bundle, synced).roadmap[0].actions[0].status == "done"


def test_an_export_of_another_assessment_with_the_same_facts_is_never_replaced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _bundle, _assessment, path = write_demo(tmp_path / "one")
    assert main(["export", str(path), "-o", str(tmp_path / "out"), "--format", "xlsx"]) == 0
    workbook = next((tmp_path / "out").glob("*.xlsx"))
    before = workbook.read_bytes()
    twin, _ = open_assessment(path)
    other = tmp_path / "two" / path.name
    other.parent.mkdir()
    save_assessment(twin.model_copy(update={"id": "feedc0de" * 4}), other)
    capsys.readouterr()
    assert main(["export", str(other), "-o", str(tmp_path / "out"), "--format", "xlsx", "--force"]) == 2
    assert "an export of a different assessment" in capsys.readouterr().err
    assert workbook.read_bytes() == before
