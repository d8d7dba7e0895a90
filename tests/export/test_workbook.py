"""The workbook, reloaded: sheets, headers, counts matching the report, drop-downs, the table, the chart,
frozen panes, print setup and document properties."""

from __future__ import annotations

import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any

from export_helpers import Scored, data_rows, export_both

from slicewise.export.names import base_name
from slicewise.export.workbook import answers, flows, risks, roadmap
from slicewise.export.workbook.cells import bulleted


def test_workbook_has_its_sheets_in_order(sample: Scored, tmp_path: Path) -> None:
    _report, book = export_both(sample, tmp_path)
    assert book.sheetnames == [
        "Summary",
        "Roadmap",
        "Risk register",
        "Heat map",
        "Answers",
        "Ownership",
        "Flows",
        "Engagement",
    ]
    assert book.active.title == "Summary"


def test_headers_sit_on_row_four_and_stay_frozen(sample: Scored, tmp_path: Path) -> None:
    _report, book = export_both(sample, tmp_path)
    plan = book["Roadmap"]
    top = plan_header(plan)
    assert [c.value for c in plan[top]][: len(roadmap.HEADERS)] == roadmap.HEADERS
    assert plan.freeze_panes == f"B{top + 1}"
    assert plan.print_title_rows == f"${top}:${top}"
    for name, headers, frozen in (
        ("Risk register", risks.HEADERS, "C5"),
        ("Answers", answers.HEADERS, "D5"),
        ("Flows", flows.HEADERS, "C5"),
    ):
        sheet = book[name]
        assert [c.value for c in sheet[4]][: len(headers)] == headers, name
        assert sheet.freeze_panes == frozen, name
        assert sheet.print_title_rows == "$4:$4", name
    assert book["Ownership"].freeze_panes == "B5"


def plan_header(sheet: Any) -> int:
    """Return the row of the Roadmap's table header (under the slices overview)."""
    return next(cell.row for cell in sheet["A"] if cell.value == "ID")


def test_risk_register_rows_match_the_report_and_form_a_filterable_table(sample: Scored, tmp_path: Path) -> None:
    report, book = export_both(sample, tmp_path)
    sheet = book["Risk register"]
    rows = data_rows(sheet)
    assert [row[0] for row in rows] == [f"R{n:02d}" for n in range(1, len(report["risks"]) + 1)]
    assert [row[-1] for row in rows] == [risk["id"] for risk in report["risks"]]
    assert [row[3] for row in rows] == [risk["score"] for risk in report["risks"]]
    assert [row[2] for row in rows] == [risk["rating"] for risk in report["risks"]]
    table = sheet.tables[risks.TABLE_NAME]
    assert table.ref == f"A4:V{4 + len(report['risks'])}"
    assert table.autoFilter is not None
    assert [column.name for column in table.tableColumns] == risks.HEADERS
    colour = report["risks"][0]["colour"]
    assert sheet["C5"].fill.fgColor.rgb.endswith(colour.upper())
    assert sheet.print_area == f"'Risk register'!$A$1:$O${4 + len(report['risks'])}"


def test_register_ratings_follow_edits_through_conditional_formats(sample: Scored, tmp_path: Path) -> None:
    report, book = export_both(sample, tmp_path)
    sheet = book["Risk register"]
    last = 4 + len(report["risks"])
    rules = {str(entry.sqref): entry.rules for entry in sheet.conditional_formatting}
    rating = rules[f"C5:C{last}"]
    bands = sample.bundle.scoring.model.rating_bands
    assert len(rating) == len(bands)
    assert all("$E5*$F5" in rule.formula[0] for rule in rating)
    shown = sorted(rule.dxf.numFmt.formatCode for rule in rating)
    assert shown == sorted(";".join([f'"{band.name}"'] * 4) for band in bands)
    assert len(rules[f"O5:O{last}"]) == len(bands)
    assert len(rules[f"D5:D{last}"]) == 14


def test_register_dates_are_dates_and_sources_carry_the_clients_notes(sample: Scored, tmp_path: Path) -> None:
    report, book = export_both(sample, tmp_path)
    sheet = book["Risk register"]
    column = {name: index for index, name in enumerate(risks.HEADERS)}
    rows = data_rows(sheet)
    assert all(isinstance(row[column["Next review"]], datetime) for row in rows)
    assert rows[0][column["Next review"]] == datetime(2026, 12, 18)
    sources = " ".join(str(row[column["Source answers and the client's notes"]]) for row in rows)
    assert "(note: “Order export only”)" in sources
    titles = {a["id"]: a["title"] for s in report["roadmap"] for a in s.get("actions", [])}
    answering = rows[0][column["Answering actions"]]
    assert any("A" in answering and title in answering for title in titles.values())


