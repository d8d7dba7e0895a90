"""A child process for the one-writer test: hold a file, wait for the word, answer one question and save.

Usage: `python writer.py FILE QUESTION TEXT MODE`. It prints `loaded` once it holds the file, then waits
for a line on stdin before saving. The save prints `saved`; a save refused because someone else changed
the file prints `changed`, and with MODE `merge` it then replays its answer on their file and prints
`merged` once that is saved.
"""

from __future__ import annotations

import sys
from pathlib import Path

from slicewise.core.errors import FileChangedError
from slicewise.core.models.assessment import Answer
from slicewise.core.rebase import rebase
from slicewise.core.store import hold_assessment, save_held


def main() -> int:
    """Hold, wait, answer, save (and merge when told to)."""
    path, question, text, mode = Path(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
    loaded, hold = hold_assessment(path)
    print("loaded", flush=True)
    sys.stdin.readline()
    assessment = loaded.assessment
    assessment.answers[question] = Answer(text=text)
    try:
        save_held(assessment, hold)
    except FileChangedError:
        print("changed", flush=True)
        if mode != "merge":
            return 3
        base = hold.base_assessment()
        theirs, hold = hold_assessment(path)
        save_held(rebase(base, assessment, theirs.assessment).assessment, hold)
        print("merged", flush=True)
        return 0
    print("saved", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
