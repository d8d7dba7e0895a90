"""Assessment files: create, load strictly (never touching a bad file), check answers, save atomically."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from slicewise.core.atomic import atomic_write_text
from slicewise.core.errors import Problem, SlicewiseError
from slicewise.core.kinds import kind_of
from slicewise.core.models.assessment import (
    FORMAT_NAME,
    FORMAT_TAG,
    FORMAT_VERSION,
    Assessment,
    Engagement,
    QuestionnaireRef,
)
from slicewise.core.models.questionnaire import (
    LATENCIES,
    PATTERNS,
    SAFEGUARDS,
)
from slicewise.core.paths import is_file
from slicewise.core.tomlsource import TomlDocument, parse_toml_bytes, read_toml

if False:  # pragma: no cover - typing only, avoids an import cycle at run time
    from slicewise.core.loader import Bundle

READ_TITLE = "Cannot read the assessment file"
SAVE_TITLE = "Cannot save the assessment file"


@dataclass
class LoadedAssessment:
    """An assessment read from disk with the parsed document, for locating later checks."""

    assessment: Assessment
    """The validated assessment."""
    document: TomlDocument
    """The TOML document it came from."""


def new_assessment(
    bundle: Bundle,
    *,
    client: str = "",
    respondent: str = "",
    consultant: str = "",
    title: str = "",
    date: str | None = None,
) -> Assessment:
    """Start an empty assessment for a questionnaire, dated today unless a date is given."""
    questionnaire = bundle.questionnaire
    reference = QuestionnaireRef(
        id=questionnaire.id,
        version=questionnaire.version,
        digest=questionnaire.digest,
        path="" if bundle.builtin else str(bundle.questionnaire_path.resolve()),
    )
    engagement = Engagement(
        client=client,
        respondent=respondent,
        consultant=consultant,
        title=title or questionnaire.title,
        date=date or dt.date.today().isoformat(),
    )
    return Assessment(questionnaire=reference, engagement=engagement)


def read_assessment(path: Path) -> LoadedAssessment:
    """Read and validate an assessment file; raise a located `SlicewiseError` and leave the file alone if bad."""
    document = read_toml(Path(path), title=READ_TITLE)
    return _validate(document)


def parse_assessment(raw: bytes, path: Path) -> LoadedAssessment:
    """Validate assessment bytes that were read elsewhere (e.g. for a merge of many files)."""
    return _validate(parse_toml_bytes(raw, Path(path), title=READ_TITLE))


def _validate(document: TomlDocument) -> LoadedAssessment:
    """Check the format tag, then the model, reporting each problem with its line."""
    path = str(document.path)
    tag = document.data.get("format")
    line = document.line_map.line_for(("format",))
    if not isinstance(tag, str):
        raise SlicewiseError.single(
            READ_TITLE, path, f'not a slicewise assessment: it has no format = "{FORMAT_TAG}" line', line
        )
    name, _, version_text = tag.partition("/")
    if name != FORMAT_NAME:
        raise SlicewiseError.single(
            READ_TITLE, path, f"this is a '{tag}' file, not a slicewise assessment ({FORMAT_TAG})", line
        )
    if not version_text.isdigit():
        raise SlicewiseError.single(READ_TITLE, path, f"unreadable format version in '{tag}'", line)
    if int(version_text) > FORMAT_VERSION:
        raise SlicewiseError.single(
            READ_TITLE,
            path,
            f"written by a newer slicewise (format version {version_text}); this version reads up to "
            f"{FORMAT_VERSION}: upgrade slicewise to open it",
            line,
        )
    try:
        assessment = Assessment.model_validate(document.data)
    except ValidationError as error:
        raise SlicewiseError(READ_TITLE, document.problems(error)) from None
    return LoadedAssessment(assessment, document)


def load_assessment(path: Path) -> Assessment:
    """Read and validate an assessment file (see `read_assessment`)."""
    return read_assessment(path).assessment


def load_bundle_for(assessment: Assessment, path: Path | None = None, line: int | None = None) -> Bundle:
    """Load the questionnaire an assessment names: its recorded folder first, else the built-in id."""
    from slicewise.core.loader import load_bundle

    reference = assessment.questionnaire
    where = str(path) if path else reference.id
    if reference.path:
        folder = Path(reference.path)
        if not folder.is_absolute() and path is not None:
            folder = Path(path).parent / folder
        if is_file(folder / "questionnaire.toml"):
            return load_bundle(folder)
    from slicewise.core import content

    if content.builtin_questionnaire(reference.id) is None:
        detail = f" or at {reference.path}" if reference.path else ""
        raise SlicewiseError.single(
            "Cannot find the questionnaire this assessment was answered with",
            where,
            f"questionnaire '{reference.id}' is not built in{detail}",
            line,
        )
    return load_bundle(reference.id)


def open_assessment(path: Path) -> tuple[Assessment, Bundle]:
    """Load an assessment and its questionnaire, and check every answer against it (all problems at once)."""
    loaded = read_assessment(Path(path))
    try:
        bundle = load_bundle_for(loaded.assessment, Path(path))
    except SlicewiseError as error:
        line = loaded.document.line_map.line_for(("questionnaire", "id"))
        error.problems = [
            Problem(p.path, p.line or line, p.message) if p.path == str(path) else p for p in error.problems
        ]
        raise
    problems = check_answers(bundle, loaded)
    if problems:
        raise SlicewiseError("The assessment does not fit its questionnaire", problems)
    return loaded.assessment, bundle


def check_answers(bundle: Bundle, loaded: LoadedAssessment) -> list[Problem]:
    """Check that answers, ownership and flows use ids the questionnaire knows; orphan answers are allowed."""
    assessment = loaded.assessment
    questionnaire = bundle.questionnaire
    path = str(loaded.document.path)
    problems: list[Problem] = []

    def add(loc: tuple[Any, ...], message: str) -> None:
        problems.append(Problem(path, loaded.document.line_map.line_for(loc), message))

    for question_id, answer in assessment.answers.items():
        question = questionnaire.question(question_id)
        if question is None:
            continue
        for field_name, message in kind_of(question).answer_problems(question, answer):
            add(("answers", question_id, field_name), message)
    areas = {a.id for a in questionnaire.areas}
    for area_id in assessment.targets:
        if area_id not in areas:
            add(("targets", area_id), f"unknown area '{area_id}' in targets")
    objects = {o.id for o in questionnaire.objects}
    systems = {s.id for s in questionnaire.systems}
    for system in assessment.systems:
        if system not in systems:
            add(("systems", system), f"unknown system role '{system}'")
    for object_id, entry in assessment.ownership.items():
        if object_id not in objects:
            add(("ownership", object_id), f"unknown business object '{object_id}'")
        for role in ("create", "update", "consume"):
            for system in getattr(entry, role):
                if system not in systems:
                    add(("ownership", object_id, role), f"{object_id}.{role}: unknown system role '{system}'")
    for number, flow in enumerate(assessment.flows):
        flow_loc: tuple[Any, ...] = ("flows", number)
        for field_name in ("source", "target"):
            if getattr(flow, field_name) not in systems:
                add((*flow_loc, field_name), f"flow {flow.id}: unknown system role '{getattr(flow, field_name)}'")
        if flow.pattern not in PATTERNS:
            add(
                (*flow_loc, "pattern"),
                f"flow {flow.id}: unknown pattern '{flow.pattern}' (known: {', '.join(PATTERNS)})",
            )
        if flow.latency not in LATENCIES:
            add(
                (*flow_loc, "latency"),
                f"flow {flow.id}: unknown latency '{flow.latency}' (known: {', '.join(LATENCIES)})",
            )
        for safeguard in flow.safeguards:
            if safeguard not in SAFEGUARDS:
                add((*flow_loc, "safeguards"), f"flow {flow.id}: unknown safeguard '{safeguard}'")
        for object_id in flow.objects:
            if object_id not in objects:
                add((*flow_loc, "objects"), f"flow {flow.id}: unknown business object '{object_id}'")
    flow_ids = [f.id for f in assessment.flows]
    for duplicate in sorted({f for f in flow_ids if flow_ids.count(f) > 1}):
        add(("flows",), f"duplicate flow id '{duplicate}'")
    return problems


def dumps_assessment(assessment: Assessment) -> str:
    """Render an assessment as TOML: format tag first, empty optional values left out, stable key order."""
    from slicewise.core.tomlwrite import dumps_toml

    data = assessment.model_dump(mode="json", exclude_none=True, exclude={"answers", "ownership", "flows", "merge"})
    data = {"format": data.pop("format"), **data}
    data["answers"] = {
        key: answer.model_dump(mode="json", exclude_defaults=True, exclude_none=True)
        for key, answer in assessment.answers.items()
    }
    data["ownership"] = {
        key: entry.model_dump(mode="json", exclude_defaults=True) for key, entry in assessment.ownership.items()
    }
    data["flows"] = [flow.model_dump(mode="json", exclude_defaults=True) for flow in assessment.flows]
    if assessment.merge is not None:
        data["merge"] = assessment.merge.model_dump(mode="json", exclude_defaults=True)
    for key in ("answers", "ownership", "flows"):
        if not data[key]:
            del data[key]
    return dumps_toml(data)


def save_assessment(assessment: Assessment, path: Path) -> None:
    """Save atomically; refuse to replace a file that is not a slicewise assessment.

    The file is checked before the save and again just before the rename, so a foreign file swapped in
    while the new content was written and synced is still left alone.
    """
    path = Path(path)
    _refuse_foreign_file(path)
    atomic_write_text(path, dumps_assessment(assessment), title=SAVE_TITLE, check=lambda: _refuse_foreign_file(path))


def _refuse_foreign_file(path: Path) -> None:
    """Refuse to overwrite an existing file unless it starts with the assessment format line."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(512)
    except FileNotFoundError:
        return
    except IsADirectoryError:
        raise SlicewiseError.single(SAVE_TITLE, str(path), "this path is a folder, not a file") from None
    except (OSError, ValueError):
        return
    if head and not head.lstrip().startswith(f'format = "{FORMAT_NAME}/'.encode()):
        raise SlicewiseError.single(
            SAVE_TITLE,
            str(path),
            "the file there is not a slicewise assessment; it was left untouched (choose another file name)",
        )


def default_file_name(assessment: Assessment) -> str:
    """Suggest a file name from the client and date, e.g. `northwind-2026-11-27.toml`."""
    from slicewise.core.slug import slugify

    client = slugify(assessment.engagement.client or assessment.engagement.respondent or "assessment")
    date = assessment.engagement.date or "undated"
    return f"{client}-{slugify(date)}.toml"


def file_exists_nonempty(path: Path) -> bool:
    """Tell whether a file exists and has content (used to refuse overwriting with `new`)."""
    try:
        return os.path.getsize(path) > 0
    except OSError:
        return False
