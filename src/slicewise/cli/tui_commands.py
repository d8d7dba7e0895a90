"""`slicewise new`, `slicewise open` and the bare `slicewise` start screen: the commands that open the TUI."""

from __future__ import annotations

import argparse
from typing import Any


def register(subparsers: Any) -> None:
    """Add `new` and `open` to the command line."""
    new = subparsers.add_parser(
        "new",
        help="start a new assessment in the TUI",
        description="Start a new assessment and open it in the TUI. With --client it opens on the first "
        "question; without, on the engagement details.",
    )
    new.add_argument(
        "-q",
        "--questionnaire",
        metavar="ID|PATH",
        default=None,
        help="a built-in questionnaire (commerce-integration, the full discovery; quick-check, a short first "
        "look) or a questionnaire folder (default: commerce-integration)",
    )
    new.add_argument("--client", default="", metavar="NAME", help="the client's name")
    new.add_argument(
        "-o", "--output", metavar="FILE", default=None, help="the assessment file to create (never overwritten)"
    )
    new.set_defaults(handler=run_new)

    open_ = subparsers.add_parser(
        "open",
        help="resume an assessment in the TUI",
        description="Open an assessment file in the TUI where it was left. A file that cannot be read is "
        "reported and left untouched.",
    )
    open_.add_argument("file", metavar="FILE", help="the assessment file")
    open_.add_argument(
        "--disagreements",
        action="store_true",
        help="for a file merged by 'slicewise merge': open on the first question, object or flow where the "
        "respondents disagree (g walks to the next)",
    )
    open_.set_defaults(handler=run_open)


def _default_questionnaire() -> str:
    """Return the built-in questionnaire to use when none is named."""
    from slicewise.core.content import list_questionnaires
    from slicewise.core.errors import SlicewiseError

    builtins = [b.id for b in list_questionnaires()]
    if not builtins:
        raise SlicewiseError.single("No questionnaire", "-q", "no built-in questionnaire is installed; pass -q PATH")
    return "commerce-integration" if "commerce-integration" in builtins else builtins[0]


def run_new(args: argparse.Namespace) -> int:
    """Create the assessment file, then open the TUI on it."""
    from pathlib import Path

    from slicewise.tui.startup import hold_collection

    hold_collection()
    from slicewise.tui.opening import create_session

    questionnaire = args.questionnaire or _default_questionnaire()
    session = create_session(questionnaire, args.client, Path(args.output) if args.output else None)
    return _run(session, setup=not args.client.strip())


def run_open(args: argparse.Namespace) -> int:
    """Open an assessment file in the TUI (a bad file is reported with exit 2 and left alone).

    A file reopened as it was left is first painted from its cover while the session loads behind it.
    """
    from pathlib import Path

    from slicewise.tui.startup import hold_collection

    hold_collection()
    from slicewise.tui.cover import load_cover

    cover = None if args.disagreements else load_cover(Path(args.file).expanduser())
    if cover is None:
        from slicewise.tui.opening import open_session

        return _run(open_session(Path(args.file)), setup=False, disagreements=args.disagreements)
    from slicewise.tui.app import SlicewiseApp

    return _run_app(SlicewiseApp(cover=cover), cover.file)


def run_start(args: argparse.Namespace) -> int:
    """Open the start screen (the bare `slicewise` command)."""
    from slicewise.tui.startup import hold_collection

    hold_collection()
    from slicewise.tui.app import SlicewiseApp

    return _run_app(SlicewiseApp(), None)


def _run(session: Any, *, setup: bool, disagreements: bool = False) -> int:
    """Run the app on a session and say where the file is afterwards."""
    from slicewise.tui.app import SlicewiseApp

    return _run_app(SlicewiseApp(session, setup=setup, disagreements=disagreements), session.path)


def _run_app(app: Any, path: Any) -> int:
    """Run the app, then say where the file is (or raise why the file behind a cover could not be opened)."""
    import sys

    from slicewise.tui.startup import release_collection

    try:
        app.run()
    finally:
        release_collection()
    if app.load_error is not None:
        raise app.load_error
    if path is not None:
        print(f"Saved: {path}", file=sys.stderr)
    return 0
