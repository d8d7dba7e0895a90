"""The process behind one browser session: `python -m slicewise.serve.respondent ROUND_DIR RESPONDENT_ID`.

Only the server starts it, with arguments it took from its own roster (never from the browser). It holds
the respondent's writer lock for its whole life, so a session taking over waits until this one has saved
and gone: there is never more than one writer of a respondent's file.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from slicewise.core.errors import SlicewiseError
from slicewise.serve.roster import RoundFolder, load_roster

LOCK_WAIT_SECONDS = 60.0
"""How long a new session waits for the one it takes over from to save and end."""
LOCK_POLL_SECONDS = 0.05


@contextlib.contextmanager
def writer_lock(path: Path, wait: float = LOCK_WAIT_SECONDS) -> Iterator[None]:
    """Hold the exclusive lock of a respondent's file, waiting a bounded time for a previous session to end."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+b") as handle:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise SlicewiseError.single(
                        "Cannot open the session", str(path), "another session of this respondent is still open"
                    ) from None
                time.sleep(LOCK_POLL_SECONDS)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def run(round_dir: Path, respondent_id: str) -> int:
    """Open the respondent's file in the restricted app and run it until the browser or the server ends it."""
    round_folder = RoundFolder(Path(round_dir))
    person = next((p for p in load_roster(round_folder) if p.id == respondent_id and not p.revoked), None)
    if person is None:
        raise SlicewiseError.single("Cannot open the session", respondent_id, "no such respondent with a live link")
    os.environ["SLICEWISE_STATE_DIR"] = str(round_folder.state(person.id))
    with writer_lock(round_folder.lock(person.id)):
        from slicewise.serve.app import RespondentApp
        from slicewise.tui.opening import open_session

        session = open_session(round_folder.folder / person.file)
        RespondentApp(session).run()
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run one session; errors go to stderr (the server logs them) with exit code 2."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print("usage: python -m slicewise.serve.respondent ROUND_DIR RESPONDENT_ID", file=sys.stderr)
        return 2
    try:
        return run(Path(args[0]), args[1])
    except SlicewiseError as error:
        print(f"{error.title}: {'; '.join(str(p) for p in error.problems)}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
