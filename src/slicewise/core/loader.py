"""Load a questionnaire and its scoring model into a `Bundle`, reporting every problem with file and line."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from slicewise.core import content
from slicewise.core.errors import Problem, SlicewiseError
from slicewise.core.models.questionnaire import (
    AreaFile,
    Question,
    Questionnaire,
    QuestionnaireHeader,
)
from slicewise.core.models.scoring import RiskFile, RoadmapFile, ScoringBundle, ScoringModel
from slicewise.core.paths import is_dir, is_file, lexists
from slicewise.core.tomlsource import TomlDocument, read_toml

LOAD_TITLE = "The questionnaire or scoring model has problems"


@dataclass
class Bundle:
    """A questionnaire with its scoring model, ready to score assessments."""

    questionnaire: Questionnaire
    """The questionnaire, with every area's questions in walking order."""
    scoring: ScoringBundle
    """Its scoring model, risk rules and roadmap."""
    questionnaire_path: Path
    """The questionnaire folder."""
    scoring_path: Path
    """The scoring model folder."""
    builtin: bool = False
    """Whether it is one of the questionnaires shipped with slicewise."""


@dataclass
class Located:
    """Where an entry was defined, for cross-check messages; the line is looked up only when a problem needs it."""

    path: str
    document: TomlDocument | None = None
    key_path: tuple[str | int, ...] = ()

    @property
    def line(self) -> int | None:
        """The 1-based line of the key path in its document, if known."""
        return self.document.line_map.line_for(self.key_path) if self.document is not None else None


@dataclass
class SourceIndex:
    """Definition sites of questions, risks, actions and slices, for locating cross-check problems."""

    questions: dict[str, Located] = field(default_factory=dict)
    question_sites: list[Located] = field(default_factory=list)
    risks: dict[str, Located] = field(default_factory=dict)
    actions: dict[str, Located] = field(default_factory=dict)
    documents: dict[str, TomlDocument] = field(default_factory=dict)

    def at(self, doc_key: str, *loc: str | int) -> Located:
        """Locate a key path in one of the loaded documents."""
        doc = self.documents.get(doc_key)
        if doc is None:
            return Located(doc_key)
        return Located(str(doc.path), doc, loc)


