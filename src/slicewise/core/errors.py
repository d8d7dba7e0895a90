"""The one error type slicewise raises for bad input: a title and problems naming file and line."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with an input, located as precisely as the input allows."""

    path: str
    """The file (or folder) the problem is in."""
    line: int | None
    """The 1-based line, when known."""
    message: str
    """What is wrong, readable on its own."""

    def __str__(self) -> str:
        """Render as `path:line: message` (or `path: message` without a line)."""
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}" if where else self.message


@dataclass
class SlicewiseError(Exception):
    """Bad input or a failed operation, reported to the user as a short message and exit code 2."""

    title: str
    """A few words naming what failed, e.g. `Cannot load questionnaire`."""
    problems: list[Problem] = field(default_factory=list)
    """The individual problems; every one found, not only the first."""
    exit_code: int = 2
    """The exit code the command line uses for it."""

    def __post_init__(self) -> None:
        """Initialise the Exception base so `str()` and pickling behave."""
        super().__init__(self.title)

    def __str__(self) -> str:
        """Render the title followed by one problem per line."""
        lines = [self.title]
        lines.extend(str(problem) for problem in self.problems)
        return "\n".join(lines)

    @classmethod
    def single(cls, title: str, path: str, message: str, line: int | None = None) -> SlicewiseError:
        """Build an error with one problem."""
        return cls(title, [Problem(path, line, message)])


class ReplaceRefusedError(SlicewiseError):
    """An earlier, different export of the same assessment is in the way; replacing it needs the user's say-so."""


class FileChangedError(SlicewiseError):
    """Another writer changed the file since this one last read or wrote it; nothing was overwritten."""
