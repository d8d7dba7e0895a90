"""Merging is safe to repeat: one file merged with itself (or alone) scores exactly as the file does."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from slicewise.core.engine import evaluate
from slicewise.core.merge import merge_assessments
from slicewise.core.models.assessment import Assessment
from slicewise.core.models.results import Results
from team.helpers import without_merge_metadata

from .bundles import BUNDLES, examples
from .strategies import assessments

EXAMPLES = {"mini": 40, "builtin": 10}


def scoring_facts(results: Results) -> dict[str, object]:
    """Everything in the results that scores: levels, area and overall figures, risks, roadmap, follow-ups."""
    return {
        "questions": [(q.id, q.status, q.level) for q in results.questions],
        "areas": [
            (a.id, a.score, a.uncapped_score, a.level, a.cap, a.gap, a.coverage, a.answered, a.unknown, a.na)
            for a in results.areas
        ],
        "overall": (results.overall.score, results.overall.level, results.overall.coverage),
        "risks": sorted((r.id, r.score, r.rating) for r in results.risks),
        "roadmap": [(s.id, [(a.id, a.planned_slice, a.priority) for a in s.actions]) for s in results.roadmap],
        "follow_ups": [f.question for f in results.follow_ups],
    }


@pytest.mark.parametrize("name", sorted(BUNDLES))
@pytest.mark.parametrize("copies", [1, 2])
def test_merging_a_file_with_itself_changes_nothing_that_scores(name: str, copies: int) -> None:
    """Merging one assessment with copies of itself finds no disagreement and gives the same scores, risks,
    roadmap and follow-ups; apart from what merging records, the answers are the same."""
    bundle = BUNDLES[name]()

    @settings(max_examples=examples(EXAMPLES[name]), deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(assessments(bundle))
    def check(assessment: Assessment) -> None:
        merged = merge_assessments(bundle, [assessment] * copies, [f"same-{n}.toml" for n in range(copies)])
        assert merged.merge is not None and merged.merge.disagreements == []
        assert scoring_facts(evaluate(bundle, merged)) == scoring_facts(evaluate(bundle, assessment))
        plain = without_merge_metadata(merged)
        original = without_merge_metadata(assessment)
        for qid, answer in original.answers.items():
            got = plain.answers[qid]
            assert (got.choice, got.choices, got.unknown, got.na) == (
                answer.choice,
                answer.choices,
                answer.unknown,
                answer.na,
            ), qid
        assert plain.ownership == original.ownership
        assert plain.flows == original.flows

    check()
