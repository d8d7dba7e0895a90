"""Team self-assessment commands: `ask` (plain prompts), `merge` (respondents into one) and `compare` (progress)."""

from __future__ import annotations

import argparse
import gc
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from slicewise.ask import Terminal
    from slicewise.core.compare import Comparison
    from slicewise.core.loader import Bundle
    from slicewise.core.models.assessment import Assessment
    from slicewise.core.store import FileHold, LoadedAssessment

DEFAULT_QUESTIONNAIRE = "commerce-integration"
COMPARE_TITLE = "Cannot write the comparison"


def register(subparsers: Any) -> None:
    """Add `ask`, `merge` and `compare` to the parser."""
    ask = subparsers.add_parser(
        "ask",
        help="answer a questionnaire with plain prompts (self-assessment, resumable)",
        description=(
            "Answer one question at a time in a plain terminal (also over SSH). Every answer is saved at "
            "once; ctrl+c stops, and running the same command again resumes at the first unanswered question."
        ),
    )
    ask.add_argument(
        "-q", "--questionnaire", metavar="ID|PATH", help=f"built-in id or folder (default: {DEFAULT_QUESTIONNAIRE})"
    )
    ask.add_argument("--client", metavar="NAME", default="", help="the client's name (new files only)")
    ask.add_argument("--respondent", metavar="NAME", default="", help="your name, saved with your answers")
    ask.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FILE",
        help="the assessment file to write or resume (default: from your name)",
    )
    ask.add_argument("--area", metavar="ID", help="only ask the questions of this area")
    ask.add_argument("--revisit", action="store_true", help="walk every question, answered or not")
    ask.add_argument(
        "--levels",
        action="store_true",
        help="show each choice's maturity level and its name (hidden by default, so they do not lead the answer)",
    )
    ask.set_defaults(handler=run_ask)

    merge = subparsers.add_parser(
        "merge",
        help="combine several respondents' files into one team assessment; flags disagreement",
        description=(
            "Merge self-assessments of one questionnaire version into one file: the consensus per question, "
            "every respondent's answer and note, and each disagreement raised as a risk."
        ),
    )
    merge.add_argument("files", nargs="+", type=Path, metavar="FILE", help="respondents' assessment files")
    merge.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        metavar="FILE",
        help="the team file to write; an existing team file is merged into (its settled answers and notes stay)",
    )
    merge.add_argument(
        "--force",
        action="store_true",
        help="replace an existing assessment at FILE (or rebuild a team file from these respondents only)",
    )
    merge.set_defaults(handler=run_merge)

    compare = subparsers.add_parser(
        "compare",
        help="progress between two assessments: levels, risks and roadmap then and now",
        description=(
            "Compare an earlier assessment (BASE) with a later one (NEW) of the same client; either side may be "
            "a milestone recorded in a file (FILE@NAME, see 'slicewise milestone')."
        ),
    )
    compare.add_argument(
        "base", type=Path, metavar="BASE", help="the earlier assessment file, or FILE@MILESTONE for a milestone in it"
    )
    compare.add_argument("new", type=Path, metavar="NEW", help="the later assessment file, or FILE@MILESTONE")
    compare.add_argument("--json", action="store_true", help="print the comparison as JSON")
    compare.add_argument(
        "-o", "--output", type=Path, metavar="DIR", help="also write the comparison as TOML and as a workbook"
    )
    compare.set_defaults(handler=run_compare)


# -- ask ----------------------------------------------------------------------------------------------


def run_ask(args: argparse.Namespace, terminal: Terminal | None = None) -> int:
    """Open or start the assessment file and prompt until done or interrupted."""
    from slicewise.ask import AskSession, Terminal, require_terminal

    terminal = terminal or Terminal()
    require_terminal(terminal)
    assessment, bundle, hold = _open_or_start(args, terminal)
    session = AskSession(
        bundle,
        assessment,
        hold.path,
        terminal,
        area=args.area,
        revisit=args.revisit,
        hold=hold,
        levels=getattr(args, "levels", False),
    )
    return session.run()


