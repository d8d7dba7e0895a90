"""The plan on screen: find out first, each slice with its actions, owners, effort and projected levels, Later."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets.option_list import Option

from slicewise.core.adjust import all_actions
from slicewise.core.models.results import PlannedAction, Results
from slicewise.core.models.tracking import LATER
from slicewise.core.words import plural
from slicewise.tui.screens.outcome import OutcomeScreen, heading, judgement_parts, stale_lines
from slicewise.tui.session import Session


class PlanScreen(OutcomeScreen):
    """The plan by slice; ⏎ shows why an action is there, a adjusts it, n adds an action of one's own."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "add", "Add", id="plan-add", tooltip="Add an action of your own to a slice"),
    ]
    ADD_KIND = "action"

    def add_slice(self) -> str:
        """A new action starts in the slice of the highlighted action."""
        item = self.current_id()
        return next((a.slice for a in all_actions(self.session.results) if a.id == item), "")

    def title_line(self, session: Session) -> str:
        """How many actions, how much effort, how many done."""
        actions = [a for piece in session.results.roadmap for a in piece.actions]
        done = sum(1 for a in all_actions(session.results) if a.status == "done")
        days = sum(a.effort_days for a in actions)
        later = len(session.results.plan.later)
        return f"Plan — {plural(len(actions), 'action')}, about {days:g} days; {later} in Later; {done} done"

    def lines(self, session: Session) -> list[Option | None]:
        """Find out first, the slices, Later, dropped actions and stale adjustments."""
        results = session.results
        plan = results.plan
        lines: list[Option | None] = []
        if plan.find_out:
            asked = sum(len(group.questions) for group in plan.find_out)
            lines.append(heading(f"Find out first ({plural(asked, 'question')})", "bold $warning"))
            for group in plan.find_out:
                for question in group.questions:
                    text = f"  ? {group.role}: {question.prompt}"
                    lines.append(Option(Content.styled(text, "$text-warning"), disabled=True))
        for number, piece in enumerate(results.roadmap, start=1):
            if not piece.actions:
                continue
            lines.append(None)
            projected = _projected(results, piece.id)
            head = f"{number} {piece.title} · {len(piece.actions)} · {piece.effort_days:g} d"
            lines.append(heading(head + (f" · {projected}" if projected else "")))
            lines.extend(Option(_line(action), id=action.id) for action in piece.actions)
        if plan.later:
            projected = _projected(results, LATER)
            head = f"Later ({len(plan.later)})" + (f" · if done too: {projected}" if projected else "")
            lines.extend([None, heading(head, "bold")])
            lines.extend(Option(_line(action), id=action.id) for action in plan.later)
        if results.judgement.dropped:
            lines.extend([None, heading(f"Dropped ({len(results.judgement.dropped)})", "bold")])
            lines.extend(Option(_line(action), id=action.id) for action in results.judgement.dropped)
        lines.extend(stale_lines([n for n in results.judgement.stale if n.on == "action"]))
        return lines

    def detail(self, session: Session, item_id: str) -> Content:
        """The whole title (the line above may cut it), owner, effort, dependencies, tracking, why and evidence."""
        results = session.results
        action = next((a for a in [*all_actions(results), *results.judgement.dropped] if a.id == item_id), None)
        if action is None:
            return Content("")
        owner = (action.owner or "no owner role") + (f" · named: {action.named_owner}" if action.named_owner else "")
        tracked = f"status {action.status}" + (f" · target {action.due}" if action.due else "")
        parts: list[str | tuple[str, str]] = [
            (f"{action.title}\n", "bold"),
            ("Owner  ", "bold"),
            f"{owner} · effort {action.effort} ({action.effort_days:g} d) · {tracked}\n",
        ]
        if action.depends_on:
            parts.extend([("Depends on  ", "bold"), ", ".join(action.depends_on) + "\n"])
        if action.waits:
            parts.extend([("Waits  ", "bold"), f"{action.waits}\n"])
        parts.extend(judgement_parts(action.engine, action.adjustments))
        if action.reasons:
            parts.extend([("Why  ", "bold"), f"{action.reasons[0].text}\n"])
        parts.extend([("Done when  ", "bold"), action.evidence])
        return Content.assemble(*parts)


def _projected(results: Results, slice_id: str) -> str:
    """The levels this slice (or Later, `later`) moves areas to, from where the slices before left them, e.g.
    `Failure 1→2`."""
    moves = []
    for projection in results.plan.projections:
        before = projection.level
        steps = [*projection.steps, *([projection.with_later] if projection.with_later is not None else [])]
        for step in steps:
            if step.slice == slice_id:
                if step.level is not None and step.level != before:
                    moves.append(f"{projection.title.split()[0]} {'—' if before is None else before}→{step.level}")
                break
            before = step.level
    return ", ".join(moves)


STATUS_MARKS = {"not-started": "·", "in-progress": "▶", "blocked": "■", "done": "✓"}


def _line(action: PlannedAction) -> Content:
    """One action on one line: status mark, effort, ✎ when adjusted, + when added by the consultant, title, owner."""
    mark = ("✎ " if action.adjustments else "") + ("+ " if action.kind == "custom" else "")
    owner = f" · {action.named_owner}" if action.named_owner else ""
    return Content.assemble(
        (f"  {STATUS_MARKS.get(action.status, '·')} ", "bold"),
        (f"{action.effort:<2} ", "$text-muted"),
        (mark, "$text-warning"),
        f"{action.title}{owner}",
    )
