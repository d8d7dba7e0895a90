"""The one definition of question counts (asked, answered, don't-know, N/A, applicable, scored) and their wording.

Every output (terminal scorecard, `explain`, review, `ask`, the TOML report, the workbook) prints counts
through this module, so "58 of 61 applicable questions answered" reads the same everywhere: N/A
questions are never applicable, hidden questions are never asked.
"""

from __future__ import annotations

from collections.abc import Iterable

from slicewise.core.models.results import Counts, FollowUp, QuestionResult
from slicewise.core.words import percent, plural


def count(questions: Iterable[QuestionResult]) -> Counts:
    """Count a set of question results by status."""
    counts = Counts()
    for question in questions:
        if question.status == "hidden":
            counts.hidden += 1
            continue
        counts.asked += 1
        if question.status == "answered":
            counts.answered += 1
            if question.scored and question.level is not None:
                counts.scored += 1
        elif question.status == "unknown":
            counts.unknown += 1
        elif question.status == "na":
            counts.na += 1
        else:
            counts.unanswered += 1
    return counts


def counted_in_area(questions: Iterable[QuestionResult], area_scored: bool) -> list[QuestionResult]:
    """Return the questions an area's counts cover: its scored questions, or all of them in a context area."""
    return [q for q in questions if q.scored] if area_scored else list(questions)


def total(parts: Iterable[Counts]) -> Counts:
    """Add counts up (e.g. the scored areas into the overall counts)."""
    result = Counts()
    for part in parts:
        result.asked += part.asked
        result.answered += part.answered
        result.unknown += part.unknown
        result.na += part.na
        result.unanswered += part.unanswered
        result.scored += part.scored
        result.hidden += part.hidden
    return result


def is_provisional(counts: Counts, threshold: float) -> bool:
    """Tell whether coverage is too low to rely on the level (below the scoring model's threshold)."""
    return counts.applicable > 0 and counts.coverage + 1e-9 < threshold


def answered_phrase(counts: Counts, noun: str = "applicable question") -> str:
    """Say `58 of 61 applicable questions answered (95%)`, the same words in every output."""
    return f"{counts.answered} of {plural(counts.applicable, noun)} answered ({percent(counts.coverage)})"


def detail_phrase(counts: Counts) -> str:
    """Say what the rest became: `2 don't-know, 1 not yet answered, 2 N/A left out` (empty when nothing)."""
    parts = []
    if counts.unknown:
        parts.append(f"{counts.unknown} don't-know")
    if counts.unanswered:
        parts.append(f"{counts.unanswered} not yet answered")
    if counts.na:
        parts.append(f"{counts.na} N/A left out")
    return ", ".join(parts)


def coverage_sentence(counts: Counts, noun: str = "applicable question") -> str:
    """The full sentence: answered of applicable with the share, then what the rest became."""
    detail = detail_phrase(counts)
    return answered_phrase(counts, noun) + (f"; {detail}" if detail else "")


def short(counts: Counts) -> str:
    """A compact cell for tables: `58/61`, with `2?` for don't-know and `2na` for N/A."""
    text = f"{counts.answered}/{counts.applicable}"
    if counts.unknown:
        text += f" {counts.unknown}?"
    if counts.na:
        text += f" {counts.na}na"
    return text


def progress_phrase(counts: Counts) -> str:
    """Say the workshop's progress: `54 of 63 questions dealt with; 3 don't know`."""
    return f"{counts.dealt_with} of {plural(counts.asked, 'question')} dealt with; {counts.unknown} don't know"


def follow_up_phrase(follow_ups: list[FollowUp]) -> str:
    """Say what is left to find out: `3 don't-know answers and 1 flow with unknown facts`."""
    flows = sum(1 for item in follow_ups if item.subject)
    questions = len(follow_ups) - flows
    parts = [plural(questions, "don't-know answer")] if questions else []
    if flows:
        parts.append(f"{flows} flow{'' if flows == 1 else 's'} with unknown facts")
    return " and ".join(parts) or "nothing"
