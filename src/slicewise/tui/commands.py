"""The command palette: jump to any question by its text, open screens, export, edit the engagement."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

if TYPE_CHECKING:
    from slicewise.tui.app import SlicewiseApp


class SlicewiseCommands(Provider):
    """Questions and actions of the open assessment, for ctrl+p."""

    def _app(self) -> SlicewiseApp:
        """The slicewise app."""
        from slicewise.tui.app import SlicewiseApp

        assert isinstance(self.app, SlicewiseApp)
        return self.app

    def _actions(self) -> list[tuple[str, str, Callable[[], object]]]:
        """Return (name, help, callback) for every screen and action on offer."""
        app = self._app()
        if app.session is None:
            return []
        walk: list[tuple[str, str, Callable[[], object]]] = []
        if app.session.assessment.merge is not None:
            walk = [
                ("Next disagreement", "Where the respondents disagree (g)", partial(app.next_disagreement, 1)),
                ("Previous disagreement", "Where the respondents disagree (G)", partial(app.next_disagreement, -1)),
            ]
        return [
            *walk,
            (
                "Next unanswered question",
                "Jump to the next question not answered yet (u)",
                partial(self._next, "unanswered"),
            ),
            (
                "Next don't-know question",
                "Jump to the next question marked don't know (D)",
                partial(self._next, "unknown"),
            ),
            ("Scorecard", "Show the live scorecard", app.action_scorecard),
            ("Ownership matrix", "Edit who creates, updates and consumes each object", app.action_ownership),
            ("Flow inventory", "Edit the integration flows", app.action_flows),
            ("Review and export", "Unanswered and don't-know lists, then export", app.action_review),
            ("Risk register", "Risks by rating; why each fired; adjust one", app.action_register),
            ("Plan", "Slices, Later and find out first; why each action; adjust one", app.action_plan),
            ("Export TOML and Excel", "Write the report and workbook now", app.action_export),
            ("Edit engagement details", "Client, consultant, participants, targets, systems", app.action_engagement),
        ]

    def _question_hit(self, question_id: str, score: float, spans: tuple[tuple[int, int], ...]) -> Hit | None:
        """Return the palette line of one question found: its status mark and prompt, the words highlighted."""
        app = self._app()
        session = app.session
        question = session.question(question_id) if session else None
        if session is None or question is None or not session.is_visible(question_id):
            return None
        area = session.bundle.questionnaire.area(question.id.split(".", 1)[0])
        mark = {"answered": "✓", "unknown": "?", "na": "–"}.get(session.status(question.id), "·")
        prompt = Content(question.prompt)
        for start, end in spans:
            if end <= len(question.prompt):
                prompt = prompt.stylize("bold underline", start, end)
        display = Content.assemble(f"{mark} ", prompt)
        where = f"{area.title if area else ''} · {question.id}"
        return Hit(
            score / (score + 4.0),  # 0..1, in the order of the index's scores
            display,
            partial(app.jump_to, question.id),
            text=f"{mark} {question.prompt}",
            help=f"Go to: {where}",
        )

    def _next(self, status: str) -> None:
        """Jump to the next question with a status after the one on screen."""
        from slicewise.tui.navigation import LEFT_TO_DO, next_with_status

        app = self._app()
        session = app.session
        if session is None:
            return
        found = next_with_status(session, session.assessment.progress.current, status)
        if found is None:
            app.notify(f"No {LEFT_TO_DO[status]} left.", timeout=3)
        else:
            app.jump_to(found)

    async def discover(self) -> Hits:
        """Offer the actions before anything is typed."""
        for name, help_text, callback in self._actions():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        """Match actions by name, and questions through the word index (prompts, guidance, areas, ids, choices)."""
        matcher = self.matcher(query)
        for name, help_text, callback in self._actions():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)
        app = self._app()
        if app.session is None:
            return
        for found in app.question_index().search(query):
            hit = self._question_hit(found.question_id, found.score, found.spans)
            if hit is not None:
                yield hit