def test_drop_downs_offer_response_status_owner_and_limit_the_scales(sample: Scored, tmp_path: Path) -> None:
    report, book = export_both(sample, tmp_path)
    last = 4 + len(report["risks"])
    checks = {str(v.sqref): v for v in book["Risk register"].data_validations.dataValidation}
    assert checks[f"H5:H{last}"].formula1 == '"Avoid,Mitigate,Transfer,Accept"'
    assert checks[f"I5:I{last}"].formula1 == '"Open,Mitigating,Accepted,Closed"'
    owners = sorted({risk["owner"] for risk in report["risks"]})
    assert checks[f"G5:G{last}"].formula1 == '"' + ",".join(owners) + '"'
    for letter in "EFMN":
        scale = checks[f"{letter}5:{letter}{last}"]
        assert (scale.type, scale.operator, scale.formula1, scale.formula2) == ("whole", "between", "1", "5")
    assert checks[f"J5:J{last}"].type == "date"
    plan = book["Roadmap"].data_validations.dataValidation
    assert len(plan) == 1 and plan[0].type == "list"
    assert plan[0].formula1 == '"Not started,In progress,Blocked,Done"'


def test_roadmap_is_one_table_with_short_ids_and_a_page_per_slice(sample: Scored, tmp_path: Path) -> None:
    report, book = export_both(sample, tmp_path)
    sheet = book["Roadmap"]
    top = plan_header(sheet)
    planned = [s for s in report["roadmap"] if s.get("actions")]
    actions = [a for s in planned for a in s["actions"]]
    rows = data_rows(sheet, top)
    assert [row[0] for row in rows] == [f"A{n:02d}" for n in range(1, len(actions) + 1)]
    assert [row[2] for row in rows] == [a["title"] for a in actions]
    assert [row[1] for row in rows] == [n for n, s in enumerate(planned, start=1) for _ in s["actions"]]
    short = {a["id"]: f"A{n:02d}" for n, a in enumerate(actions, start=1)}
    assert [row[6] for row in rows] == [", ".join(short[d] for d in a.get("depends_on", [])) or "—" for a in actions]
    assert all(row[9] == "Not started" for row in rows)
    table = sheet.tables[roadmap.TABLE_NAME]
    assert table.ref == f"A{top}:N{top + len(actions)}"
    starts = [top + 1 + sum(len(s["actions"]) for s in planned[:n]) for n in range(len(planned))]
    assert [brk.id for brk in sheet.row_breaks.brk] == [top - 1] + [start - 1 for start in starts[1:]]
    overview = [row for row in sheet.iter_rows(min_row=6, max_row=top - 1, values_only=True) if isinstance(row[0], int)]
    assert [row[1] for row in overview] == [s["title"] for s in planned]
    assert str(overview[0][8]).startswith(f"{len(planned[0]['actions'])} action")


def test_answers_flows_and_ownership_rows_match_the_report(sample: Scored, tmp_path: Path) -> None:
    report, book = export_both(sample, tmp_path)
    answer_rows = data_rows(book["Answers"])
    expected = [a["id"] for a in report["answers"]] + [o["id"] for o in report["orphan_answers"]]
    assert [row[1] for row in answer_rows] == expected
    notes = {row[1]: row[7] for row in answer_rows}
    assert notes["failure.idempotency"] == "Order export only"
    by_id = {row[1]: row for row in answer_rows}
    assert by_id["failure.idempotency"][5] == "Sure"
    assert by_id["ownership.corrections"][8] == "Out of scope for this engagement: Master data is a separate programme."
    assert by_id["failure.marketplace-rejects"][6] == "Don't know"
    assert [row[0] for row in data_rows(book["Flows"])] == [f["id"] for f in report["flows"]]
    ownership = data_rows(book["Ownership"])
    assert len(ownership) == len(report["ownership"])
    assert ownership[0][0] == "Product"


def _findings_text(entries: list[dict[str, Any]]) -> list[str]:
    """What the Findings column shows for each ownership or flow entry of the report."""
    return [bulleted([f["message"] for f in entry.get("findings", [])], "No finding") for entry in entries]


def test_ownership_and_flow_findings_are_those_the_report_lists(sample: Scored, merged: Scored, tmp_path: Path) -> None:
    for name, item in (("sample", sample), ("merged", merged)):
        report, book = export_both(item, tmp_path / name)
        owned = data_rows(book["Ownership"])
        assert [row[-2] for row in owned] == _findings_text(report["ownership"]), name
        if "flows" in report:  # without flows the sheet holds a note instead of rows
            assert [row[9] for row in data_rows(book["Flows"])] == _findings_text(report["flows"]), name
    price = next(row for row in owned if str(row[0]).startswith("Price"))
    assert "different systems create Price" in price[-2]  # the merge's disagreement, as in the report


def test_heat_map_counts_every_risk_in_its_cell(sample: Scored, tmp_path: Path) -> None:
    report, book = export_both(sample, tmp_path)
    sheet = book["Heat map"]
    ids = {risk["id"]: f"R{n:02d}" for n, risk in enumerate(report["risks"], start=1)}
    total = 0
    for risk in report["risks"]:
        cell = sheet.cell(row=5 + (6 - risk["likelihood"]), column=2 + risk["impact"]).value
        assert str(ids[risk["id"]]) in str(cell)
    for row in sheet.iter_rows(min_row=6, max_row=10, min_col=3, max_col=7, values_only=True):
        total += sum(int(value.split()[0]) for value in row if value)
    assert total == len(report["risks"])


