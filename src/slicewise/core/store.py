"""Assessment files: create, load strictly (never touching a bad file), check answers, save atomically."""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from slicewise.core.atomic import atomic_write_bytes, atomic_write_text, utf8
from slicewise.core.errors import FileChangedError, Problem, SlicewiseError
from slicewise.core.identity import derived_id, new_assessment_id
from slicewise.core.kinds import kind_of
from slicewise.core.models.assessment import (
    FORMAT_NAME,
    FORMAT_TAG,
    FORMAT_VERSION,
    OLDEST_VERSION,
    UNKNOWN,
    Assessment,
    Engagement,
    QuestionnaireRef,
)
from slicewise.core.models.questionnaire import (
    LATENCIES,
    PATTERNS,
    SAFEGUARDS,
)
from slicewise.core.paths import describe_os_error, is_dir, is_file, read_input
from slicewise.core.tomlsource import TomlDocument, parse_toml_bytes, read_toml

if TYPE_CHECKING:  # avoids an import cycle at run time
    from slicewise.core.loader import Bundle

TRACKING = ("adjustments", "custom_risks", "custom_actions", "milestones")
"""The optional tracking tables (adjustments, custom risks and actions, milestones), written only when not empty."""

MAX_VERSION_DIGITS = 6
"""A format version longer than this is not a version (and `int()` of thousands of digits is refused)."""
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
    return Assessment(id=new_assessment_id(), questionnaire=reference, engagement=engagement)


def read_assessment(path: Path) -> LoadedAssessment:
    """Read and validate an assessment file; raise a located `SlicewiseError` and leave the file alone if bad."""
    document = read_toml(Path(path), title=READ_TITLE)
    return _validate(document)


def parse_assessment(raw: bytes, path: Path) -> LoadedAssessment:
    """Validate assessment bytes that were read elsewhere (e.g. for a merge of many files)."""
    return _validate(parse_toml_bytes(raw, Path(path), title=READ_TITLE))


def _validate(document: TomlDocument) -> LoadedAssessment:
    """Check the format tag, then the model, reporting each problem with its line."""
    tag = document.data.get("format")
    if tag != FORMAT_TAG:  # the line map is built only when there is something to point at
        _check_tag(document, tag)
    try:
        assessment = Assessment.model_validate(document.data)
    except ValidationError as error:
        raise SlicewiseError(READ_TITLE, document.problems(error)) from None
    return LoadedAssessment(migrate(assessment), document)


def _check_tag(document: TomlDocument, tag: Any) -> None:
    """Refuse a format tag that is missing, foreign, unreadable, too new or too old, pointing at its line."""
    path = str(document.path)
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
    if not (version_text.isascii() and version_text.isdigit() and len(version_text) <= MAX_VERSION_DIGITS):
        shown = tag if len(tag) <= 60 else tag[:57] + "..."
        raise SlicewiseError.single(READ_TITLE, path, f"unreadable format version in '{shown}'", line)
    if int(version_text) > FORMAT_VERSION:
        raise SlicewiseError.single(
            READ_TITLE,
            path,
            f"written by a newer slicewise (format version {version_text}); this version reads up to "
            f"{FORMAT_VERSION}: upgrade slicewise to open it",
            line,
        )
    if int(version_text) < OLDEST_VERSION:
        raise SlicewiseError.single(
            READ_TITLE, path, f"format version {version_text} is older than any slicewise", line
        )


def migrate(assessment: Assessment) -> Assessment:
    """Bring an assessment read from an older format up to the current one, keeping every value.

    `/1` lacks flow modes, unknown safeguards, service levels and ownership scopes; their defaults (delta,
    none unknown, not recorded, unscoped) say exactly what a `/1` file said, so only the tag changes. A file
    without an id gets the one derived from its engagement facts, the same on every read until it is saved.
    """
    if assessment.format == FORMAT_TAG and assessment.id:
        return assessment
    return assessment.model_copy(update={"format": FORMAT_TAG, "id": assessment.id or derived_id(assessment)})


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
    assessment, bundle, _hold = open_held(path)
    return assessment, bundle


