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
    "slicewise.cli.tui_commands",
    "slicewise.cli.team_commands",
    "slicewise.cli.core_commands",
    "slicewise.cli.export_commands",
    "slicewise.cli.tracking_commands",
    "slicewise.cli.serve_commands",
)
"""Modules that each define `register(subparsers)`; they must stay cheap to import. In this order `--help`
lists the commands a consultant starts with (new, open, ask) first."""

DESCRIPTIONS = {
    "score": "Score an assessment file and print its scorecard: the level of each area against its target, "
    "coverage, and the top risks. Nothing is written.",
    "explain": "Explain why each score, risk and roadmap action is what it is: the answers and rules behind "
    "every number. Nothing is written.",
    "schema": "Print the JSON schema of a slicewise file format, for editors that check TOML as it is typed.",
    "add-risk": "Add a risk of the consultant's own to the register, with the reason it is added; it is kept "
    "beside the engine's risks and shown as the consultant's.",
    "add-action": "Add an action of the consultant's own to the plan, in a slice or Later, with its reason and "
    "dependencies.",
    "demo": "Write a worked example: a sample client's answers, scored, with its report and workbook, to try "
    "the other commands on.",
}
"""Descriptions for commands registered with a one-line help only."""

EXAMPLES = {
    None: [
        "slicewise                                  start screen: new assessment, open, recent files",
        'slicewise new --client "Northwind Retail"  new assessment, straight to the first question',
        "slicewise open northwind-retail.toml       resume a workshop where it was left",
        "slicewise ask -o ann.toml                  self-assessment with plain prompts",
        "slicewise merge ann.toml bo.toml -o team.toml",
        "slicewise export team.toml                 TOML report and Excel workbook",
    ],
    "new": [
        'slicewise new --client "Northwind Retail"',
        'slicewise new -q quick-check --client "Northwind Retail"   the short built-in questionnaire',
        "slicewise new -q ./my-questionnaire -o pilot.toml",
    ],
    "open": ["slicewise open northwind-retail.toml", "slicewise open team.toml --disagreements"],
    "ask": [
        'slicewise ask --respondent "Ann Lee" --client "Northwind Retail"',
        "slicewise ask -o ann.toml --area failure     only the failure-design questions",
        "slicewise ask -o ann.toml --levels           show each choice's maturity level",
    ],
    "merge": ["slicewise merge ann.toml bo.toml cy.toml -o team.toml"],
    "compare": [
        "slicewise compare march.toml june.toml",
        "slicewise compare march.toml june.toml -o progress/",
        "slicewise compare acme.toml@workshop acme.toml   since a milestone recorded in the file",
    ],
    "validate": ["slicewise validate", "slicewise validate ./my-questionnaire"],
    "score": ["slicewise score northwind-retail.toml"],
    "explain": ["slicewise explain northwind-retail.toml"],
    "schema": ["slicewise schema assessment > assessment.schema.json"],
    "demo": ["slicewise demo", "slicewise demo -o ./demo"],
    "export": ["slicewise export northwind-retail.toml", "slicewise export northwind-retail.toml --format csv"],
    "adjust": [
        'slicewise adjust acme.toml duplicate-orders-payments --likelihood 2 --reason "PSP rejects repeats"',
        'slicewise adjust acme.toml add-idempotency-keys:order-export --slice later --reason "Budget in Q3"',
        'slicewise adjust acme.toml no-runbooks --accept --owner "Dana Ruiz" --due 2027-03-01 --reason "Agreed"',
    ],
    "add-risk": ['slicewise add-risk acme.toml --title "One developer knows the ERP adapter" --reason "Workshop"'],
    "add-action": [
        'slicewise add-action acme.toml --title "Pair a second developer" --slice thin-slice --reason "Key person"'
    ],
    "milestone": ['slicewise milestone acme.toml "after slice 1"', "slicewise milestone acme.toml"],
    "sync": ["slicewise sync exports/acme-2026-11-27-report.xlsx acme.toml --dry-run"],
    "serve": [
        'slicewise serve round/ --invite "Ann Lee" --invite "Bo Dev" --client "Northwind Retail"',
        "slicewise serve round/                      serve the links; ctrl+c ends every session after saving",
        "slicewise merge round/*.toml -o team.toml   then merge the round as usual",
    ],
}
"""Examples shown at the end of `--help`, per command (None: the main help)."""

Handler = Callable[[argparse.Namespace], int]


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors exit with code 2 and one clear line."""

    def error(self, message: str) -> None:  # type: ignore[override]
        """Print a one-line usage error and exit 2."""
        self.exit(2, f"{self.prog}: error: {message}\n  (see '{self.prog} --help')\n")


def build_parser(wanted: str | None = None) -> argparse.ArgumentParser:
    """Build the parser with every registered command, or, when a command is `wanted`, with the modules up to
    the one registering it (a command runs without importing and building all the others; a name no module
    registers gets them all, so the error lists every command)."""
    parser = _Parser(
        prog="slicewise",
        description="Assess ecommerce integration architecture: questionnaires, scores, risks and a roadmap.",
        epilog=_examples(None),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"slicewise {__version__}")
    parser.set_defaults(handler=None)
    subparsers = parser.add_subparsers(title="commands", metavar="COMMAND", parser_class=_Parser)
    for module_name in COMMAND_MODULES:
        importlib.import_module(module_name).register(subparsers)
        if wanted is not None and wanted in subparsers.choices:
            break
    for name, command in subparsers.choices.items():
        if not command.description:
            command.description = DESCRIPTIONS.get(name)
        command.epilog = _examples(name)
        command.formatter_class = argparse.RawDescriptionHelpFormatter
    return parser


def _examples(command: str | None) -> str | None:
    """The examples block of a command's help."""
    lines = EXAMPLES.get(command)
    return "examples:\n" + "\n".join(f"  {line}" for line in lines) if lines else None


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit code (0 ok, 1 problems found, 2 bad input)."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments:
        named = arguments[0] if not arguments[0].startswith("-") else None
        args = build_parser(named).parse_args(arguments)
    else:  # the start screen: nothing to parse
        args = argparse.Namespace(handler=None)
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
