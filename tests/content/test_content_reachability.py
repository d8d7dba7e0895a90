"""No question is unreachable: every `show_if` holds for some combination of answers, and fails for another."""

from __future__ import annotations

import itertools

import pytest

from slicewise.core.answers import AnswerView
from slicewise.core.conditions import referenced_questions
from slicewise.core.loader import Bundle
from slicewise.core.models.assessment import Answer, Assessment, QuestionnaireRef
from slicewise.core.models.questionnaire import ChecklistQuestion, ChoiceQuestion, Question

from .kit import FULL, QUICK, bundle


def candidate_answers(question: Question) -> list[Answer | None]:
    """The distinct kinds of answer a question can have: each choice or item, none, don't-know, N/A."""
    answers: list[Answer | None] = [None, Answer(unknown=True), Answer(na="out-of-scope")]
    if isinstance(question, ChoiceQuestion):
        answers += [Answer(choice=c.id) for c in question.choices]
    elif isinstance(question, ChecklistQuestion):
        ids = [item.id for item in question.items]
        answers += [Answer(choices=[]), Answer(choices=ids)]
        answers += [Answer(choices=[i]) for i in ids]
        answers += [Answer(choices=[j for j in ids if j != i]) for i in ids]
    else:
        answers += [Answer(text="something", done=True)]
    return answers


def outcomes(loaded: Bundle, question: Question) -> set[bool]:
    """Evaluate a question's visibility over every combination of answers to the questions it depends on."""
    assert question.show_if is not None
    refs = referenced_questions(question.show_if)
    options = []
    for ref in refs:
        target = loaded.questionnaire.question(ref)
        assert target is not None, f"{question.id} refers to missing {ref}"
        options.append(candidate_answers(target))
    seen: set[bool] = set()
    for combo in itertools.product(*options):
        answers = {ref: answer for ref, answer in zip(refs, combo, strict=True) if answer is not None}
        assessment = Assessment(questionnaire=QuestionnaireRef(id=loaded.questionnaire.id), answers=answers)
        view = AnswerView(loaded.questionnaire, loaded.scoring, assessment)
        seen.add(view.visible(question.id))
        if seen == {True, False}:
            break
    return seen


@pytest.mark.parametrize("questionnaire_id", [FULL, QUICK])
def test_every_conditional_question_can_be_shown_and_hidden(questionnaire_id: str) -> None:
    """Each show_if is satisfiable (the question is reachable) and not always true (it is a real condition)."""
    loaded = bundle(questionnaire_id)
    for question in loaded.questionnaire.questions:
        if question.show_if is not None:
            assert outcomes(loaded, question) == {True, False}, question.id


def test_full_questionnaire_has_conditional_questions() -> None:
    """The full workshop skips marketplace and B2B questions for clients without them."""
    conditional = [q.id for q in bundle(FULL).questionnaire.questions if q.show_if is not None]
    assert len(conditional) >= 4
    assert {"ownership.marketplace-listings", "ownership.b2b-accounts"} <= set(conditional)


@pytest.mark.parametrize("questionnaire_id", [FULL, QUICK])
def test_every_risk_rule_can_fire_and_stay_quiet(questionnaire_id: str) -> None:
    """Each risk rule's condition holds for some answers and not for others."""
    from slicewise.core.conditions import evaluate

    loaded = bundle(questionnaire_id)
    for rule in loaded.scoring.risks:
        refs = referenced_questions(rule.when)
        options = [candidate_answers(loaded.questionnaire.question(ref)) for ref in refs]  # type: ignore[arg-type]
        seen: set[bool] = set()
        for combo in itertools.product(*options):
            answers = {ref: answer for ref, answer in zip(refs, combo, strict=True) if answer is not None}
            assessment = Assessment(questionnaire=QuestionnaireRef(id=loaded.questionnaire.id), answers=answers)
            seen.add(evaluate(rule.when, AnswerView(loaded.questionnaire, loaded.scoring, assessment)))
            if seen == {True, False}:
                break
        assert seen == {True, False}, rule.id
