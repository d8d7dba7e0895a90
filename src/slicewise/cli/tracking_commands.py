"""Tracking commands: `adjust` a risk or action, `add-risk`, `add-action`, `milestone` and `sync` from the workbook."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from slicewise.cli.plain import say

RESPONSES = ("open", "mitigating", "accepted", "closed")
RISK_STRATEGIES = ("avoid", "mitigate", "transfer", "accept")
STATUSES = ("not-started", "in-progress", "blocked", "done")


def register(subparsers: Any) -> None:
    """Add `adjust`, `add-risk`, `add-action`, `milestone` and `sync` to the parser."""
    adjust = subparsers.add_parser(
        "adjust",
        help="record the consultant's adjustment of a risk or action, with its reason",
        description=(
            "Adjust one risk or action instance by its stable id (see 'slicewise score FILE --json'). "
            "Every adjustment needs --reason; it is kept in the assessment next to what the engine said."
        ),
    )
    adjust.add_argument("file", type=Path, metavar="FILE")
    adjust.add_argument("item", metavar="ID", help="a risk id or an action instance id")
    adjust.add_argument("--reason", required=True, help="why, in a short sentence (required)")
    adjust.add_argument("--by", default=None, help="who (default: the engagement's consultant)")
    adjust.add_argument("--owner", help="a named person who owns it")
    adjust.add_argument("--due", metavar="YYYY-MM-DD", help="due date (risk) or target date (action); '' clears it")
    risk = adjust.add_argument_group("risks")
    risk.add_argument("--response", choices=RESPONSES, help="response status of a risk")
    risk.add_argument("--accept", action="store_true", help="accept the risk (response: accepted)")
    risk.add_argument("--strategy", choices=RISK_STRATEGIES, help="how the risk is handled (the register's Response)")
    risk.add_argument("--likelihood", type=int, choices=range(1, 6), metavar="1-5", help="re-rate the likelihood")
    risk.add_argument("--impact", type=int, choices=range(1, 6), metavar="1-5", help="re-rate the impact")
    risk.add_argument("--dismiss", action="store_true", help="dismiss the risk as not applicable here")
    risk.add_argument("--restore", action="store_true", help="bring back a dismissed risk or dropped action")
    action = adjust.add_argument_group("actions")
    action.add_argument("--status", choices=STATUSES, help="delivery status of an action")
    action.add_argument("--slice", help="move the action to this slice id, or 'later'")
    action.add_argument("--drop", action="store_true", help="drop the action from the plan")
    adjust.set_defaults(handler=run_adjust)

    add_risk = subparsers.add_parser(
        "add-risk",
        help="add a risk of the consultant's own to the register",
        description="Add a risk no rule raised (id custom-…), with the reason it is added; it joins the register.",
    )
    add_risk.add_argument("file", type=Path, metavar="FILE")
    add_risk.add_argument("--title", required=True)
    add_risk.add_argument("--reason", required=True, help="why it is added (required)")
    add_risk.add_argument("--cause", default="")
    add_risk.add_argument("--effect", default="")
    add_risk.add_argument("--trigger", default="", help="early-warning signal")
    add_risk.add_argument("--likelihood", type=int, choices=range(1, 6), default=3, metavar="1-5")
    add_risk.add_argument("--impact", type=int, choices=range(1, 6), default=3, metavar="1-5")
    add_risk.add_argument("--owner", default="", help="owner role")
    add_risk.add_argument("--by", default=None)
    add_risk.set_defaults(handler=run_add_risk)

    add_action = subparsers.add_parser(
        "add-action",
        help="add an action of the consultant's own to the plan",
        description="Add an action (id custom-…) to a slice or Later, with its dependencies and the reason.",
    )
    add_action.add_argument("file", type=Path, metavar="FILE")
    add_action.add_argument("--title", required=True)
    add_action.add_argument("--slice", required=True, help="slice id, or 'later'")
    add_action.add_argument("--reason", required=True, help="why it is added (required)")
    add_action.add_argument("--depends-on", action="append", default=[], metavar="ID", help="repeat for several")
    add_action.add_argument("--risk", action="append", default=[], metavar="ID", help="a risk it answers")
    add_action.add_argument("--effort", default="M", help="effort size (S, M, L, XL)")
    add_action.add_argument("--owner", default="", help="owner role")
    add_action.add_argument("--evidence", default="", help="evidence of done")
    add_action.add_argument("--description", default="")
    add_action.add_argument("--by", default=None)
    add_action.set_defaults(handler=run_add_action)

    milestone = subparsers.add_parser(
        "milestone",
        help="record a named milestone (levels, risks, plan, statuses) inside the assessment",
        description="Record a snapshot under NAME; 'slicewise compare FILE@NAME FILE' compares against it.",
    )
    milestone.add_argument("file", type=Path, metavar="FILE")
    milestone.add_argument("name", nargs="?", metavar="NAME", help="without: list the milestones recorded")
    milestone.add_argument("--by", default=None)
    milestone.set_defaults(handler=run_milestone)

    sync = subparsers.add_parser(
        "sync",
        help="read statuses, owners, dates and responses set in an exported workbook back into the assessment",
        description=(
            "Match the workbook's Roadmap, Later and Risk register rows to the assessment by engine id, show what "
            "changes, and apply it atomically. A workbook of another assessment, a value outside the drop-down "
            "lists, an unknown or repeated id or a file that is not a slicewise workbook is refused and nothing "
            "changes."
        ),
    )
    sync.add_argument("workbook", type=Path, metavar="WORKBOOK")
    sync.add_argument("file", type=Path, metavar="ASSESSMENT")
    sync.add_argument("--dry-run", action="store_true", help="show the changes without applying them")
    sync.add_argument("--by", default=None, help="who the changes are recorded as (default: the workbook)")
    sync.set_defaults(handler=run_sync)


def _by(args: argparse.Namespace, consultant: str) -> str:
    """Return who made the change: --by, else the engagement's consultant."""
    return str(args.by if args.by is not None else consultant)