class _Collector:
    """Accumulates problems so one run reports all of them."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, where: Located, message: str) -> None:
        """Record one problem."""
        self.problems.append(Problem(where.path, where.line, message))

    def parse(self, doc_key: str, path: Path, model: type[BaseModel], index: SourceIndex) -> Any | None:
        """Read a TOML file and validate it against `model`, recording problems instead of raising."""
        try:
            doc = read_toml(path, title=LOAD_TITLE)
        except SlicewiseError as error:
            self.problems.extend(error.problems)
            return None
        index.documents[doc_key] = doc
        try:
            return model.model_validate(doc.data)
        except ValidationError as error:
            self.problems.extend(doc.problems(error))
            return None


def resolve_questionnaire(reference: str | Path) -> Path:
    """Turn a built-in id or a folder / `questionnaire.toml` path into the questionnaire folder."""
    text = str(reference)
    path = Path(text).expanduser()
    if is_file(path) and path.name == "questionnaire.toml":
        return path.parent
    if is_dir(path):
        if is_file(path / "questionnaire.toml"):
            return path
        raise SlicewiseError.single("Cannot find the questionnaire", str(path), "this folder has no questionnaire.toml")
    folder = content.builtin_questionnaire(text)
    if folder is not None:
        return folder
    known = ", ".join(b.id for b in content.list_questionnaires()) or "none installed"
    raise SlicewiseError.single(
        "Cannot find the questionnaire",
        text,
        f"no built-in questionnaire has this id and no folder has this path (built-in: {known})",
    )


def load_bundle(reference: str | Path) -> Bundle:
    """Load a questionnaire (built-in id or folder) and its scoring model, or raise every problem found."""
    folder = resolve_questionnaire(reference)
    bundle, problems = load_bundle_checked(folder)
    if problems or bundle is None:
        raise SlicewiseError(LOAD_TITLE, sorted(set(problems), key=_problem_order))
    return bundle


def load_bundle_checked(folder: Path, *, advice: bool = False) -> tuple[Bundle | None, list[Problem]]:
    """Load a questionnaire folder and its scoring model, returning the bundle (if whole) and all problems.

    With `advice` (as `validate` asks), content that loads but leaves a risk without an action able to answer
    its cause is reported too.
    """
    from slicewise.core import contentcache

    builtin = content.is_builtin(folder)
    entry = contentcache.bundle_entry(folder) if builtin and not advice else None
    kept = contentcache.recall_bundle(entry, folder) if entry is not None else None
    if kept is not None:  # these exact files loaded with no problem before, with this exact core
        return kept, []
    from slicewise.core import crosscheck

    collector = _Collector()
    index = SourceIndex()
    questionnaire = _load_questionnaire(folder, collector, index)
    header_id = questionnaire.id if questionnaire else folder.name
    scoring_dir = content.scoring_folder_for(folder, header_id)
    scoring = None
    if scoring_dir is None:
        collector.add(
            Located(str(folder)),
            f"no scoring model found for '{header_id}' (looked for scoring/ beside it and scoring/{header_id}/)",
        )
    else:
        scoring = _load_scoring(scoring_dir, collector, index)
    if questionnaire is not None and scoring is not None:
        collector.problems.extend(crosscheck.check_bundle(questionnaire, scoring, index))
        if advice:
            from slicewise.core.plan.check import unanswerable

            collector.problems.extend(unanswerable(scoring, index))
    if collector.problems or questionnaire is None or scoring is None or scoring_dir is None:
        return None, collector.problems
    bundle = Bundle(questionnaire, scoring, folder, scoring_dir, builtin)
    if entry is not None:
        contentcache.remember_bundle(entry, bundle)
    return bundle, []


def _load_questionnaire(folder: Path, collector: _Collector, index: SourceIndex) -> Questionnaire | None:
    """Read `questionnaire.toml` and every area file, checking what can be checked file by file."""
    header: QuestionnaireHeader | None = collector.parse(
        "questionnaire", folder / "questionnaire.toml", QuestionnaireHeader, index
    )
    if header is None:
        return None
    from slicewise.core import crosscheck

    collector.problems.extend(crosscheck.check_header(header, index))
    questions: list[Question] = []
    digest = hashlib.sha256()
    digest.update(b"questionnaire.toml\0" + index.documents["questionnaire"].text.encode("utf-8"))
    complete = True
    for position, area in enumerate(header.areas):
        name = area.file or f"{area.id}.toml"
        try:
            path = (folder / name).resolve()
        except RuntimeError:
            collector.add(
                index.at("questionnaire", "areas", position, "file"),
                f"area '{area.id}': its file {name} is a symbolic link loop (the link points back to itself)",
            )
            complete = False
            continue
        except (OSError, ValueError):
            collector.add(index.at("questionnaire", "areas", position, "file"), f"area '{area.id}': unusable file name")
            complete = False
            continue
        if not path.is_relative_to(folder.resolve()):
            collector.add(index.at("questionnaire", "areas", position, "file"), "area file must be inside the folder")
            complete = False
            continue
        if not lexists(path):
            collector.add(
                index.at("questionnaire", "areas", position),
                f"area '{area.id}': its file {name} does not exist",
            )
            complete = False
            continue
        area_file: AreaFile | None = collector.parse(f"area:{area.id}", path, AreaFile, index)
        if area_file is None:
            complete = False
            continue
        digest.update(name.encode() + b"\0" + index.documents[f"area:{area.id}"].text.encode("utf-8"))
        for number, question in enumerate(area_file.question):
            located = index.at(f"area:{area.id}", "question", number)
            index.questions.setdefault(question.id, located)
            index.question_sites.append(located)
            questions.append(question)
        collector.problems.extend(crosscheck.check_area_file(area.id, area_file, index))
    if not complete:
        return None
    return Questionnaire(
        id=header.id,
        title=header.title,
        version=header.version,
        description=header.description,
        digest=digest.hexdigest()[:16],
        areas=header.areas,
        objects=header.objects,
        systems=header.systems,
        questions=questions,
    )


def _load_scoring(folder: Path, collector: _Collector, index: SourceIndex) -> ScoringBundle | None:
    """Read `scoring.toml`, `risks.toml` and `roadmap.toml` from a scoring folder."""
    model: ScoringModel | None = collector.parse("scoring", folder / "scoring.toml", ScoringModel, index)
    risks: RiskFile | None = RiskFile()
    if lexists(folder / "risks.toml"):  # a broken link or a loop is reported, never skipped
        risks = collector.parse("risks", folder / "risks.toml", RiskFile, index)
    roadmap: RoadmapFile | None = collector.parse("roadmap", folder / "roadmap.toml", RoadmapFile, index)
    if model is None or risks is None or roadmap is None:
        return None
    for number, rule in enumerate(risks.risk):
        index.risks.setdefault(rule.id, index.at("risks", "risk", number))
    for number, action in enumerate(roadmap.action):
        index.actions.setdefault(action.id, index.at("roadmap", "action", number))
    return ScoringBundle(model=model, risks=risks.risk, slices=roadmap.slice, actions=roadmap.action, plan=roadmap.plan)


def validate_folders(references: list[str]) -> tuple[list[str], list[Problem]]:
    """Validate questionnaire folders (or all built-in ones); return what was checked and every problem."""
    targets = references or [b.id for b in content.list_questionnaires()]
    checked: list[str] = []
    problems: list[Problem] = []
    for reference in targets:
        try:
            folder = resolve_questionnaire(reference)
        except SlicewiseError as error:
            problems.extend(error.problems)
            continue
        _bundle, found = load_bundle_checked(folder, advice=True)
        checked.append(str(folder))
        problems.extend(found)
    return checked, sorted(set(problems), key=_problem_order)


def _problem_order(problem: Problem) -> tuple[str, int, str]:
    """Sort problems by file, then line, then message."""
    return (problem.path, problem.line or 0, problem.message)