def _open_or_start(args: argparse.Namespace, terminal: Terminal) -> tuple[Assessment, Bundle, FileHold]:
    """Resume an existing file, or start a new one named after the respondent."""
    from slicewise.core.errors import SlicewiseError
    from slicewise.core.loader import load_bundle
    from slicewise.core.slug import slugify
    from slicewise.core.store import FileHold, file_exists_nonempty, new_assessment, open_held, save_held

    path: Path | None = args.output
    respondent = args.respondent.strip()
    if path is None:
        if not respondent:
            respondent = terminal.text("Your name (it is saved with your answers)")
        path = Path(f"self-assessment-{slugify(respondent, fallback='respondent')}.toml")
    if file_exists_nonempty(path):
        assessment, bundle, hold = open_held(path)
        wanted = args.questionnaire
        if wanted and wanted != assessment.questionnaire.id:  # a path, or another id: load it to compare
            other = load_bundle(wanted).questionnaire.id
            if other != assessment.questionnaire.id:
                raise SlicewiseError.single(
                    "This file answers another questionnaire",
                    str(path),
                    f"it answers '{assessment.questionnaire.id}', not '{other}'; drop -q to resume it, or choose "
                    "another -o file",
                )
        if respondent and not assessment.engagement.respondent:
            assessment.engagement.respondent = respondent
        terminal.echo(f"Resuming {path}.")
        return assessment, bundle, hold
    bundle = load_bundle(args.questionnaire or DEFAULT_QUESTIONNAIRE)
    if not respondent:
        respondent = terminal.text("Your name (it is saved with your answers)")
    assessment = new_assessment(bundle, client=args.client.strip(), respondent=respondent)
    hold = FileHold.empty(path)
    save_held(assessment, hold)
    return assessment, bundle, hold


# -- merge --------------------------------------------------------------------------------------------


def run_merge(args: argparse.Namespace) -> int:
    """Merge the respondents' files into the team file (new, or merged into), save it and list disagreements."""
    from slicewise.core.merge_into import merge_into
    from slicewise.core.store import save_held

    team, hold = _hold_output(args.output, force=args.force)
    merged = merge_files(args.files, args.output)
    kept = 0
    if team is not None:
        merged, kept = merge_into(team, merged, str(args.output))
    save_held(merged, hold)
    from slicewise.cli.console import InertConsole as Console

    console = Console()
    console.print(merge_summary(merged, args.output, kept=kept if team is not None else None))
    return 0


def _hold_output(output: Path, *, force: bool) -> tuple[Assessment | None, FileHold]:
    """Hold the merge's output file; return the team file already there to merge into, if any.

    A missing or empty file is simply written. An existing team file is merged into unless `force`
    rebuilds it. Any other assessment is replaced only with `force`; anything else is never replaced.
    """
    from slicewise.core.errors import SlicewiseError
    from slicewise.core.merge import MERGE_TITLE
    from slicewise.core.store import FileHold, file_exists_nonempty, hold_assessment

    if not file_exists_nonempty(output):
        return None, FileHold.empty(output)
    try:
        loaded, hold = hold_assessment(output)
    except SlicewiseError as error:
        reason = error.problems[0].message if error.problems else error.title
        raise SlicewiseError.single(
            MERGE_TITLE, str(output), f"is there and is not a slicewise assessment ({reason}); it was left untouched"
        ) from None
    if force:
        return None, hold
    if loaded.assessment.merge is None:
        raise SlicewiseError.single(
            MERGE_TITLE,
            str(output),
            "already exists and is not a team file; choose another -o file, or pass --force to replace it",
        )
    return loaded.assessment, hold


def merge_files(files: list[Path], output: Path | None = None) -> Assessment:
    """Load every file (reporting all bad ones at once), check they fit one questionnaire, and merge them."""
    with _collector_paused():
        return _merge_files(files, output)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while thousands of objects are built that all stay alive.

    Loading many assessments only allocates; with the collector running, each of its passes walks every
    answer already loaded, which costs more than the merge itself. Reference counting still frees memory.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _merge_files(files: list[Path], output: Path | None) -> Assessment:
    """Load, check and merge (see `merge_files`)."""
    from slicewise.core.errors import Problem, SlicewiseError
    from slicewise.core.merge import MERGE_TITLE, check_compatible, merge_assessments
    from slicewise.core.store import check_answers, load_bundle_for, read_assessment

    problems: list[Problem] = []
    resolved_output = os.path.realpath(output) if output is not None else None
    first_given: dict[str, Path] = {}
    for path in files:
        real = os.path.realpath(path)
        if resolved_output is not None and real == resolved_output:
            problems.append(Problem(str(path), None, "is also the output file; write the merge to a new file"))
        if real in first_given:
            same = "" if str(first_given[real]) == str(path) else f" (the same file as {first_given[real]})"
            problems.append(Problem(str(path), None, f"is given twice{same}; give each respondent's file once"))
        first_given.setdefault(real, path)
    if problems:
        raise SlicewiseError(MERGE_TITLE, problems)
    loaded = []
    for path in files:
        try:
            loaded.append(_read_fast(path) or read_assessment(path))
        except SlicewiseError as error:
            problems.extend(error.problems)
    if problems:
        raise SlicewiseError(MERGE_TITLE, problems)
    assessments = [item.assessment for item in loaded]
    names = [str(path) for path in files]
    check_compatible(assessments, names)
    bundle = load_bundle_for(assessments[0], files[0])
    for item in loaded:
        problems.extend(check_answers(bundle, item))
    if problems:
        raise SlicewiseError("An assessment does not fit its questionnaire", problems)
    merged = merge_assessments(bundle, assessments, names)
    if merged.questionnaire.path and not bundle.builtin:
        # A folder recorded relative to the respondents' files must still be found from the merged file.
        merged.questionnaire.path = str(bundle.questionnaire_path.resolve())
    return merged