def run_adjust(args: argparse.Namespace) -> int:
    """Record one adjustment and save atomically."""
    from slicewise.core.engine import evaluate
    from slicewise.core.errors import SlicewiseError
    from slicewise.core.store import open_held, save_held
    from slicewise.core.tracking import adjust, kind_of

    assessment, bundle, hold = open_held(args.file)
    results = evaluate(bundle, assessment)
    if args.accept and args.response not in (None, "accepted"):
        raise SlicewiseError.single("Cannot adjust", args.item, "--accept and --response disagree")
    if args.restore and (args.dismiss or args.drop):
        raise SlicewiseError.single("Cannot adjust", args.item, "--restore cannot go with --dismiss or --drop")
    on = kind_of(results, args.item)
    changes: dict[str, object] = {
        "response": "accepted" if args.accept else args.response,
        "strategy": args.strategy,
        "likelihood": args.likelihood,
        "impact": args.impact,
        "status": args.status,
        "slice": args.slice,
        "owner": args.owner,
        "due": args.due,
    }
    if args.dismiss or (args.restore and on == "risk"):
        changes["dismissed"] = bool(args.dismiss)
    if args.drop or (args.restore and on == "action"):
        changes["dropped"] = bool(args.drop)
    updated = adjust(assessment, results, args.item, changes, args.reason, _by(args, assessment.engagement.consultant))
    save_held(updated, hold)
    entry = updated.adjustments[-1]
    from slicewise.core.adjust import summary

    say(f"Adjusted {entry.on} {entry.id}: {summary(entry.changes())}. Reason: {entry.reason}")
    return 0


def run_add_risk(args: argparse.Namespace) -> int:
    """Add a custom risk and save."""
    from slicewise.core.engine import evaluate
    from slicewise.core.store import open_held, save_held
    from slicewise.core.tracking import add_custom_risk

    assessment, bundle, hold = open_held(args.file)
    fields = {k: getattr(args, k) for k in ("title", "reason", "cause", "effect", "trigger", "likelihood", "impact")}
    fields |= {"owner": args.owner, "by": _by(args, assessment.engagement.consultant)}
    updated = add_custom_risk(assessment, evaluate(bundle, assessment), **fields)
    save_held(updated, hold)
    say(f"Added risk {updated.custom_risks[-1].id}: {args.title}")
    return 0


def run_add_action(args: argparse.Namespace) -> int:
    """Add a custom action and save."""
    from slicewise.core.engine import evaluate
    from slicewise.core.store import open_held, save_held
    from slicewise.core.tracking import add_custom_action

    assessment, bundle, hold = open_held(args.file)
    fields: dict[str, object] = {k: getattr(args, k) for k in ("title", "slice", "reason", "effort", "owner")}
    fields |= {"evidence": args.evidence, "description": args.description, "risks": args.risk}
    fields |= {"depends_on": args.depends_on, "by": _by(args, assessment.engagement.consultant)}
    updated = add_custom_action(assessment, evaluate(bundle, assessment), **fields)
    save_held(updated, hold)
    say(f"Added action {updated.custom_actions[-1].id}: {args.title} ({args.slice})")
    return 0


def run_milestone(args: argparse.Namespace) -> int:
    """Record a milestone, or list those recorded."""
    from slicewise.core.engine import evaluate
    from slicewise.core.store import open_held, save_held
    from slicewise.core.tracking import record_milestone

    assessment, bundle, hold = open_held(args.file)
    if args.name is None:
        if not assessment.milestones:
            say("No milestones recorded yet: 'slicewise milestone FILE NAME' records one.")
        for item in assessment.milestones:
            level = item.snapshot.overall_level
            done = sum(1 for a in item.snapshot.actions if a.status == "done")
            say(
                f"{item.name}  {item.at}  overall level {'—' if level is None else level}, "
                f"{len(item.snapshot.risks)} risks, {done}/{len(item.snapshot.actions)} actions done"
            )
        return 0
    updated = record_milestone(assessment, evaluate(bundle, assessment), args.name, _by(args, ""))
    save_held(updated, hold)
    say(f"Milestone '{args.name}' recorded in {args.file}.")
    return 0


def run_sync(args: argparse.Namespace) -> int:
    """Read the workbook's statuses, owners and dates back; show the changes; apply them atomically."""
    from slicewise.core.engine import evaluate
    from slicewise.core.store import open_held, save_held
    from slicewise.export.sync import apply_sync, read_workbook_changes

    assessment, bundle, hold = open_held(args.file)
    results = evaluate(bundle, assessment)
    changes = read_workbook_changes(args.workbook, assessment, results)
    if not changes:
        say("Nothing to change: the workbook's statuses, owners and dates match the assessment.")
        return 0
    for change in changes:
        say(change.describe())
    if args.dry_run:
        say(f"{len(changes)} change(s) not applied (--dry-run).")
        return 0
    by = args.by if args.by is not None else f"workbook {args.workbook.name}"
    updated = apply_sync(assessment, results, changes, by)
    save_held(updated, hold)
    say(f"{len(changes)} change(s) applied to {args.file}.", file=sys.stderr)
    return 0
