"""Plain terminal prompts for self-assessment (`slicewise ask`): one question at a time, saved after each answer.

questionary is imported only in this module, inside the prompt functions, so nothing else pays for it.
The prompts talk to the terminal through a `Terminal`, whose input and output can be replaced by
prompt_toolkit's pipe input and dummy output, so tests drive the real prompts with keystrokes.
"""

from __future__ import annotations

import sys
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from slicewise.cli.plain import say
from slicewise.core import counts as tally
from slicewise.core import edits
from slicewise.core.answers import AnswerView
from slicewise.core.errors import SlicewiseError
from slicewise.core.kinds import in_scope_objects
from slicewise.core.labels import DEFAULT_NA_REASON, NA_REASONS, system_label
from slicewise.core.models.assessment import UNKNOWN as NOT_KNOWN
from slicewise.core.models.assessment import Answer, Assessment, Flow, OwnershipEntry, OwnershipScope
from slicewise.core.models.questionnaire import (
    FLOW_MODE_LABELS,
    LATENCY_LABELS,
    PATTERN_LABELS,
    SAFEGUARD_LABELS,
    SLA_LABELS,
    ChecklistQuestion,
    ChoiceQuestion,
    FlowInventoryQuestion,
    OwnershipMatrixQuestion,
    Question,
    TextQuestion,
    area_of,
)
from slicewise.core.ownership import SCOPE_SYNTAX, format_scopes, parse_scopes
from slicewise.core.scoring import question_results

if TYPE_CHECKING:
    from slicewise.core.loader import Bundle
    from slicewise.core.store import FileHold

NOTE = "__note__"
UNKNOWN = "__unknown__"
NA = "__na__"
SKIP = "__skip__"
SEVERAL = "__several__"
NONE = "__none__"
STOP = "__stop__"
GO = "__go__"
ADD = "__add__"
DONE = "__done__"
UNSURE = "__unsure__"

INTERRUPTED = 130
"""Exit code after ctrl+c (the answers given so far are saved)."""

Option = tuple[str, str]
"""A prompt option: (what the person sees, the value it stands for)."""


SELECT_HINT = "(Use arrow keys)"
CHECKBOX_HINT = "(Use arrow keys to move, <space> to select, <a> to toggle, <i> to invert)"
"""questionary's own hints after a choice or checkbox prompt: room is kept for them on the prompt's last line."""
OPTION_INDENT = 4
"""Columns questionary draws before an option (pointer, and a checkbox's tick): wrapped lines start after them."""


