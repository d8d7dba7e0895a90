"""Rich renderings of results for the terminal: the scorecard, risks and roadmap summary."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from slicewise.core import counts as tally

if TYPE_CHECKING:
    from slicewise.core.loader import Bundle
    from slicewise.core.models.assessment import Assessment
    from slicewise.core.models.results import Results

BAR_WIDTH = 12


def level_bar(score: float | None, target: int, width: int = BAR_WIDTH) -> Text:
    """Draw a 0–4 bar with the score filled and the target marked."""
    if score is None:
        return Text("not scored yet", style="dim")
    filled = round(score / 4 * width)
    target_at = min(width - 1, max(0, round(target / 4 * width) - 1))
    bar = Text()
    for position in range(width):
        char = "█" if position < filled else "·"
        style = "green" if score >= target else "yellow" if score >= target - 1 else "red"
        if position == target_at:
            bar.append("▏" if position >= filled else "█", style="bold magenta" if position >= filled else style)
        else:
            bar.append(char, style=style if position < filled else "dim")
    return bar


def scorecard(bundle: Bundle, assessment: Assessment, results: Results) -> Group:
    """Build the scorecard: per area score against target with coverage, then overall."""
    engagement = assessment.engagement
    heading = engagement.client or engagement.respondent or "Assessment"
    table = Table(
        title=f"{heading} — {bundle.questionnaire.title}",
        title_justify="left",
        caption="Answered: answered / applicable (N/A left out), ? don't know, na not applicable",
        caption_justify="left",
    )
    table.add_column("Area")
    table.add_column("Score", justify="right")
    table.add_column("Level")
    table.add_column("0–4 ▏target", no_wrap=True)
    table.add_column("Gap", justify="right")
    table.add_column("Answered", justify="right", no_wrap=True)
    for area in results.areas:
        if not area.scored:
            continue
        score = "—" if area.score is None else f"{area.score:.2f}"
        level = area.level_name if area.level is not None else "—"
        if area.cap is not None:
            level += " (capped)"
        if area.provisional:
            level += " (provisional)"
        gap = "—" if area.gap is None else ("✓" if area.gap == 0 else f"{area.gap:.2f}")
        coverage = tally.short(area.counts)
        bar = level_bar(area.score, area.target)
        table.add_row(area.title, score, level, bar, gap, coverage)
    overall = results.overall
    overall_text = Text("Overall: ", style="bold")
    if overall.score is None:
        overall_text.append("not scored yet", style="dim")
    else:
        overall_text.append(f"{overall.score:.2f} — {overall.level_name}", style="bold")
    overall_text.append(f"   {tally.answered_phrase(overall.counts, 'applicable scored question')}")
    lines: list[Text] = [overall_text]
    provisional = [a.title for a in results.areas if a.provisional]
    if provisional:
        threshold = bundle.scoring.model.coverage_threshold
        lines.append(
            Text(
                f"Provisional (under {threshold:.0%} answered, levels may move): " + ", ".join(provisional),
                style="yellow",
            )
        )
    weakest = results.area(overall.weakest_area) if overall.weakest_area else None
    if weakest is not None:
        mark = " (provisional)" if weakest.provisional else ""
        lines.append(Text(f"Weakest area: {weakest.title}{mark}"))
    return Group(table, *lines)


def risk_table(results: Results, limit: int = 10) -> Table:
    """Build a table of the highest risks."""
    table = Table(title=f"Top risks ({len(results.risks)} in the register)", title_justify="left")
    table.add_column("Score", justify="right")
    table.add_column("Rating")
    table.add_column("Risk")
    table.add_column("Owner")
    for risk in results.risks[:limit]:
        table.add_row(str(risk.score), Text(risk.rating, style=f"bold #{risk.colour}"), risk.title, risk.owner)
    return table


def roadmap_table(results: Results) -> Table:
    """Build the plan: find out first, then each slice with its size, effort and actions, then Later."""
    plan = results.plan
    flow = f" — thin slice through {plan.flow.name}" if plan.flow is not None else ""
    table = Table(
        title=Text(f"Plan{flow}"),
        title_justify="left",
        expand=True,
        show_lines=True,
        caption="Size: actions / the slice's limit · effort days. Every title in full: 'slicewise explain FILE'.",
        caption_justify="left",
    )
    table.add_column("Step", no_wrap=True)
    table.add_column("Size", justify="right", no_wrap=True)
    table.add_column("Actions", ratio=1, no_wrap=True, overflow="ellipsis")
    if plan.find_out:
        asked = sum(len(g.questions) for g in plan.find_out)
        lines = [f"{g.role}: " + ", ".join(q.question for q in g.questions) for g in plan.find_out]
        table.add_row("0. Find out first", f"{asked} q", Text("\n".join(lines)))
    for number, slice_result in enumerate(results.roadmap, start=1):
        size = f"{len(slice_result.actions)}/{slice_result.limit} · {slice_result.effort_days:g} d"
        titles = Text("\n".join(f"• {a.title}" for a in slice_result.actions) or "—")
        table.add_row(f"{number}. {slice_result.title}", size, titles)
    if plan.later:
        reasons: dict[str, int] = {}
        for action in plan.later:
            reasons[_reason_kind(action.waits)] = reasons.get(_reason_kind(action.waits), 0) + 1
        summary = "; ".join(f"{count} {kind}" for kind, count in reasons.items())
        table.add_row("Later", str(len(plan.later)), Text(f"{summary} (see 'slicewise explain')"))
    return table


def _reason_kind(waits: str) -> str:
    """Name the kind of reason an action waits in Later, for a one-line summary."""
    if waits.startswith("it rests only on don't-know"):
        return "rest on don't-know answers"
    if waits.startswith("it waits for"):
        return "wait for an action in Later"
    return "did not fit their slice"


def projection_table(results: Results) -> Table:
    """Build the projected levels: each area now, after each slice, and its target."""
    table = Table(title="Projected levels", title_justify="left")
    table.add_column("Area")
    table.add_column("Now", justify="right")
    for number, _slice in enumerate(results.roadmap, start=1):
        table.add_column(f"→{number}", justify="right")
    table.add_column("+Later", justify="right")
    table.add_column("Target", justify="right")
    for projection in results.plan.projections:
        cells = [_level(projection.level), *(_level(step.level) for step in projection.steps)]
        later = projection.with_later
        cells.append(_level(later.level) if later is not None else cells[-1])
        table.add_row(projection.title, *cells, str(projection.target))
    unanswered = [c for c in results.plan.critical if not c.answered_by]
    if results.plan.critical:
        table.caption = (
            "Every Critical risk is answered by a change in the slices."
            if not unanswered
            else "Critical risks not answered by a change: " + " ".join(c.text for c in unanswered)
        )
        table.caption_justify = "left"
    return table


def _level(level: int | None) -> str:
    """A level for a table cell."""
    return "—" if level is None else str(level)


def print_warnings(console: Console, results: Results) -> None:
    """Print the results' warnings and orphan answers to the error console."""
    for warning in results.warnings:
        console.print(Panel(warning, title="Warning", border_style="yellow", expand=False))
