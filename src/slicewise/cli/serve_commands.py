"""`slicewise serve`: invite respondents to a round and serve their questionnaires to the browser."""

from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path
from typing import Any

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def register(subparsers: Any) -> None:
    """Add `serve` to the command line."""
    serve = subparsers.add_parser(
        "serve",
        help="a self-assessment round in the browser: invite respondents, serve their personal links",
        description=(
            "Serve a round of self-assessments from a folder: each respondent opens a personal link in the "
            "browser and answers in the same screens as the TUI, every answer saved at once to their own file "
            "in the folder (merge them with 'slicewise merge ROUND_DIR/*.toml -o team.toml'). --invite, "
            "--relink and --revoke change who is invited and exit; without them the server runs until ctrl+c."
        ),
    )
    serve.add_argument("round", type=Path, metavar="ROUND_DIR", help="the round's folder (created by --invite)")
    serve.add_argument(
        "--invite",
        action="append",
        default=[],
        metavar="NAME",
        help="invite a respondent (repeatable): creates their file and prints their personal link once",
    )
    serve.add_argument("--relink", metavar="NAME", help="issue a new link for a respondent (the old one stops)")
    serve.add_argument("--revoke", metavar="NAME", help="end a respondent's link (their answers stay)")
    serve.add_argument(
        "-q", "--questionnaire", metavar="ID|PATH", default=None, help="questionnaire for new respondents"
    )
    serve.add_argument("--client", default="", metavar="NAME", help="the client's name, for new respondents' files")
    serve.add_argument("--host", default=None, help=f"address to listen on (default: {DEFAULT_HOST})")
    serve.add_argument("--port", type=int, default=None, help=f"port, 0 for any free one (default: {DEFAULT_PORT})")
    serve.add_argument(
        "--public-url",
        default="",
        metavar="URL",
        help="the address respondents reach (e.g. https://survey.example.com behind a reverse proxy), for links",
    )
    serve.add_argument("--max-sessions", type=int, default=30, metavar="N", help="live sessions at once (default: 30)")
    serve.add_argument(
        "--idle-timeout",
        type=float,
        default=1800.0,
        metavar="SECONDS",
        help="end a session after this long without a key or click, saving first (default: 1800)",
    )
    serve.set_defaults(handler=run_serve)


def run_serve(args: argparse.Namespace) -> int:
    """Change the invitations, or serve the round until ctrl+c."""
    from slicewise.cli.console import InertConsole as Console
    from slicewise.core.errors import SlicewiseError
    from slicewise.serve.invites import round_folder_at
    from slicewise.serve.runner import Address

    port = DEFAULT_PORT if args.port is None else args.port
    if not 0 <= port < 65536:
        raise SlicewiseError.single("Bad option", "--port", "a port is a number from 1 to 65535 (0: any free one)")
    if args.max_sessions < 1 or not args.idle_timeout > 0:
        raise SlicewiseError.single("Bad option", "--max-sessions/--idle-timeout", "both must be positive")
    address = Address(args.host or DEFAULT_HOST, port, args.public_url)
    console = Console()
    managing = bool(args.invite or args.relink or args.revoke)
    round_folder = round_folder_at(args.round, create=bool(args.invite))
    if managing:
        return _manage(args, round_folder, address, console)
    from slicewise.serve.runner import serve_round
    from slicewise.serve.server import Limits

    return serve_round(round_folder, address, Limits(args.max_sessions, args.idle_timeout), console)


def _manage(args: argparse.Namespace, round_folder: Any, address: Any, console: Any) -> int:
    """Invite, re-link or revoke, printing each new personal link once.

    Without --host, --port or --public-url the links start where the round's server last served them.
    """
    from rich.text import Text

    from slicewise.cli.team_commands import DEFAULT_QUESTIONNAIRE
    from slicewise.serve import invites
    from slicewise.serve.runner import remembered_links

    explicit = args.host is not None or args.port is not None or bool(args.public_url)
    if not explicit and (known := remembered_links(round_folder)):
        address = replace(address, public_url=known)

    links: list[tuple[str, str]] = []
    for name in args.invite:
        person, token = invites.invite(round_folder, name, args.questionnaire or DEFAULT_QUESTIONNAIRE, args.client)
        links.append((person.name, address.link(token)))
    if args.relink:
        person, token = invites.relink(round_folder, args.relink)
        links.append((person.name, address.link(token)))
    if args.revoke:
        person = invites.revoke(round_folder, args.revoke)
        console.print(Text(f"Revoked the link of {person.name}; their answers stay in {person.file}."))
    for name, link in links:
        console.print(Text(f"{name}: {link}"), soft_wrap=True)
    if links:
        console.print(
            "Send each person their own link (it is shown only now; --relink NAME issues a new one). "
            f"Then run: slicewise serve {args.round}",
            highlight=False,
        )
    return 0