@dataclass
class Terminal:
    """Where prompts read keys and draw; `input`/`output` are prompt_toolkit objects, None for the real terminal."""

    input: Any = None
    """A prompt_toolkit input (e.g. `create_pipe_input()`), or None for stdin."""
    output: Any = None
    """A prompt_toolkit output (e.g. `DummyOutput()`), or None for stdout."""
    echo: Callable[[str], None] = field(default=say)
    """Prints a line of context (guidance, progress, the resume hint)."""
    width: int | None = None
    """Columns to wrap that context to; None: the terminal's own width, at most 88 (easy to read)."""

    def say(self, text: str, indent: str = "") -> None:
        """Print a paragraph of context wrapped to the terminal, each line after `indent`, so a narrow
        terminal never breaks a word in two (a path or a command is never split either)."""
        for line in self._wrap(text, len(indent)):
            self.echo(f"{indent}{line}")

    def _columns(self) -> int:
        """The columns to wrap to: `width`, else the terminal's, at most 88."""
        import shutil

        return self.width or min(88, shutil.get_terminal_size((88, 24)).columns)

    def _wrap(self, text: str, indent: int) -> list[str]:
        """Wrap a paragraph to the columns left after `indent`; words, paths and commands are never split."""
        width = max(20, self._columns() - indent)
        lines = textwrap.wrap(" ".join(text.split()), width=width, break_long_words=False, break_on_hyphens=False)
        return lines or [""]

    def option_text(self, title: str) -> str:
        """An option wrapped to the terminal under itself, after the pointer and tick questionary draws, so a
        long option is read whole at any width instead of being cut by the terminal."""
        return ("\n" + " " * OPTION_INDENT).join(self._wrap(title, OPTION_INDENT))

    def message_text(self, prompt: str, hint: str = "") -> str:
        """A prompt's question wrapped under itself after questionary's `? `; when the hint questionary adds
        after it would not fit on the last line, the message ends with a line break so the hint gets its own."""
        lines = self._wrap(prompt, 2)
        message = "\n  ".join(lines)
        if hint and 2 + len(lines[-1]) + 1 + len(hint) > self._columns():
            message += "\n "
        return message

    @property
    def injected(self) -> bool:
        """Tell whether a test (or another program) supplies the keys instead of a terminal."""
        return self.input is not None

    def _io(self) -> dict[str, Any]:
        """The keyword arguments that route a questionary prompt to this terminal."""
        io: dict[str, Any] = {}
        if self.input is not None:
            io["input"] = self.input
        if self.output is not None:
            io["output"] = self.output
        return io

    def select(self, message: str, options: list[Option], default: str | None = None) -> str:
        """Ask for one option; a `("", "")` entry draws a separator; ctrl+c raises KeyboardInterrupt."""
        import questionary

        choices: list[Any] = [
            questionary.Separator() if value == "" else questionary.Choice(self.option_text(title), value)
            for title, value in options
        ]
        values = {value for _, value in options if value}
        answer = questionary.select(
            self.message_text(message, SELECT_HINT),
            choices=choices,
            default=default if default in values else None,
            **self._io(),
        ).unsafe_ask()
        return str(answer)

    def checkbox(self, message: str, options: list[Option], checked: set[str]) -> list[str]:
        """Ask for any number of options (space ticks, enter confirms)."""
        import questionary

        choices: list[Any] = [
            questionary.Separator()
            if value == ""
            else questionary.Choice(self.option_text(title), value, checked=value in checked)
            for title, value in options
        ]
        answer = questionary.checkbox(
            self.message_text(message, CHECKBOX_HINT),
            choices=choices,
            **self._io(),
        ).unsafe_ask()
        return [str(value) for value in answer]

    def text(self, message: str, default: str = "", instruction: str | None = None) -> str:
        """Ask for a line of text, pre-filled with `default`."""
        import questionary

        answer = questionary.text(
            self.message_text(message),
            default=default,
            instruction=f"\n  {instruction}\n ›" if instruction else None,  # the answer on a line of its own
            **self._io(),
        ).unsafe_ask()
        return str(answer).strip()


def require_terminal(terminal: Terminal) -> None:
    """Refuse to prompt when stdin or stdout is not a terminal and no keys are injected."""
    if terminal.injected:
        return
    if sys.stdin.isatty() and sys.stdout.isatty():
        return
    which = "standard input" if not sys.stdin.isatty() else "standard output"
    raise SlicewiseError.single(
        "No terminal to prompt on",
        "slicewise ask",
        f"{which} is not a terminal (redirected or piped); run 'slicewise ask' in an interactive terminal, "
        "or use 'slicewise open FILE' on a machine with one",
    )


class _StopObjects(Exception):
    """Raised inside the ownership matrix when the person wants to leave it for later."""


