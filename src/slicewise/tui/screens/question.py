"""The question flow: areas on the side, one question with its answer widget, marks, note and guidance."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from slicewise.core.kinds import kind_of
from slicewise.core.models.assessment import Answer
from slicewise.core.models.questionnaire import (
    ChecklistQuestion,
    ChoiceQuestion,
    Question,
    TextQuestion,
    area_of,
)
from slicewise.core.words import plural
from slicewise.tui.base import sw_app
from slicewise.tui.disagreements import for_subject, short_names
from slicewise.tui.navigation import LEFT_TO_DO, next_with_status
from slicewise.tui.screens.session_screen import SessionScreen, essential_keys
from slicewise.tui.session import Session
from slicewise.tui.widgets.answer_marks import AnswerMarks
from slicewise.tui.widgets.answer_slot import AnswerEdited, AnswerSlot
from slicewise.tui.widgets.area_sidebar import AreaSidebar
from slicewise.tui.widgets.key_footer import KeyFooter
from slicewise.tui.widgets.note_view import NoteEdited, NoteLeft, NoteView, NoteWanted
from slicewise.tui.widgets.respondents_panel import RespondentsPanel
from slicewise.tui.widgets.status_line import status_line
from slicewise.tui.widgets.top_bar import TopBar

if TYPE_CHECKING:
    from slicewise.tui.widgets.note_field import NoteField

PICK_KEYS = [
    Binding("1", "pick(1)", "Pick", key_display="1-9", id="pick", tooltip="Choose the n-th answer"),
    *[Binding(str(n), f"pick({n})", "Pick", show=False, id=f"pick-{n}") for n in range(2, 10)],
]


class QuestionScreen(SessionScreen):
    """Walks the questions one at a time; every answer is saved the moment it is given."""

    CSS_PATH = "question.tcss"
    AUTO_FOCUS = ".answer-widget.-takes-focus"
    """Focus lands on a rubric, checklist or launcher as the screen mounts; never inside a text field."""
    BINDINGS: ClassVar[list[BindingType]] = [
        *essential_keys(),
        *PICK_KEYS,
        Binding(
            "p",
            "respondents",
            "Respondents",
            show=False,
            id="respondents",
            tooltip="Scroll to what each respondent said, and back",
        ),
        Binding(
            "t",
            "type_answer",
            "Type",
            priority=True,  # taken before the keys after it are routed: a burst "tShopify" types "Shopify"
            id="type-answer",
            tooltip="Type into the text answer",
        ),
        Binding("n", "note", "Note", id="note", tooltip="Write a note on this question"),
        Binding("d", "unknown", "Don't know", id="unknown", tooltip="Mark don't know (a follow-up)"),
        Binding("x", "na", "N/A", id="na", tooltip="Mark not applicable, with a reason"),
        Binding("c", "confidence", "Confidence", id="confidence", tooltip="Cycle confidence: sure / unsure"),
        Binding("s", "app.scorecard", "Score", id="scorecard", tooltip="Live scorecard"),
        Binding("o", "app.ownership", "Owners", id="ownership", tooltip="Ownership matrix editor"),
        Binding("f", "app.flows", "Flows", id="flows", tooltip="Flow inventory editor"),
        Binding("e", "app.engagement", "Details", id="engagement", tooltip="Engagement details"),
        Binding("enter", "confirm", "Next", key_display="⏎", show=False, tooltip="Confirm and go on", id="next"),
        Binding("left", "back", "Back", key_display="←", show=False, tooltip="Previous question", id="back"),
        Binding("right", "forward", "Skip", key_display="→", show=False, tooltip="Next question", id="skip"),
        Binding(
            "right_square_bracket",
            "area(1)",
            "Next area",
            key_display="]",
            show=False,
            id="next-area",
            tooltip="First question of the next area",
        ),
        Binding(
            "left_square_bracket",
            "area(-1)",
            "Previous area",
            key_display="[",
            show=False,
            id="previous-area",
            tooltip="First question of the previous area",
        ),
        Binding(
            "u",
            "next_with('unanswered')",
            "Unanswered",
            show=False,
            id="next-unanswered",
            tooltip="Next question not answered yet",
        ),
        Binding(
            "D",
            "next_with('unknown')",
            "Next don't know",
            show=False,
            id="next-unknown",
            tooltip="Next question marked don't know",
        ),
        Binding("escape", "settle_focus", "Answer", show=False, tooltip="Back to the answer", id="to-answer"),
    ]

    def __init__(self, question_id: str) -> None:
        """Open on one question."""
        super().__init__()
        self.question_id = question_id
        self.answer_widget: AnswerSlot | None = None
        self._stale = False

    @property
    def question(self) -> Question:
        """The question on screen."""
        question = self.session.question(self.question_id)
        assert question is not None
        return question

    def compose(self) -> ComposeResult:
        """Lay out the sidebar, the question column and the guidance pane."""
        yield TopBar(id="top")
        with Horizontal(id="body"):
            yield AreaSidebar(id="sidebar")
            with Vertical(id="column"):
                yield Static(id="heading")
                yield Static(id="prompt")
                with VerticalScroll(id="main"):
                    with Vertical(id="answer-slot"):
                        self.answer_widget = self._answer_widget(self.question)
                        yield from self.answer_widget.parts()
                    yield AnswerMarks(id="marks")
                    yield RespondentsPanel(id="respondents-below", classes="respondents")
                    yield NoteView()
                    yield Static(id="guidance-below", classes="guidance")
            with VerticalScroll(id="guidance-side"):
                yield RespondentsPanel(id="respondents-right", classes="respondents")
                yield Static(id="guidance-right", classes="guidance")
        yield status_line(self)
        yield KeyFooter()

    def on_mount(self) -> None:
        """Draw the first question (its answer widget is already composed) and follow every change."""
        sw_app(self).changed.subscribe(self, self.on_session_changed)
        self.set_class(self.session.assessment.merge is not None, "-merged")
        if self.session.set_current(self.question_id):
            sw_app(self).persist(recompute=False, announce=False)  # drawn just below
        self._show_note(self.session.answer(self.question_id).note)
        self._draw_text(self.question)
        self.draw_state()
        self.action_settle_focus()

    # ----- showing a question ------------------------------------------------------------------------

    async def show_question(self, question_id: str) -> None:
        """Put a question on screen and remember it as the place to resume."""
        session = self.session
        if session.question(question_id) is None:
            return
        self.question_id = question_id
        if session.set_current(question_id):
            sw_app(self).persist(recompute=False, announce=False)  # drawn once, below
        question = self.question
        answer = session.answer(question_id)
        widget = self._answer_widget(question)
        slot = self.query_one("#answer-slot", Vertical)
        with self.app.batch_update():  # the old question leaves in the same frame the new one is drawn
            old = list(slot.children)
            await slot.mount_all(widget.parts())
            await slot.remove_children(old)
            self.answer_widget = widget
            self._show_note(answer.note)
            self._draw_text(question)
            self.draw_state()
            self.query_one("#main", VerticalScroll).scroll_home(animate=False)
            self.action_settle_focus()
            self.refresh_bindings()

    def _answer_widget(self, question: Question) -> AnswerSlot:
        """Build the widget for a question's kind, from the kind → widget table."""
        return ANSWER_WIDGETS[question.kind](self, question, self.session.answer(question.id))

    def _rubric(self, question: Question, answer: Answer) -> AnswerSlot:
        """A choice question's rubric (a merged answer's rubric names who picked each choice)."""
        from slicewise.tui.widgets.choice_rubric import ChoiceRubric  # each kind's widget loads with its first use

        assert isinstance(question, ChoiceQuestion)
        picked_by: dict[str, list[str]] = {}
        short = short_names([given.respondent for given in answer.respondents])
        for given in answer.respondents:
            if given.choice is not None:
                picked_by.setdefault(given.choice, []).append(short[given.respondent])
        area = self.session.bundle.questionnaire.area(area_of(question.id))
        scored = area is None or area.scored  # context questions describe the client: no maturity labels
        return ChoiceRubric(question, answer.choice, picked_by, levels=scored).add_class("-takes-focus")

    def _checklist(self, question: Question, answer: Answer) -> AnswerSlot:
        """A checklist's tick boxes."""
        from slicewise.tui.widgets.checklist_field import ChecklistField

        assert isinstance(question, ChecklistQuestion)
        return ChecklistField(question, answer.choices).add_class("-takes-focus")

    def _text(self, question: Question, answer: Answer) -> AnswerSlot:
        """A text question's field (typed into only after `t` or a click)."""
        from slicewise.tui.widgets.text_answer import TextAnswer

        assert isinstance(question, TextQuestion)
        return TextAnswer(question, answer.text)

    def _matrix_launcher(self, question: Question, answer: Answer) -> AnswerSlot:
        """The ownership matrix's summary; ⏎ (or o anywhere) opens its editor."""
        from slicewise.tui.widgets.editor_launcher import EditorLauncher

        summarise = partial(self._editor_summary, question.id, "ownership matrix", "o", "ownership")
        return EditorLauncher(summarise, sw_app(self).action_ownership).add_class("-takes-focus")

    def _flows_launcher(self, question: Question, answer: Answer) -> AnswerSlot:
        """The flow inventory's summary; ⏎ (or f anywhere) opens its editor."""
        from slicewise.tui.widgets.editor_launcher import EditorLauncher

        summarise = partial(self._editor_summary, question.id, "flow inventory", "f", "flows")
        return EditorLauncher(summarise, sw_app(self).action_flows).add_class("-takes-focus")

    def _editor_summary(self, question_id: str, what: str, key: str, domain: str) -> Content:
        """Summarise the matrix or the flows for the launcher: the answer, its findings and how to edit."""
        session = self.session
        result = session.results.question(question_id)
        words = result.answer if result and result.answer else "Nothing recorded yet."
        findings = [f for f in session.results.findings if f.domain == domain]
        done = session.answer(question_id).done
        parts: list[str | tuple[str, str]] = [
            (f"{words}\n", "bold"),
            (f"{plural(len(findings), 'finding')} flagged" if findings else "No findings flagged", "$text-warning"),
            ("\n\n", ""),
            ("⏎ ", "bold $text-accent"),
            (f"open the {what} editor (or press {key} anywhere)", ""),
        ]
        if done:
            parts.append(("\n✓ marked complete by the room", "$text-success"))
        return Content.assemble(*parts)

    def _draw_text(self, question: Question) -> None:
        """Draw the heading, prompt and guidance of a question."""
        session = self.session
        area_id = area_of(question.id)
        area = session.bundle.questionnaire.area(area_id)
        asked = session.visible_questions(area_id)
        position = next((n for n, q in enumerate(asked, start=1) if q.id == question.id), 0)
        tags = []
        if question.critical:
            tags.append((" critical ", "bold $text on $error 60%"))
        kind = {
            "choice": "pick one",
            "checklist": "tick all that apply",
            "text": "context, not scored",
            "ownership_matrix": "ownership matrix",
            "flow_inventory": "flow inventory",
        }[question.kind]
        heading = Content.assemble(
            ((area.title if area else area_id), "bold $text-accent"),
            (f"  ·  question {position} of {len(asked)}  ·  {kind}  ", "$text-muted"),
            *tags,
        )
        if position == 1 and area is not None and area.summary:
            heading = Content.assemble(heading, "\n", (area.summary, "italic $text-muted"))
        self.query_one("#heading", Static).update(heading)
        self.query_one("#prompt", Static).update(Content(question.prompt))
        guidance = Content.assemble(("Why it matters\n", "bold $text-secondary"), question.guidance)
        self.query_one("#guidance-below", Static).update(guidance)
        self.query_one("#guidance-right", Static).update(guidance)
        top = self.query_one(TopBar)
        top.set_title(session.title())

    def draw_state(self) -> None:
        """Redraw what depends on answers: sidebar, marks, the answer widget's marker."""
        session = self.session
        answer = session.answer(self.question_id)
        self.query_one(AreaSidebar).show(session, self.question_id)
        result = session.question_result(self.question_id)
        level = None
        if result is not None and result.level is not None:
            level = f"level {result.level} · {session.bundle.scoring.level_name(result.level)}"
        question = self.question
        kind = kind_of(question)
        labels = kind.labels(question)
        self.query_one(AnswerMarks).show(answer, session.status(self.question_id), level)
        disagreements = [d for d in for_subject(session, self.question_id) if d.kind in ("level_spread", "choice")]
        merge = session.assessment.merge
        if merge is not None and kind.merge_kind is not None:
            disagreements += [d for d in merge.disagreements if d.kind == kind.merge_kind]
        for panel in self.query(RespondentsPanel):
            panel.show(answer, labels, disagreements)
        if self.answer_widget is not None:
            self.answer_widget.show_answer(session)
        self._show_note(answer.note, unless_written=True)

    def _show_note(self, text: str, *, unless_written: bool = False) -> None:
        """Show the note of the question on screen (left alone while it is being written, when asked)."""
        note = self.query_one("#note")
        if isinstance(note, NoteView):
            note.show_note(self.question_id, text)
        elif not (unless_written and note.has_focus):
            self._field(note).show_note(self.question_id, text)

    @staticmethod
    def _field(widget: object) -> NoteField:
        """The note field, once it replaced the read-only note."""
        from slicewise.tui.widgets.note_field import NoteField

        assert isinstance(widget, NoteField)
        return widget

    async def _note_field(self) -> NoteField:
        """The note field; the first time a note is written it takes the read-only note's place."""
        from slicewise.tui.widgets.note_field import NoteField

        shown = self.query_one("#note")
        if not isinstance(shown, NoteView):
            return self._field(shown)
        field = NoteField(shown.text)
        field.show_note(shown.question_id, shown.text)
        with self.app.batch_update():
            await shown.remove()
            await self.query_one("#main", VerticalScroll).mount(field, before="#guidance-below")
        return field

    def on_session_changed(self, session: Session) -> None:
        """Redraw after any change (here or on another screen); leave a question that became hidden.

        Under another screen (the matrix, the flows, the scorecard) the redraw waits until it is shown again.
        """
        if not self.is_mounted or self.answer_widget is None:
            return
        if self._covered():
            self._stale = True
            return
        self._stale = False
        if not session.is_visible(self.question_id):
            self.call_next(self.show_question, session.step(self.question_id, 1))
            return
        self._draw_text(self.question)
        self.draw_state()

    def _covered(self) -> bool:
        """Tell whether an opaque screen (an editor, the scorecard) is over this one; a dialog does not count."""
        stack = self.app.screen_stack
        above = stack[stack.index(self) + 1 :] if self in stack else []
        return any(screen.styles.background.a == 1 for screen in above)

    def on_screen_resume(self) -> None:
        """Catch up with the changes made while another screen was over this one."""
        if self._stale:
            self.on_session_changed(self.session)

    # ----- answering -----------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer pick keys only for choice and checklist questions."""
        if action == "pick":
            return self.answer_widget is not None and self.answer_widget.takes_numbers
        if action == "respondents":
            return self.merged
        if action == "type_answer":  # off inside a field, where t is a letter
            return self.answer_widget is not None and self.answer_widget.types_text and self.focused is None
        return super().check_action(action, parameters)

    def _changed(self) -> None:
        """Save and redraw after an edit of the question on screen."""
        sw_app(self).persist()

    def action_pick(self, number: int) -> None:
        """Choose the n-th choice, or tick the n-th checklist item (whatever the widget's numbers mean)."""
        if self.answer_widget is not None and self.answer_widget.pick(self.session, number):
            self._changed()

    async def action_confirm(self) -> None:
        """Take the highlighted answer (or typed text) as final and go to the next question."""
        if self.answer_widget is None:
            return
        confirmed = self.answer_widget.confirm(self.session)
        if confirmed == "stays":
            return
        if confirmed == "changed":
            self._changed()
        await self.action_forward()

    async def action_back(self) -> None:
        """Go to the previous asked question."""
        await self.show_question(self.session.step(self.question_id, -1))

    async def action_forward(self) -> None:
        """Go to the next asked question (at the last one, offer the review)."""
        following = self.session.step(self.question_id, 1)
        if following == self.question_id:
            self.notify("That was the last question. Press r to review and export.", timeout=4)
            return
        await self.show_question(following)

    async def action_next_with(self, status: str) -> None:
        """Go to the next asked question still unanswered (or marked don't-know), wrapping round."""
        found = next_with_status(self.session, self.question_id, status)
        if found is None:
            self.notify(f"No {LEFT_TO_DO[status]} left.", timeout=3)
            return
        await self.show_question(found)

    async def action_area(self, offset: int) -> None:
        """Jump to the first question of the next or previous area that has questions asked."""
        session = self.session
        areas = [a.id for a in session.bundle.questionnaire.areas if session.visible_questions(a.id)]
        here = area_of(self.question_id)
        if here not in areas:
            return
        index = areas.index(here) + offset
        if 0 <= index < len(areas):
            first = session.first_of_area(areas[index])
            if first:
                await self.show_question(first)

    def action_respondents(self) -> None:
        """Bring the respondents panel into view when it is scrolled away, else scroll back to the top."""
        panel = next((p for p in self.query(RespondentsPanel) if p.display and not p.has_class("-empty")), None)
        if panel is None or not panel.parent or not isinstance(panel.parent, VerticalScroll):
            return
        scroller = panel.parent
        if scroller.region.contains_region(panel.region) and scroller.scroll_y > 0:
            scroller.scroll_home(animate=False)
        else:
            scroller.scroll_to_widget(panel, animate=False, top=False)

    async def action_note(self) -> None:
        """Move to the note field, at the end of what is already written (a merged file's notes come first)."""
        note = await self._note_field()
        self.set_focus(note)  # at once, so keys typed right after `n` go into the note
        note.move_cursor(note.document.end)
        if self.merged and note.text.strip() and not note.text.endswith("\n"):
            note.insert("\n")  # the room's words start on a line of their own, apart from the respondents' notes

    def action_leave_field(self) -> None:
        """Leave a text field so the letter keys work; escape goes back into it."""
        self.set_focus(None)

    def action_settle_focus(self) -> None:
        """Focus a rubric, checklist or launcher; leave a text answer unfocused so letters stay command keys."""
        if self.answer_widget is None:
            self.set_focus(None)
        else:
            self.answer_widget.arrive()

    def action_type_answer(self) -> None:
        """Start typing into the text answer, after what is already written."""
        if self.answer_widget is not None:
            self.answer_widget.start_typing()

    def action_unknown(self) -> None:
        """Toggle don't-know on the question on screen."""
        marked = self.session.toggle_unknown(self.question_id)
        self._changed()
        self.notify("Don't know: added to the follow-ups." if marked else "Don't know cleared.", timeout=2)

    def action_na(self) -> None:
        """Mark the question not applicable (asking for the reason), or clear the mark."""
        from slicewise.tui.screens.na_reason import NaReasonScreen

        answer = self.session.answer(self.question_id)
        question_id = self.question_id

        def done(result: tuple[str, str] | None) -> None:
            if result is None:
                return
            reason, note = result
            self.session.set_na(question_id, reason or None, note)
            self._changed()

        self.app.push_screen(NaReasonScreen(answer.na, answer.na_note, f"na:{question_id}"), done)

    def action_confidence(self) -> None:
        """Cycle the room's confidence in the answer."""
        value = self.session.cycle_confidence(self.question_id)
        self._changed()
        self.notify(f"Confidence: {value or 'not said'}", timeout=2)

    # ----- messages from the answer widgets ----------------------------------------------------------

    @on(AnswerEdited)
    def _edited(self, event: AnswerEdited) -> None:
        """Save what the answer widget changed by itself (a click, a tick with space, a typed letter)."""
        sw_app(self).persist(recompute=event.recompute)

    @on(NoteEdited)
    def _noted(self, event: NoteEdited) -> None:
        """Save the note as it is typed."""
        if self.session.answer(event.question_id).note != event.text:
            self.session.set_note(event.question_id, event.text)
            sw_app(self).persist(recompute=False)  # a note changes no score

    @on(NoteWanted)
    async def _note_wanted(self) -> None:
        """A click on the read-only note: write it, as on `n`."""
        await self.action_note()

    @on(NoteLeft)
    def _note_left(self) -> None:
        """Return to the answer after writing a note."""
        self.action_settle_focus()

    @on(AreaSidebar.Picked)
    async def _area_clicked(self, event: AreaSidebar.Picked) -> None:
        """Go to the first question asked in the area clicked."""
        first = self.session.first_of_area(event.area_id)
        if first is None:
            self.notify("No question of that area is asked, given the answers so far.", timeout=3)
            return
        await self.show_question(first)


ANSWER_WIDGETS: dict[str, Callable[[QuestionScreen, Question, Answer], AnswerSlot]] = {
    "choice": QuestionScreen._rubric,
    "checklist": QuestionScreen._checklist,
    "text": QuestionScreen._text,
    "ownership_matrix": QuestionScreen._matrix_launcher,
    "flow_inventory": QuestionScreen._flows_launcher,
}
"""The kind → widget table: which widget answers a question of each kind (`core.kinds` has what a kind means)."""
