"""The palette's word index over every question (prompt, guidance, area, id, choice and item texts), built once
per questionnaire so any phrase is looked up in a few milliseconds, however long."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from slicewise.core.models.questionnaire import ChecklistQuestion, ChoiceQuestion, Questionnaire, area_of

WORD = re.compile(r"[^\W_]+", re.UNICODE)
"""A word: letters and digits; ids split on dots and dashes, so `failure.dead-letter` is three words."""

WEIGHTS = {"prompt": 4.0, "id": 3.0, "area": 2.0, "choices": 1.5, "guidance": 1.0}
"""How much a word found in each part counts: a prompt's words matter most, the guidance's least."""


def words(text: str) -> list[str]:
    """Return the words of a text in lower case."""
    return WORD.findall(text.casefold())


@dataclass(frozen=True)
class Found:
    """A question matching a search, with how well it matches."""

    question_id: str
    """The question."""
    score: float
    """Higher is better: every word must match; whole words, and the phrase in the id or prompt, count more."""
    spans: tuple[tuple[int, int], ...]
    """Where the words typed start and end in the prompt, for highlighting."""


class QuestionIndex:
    """Every word of every question, pointing at the questions that use it and how much it counts there."""

    def __init__(self, questionnaire: Questionnaire) -> None:
        """Index the questions of a questionnaire (a few milliseconds, once)."""
        self.ids: list[str] = []
        self.prompts: list[str] = []
        self._postings: dict[str, dict[int, float]] = {}
        for number, question in enumerate(questionnaire.questions):
            area = questionnaire.area(area_of(question.id))
            parts = {
                "prompt": question.prompt,
                "id": question.id,
                "area": area.title if area else "",
                "guidance": question.guidance,
                "choices": " ".join([c.label for c in question.choices] if isinstance(question, ChoiceQuestion) else [])
                + " ".join([i.label for i in question.items] if isinstance(question, ChecklistQuestion) else []),
            }
            self.ids.append(question.id)
            self.prompts.append(question.prompt)
            for part, text in parts.items():
                for word in words(text):
                    found = self._postings.setdefault(word, {})
                    found[number] = max(found.get(number, 0.0), WEIGHTS[part])
        self._sorted = sorted(self._postings)

    def _matching(self, word: str) -> dict[int, float]:
        """Return the questions with a word starting with `word`, and how much the best such word counts."""
        found: dict[int, float] = {}
        start = bisect_left(self._sorted, word)
        for token in self._sorted[start:]:
            if not token.startswith(word):
                break
            whole = 1.0 if token == word else 0.7
            for number, weight in self._postings[token].items():
                found[number] = max(found.get(number, 0.0), weight * whole)
        return found

    def search(self, query: str, limit: int = 50) -> list[Found]:
        """Return the questions where every word typed starts a word, best first (the phrase in a prompt first)."""
        typed = words(query)
        if not typed:
            return []
        scores: dict[int, float] | None = None
        for word in dict.fromkeys(typed):
            found = self._matching(word)
            scores = found if scores is None else {n: s + found[n] for n, s in scores.items() if n in found}
            if not scores:
                return []
        assert scores is not None
        phrase = " ".join(typed)
        ranked = []
        for number, score in scores.items():
            if phrase in " ".join(words(self.ids[number])):
                score += 12.0  # the question's own name
            elif phrase in " ".join(words(self.prompts[number])):
                score += 10.0
            ranked.append((-score, number))
        ranked.sort()
        return [
            Found(self.ids[number], -score, _spans(self.prompts[number].lower(), typed))
            for score, number in ranked[:limit]
        ]


def _spans(prompt: str, typed: list[str]) -> tuple[tuple[int, int], ...]:
    """Return where each typed word starts a word of the (lower-cased) prompt."""
    spans = []
    for match in WORD.finditer(prompt):
        for word in typed:
            if match.group().startswith(word):
                spans.append((match.start(), match.start() + len(word)))
                break
    return tuple(spans)