def open_held(path: Path) -> tuple[Assessment, Bundle, FileHold]:
    """Open an assessment as `open_assessment` does, holding its file for the saves that follow."""
    loaded, hold = hold_assessment(Path(path))
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
    return loaded.assessment, bundle, hold


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
            for number, scope in enumerate(entry.scopes):
                for system in getattr(scope, role):
                    if system not in systems:
                        add(
                            ("ownership", object_id, "scopes", number, role),
                            f"{object_id} ({scope.scope}).{role}: unknown system role '{system}'",
                        )
    for number, flow in enumerate(assessment.flows):
        flow_loc: tuple[Any, ...] = ("flows", number)
        for field_name in ("source", "target"):
            if getattr(flow, field_name) not in systems:
                add((*flow_loc, field_name), f"flow {flow.id}: unknown system role '{getattr(flow, field_name)}'")
        if flow.pattern not in (*PATTERNS, UNKNOWN):
            add(
                (*flow_loc, "pattern"),
                f"flow {flow.id}: unknown pattern '{flow.pattern}' (known: {', '.join(PATTERNS)}, or {UNKNOWN})",
            )
        if flow.latency not in (*LATENCIES, UNKNOWN):
            add(
                (*flow_loc, "latency"),
                f"flow {flow.id}: unknown latency '{flow.latency}' (known: {', '.join(LATENCIES)}, or {UNKNOWN})",
            )
        for key in ("safeguards", "unknown_safeguards"):
            for safeguard in getattr(flow, key):
                if safeguard not in SAFEGUARDS:
                    add((*flow_loc, key), f"flow {flow.id}: unknown safeguard '{safeguard}'")
        for safeguard in sorted(set(flow.safeguards) & set(flow.unknown_safeguards)):
            add((*flow_loc, "unknown_safeguards"), f"flow {flow.id}: '{safeguard}' is both in place and unknown")
        for object_id in flow.objects:
            if object_id not in objects:
                add((*flow_loc, "objects"), f"flow {flow.id}: unknown business object '{object_id}'")
    flow_counts = Counter(f.id for f in assessment.flows)
    for duplicate in sorted(f for f, count in flow_counts.items() if count > 1):
        add(("flows",), f"duplicate flow id '{duplicate}'")
    return problems


def dumps_assessment(assessment: Assessment) -> str:
    """Render an assessment as TOML: format tag first, empty optional values left out, stable key order."""
    from slicewise.core.tomlwrite import dumps_toml

    data = assessment.model_dump(
        mode="json", exclude_none=True, exclude={"answers", "ownership", "flows", "merge", *TRACKING}
    )
    data = {"format": data.pop("format"), **data}
    if not data.get("id"):
        data.pop("id", None)
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
    for key in TRACKING:
        data[key] = [item.model_dump(mode="json", exclude_defaults=True) for item in getattr(assessment, key)]
    for key in ("answers", "ownership", "flows", *TRACKING):
        if not data[key]:
            del data[key]
    return dumps_toml(data)


def save_assessment(assessment: Assessment, path: Path) -> None:
    """Save where no writer holds the file yet (a new file, a demo): refuse to replace anything but an assessment.

    A symbolic link is followed and its target written atomically. The file is checked before the save
    and again just before the rename, so a foreign file swapped in meanwhile is still left alone.
    """
    target = writable_target(Path(path), SAVE_TITLE)
    refuse_foreign_file(target)
    atomic_write_text(target, dumps_assessment(assessment), title=SAVE_TITLE, check=lambda: refuse_foreign_file(target))


def writable_target(path: Path, title: str) -> Path:
    """The absolute file a save of `path` must replace: a symbolic link's final target, never the link itself."""
    absolute = Path(os.path.abspath(path))
    try:
        return Path(os.path.realpath(absolute, strict=False)) if absolute.is_symlink() else absolute
    except OSError as exc:
        raise SlicewiseError.single(title, str(path), describe_os_error(exc)) from None
    except RuntimeError:
        raise SlicewiseError.single(title, str(path), describe_os_error(OSError(errno.ELOOP, "loop"))) from None


