"""The consultant's view of a running round: who has started, how far each is, who is answering now."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rich.table import Table
from rich.text import Text

from slicewise.serve.progress import Progress, ProgressReader
from slicewise.serve.roster import Respondent


@dataclass(frozen=True)
class Row:
    """One respondent's line on the board."""

    name: str
    file: str
    state: str
    progress: Progress
    invited: str = ""
    """When the respondent's current link was issued."""

    def line(self) -> str:
        """The row as one plain line (for logs and a terminal without live redraw)."""
        return f"{self.name}: {self.state}, {_done(self.progress)}"


def rows(folder: Path, people: list[Respondent], live: set[str], reader: ProgressReader) -> list[Row]:
    """Build the board's rows from the roster, the live sessions and the files."""
    result: list[Row] = []
    for person in people:
        progress = reader.read(folder / person.file)
        if person.revoked:
            state = "link revoked"
        elif person.id in live:
            state = "answering now"
        elif progress.asked and progress.dealt == progress.asked:
            state = "finished"
        elif progress.started:
            state = "started"
        else:
            state = "not started"
        result.append(Row(person.name, person.file, state, progress, person.invited.replace("T", " ")[:16]))
    return result


def table(board: list[Row], address: str) -> Table:
    """Render the board for the terminal (names are shown as plain text, never as markup)."""
    grid = Table(
        title=f"Round served at {address}",
        caption="Links are shown once, at --invite; --relink NAME issues a new one. "
        "ctrl+c stops: every session saves first.",
    )
    for heading in ("Respondent", "State", "Answered", "Areas complete", "File", "Link issued (UTC)"):
        grid.add_column(heading)
    for row in board:
        progress = row.progress
        answered = progress.problem or f"{progress.dealt}/{progress.asked}"
        grid.add_row(
            Text(row.name),
            row.state,
            Text(answered),
            f"{progress.areas_done}/{progress.areas}",
            Text(row.file),
            Text(row.invited),
        )
    return grid


def _done(progress: Progress) -> str:
    """Say how much is dealt with."""
    if progress.problem:
        return progress.problem
    return f"{progress.dealt}/{progress.asked} answered, {progress.areas_done}/{progress.areas} areas complete"