@dataclass
class AskSession:
    """One run of the prompts over an assessment file: finds where to start, asks, saves after each answer."""

    bundle: Bundle
    """The loaded questionnaire and scoring model."""
    assessment: Assessment
    """The assessment being answered (changed in place)."""
    path: Path
    """The file saved after every answer."""
    terminal: Terminal = field(default_factory=Terminal)
    """Where to prompt."""
    area: str | None = None
    """Only ask the questions of this area."""
    revisit: bool = False
    """Walk every visible question, answered or not, instead of resuming at the first unanswered one."""
    save: Callable[[Assessment, Path], None] | None = None
    """How to save (defaults to the store's atomic save of the held file)."""
    hold: FileHold | None = None
    """The file as last read or written here; None: held as it is on disk when the first save comes."""
    visited: set[str] = field(default_factory=set)
    """Questions already asked in this run (so skipping one does not ask it again)."""
    asked: int = 0
    """How many questions were put to the person in this run."""
    levels: bool = False
    """Show each choice's maturity level and its name; off by default so the labels do not lead the answer."""

    def run(self) -> int:
        """Ask until every question in scope is answered; ctrl+c saves and says how to resume."""
        self._check_area()
        try:
            self._intro()
            while (question := self.next_question()) is not None:
                self.visited.add(question.id)
                self.assessment.progress.current = question.id
                self._save()
                self.ask(question)
                self._save()
            self._finish()
            return 0
        except KeyboardInterrupt:
            try:
                self._save(retry=False)
            except SlicewiseError as error:
                self.terminal.echo("")
                self.terminal.say(f"Stopped. The last answer is NOT saved: {error}")
                return 2
            self.terminal.echo("")
            self.terminal.say(f"Stopped. Every answer so far is saved in {self.path}.")
            self.terminal.say("To carry on where you left off, run:")
            self.terminal.echo(f"  {self.resume_command()}")  # on its own line, whole, to copy
            return INTERRUPTED

    def resume_command(self) -> str:
        """The command that resumes this run."""
        area = f" --area {self.area}" if self.area else ""
        return f"slicewise ask -o {_quote(str(self.path))}{area}"

    # -- which question next --------------------------------------------------------------------------

    def in_scope(self) -> list[Question]:
        """The questions this run may ask, in walking order."""
        questions = self.bundle.questionnaire.questions
        if self.area:
            return [q for q in questions if area_of(q.id) == self.area]
        return list(questions)

    def pending(self, question: Question, view: AnswerView) -> bool:
        """Tell whether a question still needs an answer (a matrix or inventory until marked done)."""
        status = view.status(question.id)
        if status == "unanswered":
            return True
        if isinstance(question, (OwnershipMatrixQuestion, FlowInventoryQuestion)) and status == "answered":
            answer = self.assessment.answers.get(question.id)
            return answer is None or not answer.done
        return False

    def next_question(self) -> Question | None:
        """The first visible question not yet asked in this run that is unanswered (or any, with --revisit)."""
        view = self._view()
        for question in self.in_scope():
            if question.id in self.visited or not view.visible(question.id):
                continue
            if self.revisit or self.pending(question, view):
                return question
        return None

    # -- asking ---------------------------------------------------------------------------------------

    def ask(self, question: Question) -> None:
        """Put one question to the person and store the answer."""
        self.asked += 1
        self._header(question)
        if isinstance(question, ChoiceQuestion):
            self._ask_choice(question)
        elif isinstance(question, ChecklistQuestion):
            self._ask_checklist(question)
        elif isinstance(question, TextQuestion):
            self._ask_text(question)
        elif isinstance(question, OwnershipMatrixQuestion):
            self._ask_matrix(question)
        else:
            self._ask_flows(question)

    def _ask_choice(self, question: ChoiceQuestion) -> None:
        """A select over the rubric, with note, don't-know, N/A and skip below it."""
        answer = self._answer(question.id)
        scoring = self.bundle.scoring
        scored = self._view().counts(question)
        options: list[Option] = [
            (f"{c.level} {scoring.level_name(c.level)}: {c.label}" if scored and self.levels else c.label, c.id)
            for c in question.choices
        ]
        default = answer.choice if answer.choice is not None else None
        while True:
            picked = self.terminal.select(question.prompt, [*options, *_extras(answer)], default)
            if picked == NOTE:
                self._ask_note(question.id)
                answer = self._answer(question.id)
                continue
            if picked == UNSURE:
                self._toggle_unsure(question.id)
                answer = self._answer(question.id)
                continue
            break
        if self._special(question.id, picked):
            return
        edits.choose(self.assessment, question.id, picked)

    def _ask_checklist(self, question: ChecklistQuestion) -> None:
        """A checkbox over the items, with note, don't-know, N/A and skip as extra ticks."""
        answer = self._answer(question.id)
        options: list[Option] = [(item.label, item.id) for item in question.items]
        extras = _extras(answer, unsure="I am not sure of this answer")  # a tick that stays on, not a toggle
        checked = set(answer.choices or []) | ({UNSURE} if answer.confidence == "unsure" else set())
        ticked = self.terminal.checkbox(
            f"{question.prompt} (space ticks, enter confirms)", [*options, *extras], checked
        )
        if NOTE in ticked:
            self._ask_note(question.id)
        for special in (SKIP, NA, UNKNOWN):
            if special in ticked:
                self._special(question.id, special)
                return
        items = [t for t in ticked if not t.startswith("__")]
        edits.set_items(self.assessment, question.id, items)
        if UNSURE in ticked:
            edits.set_confidence(self.assessment, question.id, "unsure")
        elif answer.confidence == "unsure":
            edits.set_confidence(self.assessment, question.id, "sure")

    def _ask_text(self, question: TextQuestion) -> None:
        """A line of text; `?` means don't know, `-` not applicable, empty skips."""
        answer = self._answer(question.id)
        reply = self.terminal.text(
            question.prompt,
            default=answer.text or "",
            instruction="(enter to confirm; ? = don't know, - = not applicable, empty = skip)",
        )
        if reply == "":
            return
        if reply == "?":
            self._special(question.id, UNKNOWN)
        elif reply == "-":
            self._special(question.id, NA)
        else:
            edits.set_text(self.assessment, question.id, reply)

    def _ask_matrix(self, question: OwnershipMatrixQuestion) -> None:
        """Per business object: which system creates it, then which update it; saved after each object."""
        start = self._opening(question.id, "Go through the business objects")
        if start != GO:
            return
        view = self._view()
        systems = list(question.systems) or [s.id for s in self.bundle.questionnaire.systems]
        system_options: list[Option] = [
            (system_label(self.bundle.questionnaire, self.assessment, s), s) for s in systems
        ]
        try:
            for object_id in in_scope_objects(question, self.bundle.questionnaire):
                if object_id in self.assessment.ownership and not self.revisit:
                    continue
                self._ask_object(object_id, view.object_label(object_id), system_options)
                self._save()
        except _StopObjects:
            return
        edits.set_done(self.assessment, question.id, True)

    def _ask_object(self, object_id: str, label: str, systems: list[Option]) -> None:
        """Ask who creates and who updates one object."""
        entry = self.assessment.ownership.get(object_id, OwnershipEntry())
        questionnaire = self.bundle.questionnaire
        default = entry.create[0] if len(entry.create) == 1 else SEVERAL if entry.create else None
        picked = self.terminal.select(
            f"{label}: which system creates it?",
            [
                *systems,
                ("", ""),
                ("Several systems create it…", SEVERAL),
                ("No system: not used here", NONE),
                ("Don't know", UNKNOWN),
                ("Stop here and come back to the matrix later", STOP),
            ],
            default,
        )
        if picked == STOP:
            raise _StopObjects
        if picked in (NONE, UNKNOWN):
            note = "Not used here" if picked == NONE else "Don't know who creates it"
            edits.set_roles(self.assessment, questionnaire, object_id, create=[], update=[], note=note)
            return
        scopes: list[OwnershipScope] | None = None  # None: the scopes stay as they are
        if picked == SEVERAL:
            create = self.terminal.checkbox(f"{label}: tick every system that creates it", systems, set(entry.create))
            if len(create) > 1:
                scopes = self._ask_scopes(label, entry.model_copy(update={"create": create}))
        else:
            create = [picked]
        update = self.terminal.checkbox(
            f"{label}: which systems update it? (none ticked: nobody changes it after creation)",
            systems,
            set(entry.update),
        )
        edits.set_roles(self.assessment, questionnaire, object_id, create=create, update=update, scopes=scopes)

    def _ask_scopes(self, label: str, entry: OwnershipEntry) -> list[OwnershipScope]:
        """Ask whether several creators each create the object for their own channel, market or field group."""
        systems = {s.id for s in self.bundle.questionnaire.systems}
        while True:
            text = self.terminal.text(
                f"{label}: does each create it for its own channel, market or field group? (empty: no)",
                format_scopes(entry),
                instruction=f"({SCOPE_SYNTAX})",
            )
            scopes = parse_scopes(text, systems, entry.scopes)
            if not isinstance(scopes, str):
                return scopes
            self.terminal.echo(f"  {scopes}")

    def _ask_flows(self, question: FlowInventoryQuestion) -> None:
        """Add flows one by one until the person says that is all; each flow is saved as it is added."""
        for flow in self.assessment.flows:
            self.terminal.echo(f"  recorded: {flow.name} ({PATTERN_LABELS.get(flow.pattern, flow.pattern)})")
        while True:
            answer = self._answer(question.id)
            picked = self.terminal.select(
                f"{question.prompt} ({len(self.assessment.flows)} recorded)",
                [("Add a flow", ADD), ("That is all the flows", DONE), *_extras(answer)],
                ADD,
            )
            if picked == NOTE:
                self._ask_note(question.id)
                continue
            if picked == UNSURE:
                self._toggle_unsure(question.id)
                continue
            if picked == ADD:
                edits.put_flow(self.assessment, self._new_flow())
                self._save()
                continue
            if picked == DONE:
                edits.set_done(self.assessment, question.id, True)
                return
            self._special(question.id, picked)
            return

    def _new_flow(self) -> Flow:
        """Ask for one flow's systems, objects, pattern, latency, safeguards, failure owner and name."""
        view = self._view()
        questionnaire = self.bundle.questionnaire
        systems: list[Option] = [
            (system_label(questionnaire, self.assessment, s.id), s.id) for s in questionnaire.systems
        ]
        source = self.terminal.select("Flow: which system sends the data?", systems)
        target = self.terminal.select(
            "Flow: which system receives it?", [option for option in systems if option[1] != source]
        )
        objects = self.terminal.checkbox(
            "Flow: which business objects does it carry?",
            [(o.label, o.id) for o in questionnaire.objects],
            set(),
        )
        unknown: Option = ("I don't know", NOT_KNOWN)
        pattern = self.terminal.select(
            "Flow: how does it move?", [*((PATTERN_LABELS[p], p) for p in PATTERN_LABELS), unknown]
        )
        latency = self.terminal.select(
            "Flow: how fresh must the data be, in business terms?",
            [*((LATENCY_LABELS[x], x) for x in LATENCY_LABELS), unknown],
        )
        mode = self.terminal.select(
            "Flow: does it send changes or events, or a full snapshot each time?",
            [(label, key) for key, label in FLOW_MODE_LABELS.items() if key != NOT_KNOWN] + [unknown],
        )
        safeguards = self.terminal.checkbox(
            "Flow: which safeguards are in place?", [(SAFEGUARD_LABELS[s], s) for s in SAFEGUARD_LABELS], set()
        )
        unsure = self.terminal.checkbox(
            "Flow: of the others, which could nobody confirm either way?",
            [(SAFEGUARD_LABELS[s], s) for s in SAFEGUARD_LABELS if s not in safeguards],
            set(),
        )
        sla = self.terminal.select(
            "Flow: is there an agreed service level for it?",
            [(label, key) for key, label in SLA_LABELS.items() if key not in ("", NOT_KNOWN)] + [unknown],
        )
        owner = self.terminal.text(
            "Flow: who decides what to do when it fails? (a team or role; 'unknown' if nobody knows)"
        )
        carried = ", ".join(view.object_label(o) for o in objects)
        suggested = f"{view.system_name(source)} to {view.system_name(target)}" + (f": {carried}" if carried else "")
        name = self.terminal.text("Flow: a short name for it", default=suggested) or suggested
        return Flow(
            id=edits.new_flow_id(self.assessment, "-".join([source, "to", target, *objects])),
            name=name,
            source=source,
            target=target,
            objects=objects,
            pattern=pattern,
            latency=latency,
            mode=mode,
            safeguards=safeguards,
            unknown_safeguards=unsure,
            failure_owner=owner,
            sla=sla,
        )

    # -- small steps ----------------------------------------------------------------------------------

    def _opening(self, question_id: str, go_title: str) -> str:
        """For the matrix: start it, or note / don't know / N/A / skip first."""
        while True:
            picked = self.terminal.select(
                "How do you want to answer this one?",
                [(go_title, GO), *_extras(self._answer(question_id))],
                GO,
            )
            if picked == NOTE:
                self._ask_note(question_id)
                continue
            if picked == UNSURE:
                self._toggle_unsure(question_id)
                continue
            if picked != GO:
                self._special(question_id, picked)
            return picked

    def _special(self, question_id: str, picked: str) -> bool:
        """Handle skip, don't-know and N/A; return True when one of them was picked."""
        if picked == SKIP:
            return True
        if picked == UNKNOWN:
            edits.set_unknown(self.assessment, question_id, True)
            return True
        if picked == NA:
            previous = self._answer(question_id)
            reason = self.terminal.select(
                "Why does it not apply?",
                [(label, reason_id) for reason_id, label in NA_REASONS.items()],
                previous.na or DEFAULT_NA_REASON,
            )
            note = self.terminal.text("In your own words (optional)", default=previous.na_note)
            edits.set_na(self.assessment, question_id, reason, note)
            return True
        return False

    def _ask_note(self, question_id: str) -> None:
        """Ask for (or edit) the note of a question and save it straight away."""
        note = self.terminal.text("Your note", default=self._answer(question_id).note)
        edits.set_note(self.assessment, question_id, note)
        self._save()

    def _toggle_unsure(self, question_id: str) -> None:
        """Flip the answer between sure and not sure and save it straight away (the answer itself is kept)."""
        confidence: edits.Confidence = "sure" if self._answer(question_id).confidence == "unsure" else "unsure"
        edits.set_confidence(self.assessment, question_id, confidence)
        self._save()

    def _answer(self, question_id: str) -> Answer:
        """The stored answer of a question (a copy), or an empty one."""
        answer = self.assessment.answers.get(question_id)
        return answer.model_copy(deep=True) if answer is not None else Answer()

    def _view(self) -> AnswerView:
        """A fresh view of the answers (visibility and status change as answers come in)."""
        return AnswerView(self.bundle.questionnaire, self.bundle.scoring, self.assessment)

    def _save(self, *, retry: bool = True) -> None:
        """Save the assessment atomically; if the disk refuses, keep the answers, say why and retry on Enter."""
        while True:
            try:
                self._write()
                return
            except SlicewiseError as error:
                if not retry:
                    raise
                self.terminal.say(f"Not saved: {error}")
                self.terminal.text("Your answers are kept here. Fix that, then press Enter to try again (ctrl+c stops)")

    def _write(self) -> None:
        """Write the file; when someone else saved it meanwhile, take their version, add ours and write that."""
        if self.save is not None:
            self.save(self.assessment, self.path)
            return
        from slicewise.core.errors import FileChangedError
        from slicewise.core.store import FileHold, save_held

        if self.hold is None:
            current = FileHold.empty(self.path)
            self.hold = FileHold.of(self.path, current.on_disk() or b"")
        try:
            save_held(self.assessment, self.hold)
        except FileChangedError:
            self._take_theirs()
            save_held(self.assessment, self.hold)

    def _take_theirs(self) -> None:
        """Reload the file another program saved and replay this run's answers on it (ours win on a clash)."""
        from slicewise.core.rebase import rebase
        from slicewise.core.store import hold_assessment

        assert self.hold is not None
        base = self.hold.base_assessment()
        loaded, hold = hold_assessment(self.hold.path)
        rebased = rebase(base, self.assessment, loaded.assessment)
        self.assessment, self.hold = rebased.assessment, hold
        self.terminal.say(
            f"{self.path} was changed by someone else meanwhile: their changes are kept and yours added to them."
        )

    def _check_area(self) -> None:
        """Refuse an --area the questionnaire does not have, listing those it has."""
        questionnaire = self.bundle.questionnaire
        if self.area and questionnaire.area(self.area) is None:
            known = ", ".join(a.id for a in questionnaire.areas)
            raise SlicewiseError.single(
                "Unknown area", self.area, f"questionnaire '{questionnaire.id}' has no such area (areas: {known})"
            )

    def _intro(self) -> None:
        """Say what is about to happen and how much is left."""
        questionnaire = self.bundle.questionnaire
        view = self._view()
        scope = {q.id for q in self.in_scope()}
        counts = tally.count(q for q in question_results(view) if q.id in scope)
        who = self.assessment.engagement.respondent
        self.terminal.say(f"{questionnaire.title} ({questionnaire.version})" + (f" for {who}" if who else ""))
        self.terminal.say(
            f"{tally.progress_phrase(counts)}. Each answer is saved to {self.path} at once; "
            "ctrl+c stops and you can resume later."
        )

    def _header(self, question: Question) -> None:
        """Print the area, the question's position and its guidance."""
        questionnaire = self.bundle.questionnaire
        area = questionnaire.area(area_of(question.id))
        view = self._view()
        asked = [q.id for q in self.in_scope() if view.visible(q.id)]  # the questions `count` calls asked
        position = asked.index(question.id) + 1 if question.id in asked else 1
        self.terminal.echo("")
        self.terminal.echo(f"[{area.title if area else area_of(question.id)}] question {position} of {len(asked)}")
        self.terminal.say(question.guidance, indent="  ")

    def _finish(self) -> None:
        """Say that the run is complete and where the file is."""
        view = self._view()
        left = [q.id for q in self.in_scope() if view.visible(q.id) and self.pending(q, view)]
        scope = {q.id for q in self.in_scope()}
        counts = tally.count(q for q in question_results(view) if q.id in scope)
        self.terminal.say(tally.progress_phrase(counts) + ".")
        if left:
            self.terminal.say(f"Saved to {self.path}. {len(left)} questions were skipped; rerun to answer them.")
        else:
            self.terminal.say(f"All done. Your answers are saved in {self.path}: send that file back.")


def _extras(answer: Answer, unsure: str = "") -> list[Option]:
    """The options below every prompt: note, don't know, not applicable, skip, and marking it unsure."""
    if not unsure:
        unsure = "Mark as sure after all" if answer.confidence == "unsure" else "Mark as not sure (then pick)"
    return [
        ("", ""),
        (_note_title(answer), NOTE),
        ("Don't know", UNKNOWN),
        ("Not applicable", NA),
        ("Skip for now", SKIP),
        (unsure, UNSURE),
    ]


def _note_title(answer: Answer) -> str:
    """Offer to add a note, or to edit the one there is."""
    return "Edit the note" if answer.note else "Add a note"


def _quote(text: str) -> str:
    """Quote a path for a shell command line when it needs it."""
    import shlex

    return shlex.quote(text)
