"""The `slicewise` command line: one parser, commands registered by small modules, errors without tracebacks."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Callable, Sequence

from slicewise import __version__
from slicewise.core.errors import SlicewiseError
from slicewise.core.inert import inert

COMMAND_MODULES: tuple[str, ...] = (
    "slicewise.cli.core_commands",
    "slicewise.cli.tui_commands",
    "slicewise.cli.team_commands",
    "slicewise.cli.export_commands",
    "slicewise.cli.serve_commands",
)
"""Modules that each define `register(subparsers)`; they must stay cheap to import."""

Handler = Callable[[argparse.Namespace], int]


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors exit with code 2 and one clear line."""

    def error(self, message: str) -> None:  # type: ignore[override]
        """Print a one-line usage error and exit 2."""
        self.exit(2, f"{self.prog}: error: {message}\n  (see '{self.prog} --help')\n")


def build_parser() -> argparse.ArgumentParser:
    """Build the parser with every registered command."""
    parser = _Parser(
        prog="slicewise",
        description="Assess ecommerce integration architecture: questionnaires, scores, risks and a roadmap.",
    )
    parser.add_argument("--version", action="version", version=f"slicewise {__version__}")
    parser.set_defaults(handler=None)
    subparsers = parser.add_subparsers(title="commands", metavar="COMMAND", parser_class=_Parser)
    for module_name in COMMAND_MODULES:
        importlib.import_module(module_name).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit code (0 ok, 1 problems found, 2 bad input)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler | None = args.handler
    try:
        if handler is None:
            return _open_tui(args)
        return handler(args)
    except SlicewiseError as error:
        print_error(error)
        return error.exit_code
    except KeyboardInterrupt:
        print("Interrupted.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        _silence_stdout()
        return 0
    except Exception as error:  # the last line of defence: never a traceback
        if os.environ.get("SLICEWISE_DEBUG"):
            raise
        print(
            f"slicewise: unexpected error: {type(error).__name__}: {inert(str(error))}\n"
            "  (set SLICEWISE_DEBUG=1 to see the details)",
            file=sys.stderr,
        )
        return 2


def _silence_stdout() -> None:
    """After the reader of our output went away (`| head`), point stdout at /dev/null so exit is quiet."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def print_error(error: SlicewiseError) -> None:
    """Print an error as one title line and one line per problem to stderr."""
    lines = [f"slicewise: {error.title}"]
    lines.extend(f"  {problem}" for problem in error.problems)
    print(inert("\n".join(lines)), file=sys.stderr)


def _open_tui(args: argparse.Namespace) -> int:
    """Open the TUI start screen when no command is given."""
    try:
        tui_command = importlib.import_module("slicewise.cli.tui_commands")
    except ModuleNotFoundError:
        build_parser().print_help()
        return 0
    result: int = tui_command.run_start(args)
    return result
