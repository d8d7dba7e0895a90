"""The one entry point the faces call: evaluate(bundle, assessment) -> Results, pure and fast."""

from __future__ import annotations

from typing import Protocol

from slicewise.core.answers import AnswerView
from slicewise.core.kinds import unknown_values
from slicewise.core.models.assessment import Assessment
from slicewise.core.models.questionnaire import Questionnaire
from slicewise.core.models.results import QuestionResult, Results
from slicewise.core.models.scoring import ScoringBundle
from slicewise.core.scoring import area_results, follow_ups, overall_result, question_results
from slicewise.core.words import plural


class BundleLike(Protocol):
    """What evaluate needs of a loaded bundle: the questionnaire and its scoring model."""

    @property
    def questionnaire(self) -> Questionnaire:
        """The questionnaire."""

    @property
    def scoring(self) -> ScoringBundle:
        """The scoring model with its risk rules and roadmap."""


def evaluate(bundle: BundleLike, assessment: Assessment) -> Results:
    """Compute scores, risks, findings, the roadmap and follow-ups of an assessment, each with its reasons."""
    # The risk and plan modules load with the first whole evaluation, not with a first screen that never needs it.
    from slicewise.core.adjust import apply_adjustments
    from slicewise.core.risks import assess_risks
    from slicewise.core.roadmap import build_plan

    view = AnswerView(bundle.questionnaire, bundle.scoring, assessment)
    questions = question_results(view)
    areas = area_results(view, questions)
    risks, findings = assess_risks(view)
    follow = follow_ups(view, risks)
    roadmap, plan = build_plan(view, risks, findings, follow, questions, areas)
    engine = Results(
        questionnaire_id=bundle.questionnaire.id,
        questionnaire_version=bundle.questionnaire.version,
        questions=questions,
        areas=areas,
        overall=overall_result(view, areas),
        risks=risks,
        findings=findings,
        roadmap=roadmap,
        plan=plan,
        follow_ups=follow,
        orphan_answers=orphan_answers(bundle.questionnaire, assessment),
        warnings=warnings(bundle.questionnaire, assessment),
    )
    return apply_adjustments(engine, view)


def question_statuses(bundle: BundleLike, assessment: Assessment) -> list[QuestionResult]:
    """Return what `evaluate` says of each question (asked or hidden, its status, level and answer in words)
    without the rest: enough to draw a question, at a fraction of the cost."""
    return question_results(AnswerView(bundle.questionnaire, bundle.scoring, assessment))


def orphan_answers(questionnaire: Questionnaire, assessment: Assessment) -> list[str]:
    """Return the answer ids the questionnaire does not have (kept in the file, never scored)."""
    known = {q.id for q in questionnaire.questions}
    return sorted(qid for qid in assessment.answers if qid not in known)


def warnings(questionnaire: Questionnaire, assessment: Assessment) -> list[str]:
    """Say where the answers and the questionnaire no longer fit each other."""
    found = []
    ref = assessment.questionnaire
    if ref.id != questionnaire.id:
        found.append(f"The assessment was answered against questionnaire '{ref.id}', not '{questionnaire.id}'.")
    if ref.version and ref.version != questionnaire.version:
        found.append(
            f"The answers were given against version {ref.version} of the questionnaire; "
            f"it is now {questionnaire.version}."
        )
    elif ref.digest and questionnaire.digest and ref.digest != questionnaire.digest:
        found.append(
            f"The questionnaire's content changed since the answers were given "
            f"(digest {ref.digest} then, {questionnaire.digest} now)."
        )
    questions = {q.id: q for q in questionnaire.questions}
    for qid, answer in assessment.answers.items():
        question = questions.get(qid)
        unknown = unknown_values(question, answer) if question is not None else {}
        if unknown.get("choice"):
            choice = unknown["choice"][0]
            found.append(f"{qid}: the choice '{choice}' no longer exists; the question counts as unanswered.")
        if unknown.get("choices"):
            stale = ", ".join(unknown["choices"])
            found.append(f"{qid}: ticked items no longer in the checklist are ignored: {stale}.")
    orphans = orphan_answers(questionnaire, assessment)
    if orphans:
        found.append(
            f"Kept but not scored ({plural(len(orphans), 'answer')} to questions the questionnaire "
            "no longer has): " + ", ".join(orphans) + "."
        )
    return found
