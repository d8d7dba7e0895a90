"""Shared helpers of the team tests: data paths, key codes and a keyboard for the prompts."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from slicewise.ask import Terminal
    from slicewise.core.models.assessment import Assessment

DATA = Path(__file__).resolve().parent.parent / "data"
TEAM_QUESTIONNAIRE = DATA / "team_questionnaire"
RESPONDENTS = [DATA / f"team_respondent_{name}.toml" for name in ("ann", "bo", "cy")]

DOWN = "\x1b[B"
ENTER = "\r"
SPACE = " "
CTRL_C = "\x03"
CLEAR_LINE = "\x15"


def without_merge_metadata(assessment: Assessment) -> Assessment:
    """Return a copy without what merging adds, so a merge of identical files can be checked to be a no-op.

    The id goes too: a merge is a new assessment, with an id of its own."""
    copy = assessment.model_copy(deep=True)
    copy.id = ""
    copy.merge = None
    copy.engagement.respondent = ""
    copy.engagement.participants = []
    for answer in copy.answers.values():
        answer.respondents = []
    return copy


@dataclass
class Keyboard:
    """A prompt_toolkit pipe input and dummy output, with the lines the prompts printed."""

    pipe: object
    output: object
    lines: list[str] = field(default_factory=list)

    def type(self, *keys: str) -> None:
        """Queue keystrokes for the prompts to read."""
        for key in keys:
            self.pipe.send_text(key)  # type: ignore[attr-defined]

    def terminal(self) -> Terminal:
        """A terminal for the prompts that reads these keys and records printed lines."""
        from slicewise.ask import Terminal

        return Terminal(self.pipe, self.output, echo=self.lines.append)

    @property
    def printed(self) -> str:
        """Everything the prompts printed, one line each."""
        return "\n".join(self.lines)
