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


def has_terminal() -> bool:
    """Tell whether both standard input and standard output are a terminal the TUI can take over."""
    import sys

    try:
        return sys.stdin.isatty() and sys.stdout.isatty()
    except (AttributeError, ValueError):  # closed or replaced streams
        return False


def require_terminal(command: str) -> None:
    """Refuse to start the TUI without a terminal (it would wait forever for keys that never come)."""
    if has_terminal():
        return
    import sys

    from slicewise.core.errors import SlicewiseError

    which = "standard input" if not sys.stdin.isatty() else "standard output"
    raise SlicewiseError.single(
        "No terminal for the TUI",
        command,
        f"{which} is not a terminal (redirected or piped); run it in an interactive terminal, or use "
        "'slicewise ask' for plain prompts and 'slicewise score' / 'export' for results",
    )


def _default_questionnaire() -> str:
    """Return the built-in questionnaire to use when none is named."""
    from slicewise.core.content import list_questionnaires
    from slicewise.core.errors import SlicewiseError

    builtins = [b.id for b in list_questionnaires()]
    if not builtins:
        raise SlicewiseError.single("No questionnaire", "-q", "no built-in questionnaire is installed; pass -q PATH")
    return "commerce-integration" if "commerce-integration" in builtins else builtins[0]


def _start_up() -> None:
    """Prepare a TUI command's start: the collector held until the first frame, built-in content checked once."""
    from slicewise.core.contentcache import keep_bundles_in
    from slicewise.tui.startup import hold_collection
    from slicewise.tui.state import cache_dir

    hold_collection()
    keep_bundles_in(cache_dir() / "content")


def run_new(args: argparse.Namespace) -> int:
    """Create the assessment file, then open the TUI on it."""
    from pathlib import Path

    require_terminal("slicewise new")

    _start_up()
    from slicewise.tui.opening import create_session

    questionnaire = args.questionnaire or _default_questionnaire()
    session = create_session(questionnaire, args.client, Path(args.output) if args.output else None)
    return _run(session, setup=not args.client.strip())


def run_open(args: argparse.Namespace) -> int:
    """Open an assessment file in the TUI (a bad file is reported with exit 2 and left alone)."""
    from pathlib import Path

    require_terminal("slicewise open")

    _start_up()
    from slicewise.tui.opening import open_session

    return _run(open_session(Path(args.file)), setup=False, disagreements=args.disagreements)


def run_start(args: argparse.Namespace) -> int:
    """Open the start screen (the bare `slicewise` command)."""
    require_terminal("slicewise")
    _start_up()
    from slicewise.tui.app import SlicewiseApp

    return _run_app(SlicewiseApp(), None)


def _run(session: Any, *, setup: bool, disagreements: bool = False) -> int:
    """Run the app on a session and say where the file is afterwards."""
    from slicewise.tui.app import SlicewiseApp

    return _run_app(SlicewiseApp(session, setup=setup, disagreements=disagreements), session.path)


def _run_app(app: Any, path: Any) -> int:
    """Run the app, then say where the file is."""
    import sys

    from slicewise.cli.plain import say
    from slicewise.tui.startup import release_collection

    try:
        app.run()
    finally:
        release_collection()
    session = getattr(app, "session", None)
    path = session.path if session is not None else path
    last = getattr(app, "last_save", None)
    if path is not None and last is not None and not last.ok:
        print(
            f"Not saved: {path}: the last changes were left unsaved ({last.message.splitlines()[0]})", file=sys.stderr
        )
        return 1
    if path is not None:
        say(f"Saved: {path}", file=sys.stderr)
    return 0
