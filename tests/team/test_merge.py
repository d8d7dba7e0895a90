"""Merging respondents: consensus, every respondent kept, planted disagreements found and raised as risks."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from slicewise.cli import main
from slicewise.cli.team_commands import merge_files
from slicewise.core.engine import evaluate
from slicewise.core.errors import SlicewiseError
from slicewise.core.loader import Bundle, load_bundle
from slicewise.core.merge import merge_assessments
from slicewise.core.models.assessment import Answer, Assessment, Flow, OwnershipEntry
from slicewise.core.models.questionnaire import (
    LATENCIES,
    PATTERNS,
    SAFEGUARDS,
    ChecklistQuestion,
    ChoiceQuestion,
    TextQuestion,
)
from slicewise.core.store import load_assessment, open_assessment

from .helpers import DATA, RESPONDENTS, TEAM_QUESTIONNAIRE, without_merge_metadata


@pytest.fixture(scope="module")
def merged() -> Assessment:
    """Ann, Bo and Cy merged: a level spread, two creators for price, a flow pattern described two ways."""
    return merge_files(RESPONDENTS)


def _kinds(assessment: Assessment) -> dict[tuple[str, str], str]:
    """Map (kind, subject) of every recorded disagreement to its detail."""
    assert assessment.merge is not None
    return {(d.kind, d.subject): d.detail for d in assessment.merge.disagreements}


def test_planted_disagreements_are_found(merged: Assessment) -> None:
    found = _kinds(merged)
    assert set(found) == {
        ("level_spread", "ownership.source-of-truth"),
        ("creators", "price"),
        ("flow", "erp-to-commerce-price"),
    }
    assert "Ann level 1, Bo level 3, Cy level 2" in found[("level_spread", "ownership.source-of-truth")]
    assert "Ann: ERP; Bo: Commerce platform; Cy: ERP" in found[("creators", "price")]
    assert "pattern (Ann: File transfer, Bo: Direct API, Cy: File transfer)" in found[("flow", "erp-to-commerce-price")]
    spread = next(d for d in merged.merge.disagreements if d.kind == "level_spread")  # type: ignore[union-attr]
    assert spread.spread == 2 and spread.respondents == ["Ann", "Bo", "Cy"]


def test_each_disagreement_is_a_risk_in_the_register(merged: Assessment, team_bundle: Bundle) -> None:
    risks = {risk.id: risk for risk in evaluate(team_bundle, merged).risks}
    for risk_id in (
        "merge.level-spread:ownership.source-of-truth",
        "merge.creators:price",
        "merge.flow:erp-to-commerce-price",
    ):
        assert risks[risk_id].source == "merge"
    assert "Price export" in risks["merge.flow:erp-to-commerce-price"].title


def test_consensus_per_question(merged: Assessment) -> None:
    answers = merged.answers
    assert answers["ownership.source-of-truth"].choice == "some"  # median of levels 1, 3, 2
    assert answers["failure.edge-cases"].choices == ["duplicates"]  # the only item a majority ticked
    assert answers["failure.retries"].choice == "retry"  # Cy's don't-know does not outvote two answers
    assert answers["context.platform"].text == "Shopware 6"
    assert merged.ownership["price"].create == ["erp"]  # two of three
    assert [f.id for f in merged.flows] == ["erp-to-commerce-price", "commerce-to-erp-order"]
    assert merged.flows[0].pattern == "file"
    assert merged.engagement.participants == ["Ann", "Bo", "Cy"] and merged.engagement.respondent == ""


def test_every_respondent_answer_and_note_is_kept(merged: Assessment) -> None:
    kept = merged.answers["ownership.source-of-truth"].respondents
    assert [(k.respondent, k.choice, k.level, k.note) for k in kept] == [
        ("Ann", "tribal", 1, "Depends on who you ask"),
        ("Bo", "all", 3, "We wrote it down last year"),
        ("Cy", "some", 2, ""),
    ]
    retries = merged.answers["failure.retries"]
    assert [(k.respondent, k.unknown, k.note) for k in retries.respondents][2] == ("Cy", True, "Ask the ERP team")
    assert retries.note == "Cy: Ask the ERP team"
    hosting = merged.answers["context.hosting"].respondents
    assert [(k.choice, k.level) for k in hosting] == [("saas", None)] * 3  # context answers carry no level
    assert merged.merge is not None and merged.merge.respondents == ["Ann", "Bo", "Cy"]


def test_merged_file_scores_like_any_other(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "team.toml"
    assert main(["merge", *map(str, RESPONDENTS), "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "3 disagreements" in printed and "price" in printed
    assert "--disagreements" in printed  # the next step: open the workshop on them
    assessment, bundle = open_assessment(out)
    assert assessment.merge is not None and len(assessment.merge.disagreements) == 3
    assert assessment.answers["ownership.source-of-truth"].respondents[1].respondent == "Bo"
    assert main(["score", str(out)]) == 0
    assert evaluate(bundle, assessment).area("ownership") is not None


def test_merging_identical_files_gives_the_original() -> None:
    original = load_assessment(RESPONDENTS[0])
    bundle = load_bundle(TEAM_QUESTIONNAIRE)
    merged = merge_assessments(bundle, [original, original, original], ["a.toml", "b.toml", "c.toml"])
    assert merged.merge is not None and merged.merge.disagreements == []
    assert merged.merge.respondents == ["Ann", "Ann (2)", "Ann (3)"]
    assert without_merge_metadata(merged) == without_merge_metadata(original)


def test_different_versions_are_refused_naming_both(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    other = DATA / "team_other_version.toml"
    out = tmp_path / "unused.toml"
    code = main(["merge", str(RESPONDENTS[0]), str(other), "-o", str(out)])
    assert code == 2
    err = capsys.readouterr().err
    assert "different questionnaire versions" in err
    assert "team_other_version.toml" in err and "team_respondent_ann.toml" in err
    assert "1.1.0" in err and "1.0.0" in err
    assert not out.exists()


def test_a_bad_file_is_reported_and_nothing_is_written(tmp_path: Path) -> None:
    out = tmp_path / "team.toml"
    with pytest.raises(SlicewiseError) as caught:
        merge_files([RESPONDENTS[0], DATA / "team_bad_not_toml.toml"], out)
    assert "team_bad_not_toml.toml" in str(caught.value)
    assert not out.exists()


def test_output_may_not_be_one_of_the_inputs() -> None:
    with pytest.raises(SlicewiseError) as caught:
        merge_files(RESPONDENTS, RESPONDENTS[1])
    assert "also the output file" in str(caught.value)


def _two(team_bundle: Bundle, change: dict[str, Answer], ownership: dict[str, OwnershipEntry]) -> Assessment:
    """Merge Ann with a copy of her file changed as given (as respondent Bo)."""
    ann = load_assessment(RESPONDENTS[0])
    bo = ann.model_copy(deep=True)
    bo.engagement.respondent = "Bo"
    bo.answers.update(change)
    bo.ownership.update(ownership)
    return merge_assessments(team_bundle, [ann, bo], ["ann.toml", "bo.toml"])


def test_an_even_split_takes_the_lower_level(team_bundle: Bundle) -> None:
    merged = _two(team_bundle, {"ownership.source-of-truth": Answer(choice="enforced")}, {})
    assert merged.answers["ownership.source-of-truth"].choice == "tribal"
    assert ("level_spread", "ownership.source-of-truth") in _kinds(merged)


def test_two_creators_with_no_majority_stay_visible_as_several_creators(team_bundle: Bundle) -> None:
    merged = _two(team_bundle, {}, {"price": OwnershipEntry(create=["commerce"])})
    assert merged.ownership["price"].create == ["erp", "commerce"]
    risks = {risk.id for risk in evaluate(team_bundle, merged).risks}
    assert "merge.creators:price" in risks
    assert any(risk.startswith("ownership.several-creators:price") for risk in risks)


def test_different_context_choices_are_a_disagreement(team_bundle: Bundle) -> None:
    merged = _two(team_bundle, {"context.hosting": Answer(choice="self-hosted")}, {})
    assert "Ann: Software as a service; Bo: Our own servers" in _kinds(merged)[("choice", "context.hosting")]


def test_a_one_level_difference_is_not_a_disagreement(team_bundle: Bundle) -> None:
    merged = _two(team_bundle, {"ownership.source-of-truth": Answer(choice="some")}, {})
    assert _kinds(merged) == {}


def test_contradictory_safeguards_and_owners_are_flow_disagreements(team_bundle: Bundle) -> None:
    ann = load_assessment(RESPONDENTS[0])
    bo = ann.model_copy(deep=True)
    bo.engagement.respondent = "Bo"
    bo.flows[0] = bo.flows[0].model_copy(update={"safeguards": [], "failure_owner": "Shop team"})
    merged = merge_assessments(team_bundle, [ann, bo], ["ann.toml", "bo.toml"])
    detail = _kinds(merged)[("flow", "erp-to-commerce-price")]
    assert "safeguards (Ann: retry, alert, Bo: none)" in detail
    assert "failure owner (Ann: Integration team, Bo: Shop team)" in detail
    assert merged.flows[0].safeguards == []  # a safeguard one of two people doubts is not counted


# -- property: merging copies of any assessment changes nothing but the merge metadata -------------------


def _answers(bundle: Bundle) -> st.SearchStrategy[dict[str, Answer]]:
    """Random answers to the team questionnaire: real, don't-know, N/A or absent, with notes."""
    notes = st.text(max_size=12)
    entries = []
    for question in bundle.questionnaire.questions:
        if isinstance(question, ChoiceQuestion):
            real = st.builds(Answer, choice=st.sampled_from([c.id for c in question.choices]), note=notes)
        elif isinstance(question, ChecklistQuestion):
            items = [i.id for i in question.items]
            real = st.builds(Answer, choices=st.lists(st.sampled_from(items), unique=True), note=notes)
        elif isinstance(question, TextQuestion):
            real = st.builds(Answer, text=st.text(max_size=12), note=notes)
        else:
            real = st.builds(Answer, done=st.booleans(), note=notes)
        other = st.one_of(
            st.builds(Answer, unknown=st.just(True), note=notes),
            st.builds(Answer, na=st.just("out-of-scope"), na_note=notes),
        )
        entries.append(st.tuples(st.just(question.id), st.one_of(st.none(), real, other)))
    confidence = st.sampled_from([None, "sure", "unsure"])
    return st.tuples(st.tuples(*entries), confidence).map(
        lambda pair: {
            qid: answer.model_copy(update={"confidence": pair[1]}) for qid, answer in pair[0] if answer is not None
        }
    )


