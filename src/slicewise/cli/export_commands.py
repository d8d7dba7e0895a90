"""The `export` command: write the TOML report and the Excel workbook of an assessment."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from slicewise.cli.plain import say


def register(subparsers: Any) -> None:
    """Add the `export` command to the parser."""
    export = subparsers.add_parser(
        "export",
        help="write the TOML report and the Excel workbook of an assessment",
        description=(
            "Score an assessment and write its exports: a TOML report (slicewise-report/1) and an Excel "
            "workbook. File names come from the client and the assessment date. An existing file is never replaced "
            "silently: an earlier export of the same assessment only with --force, any other file never."
        ),
    )
    export.add_argument("file", type=Path, metavar="FILE", help="the assessment file")
    export.add_argument(
        "--format",
        default="toml,xlsx",
        metavar="FORMATS",
        help="comma-separated formats to write: toml, xlsx, csv (the plan for issue trackers; default: toml,xlsx)",
    )
    export.add_argument(
        "-o", "--output", type=Path, default=Path("exports"), metavar="DIR", help="the folder (default: exports/)"
    )
    export.add_argument(
        "--force",
        action="store_true",
        help="replace an earlier export of this assessment that differs (other files are never replaced)",
    )
    export.add_argument(
        "--paper",
        choices=("a4", "letter"),
        default=None,
        help="the paper the workbook prints on (default: Letter in US-style locales, A4 elsewhere)",
    )
    export.set_defaults(handler=run_export)


def run_export(args: argparse.Namespace) -> int:
    """Load, score and export one assessment, printing each file written."""
    from slicewise.core.engine import evaluate
    from slicewise.core.store import open_assessment
    from slicewise.export import write_exports

    formats = tuple(part.strip().lower() for part in str(args.format).split(",") if part.strip())
    assessment, bundle = open_assessment(args.file)
    results = evaluate(bundle, assessment)
    for path in write_exports(bundle, assessment, results, args.output, formats, force=args.force, paper=args.paper):
        say(path)
    return 0
