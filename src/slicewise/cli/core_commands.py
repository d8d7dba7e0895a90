"""Core commands: validate, score, explain, schema and demo."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from slicewise.cli.plain import say


def register(subparsers: Any) -> None:
    """Add the core commands to the parser."""
    validate = subparsers.add_parser(
        "validate",
        help="check questionnaire and scoring folders (errors as file:line: message)",
        description="Check questionnaire folders and their scoring models. Without a path, checks the built-in ones.",
    )
    validate.add_argument("paths", nargs="*", metavar="PATH", help="questionnaire folders or built-in ids")
    validate.set_defaults(handler=run_validate)

    score = subparsers.add_parser("score", help="show the scorecard of an assessment file")
    score.add_argument("file", type=Path, metavar="FILE")
    score.add_argument(
        "--json", action="store_true", help="print the report as JSON (the shape of the exported TOML report)"
    )
    score.set_defaults(handler=run_score)

    explain = subparsers.add_parser("explain", help="why each score, risk and action is what it is")
    explain.add_argument("file", type=Path, metavar="FILE")
    explain.add_argument("item", nargs="?", metavar="ID", help="an area, question, risk, action or slice id")
    explain.set_defaults(handler=run_explain)

    schema = subparsers.add_parser("schema", help="print the JSON schema of a file format (for editors)")
    schema.add_argument(
        "name",
        nargs="?",
        metavar="NAME",
        help="questionnaire, area, scoring, risks, roadmap or assessment (without: list them)",
    )
    schema.add_argument("-o", "--output", type=Path, metavar="DIR", help="write every schema as NAME.schema.json")
    schema.set_defaults(handler=run_schema)

    demo = subparsers.add_parser(
        "demo", help="a worked example: answers a sample client, scores it and writes the files"
    )
    demo.add_argument("-o", "--output", type=Path, default=Path("exports"), metavar="DIR", help="default: exports/")
    demo.set_defaults(handler=run_demo)


def run_validate(args: argparse.Namespace) -> int:
    """Validate folders; exit 1 when problems are found."""
    from slicewise.core.loader import validate_folders
    from slicewise.core.words import plural

    checked, problems = validate_folders(args.paths)
    for problem in problems:
        say(problem, file=sys.stderr)
    if problems:
        print(f"{plural(len(problems), 'problem')} found.", file=sys.stderr)
        return 1
    for folder in checked:
        say(f"ok  {folder}")
    return 0


def run_score(args: argparse.Namespace) -> int:
    """Print the scorecard, or the results as JSON."""
    from slicewise.core import counts as tally
    from slicewise.core.engine import evaluate
    from slicewise.core.store import open_assessment

    assessment, bundle = open_assessment(args.file)
    results = evaluate(bundle, assessment)
    if args.json:
        from slicewise.export.report import build_report

        print(json.dumps(build_report(bundle, assessment, results), indent=2, ensure_ascii=False))
        return 0
    from slicewise.cli import render
    from slicewise.cli.console import InertConsole as Console

    console = Console()
    render.print_warnings(Console(stderr=True), results)
    console.print(render.scorecard(bundle, assessment, results))
    console.print(render.risk_table(results))
    console.print(render.roadmap_table(results))
    console.print(render.projection_table(results))
    if results.follow_ups:
        console.print(f"To find out: {tally.follow_up_phrase(results.follow_ups)}; see 'slicewise explain'.")
    return 0


def run_explain(args: argparse.Namespace) -> int:
    """Print how every number, risk and action came about (or one item)."""
    from slicewise.core.engine import evaluate
    from slicewise.core.explain import explain_lines
    from slicewise.core.store import open_assessment

    assessment, bundle = open_assessment(args.file)
    results = evaluate(bundle, assessment)
    say("\n".join(explain_lines(bundle, results, args.item)))
    return 0


def run_schema(args: argparse.Namespace) -> int:
    """Print one schema, list the names, or write them all to a folder."""
    from slicewise.core.errors import SlicewiseError
    from slicewise.core.schema import SCHEMAS, json_schema

    if args.output is not None:
        from slicewise.core.atomic import atomic_write_text

        try:
            args.output.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise SlicewiseError.single(
                "Cannot write the schemas", str(args.output), exc.strerror or str(exc)
            ) from None
        names = [args.name] if args.name else list(SCHEMAS)
        for name in names:
            if name not in SCHEMAS:
                raise SlicewiseError.single("Unknown schema", name, "known: " + ", ".join(SCHEMAS))
            target = args.output / f"{name}.schema.json"
            atomic_write_text(target, json.dumps(json_schema(name), indent=2) + "\n", title="Cannot write the schemas")
            print(target)
        return 0
    if args.name is None:
        for name, (_model, describes) in SCHEMAS.items():
            print(f"{name:<14} {describes}")
        return 0
    if args.name not in SCHEMAS:
        raise SlicewiseError.single("Unknown schema", args.name, "known: " + ", ".join(SCHEMAS))
    print(json.dumps(json_schema(args.name), indent=2))
    return 0


def run_demo(args: argparse.Namespace) -> int:
    """Answer the sample client, save the assessment into DIR, score it and write the exports."""
    from slicewise.cli import render
    from slicewise.cli.console import InertConsole as Console
    from slicewise.core.demo import write_demo
    from slicewise.core.engine import evaluate
    from slicewise.export import write_exports

    console = Console()
    bundle, assessment, path = write_demo(args.output)
    results = evaluate(bundle, assessment)
    console.print(render.scorecard(bundle, assessment, results))
    console.print(render.risk_table(results, limit=8))
    console.print(render.roadmap_table(results))
    console.print(render.projection_table(results))
    written = [path, *write_exports(bundle, assessment, results, args.output)]
    console.print("\nWritten:")
    for item in written:
        console.print(f"  {item}")
    console.print(f"\nNext: slicewise explain {path}   ·   slicewise open {path}")
    return 0