def _assessments(bundle: Bundle) -> st.SearchStrategy[Assessment]:
    """Random assessments of the team questionnaire with ownership and flows."""
    systems = [s.id for s in bundle.questionnaire.systems]
    objects = [o.id for o in bundle.questionnaire.objects]
    roles = st.lists(st.sampled_from(systems), unique=True)
    entry = st.builds(OwnershipEntry, create=roles, update=roles, consume=roles, correction_owner=st.text(max_size=6))
    flow = st.builds(
        Flow,
        id=st.from_regex(r"[a-z][a-z0-9-]{0,6}", fullmatch=True),
        name=st.text(min_size=1, max_size=10),
        source=st.sampled_from(systems),
        target=st.sampled_from(systems),
        objects=st.lists(st.sampled_from(objects), unique=True),
        pattern=st.sampled_from(PATTERNS),
        latency=st.sampled_from(LATENCIES),
        safeguards=st.lists(st.sampled_from(SAFEGUARDS), unique=True),
        failure_owner=st.text(max_size=6),
        note=st.text(max_size=6),
    )
    base = load_assessment(RESPONDENTS[0])
    return st.builds(
        lambda answers, ownership, flows: base.model_copy(
            update={"answers": answers, "ownership": ownership, "flows": flows}, deep=True
        ),
        _answers(bundle),
        st.dictionaries(st.sampled_from(objects), entry),
        st.lists(flow, max_size=4, unique_by=lambda f: f.id),
    )


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(data=st.data(), copies=st.integers(min_value=1, max_value=4))
def test_property_identical_merge_is_the_original(data: st.DataObject, copies: int, team_bundle: Bundle) -> None:
    original = data.draw(_assessments(team_bundle))
    merged = merge_assessments(team_bundle, [original] * copies, [f"r{i}.toml" for i in range(copies)])
    assert merged.merge is not None and merged.merge.disagreements == []
    assert without_merge_metadata(merged) == without_merge_metadata(original)


