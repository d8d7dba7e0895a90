"""A horizontal bar of a 0–4 score with the target marked, for the scorecard."""

from __future__ import annotations

from textual.content import Content

BLOCKS = " ▏▎▍▌▋▊▉█"


def level_bar(score: float | None, target: int | None, width: int = 24, top: int = 4) -> Content:
    """Draw `score` on a 0–`top` scale in `width` cells, with `┃` where the target sits (if any)."""
    width = max(width, 4)
    filled = 0.0 if score is None else max(0.0, min(score, top)) / top * width
    whole = int(filled)
    part = round((filled - whole) * 8)
    if part == 8:
        whole, part = whole + 1, 0
    cells = ["█"] * whole
    if whole < width and part:
        cells.append(BLOCKS[part])
    cells.extend(" " * (width - len(cells)))
    target_cell = -1 if target is None else min(width - 1, max(0, round(target / top * width) - 1))
    goal = top if target is None else target
    reached = score is not None and score >= goal
    near = score is not None and score >= goal - 1
    colour = "$text-success" if reached else ("$text-warning" if near else "$text-error")
    if target is None:
        colour = "$text-accent"
    parts: list[tuple[str, str]] = []
    for index, cell in enumerate(cells):
        if index == target_cell:
            parts.append(("┃", "bold $foreground"))
        else:
            parts.append((cell, f"{colour} on $boost"))
    return Content.assemble(*parts)
