"""The TOML report: complete, traceable to the answers, parseable and deterministic."""

from __future__ import annotations

import tomllib
from pathlib import Path

from export_helpers import Scored, export

from slicewise.export.report import REPORT_FORMAT, build_report, render_report_toml


def _report(item: Scored) -> dict:
    return tomllib.loads(render_report_toml(item.bundle, item.assessment, item.results))


def test_report_starts_with_its_format_tag_and_parses(sample: Scored) -> None:
    text = render_report_toml(sample.bundle, sample.assessment, sample.results)
    assert text.splitlines()[0] == f'format = "{REPORT_FORMAT}"'
    assert tomllib.loads(text)["format"] == "slicewise-report/1"


def test_report_is_the_same_text_for_the_same_input(sample: Scored) -> None:
    first = render_report_toml(sample.bundle, sample.assessment, sample.results)
    again = render_report_toml(sample.bundle, sample.assessment.model_copy(deep=True), sample.results)
    assert first == again


def test_build_report_does_not_change_its_inputs(sample: Scored) -> None:
    before = (sample.assessment.model_dump_json(), sample.results.model_dump_json())
    build_report(sample.bundle, sample.assessment, sample.results)
    assert (sample.assessment.model_dump_json(), sample.results.model_dump_json()) == before


def test_report_holds_engagement_context_and_every_area(sample: Scored) -> None:
    report = _report(sample)
    assert report["engagement"]["client"] == "Northwind Outfitters"
    assert report["engagement"]["participants"][0] == "Sam Lee (CIO)"
    assert report["systems"]["erp"] == "SAP S/4HANA"
    assert [c["id"] for c in report["context"]] == ["context.platform", "context.marketplaces"]
    assert [a["id"] for a in report["areas"]] == [a.id for a in sample.results.areas]
    failure = next(a for a in report["areas"] if a["id"] == "failure")
    result = sample.results.area("failure")
    assert result is not None and result.score is not None and result.gap is not None
    assert failure["score"] == round(result.score, 3)
    assert failure["gap"] == round(result.gap, 3)
    assert (failure["target"], failure["unknown"], failure["na"]) == (result.target, result.unknown, result.na)
    assert failure["coverage"] == round(result.coverage, 3)
    assert report["overall"]["applicable"] == sample.results.overall.applicable


def test_report_holds_risks_roadmap_and_their_reasons(sample: Scored) -> None:
    report = _report(sample)
    assert [r["id"] for r in report["risks"]] == [r.id for r in sample.results.risks]
    top = report["risks"][0]
    assert {"likelihood", "impact", "score", "rating", "owner", "trigger", "refs"} <= set(top)
    assert top["score"] == top["likelihood"] * top["impact"]
    slices = [s["id"] for s in report["roadmap"]]
    assert slices == [s.id for s in sample.results.roadmap]
    actions = [a for s in report["roadmap"] for a in s.get("actions", [])]
    assert len(actions) == sum(len(s.actions) for s in sample.results.roadmap)
    assert all(action["reasons"] for action in actions)
    assert all("evidence" in action for action in actions)


def test_report_attaches_findings_to_ownership_and_flows(sample: Scored) -> None:
    report = _report(sample)
    price = next(o for o in report["ownership"] if o["object"] == "price")
    assert price["create"] == ["erp", "pim"]
    assert [f["kind"] for f in price["findings"]] == ["several_creators"]
    stock = next(f for f in report["flows"] if f["id"] == "stock")
    assert {f["kind"] for f in stock["findings"]} == {"latency_mismatch", "missing_safeguards", "no_failure_owner"}
    orders = next(f for f in report["flows"] if f["id"] == "orders")
    assert "findings" not in orders
    assert len(report["findings"]) == len(sample.results.findings)


def test_report_lists_every_answer_with_its_note_and_keeps_orphans(sample: Scored) -> None:
    report = _report(sample)
    answers = {a["id"]: a for a in report["answers"]}
    assert answers["failure.idempotency"]["note"] == "Order export only"
    assert answers["failure.idempotency"]["choice"] == "some-flows"
    assert answers["failure.retry"]["choices"] == ["backoff", "limit"]
    assert answers["failure.marketplace-rejects"]["unknown"] is True
    assert answers["ownership.corrections"]["na_note"] == "Master data is a separate programme."
    assert report["follow_ups"][0]["question"] == "failure.marketplace-rejects"
    assert report["orphan_answers"] == [
        {"id": "retired.question", "choice": "whatever", "note": "Kept although the question is gone"}
    ]


def test_report_keeps_a_long_note_whole(hostile: Scored, tmp_path: Path) -> None:
    toml_path = export(hostile, tmp_path, ("toml",))[0]
    report = tomllib.loads(toml_path.read_text(encoding="utf-8"))
    note = next(a for a in report["answers"] if a["id"] == "ownership.matrix")["note"]
    assert note == hostile.assessment.answers["ownership.matrix"].note
    assert len(note) > 40_000


def test_report_of_a_merged_assessment_carries_respondents_and_disagreements(merged: Scored) -> None:
    report = _report(merged)
    assert report["merge"]["respondents"] == ["Ana Ruiz", "Ben Okafor", "Chen Wei"]
    kinds = {d["subject"]: d["kind"] for d in report["merge"]["disagreements"]}
    assert kinds["failure.idempotency"] == "level_spread"
    idempotency = next(a for a in report["answers"] if a["id"] == "failure.idempotency")
    assert [r["level"] for r in idempotency["respondents"]] == [4, 0, 1]