def test_a_merged_file_is_not_merged_again(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    team = tmp_path / "team.toml"
    assert main(["merge", *map(str, RESPONDENTS[:2]), "-o", str(team)]) == 0
    capsys.readouterr()
    assert main(["merge", str(team), str(RESPONDENTS[2]), "-o", str(tmp_path / "again.toml")]) == 2
    err = capsys.readouterr().err
    assert "team.toml: is already a merged team file" in err
    assert not (tmp_path / "again.toml").exists()


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(data=st.data(), count=st.integers(min_value=1, max_value=5))
def test_property_any_respondents_merge_into_a_file_that_saves_and_scores(
    data: st.DataObject, count: int, team_bundle: Bundle
) -> None:
    from slicewise.core.store import dumps_assessment, parse_assessment

    people = [data.draw(_assessments(team_bundle)) for _ in range(count)]
    merged = merge_assessments(team_bundle, people, [f"r{i}.toml" for i in range(count)])
    reread = parse_assessment(dumps_assessment(merged).encode(), Path("merged.toml")).assessment
    assert reread == merged
    results = evaluate(team_bundle, merged)
    merge_risks = [risk for risk in results.risks if risk.source == "merge"]
    assert merged.merge is not None and len(merge_risks) == len(merged.merge.disagreements)
    for answer in merged.answers.values():
        assert len(answer.respondents) <= count


def test_scopes_unknowns_modes_and_service_levels_survive_a_merge() -> None:
    """Scoped ownership, unknown safeguards, the flow's mode and its service level are merged, not dropped."""
    bundle = load_bundle("commerce-integration")
    scoped = OwnershipEntry.model_validate(
        {
            "create": ["commerce-platform"],
            "scopes": [{"scope": "marketplace", "kind": "channel", "create": ["marketplace"]}],
        }
    )
    flow = Flow.model_validate(
        {
            "id": "stock",
            "name": "Stock file",
            "source": "erp",
            "target": "commerce-platform",
            "objects": ["inventory"],
            "pattern": "file",
            "latency": "same-day",
            "mode": "snapshot",
            "safeguards": ["retry"],
            "unknown_safeguards": ["alert"],
            "sla": "informal",
        }
    )
    one = Assessment.model_validate(
        {"questionnaire": {"id": "commerce-integration"}, "ownership": {"order": scoped}, "flows": [flow]}
    )
    other = one.model_copy(deep=True)
    other.flows[0].sla = "measured"
    merged = merge_assessments(bundle, [one, other], ["a.toml", "b.toml"])
    assert merged.ownership["order"].scopes[0].create == ["marketplace"]
    stock = merged.flows[0]
    assert (stock.mode, stock.unknown_safeguards, stock.safeguards) == ("snapshot", ["alert"], ["retry"])
    assert stock.sla == "informal"
    assert any(d.kind == "flow" and "service level" in d.detail for d in merged.merge.disagreements)  # type: ignore[union-attr]
    assert "ownership.several-creators:order" not in {r.id for r in evaluate(bundle, merged).risks}