def _read_fast(path: Path) -> LoadedAssessment | None:
    """Read a well-formed current-format file without building its line map; None sends it to the store.

    Merging reads many files; the store's reader maps every key to its line up front, which costs more
    than parsing. A file this fast path does not accept is read again by the store, which reports it.
    """
    import tomllib

    from pydantic import ValidationError

    from slicewise.core.errors import SlicewiseError
    from slicewise.core.models.assessment import FORMAT_TAG, Assessment
    from slicewise.core.paths import read_input
    from slicewise.core.store import LoadedAssessment
    from slicewise.core.tomlsource import TomlDocument, bound_problems

    try:
        text = read_input(path, title="").decode("utf-8")
        data = tomllib.loads(text)
        if data.get("format") != FORMAT_TAG or bound_problems(TomlDocument(path=path, data=data, text=text)):
            return None
        assessment = Assessment.model_validate(data)
    except (SlicewiseError, UnicodeDecodeError, tomllib.TOMLDecodeError, ValidationError, RecursionError):
        return None
    # Only the text is kept (for line numbers should a check fail); the parsed tables are freed at once.
    return LoadedAssessment(assessment, TomlDocument(path=path, data={}, text=text))


def merge_summary(merged: Assessment, path: Path, kept: int | None = None) -> Any:
    """Build the terminal summary of a merge: who, what stayed of a team file merged into, where they disagree."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    info = merged.merge
    assert info is not None
    lines: list[Any] = [
        Text(f"Merged {len(info.respondents)} respondents ({', '.join(info.respondents)}) into {path}.")
    ]
    if kept is not None:
        lines.append(Text(f"It was already a team file: its {kept} settled answers and every note stay as they were."))
    if not info.disagreements:
        lines.append(Text("They agree everywhere: no disagreement to discuss.", style="green"))
        return Group(*lines)
    table = Table(title=f"{len(info.disagreements)} disagreements: open the workshop on these", title_justify="left")
    table.add_column("Kind", no_wrap=True)
    table.add_column("Subject", no_wrap=True)
    table.add_column("Who said what")
    kinds = {"level_spread": "levels", "choice": "choice", "creators": "creators", "flow": "flow"}
    for item in info.disagreements:
        table.add_row(kinds.get(item.kind, item.kind), item.subject, item.detail)
    lines.append(table)
    lines.append(Text(f"Each is a risk in the register: slicewise score {path}  ·  slicewise explain {path}"))
    lines.append(Text(f"Open the workshop on them: slicewise open {path} --disagreements"))
    return Group(*lines)


# -- compare ------------------------------------------------------------------------------------------


def run_compare(args: argparse.Namespace) -> int:
    """Compare two assessments and print (or write) what moved."""
    comparison = compare_files(args.base, args.new)
    written: list[Path] = []
    if args.output is not None:
        written = write_comparison(comparison, args.output)
    if args.json:
        print(json.dumps(comparison.model_dump(mode="json"), indent=2, ensure_ascii=False))
        return 0
    from slicewise.cli.console import InertConsole as Console

    console = Console()
    console.print(comparison_view(comparison))
    if comparison.warnings:
        error_console = Console(stderr=True)
        for warning in comparison.warnings:
            error_console.print(f"[bold yellow]Warning:[/] {warning}")
    for path in written:
        console.print(f"Written: {path}")
    return 0


def compare_files(base: Path, new: Path) -> Comparison:
    """Load and score both sides (files, or `FILE@MILESTONE`), each with its own questionnaire, and compare them."""
    from slicewise.core.compare import compare_snapshots
    from slicewise.core.milestones import side_snapshot

    base_snap, base_name = side_snapshot(base)
    new_snap, new_name = side_snapshot(new)
    return compare_snapshots(base_snap, new_snap, base_name=base_name, new_name=new_name)


def write_comparison(comparison: Comparison, folder: Path) -> list[Path]:
    """Write the comparison as TOML and as a workbook with a Progress sheet into `folder`, both or neither."""
    from slicewise.core.atomic import utf8
    from slicewise.core.compare import dumps_comparison
    from slicewise.core.slug import slugify
    from slicewise.export.progress import progress_workbook_bytes
    from slicewise.export.writer import prepare_folder, write_all

    prepare_folder(folder, COMPARE_TITLE)
    client = slugify(comparison.new.client or comparison.base.client, fallback="assessment")
    then = slugify(comparison.base.date or Path(comparison.base.name).stem, fallback="base")
    now = slugify(comparison.new.date or Path(comparison.new.name).stem, fallback="new")
    stem = f"{client}-progress-{then}-to-{now}"
    toml_path = folder / f"{stem}.toml"
    xlsx_path = folder / f"{stem}.xlsx"
    items = [(toml_path, utf8(dumps_comparison(comparison))), (xlsx_path, progress_workbook_bytes(comparison))]
    write_all(items, COMPARE_TITLE)
    return [toml_path, xlsx_path]


def comparison_view(comparison: Comparison) -> Any:
    """Build the terminal view of a comparison: areas, then risks and actions that changed."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    base, new = comparison.base, comparison.new
    parts: list[Any] = [
        Text(
            f"{base.name or 'base'} ({base.date or 'undated'}) → {new.name or 'new'} ({new.date or 'undated'})",
            style="bold",
        )
    ]
    areas = Table(title="Areas", title_justify="left")
    for column in ("Area", "Then", "Now", "Delta", "Crossing"):
        areas.add_column(column, justify="left" if column in ("Area", "Crossing") else "right")
    for area in comparison.areas:
        crossing = {"up": "[green]level up[/]", "down": "[red]level down[/]", "": ""}[area.crossing]
        if area.target_crossing:
            crossing += f" ({'target reached' if area.target_crossing == 'reached' else 'below target again'})"
        areas.add_row(
            area.title,
            _score(area.base_score, area.base_level),
            _score(area.new_score, area.new_level),
            _delta(area.delta),
            crossing,
        )
    areas.add_row(
        "[bold]Overall[/]",
        _score(base.overall_score, base.overall_level),
        _score(new.overall_score, new.overall_level),
        _delta(comparison.overall_delta),
        "",
    )
    parts.append(areas)
    risks = Table(title="Risks", title_justify="left")
    for column in ("Change", "Risk", "Then", "Now"):
        risks.add_column(column)
    for label, items in (
        ("[green]closed[/]", comparison.risks_closed),
        ("[red]new[/]", comparison.risks_new),
        ("re-rated", comparison.risks_rerated),
    ):
        for risk in items:
            then = f"{risk.base_score} {risk.base_rating}" if risk.base_score is not None else "–"
            now = f"{risk.new_score} {risk.new_rating}" if risk.new_score is not None else "–"
            risks.add_row(label, risk.title, then, now)
    parts.append(risks if risks.row_count else Text("No risk changed."))
    actions = Table(title="Roadmap", title_justify="left")
    actions.add_column("Change")
    actions.add_column("Action")
    actions.add_column("Slice")
    for label, changes in (
        ("[green]no longer needed[/]", comparison.actions_no_longer_needed),
        ("[red]newly needed[/]", comparison.actions_newly_needed),
    ):
        for action in changes:
            actions.add_row(label, action.title, action.slice)
    parts.append(actions if actions.row_count else Text("The roadmap did not change."))
    statuses = Table(title="Tracking", title_justify="left")
    for column in ("Of", "Item", "Then", "Now"):
        statuses.add_column(column)
    for kind, moves in (("risk", comparison.risk_responses), ("action", comparison.action_statuses)):
        for move in moves:
            statuses.add_row(kind, Text(move.title), move.before, move.after)
    if statuses.row_count:
        parts.append(statuses)
    return Group(*parts)


def _score(score: float | None, level: int | None) -> str:
    """Show a score with its level, or a dash."""
    if score is None:
        return "–"
    return f"{score:.2f} (L{level})"


def _delta(delta: float | None) -> str:
    """Show a delta with its sign and colour."""
    if delta is None:
        return "–"
    if delta > 0:
        return f"[green]+{delta:.2f}[/]"
    if delta < 0:
        return f"[red]{delta:.2f}[/]"
    return "0.00"
