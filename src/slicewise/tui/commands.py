"""The command palette: jump to any question by its text, open screens, export, edit the engagement."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

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
            ("Scorecard", "Show the live scorecard", app.action_scorecard),
            ("Ownership matrix", "Edit who creates, updates and consumes each object", app.action_ownership),
            ("Flow inventory", "Edit the integration flows", app.action_flows),
            ("Review and export", "Unanswered and don't-know lists, then export", app.action_review),
            ("Risk register", "Risks by rating; why each fired; adjust one", app.action_register),
            ("Plan", "Slices, Later and find out first; why each action; adjust one", app.action_plan),
            ("Export TOML and Excel", "Write the report and workbook now", app.action_export),
            ("Edit engagement details", "Client, consultant, participants, targets, systems", app.action_engagement),
        ]

    def _questions(self) -> list[tuple[str, str, Callable[[], object]]]:
        """Return (name, help, callback) for every question asked."""
        app = self._app()
        session = app.session
        if session is None:
            return []
        entries: list[tuple[str, str, Callable[[], object]]] = []
        for question in session.visible_questions():
            area = session.bundle.questionnaire.area(question.id.split(".", 1)[0])
            status = session.status(question.id)
            mark = {"answered": "✓", "unknown": "?", "na": "–"}.get(status, "·")
            name = f"{mark} {question.prompt}"
            where = f"{area.title if area else ''} · {question.id}"
            entries.append((name, where, partial(app.jump_to, question.id)))
        return entries

    async def discover(self) -> Hits:
        """Offer the actions before anything is typed."""
        for name, help_text, callback in self._actions():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        """Match actions and question prompts (and ids) against what is typed."""
        matcher = self.matcher(query)
        for name, help_text, callback in self._actions():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)
        for name, help_text, callback in self._questions():
            score = max(matcher.match(name), matcher.match(help_text) * 0.8)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, text=name, help=f"Go to: {help_text}")