def test_summary_has_the_area_chart_and_the_facts(sample: Scored, tmp_path: Path) -> None:
    report, book = export_both(sample, tmp_path)
    sheet = book["Summary"]
    with zipfile.ZipFile(tmp_path / f"{base_name(sample.assessment)}.xlsx") as archive:
        charts = [name for name in archive.namelist() if name.startswith("xl/charts/chart")]
        assert len(charts) == 1
        chart = archive.read(charts[0]).decode()
    assert "<barChart>" in chart
    assert chart.count("<ser>") == 2
    assert sheet["A4"].value == f"{report['overall']['score']:.1f} / 4"
    assert sheet["A4"].font.size == max(c.font.size for r in sheet.iter_rows() for c in r if c.value is not None)
    assert "Northwind Outfitters" in sheet["A2"].value
    assert sheet["B5"].value == datetime(2026, 11, 20)
    scored = [a for a in report["areas"] if a["scored"]]
    area_rows = [row for row in sheet.iter_rows(values_only=True) if row[1] in {a["title"] for a in scored}]
    assert [row[2] for row in area_rows] == [round(a["score"], 2) for a in scored]
    texts = [str(row[1]) for row in sheet.iter_rows(values_only=True)]
    start = next(i for i, row in enumerate(sheet.iter_rows(values_only=True)) if str(row[0]).startswith("Start here"))
    first_slice = next(s for s in report["roadmap"] if s.get("actions"))
    assert texts[start + 3] == first_slice["actions"][0]["title"]
    risk_rows = [row for row in sheet.iter_rows(values_only=True) if str(row[0]).startswith("R0")]
    assert [row[1] for row in risk_rows] == [r["title"] for r in report["risks"][:5]]


def test_print_setup_and_document_properties(sample: Scored, tmp_path: Path) -> None:
    _report, book = export_both(sample, tmp_path)
    for sheet in book.worksheets:
        assert sheet.page_setup.fitToWidth == 1, sheet.title
        assert sheet.sheet_properties.pageSetUpPr.fitToPage, sheet.title
        assert "&P" in sheet.oddFooter.right.text, sheet.title
    assert book["Risk register"].page_setup.orientation == "landscape"
    props = book.properties
    assert props.title == "Integration architecture assessment — Northwind Outfitters"
    assert props.creator == "Dana Reyes"
    assert props.created == props.modified == datetime(2026, 11, 20)


def test_computed_values_are_values_not_formulas(sample: Scored, tmp_path: Path) -> None:
    _report, book = export_both(sample, tmp_path)
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{sheet.title}!{cell.coordinate}"


def test_merged_assessment_adds_a_respondents_sheet(merged: Scored, tmp_path: Path) -> None:
    _report, book = export_both(merged, tmp_path)
    assert book.sheetnames[-1] == "Respondents"
    sheet = book["Respondents"]
    assert [c.value for c in sheet[4]][2:5] == ["Ana Ruiz", "Ben Okafor", "Chen Wei"]
    rows = {row[1]: row for row in data_rows(sheet)}
    idempotency = rows["What happens when the same order message arrives twice?"]
    assert idempotency[2:6] == (4, 0, 1, 4)
    assert "spread over 4" in idempotency[6]
    row_number = next(c.row for c in sheet["B"] if c.value == "What happens when the same order message arrives twice?")
    flagged = sheet.cell(row=row_number, column=3)
    assert flagged.border.left.style == "medium"
    unknown = rows["Who handles marketplace listing rejections?"]
    assert unknown[3] == "?"


def test_single_respondent_assessment_has_no_respondents_sheet(sample: Scored, tmp_path: Path) -> None:
    _report, book = export_both(sample, tmp_path)
    assert "Respondents" not in book.sheetnames


def test_ownership_disagreements_are_listed_with_the_respondents_involved(merged: Scored, tmp_path: Path) -> None:
    _report, book = export_both(merged, tmp_path)
    rows = {row[1]: row for row in data_rows(book["Respondents"])}
    price = rows["Price"]
    assert price[0] == "Ownership"
    assert price[2:5] == ("✗", "✗", "✗")
    assert price[6].startswith("different systems create Price")


def test_an_unanswered_assessment_exports_with_clear_empty_states(sample: Scored, tmp_path: Path) -> None:
    from slicewise.core.engine import evaluate

    sample.assessment.answers = {}
    sample.assessment.ownership = {}
    sample.assessment.flows = []
    sample.results = evaluate(sample.bundle, sample.assessment)
    report, book = export_both(sample, tmp_path)
    assert "risks" not in report
    assert book.sheetnames[:4] == ["Summary", "Roadmap", "Risk register", "Heat map"]
    assert not book["Risk register"].tables
    assert book["Risk register"]["A5"].value == "No risks raised by the answers given."
    plan_texts = [c.value for r in book["Roadmap"].iter_rows() for c in r]
    assert "No actions yet: nothing has been answered." in plan_texts
    assert book["Flows"]["A5"].value == "The flow inventory has not been filled in."