def refuse_foreign_file(path: Path) -> None:
    """Refuse to overwrite an existing file unless its parsed content carries the assessment format tag.

    The document is parsed, not matched by its first bytes, so comments and any valid TOML spelling of
    `format = "slicewise-assessment/N"` are recognised; a missing or empty file is fine to write.
    """
    if is_dir(path):
        raise SlicewiseError.single(SAVE_TITLE, str(path), "this path is a folder, not a file")
    raw = _current_bytes(path, SAVE_TITLE)
    if not raw:
        return
    try:
        tag = parse_toml_bytes(raw, path, title=SAVE_TITLE).data.get("format")
    except SlicewiseError:
        tag = None
    if not (isinstance(tag, str) and tag.partition("/")[0] == FORMAT_NAME):
        raise SlicewiseError.single(
            SAVE_TITLE,
            str(path),
            "the file there is not a slicewise assessment; it was left untouched (choose another file name)",
        )


def _current_bytes(path: Path, title: str) -> bytes | None:
    """What is at `path` now (bounded, regular files only), or None when nothing is there."""
    try:
        return read_input(path, title=title)
    except SlicewiseError as error:
        if error.problems and error.problems[0].message == "file not found":
            return None
        raise


def content_digest(data: bytes | None) -> str | None:
    """The content hash a writer remembers of a file (None: there was no file, or it was empty)."""
    return hashlib.sha256(data).hexdigest() if data else None


CHANGED_TITLE = "The file was changed by someone else"


@dataclass
class FileHold:
    """One writer's hold on a file: its absolute path and the content it last read or wrote there.

    Every save checks (by content hash, twice: before writing and just before the rename) that the file
    on disk is still that content, so no writer ever replaces another's change. A file that has vanished
    (its folder deleted and recreated) is simply written again. `sync` and `serve` hold files the same way.
    """

    path: Path
    """The file, absolute, so a later change of working folder cannot move it."""
    digest: str | None
    """Hash of the content last read or written (None: there was no file)."""
    base: bytes = b""
    """That content itself, so a change made meanwhile can be merged with ours (see `core.rebase`)."""

    @classmethod
    def empty(cls, path: Path) -> FileHold:
        """Hold a file that does not exist yet (a new assessment)."""
        return cls(Path(os.path.abspath(Path(path).expanduser())), None)

    @classmethod
    def of(cls, path: Path, raw: bytes) -> FileHold:
        """Hold a file whose content `raw` was just read."""
        return cls(Path(os.path.abspath(Path(path).expanduser())), content_digest(raw), raw)

    def on_disk(self) -> bytes | None:
        """The file's content now (None when it is missing or empty)."""
        return _current_bytes(writable_target(self.path, SAVE_TITLE), SAVE_TITLE) or None

    def changed(self) -> bool:
        """Tell whether someone else wrote the file since we last read or wrote it (a vanished file has not)."""
        current = self.on_disk()
        return current is not None and content_digest(current) != self.digest

    def check(self) -> None:
        """Raise `FileChangedError` when the file on disk is no longer what we last read or wrote."""
        if self.changed():
            raise FileChangedError(
                CHANGED_TITLE,
                [
                    Problem(
                        str(self.path),
                        None,
                        "another program or window saved it since it was opened here; nothing was overwritten",
                    )
                ],
            )

    def write(self, data: bytes, *, title: str = SAVE_TITLE) -> None:
        """Replace the file atomically with `data` if nobody else changed it, then hold the new content."""
        target = writable_target(self.path, title)
        self.check()
        atomic_write_bytes(target, data, title=title, check=self.check)
        self.digest = content_digest(data)
        self.base = data

    def base_assessment(self) -> Assessment | None:
        """The assessment as we last read or wrote it (None for a file we have not written yet)."""
        if not self.base:
            return None
        return _validate(parse_toml_bytes(self.base, self.path, title=READ_TITLE)).assessment


def hold_assessment(path: Path) -> tuple[LoadedAssessment, FileHold]:
    """Read an assessment and hold its file, so saves can tell if anyone else changed it meanwhile."""
    raw = read_input(Path(path), title=READ_TITLE)
    return parse_assessment(raw, Path(path)), FileHold.of(Path(path), raw)


def save_held(assessment: Assessment, hold: FileHold) -> None:
    """Save an assessment to a held file: refused (`FileChangedError`) when someone else changed it."""
    target = writable_target(hold.path, SAVE_TITLE)
    if hold.digest is None:
        refuse_foreign_file(target)
    try:
        hold.write(utf8(dumps_assessment(assessment)))
    except FileChangedError as error:
        try:
            refuse_foreign_file(target)
        except SlicewiseError as foreign:
            raise FileChangedError(foreign.title, foreign.problems) from None
        raise error from None


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
