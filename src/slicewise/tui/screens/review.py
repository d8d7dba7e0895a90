"""Review and export: disagreements, unanswered and don't-know questions (each a jump), then the exports."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import OptionList, ProgressBar, Static
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState

from slicewise.core import counts as tally
from slicewise.core.errors import ReplaceRefusedError, SlicewiseError
from slicewise.tui.base import session_of, sw_app
from slicewise.tui.disagreements import describe, stops, summary
from slicewise.tui.session import Session
from slicewise.tui.widgets.key_footer import KeyFooter
from slicewise.tui.widgets.nav_keys import essential_keys
from slicewise.tui.widgets.status_line import status_line
from slicewise.tui.widgets.top_bar import TopBar


def export_folder(session: Session) -> Path:
    """Return where exports go: an `exports` folder beside the assessment file."""
    return session.path.resolve().parent / "exports"


class ReviewScreen(Screen[None]):
    """What is still open, and the export."""

    CSS_PATH = "review.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        *essential_keys()[1:],  # Help and Quit first, as on every screen (this screen is the review)
        Binding("x", "export", "Export", id="review-export", tooltip="Write the TOML report and Excel workbook"),
        Binding("escape", "app.pop_screen", "Back", id="review-back", tooltip="Back to the questions"),
        Binding("s", "app.scorecard", "Score", id="review-score", tooltip="Live scorecard"),
        Binding("r", "app.register", "Risks", id="review-register", tooltip="The risk register"),
        Binding("p", "app.plan", "Plan", id="review-plan", tooltip="The plan by slice"),
    ]

    def __init__(self, export_now: bool = False) -> None:
        """Open the review, exporting at once when asked."""
        super().__init__()
        self.export_now = export_now
        self.written: list[Path] = []

    @property
    def session(self) -> Session:
        """The open session."""
        return session_of(self)

    def compose(self) -> ComposeResult:
        """The open questions list and the export panel."""
        yield TopBar(id="top")
        with Vertical(id="review-body"):
            yield Static(id="review-title", classes="screen-title")
            yield OptionList(id="review-list")
            with Vertical(id="export-panel"):
                yield Static(id="export-status")
                yield ProgressBar(total=None, show_eta=False, show_percentage=False, id="export-progress")
        yield status_line(self)
        yield KeyFooter()

    def on_mount(self) -> None:
        """Fill the lists and follow changes; export at once when asked."""
        sw_app(self).changed.subscribe(self, self.redraw)
        self.query_one("#export-progress", ProgressBar).display = False
        self.redraw(self.session)
        self.query_one("#review-list", OptionList).focus()
        if self.export_now:
            self.action_export()
        else:
            self._status(
                Content.assemble(
                    ("x ", "bold $text-accent"),
                    f"exports the TOML report and the Excel workbook to {export_folder(self.session)}",
                )
            )

    def redraw(self, session: Session) -> None:
        """List the disagreements of a merged file, then the unanswered and don't-know questions."""
        visible = session.visible_questions()
        unanswered = [q for q in visible if session.status(q.id) == "unanswered"]
        unknown = [q for q in visible if session.status(q.id) == "unknown"]
        counts = tally.count(session.results.questions)
        self.query_one(TopBar).set_title(session.title())
        disputes = f"; {len(stops(session))} disagreements" if session.assessment.merge is not None else ""
        self.query_one("#review-title", Static).update(
            f"Review — {tally.progress_phrase(counts)}{disputes}; {len(session.results.risks)} risks raised"
        )
        options: list[Option | None] = []
        if session.assessment.merge is not None:
            options.extend(self._disagreement_lines(session))
            options.append(None)
        options.append(Option(Content.styled(f"Unanswered ({len(unanswered)})", "bold $text-accent"), disabled=True))
        options.extend(Option(self._line(session, q.id, q.prompt), id=q.id) for q in unanswered)
        if not unanswered:
            options.append(Option(Content.styled("  Every question has an answer.", "$text-success"), disabled=True))
        options.append(None)
        options.append(Option(Content.styled(f"Don't know ({len(unknown)})", "bold $text-warning"), disabled=True))
        options.extend(Option(self._line(session, q.id, q.prompt), id=q.id) for q in unknown)
        if not unknown:
            options.append(Option(Content.styled("  No don't-know answers.", "$text-muted"), disabled=True))
        review = self.query_one("#review-list", OptionList)
        highlighted = review.highlighted
        review.set_options(options)
        if highlighted is not None and highlighted < review.option_count:
            review.highlighted = highlighted
        else:  # a fresh screen: ⏎ acts on the first line that leads somewhere, without ↓ first
            review.highlighted = next(
                (n for n in range(review.option_count) if not review.get_option_at_index(n).disabled), None
            )

    def _disagreement_lines(self, session: Session) -> list[Option | None]:
        """List where the respondents disagree, each a jump to its question, object or flow."""
        found = stops(session)
        lines: list[Option | None] = [
            Option(Content.styled(f"Respondents disagree ({len(found)})", "bold $text-error"), disabled=True)
        ]
        for number, stop in enumerate(found):
            subject = describe(session, stop) if stop.where == "question" else ""
            line = Content.assemble(
                ("  ≠ ", "bold $text-error"),
                (summary(session, stop) + (": " if subject else ""), "$text-muted" if subject else "bold"),
                (subject, "bold"),
            )
            lines.append(Option(line, id=f"stop:{number}"))
        if not found:
            lines.append(Option(Content.styled("  The respondents agree everywhere.", "$text-success"), disabled=True))
        merge = session.assessment.merge
        hidden = sum(
            1
            for d in (merge.disagreements if merge else [])
            if session.question(d.subject) is not None and not session.is_visible(d.subject)
        )
        if hidden:
            lines.append(
                Option(
                    Content.styled(
                        f"  and {hidden} on questions not asked with the current answers (they return if asked)",
                        "$text-muted",
                    ),
                    disabled=True,
                )
            )
        return lines

    def _line(self, session: Session, question_id: str, prompt: str) -> Content:
        """Render one question line: area and prompt."""
        area = session.bundle.questionnaire.area(question_id.split(".", 1)[0])
        return Content.assemble(("  ", ""), (f"{area.title if area else ''}: ", "$text-muted"), prompt)

    @on(OptionList.OptionSelected, "#review-list")
    def _jump(self, event: OptionList.OptionSelected) -> None:
        """Go to the question, object or flow chosen."""
        option_id = event.option.id
        if option_id and option_id.startswith("stop:"):
            found = stops(self.session)
            number = int(option_id.removeprefix("stop:"))
            if number < len(found):
                sw_app(self).go_to_stop(found[number])
        elif option_id:
            sw_app(self).jump_to(option_id)

    # ----- export -------------------------------------------------------------------------------------

    def _status(self, content: Content) -> None:
        """Show the export status line."""
        self.query_one("#export-status", Static).update(content)

    def action_export(self, force: bool = False) -> None:
        """Write the exports in a background worker; the screen stays usable meanwhile.

        `force` replaces an earlier, different export of this same assessment (asked for first, never assumed).
        """
        session = self.session
        session.refresh()  # notes are saved without rescoring; the follow-ups carry them
        folder = export_folder(session)
        self.query_one("#export-progress", ProgressBar).display = True
        self._status(Content(f"Exporting the TOML report and Excel workbook to {folder} …"))
        self._export(session.bundle, session.assessment.model_copy(deep=True), session.results, folder, force)

    @work(thread=True, exclusive=True, exit_on_error=False, group="export", name="export")
    def _export(self, bundle: object, assessment: object, results: object, folder: Path, force: bool) -> list[Path]:
        """Write the exports from a snapshot of the assessment (openpyxl loads here, not at start-up)."""
        from slicewise.export import write_exports

        return write_exports(bundle, assessment, results, folder, force=force)  # type: ignore[arg-type]

    def _offer_replace(self, error: ReplaceRefusedError) -> None:
        """Ask before replacing an earlier export of this assessment: stakeholders may have edited it."""
        from slicewise.tui.screens.confirm import ConfirmScreen

        def answered(replace: bool | None) -> None:
            if replace:
                self.action_export(force=True)

        paths = "\n".join(problem.path for problem in error.problems)
        body = f"{paths}\nThis earlier export differs from what would be written now; it may hold stakeholders' edits."
        self.app.push_screen(ConfirmScreen("Replace the earlier export?", body, "Replace"), answered)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Show the written paths, or why the export failed."""
        if event.worker.name != "export":
            return
        progress = self.query_one("#export-progress", ProgressBar)
        if event.state == WorkerState.SUCCESS:
            progress.display = False
            self.written = list(event.worker.result or [])
            lines = [Content.styled("✓ Exported:", "bold $text-success")]
            lines.extend(Content(f"  {path}") for path in self.written)
            self._status(Content("\n").join(lines))
            if self.app.screen is not self:  # here the status lines say it; a message would cover them
                self.notify("Exports written.", timeout=3)
        elif event.state == WorkerState.ERROR:
            progress.display = False
            error = event.worker.error
            text = str(error) if isinstance(error, SlicewiseError) else f"{type(error).__name__}: {error}"
            self._status(Content.assemble(("✗ Export failed\n", "bold $text-error"), text))
            if isinstance(error, ReplaceRefusedError):
                self._offer_replace(error)
            elif self.app.screen is not self:
                self.notify(text, title="Export failed", severity="error", timeout=8)
        elif event.state == WorkerState.CANCELLED:
            progress.display = False
