"""The live scorecard: each area's level against its target as bars, coverage, overall, and the top risks."""

from __future__ import annotations

import textwrap
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import Static

from slicewise.core import counts as tally
from slicewise.tui.base import session_of, sw_app
from slicewise.tui.screens.session_screen import essential_keys
from slicewise.tui.session import Session
from slicewise.tui.widgets.key_footer import KeyFooter
from slicewise.tui.widgets.level_bar import level_bar
from slicewise.tui.widgets.status_line import status_line
from slicewise.tui.widgets.top_bar import TopBar

TOP_RISKS = 5


def _score_text(score: float | None) -> str:
    """Format a score to one decimal, or a dash when there is none."""
    return "  –" if score is None else f"{score:3.1f}"


def scorecard_content(session: Session, width: int, spacious: bool = False) -> Content:
    """Render the scorecard for a terminal `width` columns wide (compact under 100 columns).

    `spacious` leaves a blank line between areas, for tall screens read from across a room.
    """
    results = session.results
    wide = width >= 100
    areas = [a for a in results.areas if a.scored]
    name_width = min(36 if wide else 20, max([len(a.title) for a in areas] + [7]))
    bar_width = max(10, min(40, width - name_width - (60 if wide else 40)))
    scale = "0 → 4, ┃ target" if bar_width >= len("0 → 4, ┃ target") else "level"
    header = [(f"{'Area':<{name_width}}  ", "bold"), (f"{scale:<{bar_width}}  ", "bold")]
    header.append(("score  level        coverage" if wide else "score  cover", "bold"))
    lines: list[Content] = [Content.assemble(*header)]
    for area in areas:
        coverage = f"{round(area.coverage * 100)}%"
        names = textwrap.wrap(area.title, name_width) or [""]  # wrapped under itself, never cut
        parts: list[str | Content | tuple[str, str]] = [
            (f"{names[0]:<{name_width}}  ", "bold"),
            level_bar(area.score, area.target, bar_width),
            (f"  {_score_text(area.score)}/{area.target}", "bold"),
        ]
        if wide:
            parts.append((f"  {(area.level_name or 'not scored')[:11]:<11}", ""))
            coverage = f"{area.answered}/{area.applicable} ({coverage})"
        parts.append((f"  {coverage:>4}", "$text-muted"))
        if wide:
            if area.gap:
                parts.append((f"  gap {area.gap:.1f}", "$text-warning"))
            if area.unknown:
                parts.append((f"  {area.unknown} don't know", "$text-warning"))
            if area.na:
                parts.append((f"  {area.na} N/A", "$text-muted"))
            if area.capped_by:
                parts.append(("  capped", "$text-error"))
        if area.provisional:
            parts.append(("  ~ provisional" if wide else " ~", "$text-warning"))
        if spacious:
            lines.append(Content(""))
        lines.append(Content.assemble(*parts))
        lines.extend(Content.styled(name, "bold") for name in names[1:])
    overall = results.overall
    lines.append(Content(""))
    lines.append(
        Content.assemble(
            (f"{'Overall':<{name_width}}  ", "bold $text-accent"),
            level_bar(overall.score, None, bar_width),
            (f"  {_score_text(overall.score)}", "bold $text-accent"),
            (f"  {overall.level_name or 'not scored yet'}", "bold"),
        )
    )
    lines.append(
        Content.styled(
            tally.answered_phrase(overall.counts, "applicable scored question")
            + (
                f"; ~ provisional: under {session.bundle.scoring.model.coverage_threshold:.0%} answered"
                if overall.provisional_areas
                else ""
            ),
            "$text-muted",
        )
    )
    if scale != "0 → 4, ┃ target":
        lines.append(Content.styled("Bars run from level 0 to 4; ┃ marks the area's target.", "$text-muted"))
    lines.append(Content(""))
    lines.append(Content.styled(f"Top risks ({len(results.risks)} raised)", "bold $text-accent"))
    if not results.risks:
        lines.append(Content.styled("No risks raised by the answers so far.", "$text-muted"))
    for risk in results.risks[:TOP_RISKS]:
        room = width - 15
        owner = f"  — {risk.owner}" if wide and len(risk.title) + len(risk.owner) + 4 <= room else ""
        lines.append(
            Content.assemble(
                (f" {risk.score:>2} ", f"bold #000000 on #{risk.colour}"),
                (f" {risk.rating:<9}", "bold"),
                (_fit(risk.title, room - len(owner)).rstrip(), ""),
                (owner, "$text-muted"),
            )
        )
    if results.follow_ups:
        lines.append(Content(""))
        follow_ups = tally.follow_up_phrase(results.follow_ups)
        lines.append(Content.styled(f"To find out: {follow_ups}; see review (r)", "$text-warning"))
    return Content("\n").join(lines)


def _fit(text: str, width: int) -> str:
    """Cut a text to a width with an ellipsis, padding it when shorter."""
    if len(text) <= width:
        return f"{text:<{width}}"
    return text[: max(1, width - 1)] + "…"


class ScorecardScreen(Screen[None]):
    """The scorecard, redrawn after every change; escape goes back to the questions."""

    CSS_PATH = "scorecard.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        *essential_keys(),
        Binding("escape,s", "app.pop_screen", "Back", id="scorecard-back", tooltip="Back to the questions"),
    ]

    def compose(self) -> ComposeResult:
        """The bar chart and risks in a scrolling column."""
        yield TopBar(id="top")
        with VerticalScroll(id="scorecard-body"):
            yield Static(id="scorecard-title", classes="screen-title")
            yield Static(id="scorecard")
        yield status_line(self)
        yield KeyFooter()

    def on_mount(self) -> None:
        """Draw, and redraw after every change."""
        sw_app(self).changed.subscribe(self, self.redraw)
        self.redraw(session_of(self))

    def on_resize(self, event: Resize) -> None:
        """Fit the bars to the new width."""
        self.redraw(session_of(self))

    def redraw(self, session: Session) -> None:
        """Redraw the whole scorecard."""
        self.query_one(TopBar).set_title(session.title())
        self.query_one("#scorecard-title", Static).update(
            Content(f"Scorecard — {session.assessment.engagement.client or session.bundle.questionnaire.title}")
        )
        spacious = self.size.height >= 35
        body = self.query_one("#scorecard-body", VerticalScroll)
        # The body's padding and its scrollbar's gutter (kept even when there is nothing to scroll, so a
        # scrollbar appearing on a short terminal never wraps the lines drawn for this width).
        width = self.size.width - body.styles.gutter.width - body.styles.scrollbar_size_vertical
        self.query_one("#scorecard", Static).update(scorecard_content(session, width, spacious))
