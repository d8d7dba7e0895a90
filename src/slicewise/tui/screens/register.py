"""The risk register on screen: risks by rating with cause, trigger, owner and the answers behind them."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets.option_list import Option

from slicewise.core.models.results import RiskResult
from slicewise.tui.screens.outcome import OutcomeScreen, heading, judgement_parts, stale_lines
from slicewise.tui.session import Session


class RegisterScreen(OutcomeScreen):
    """Every risk, highest rating first; ⏎ shows why it fired, a adjusts it, n adds a risk of one's own."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "add", "Add", id="register-add", tooltip="Add a risk of your own, with a reason"),
    ]
    ADD_KIND = "risk"

    def title_line(self, session: Session) -> str:
        """How many risks, how many adjusted or dismissed."""
        results = session.results
        adjusted = sum(1 for r in results.risks if r.adjustments)
        extra = f", {adjusted} adjusted" if adjusted else ""
        extra += f", {len(results.judgement.dismissed)} dismissed" if results.judgement.dismissed else ""
        return f"Risk register — {len(results.risks)} risks{extra}"

    def lines(self, session: Session) -> list[Option | None]:
        """Risks grouped by rating, then the dismissed ones and stale adjustments."""
        results = session.results
        lines: list[Option | None] = []
        rating = None
        for risk in results.risks:
            if risk.rating != rating:
                rating = risk.rating
                count = sum(1 for r in results.risks if r.rating == rating)
                if lines:
                    lines.append(None)
                lines.append(heading(f"{rating} ({count})"))
            lines.append(Option(_line(risk), id=risk.id))
        if not results.risks:
            lines.append(heading("No risks raised by these answers.", "$text-muted"))
        if results.judgement.dismissed:
            lines.extend([None, heading(f"Dismissed as not applicable ({len(results.judgement.dismissed)})", "bold")])
            lines.extend(Option(_line(risk), id=risk.id) for risk in results.judgement.dismissed)
        lines.extend(stale_lines([n for n in results.judgement.stale if n.on == "risk"]))
        return lines

    def detail(self, session: Session, item_id: str) -> Content:
        """The whole title (the line above may cut it), cause, trigger, owner, tracking and the answers behind it."""
        results = session.results
        risk = next((r for r in [*results.risks, *results.judgement.dismissed] if r.id == item_id), None)
        if risk is None:
            return Content("")
        owner = (risk.owner or "no owner role") + (f" · named: {risk.named_owner}" if risk.named_owner else "")
        tracked = f"response {risk.response}" + (f" · due {risk.due}" if risk.due else "")
        parts: list[str | tuple[str, str]] = [(f"{risk.title}\n", "bold")]
        if risk.source == "custom" and risk.reasons:
            parts.extend([("Own risk  ", "bold $text-accent"), f"{risk.reasons[0].text}\n"])
        for name, text in (("Cause", risk.cause), ("Trigger", risk.trigger), ("Effect", risk.effect)):
            if text or name != "Effect":
                parts.extend([(f"{name}  ", "bold"), f"{text or '—'}\n"])
        parts.extend([("Owner  ", "bold"), f"{owner} · {tracked}\n"])
        parts.extend(judgement_parts(risk.engine, risk.adjustments))
        answers = []
        for ref in risk.refs:
            result = results.question(ref)
            question = session.question(ref)
            if result is not None and question is not None:
                prompt = question.prompt if len(question.prompt) <= 50 else question.prompt[:49] + "…"
                answers.append(f"{prompt} → {result.answer or 'not answered'}")
            else:
                answers.append(ref)
        if answers:
            parts.extend([("Answers  ", "bold"), "; ".join(answers)])
        return Content.assemble(*parts)


def _line(risk: RiskResult) -> Content:
    """One risk on one line: score, response, ✎ when adjusted, + when added by the consultant, the title."""
    mark = ("✎ " if risk.adjustments else "") + ("+ " if risk.source == "custom" else "")
    unverified = "? " if risk.status == "unverified" else ""
    return Content.assemble(
        (f"  {risk.score:>2} ", "bold"),
        (f"{risk.response:<10} ", "$text-muted"),
        (mark, "$text-warning"),
        f"{unverified}{risk.title}",
    )
