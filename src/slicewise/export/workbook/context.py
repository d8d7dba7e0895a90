"""What every sheet module gets: the inputs, the report, readable labels and the shared style book."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from openpyxl.workbook.workbook import Workbook

from slicewise.core.models.assessment import Assessment
from slicewise.core.models.results import Finding, PlannedAction, Results
from slicewise.export.labels import BundleLike, Labels
from slicewise.export.report import split_findings
from slicewise.export.workbook.cells import SheetWriter, StyleBook, clean_text, safe_sheet_title
from slicewise.export.workbook.ids import ShortIds
from slicewise.export.workbook.layout import heading


def plan_part(results: Results, name: str) -> Any:
    """Return one part of the plan beside its slices (Later, projections, effort scale), or None when absent."""
    plan = getattr(results, "plan", None)
    return getattr(plan, name, None) if plan is not None else getattr(results, name, None)


def later_actions(results: Results) -> list[PlannedAction]:
    """Return the actions the plan keeps for later (an empty list when the results carry no Later list)."""
    return [item for item in plan_part(results, "later") or [] if isinstance(item, PlannedAction)]


@dataclass
class SheetContext:
    """The inputs of one export and the workbook being built from them."""

    bundle: BundleLike
    assessment: Assessment
    results: Results
    workbook: Workbook
    labels: Labels
    book: StyleBook
    paper: str = "a4"
    titles: set[str] = field(default_factory=set)
    writers: list[SheetWriter] = field(default_factory=list)

    @cached_property
    def findings(self) -> dict[str, list[Finding]]:
        """The analyser findings sorted into `ownership`, `flows` and `other`, exactly as the TOML report sorts them."""
        return split_findings(self.assessment, self.results)

    @cached_property
    def ids(self) -> ShortIds:
        """The short ids (R01 …, A01 …) every sheet shows for risks and actions."""
        actions = [action.id for piece in self.results.roadmap for action in piece.actions]
        actions += [action.id for action in later_actions(self.results)]
        return ShortIds.build((risk.id for risk in self.results.risks), actions)

    @cached_property
    def answering(self) -> dict[str, list[PlannedAction]]:
        """Risk id → the planned actions answering it, slices first in delivery order, then Later."""
        found: dict[str, list[PlannedAction]] = {}
        planned = [action for piece in self.results.roadmap for action in piece.actions]
        for action in planned + later_actions(self.results):
            for risk in action.risks:
                found.setdefault(risk, []).append(action)
        return found

    @property
    def client(self) -> str:
        """The client's name, or a neutral word when the engagement has none."""
        return self.assessment.engagement.client.strip() or "Client"

    @property
    def subtitle(self) -> str:
        """The line under every sheet title: client, engagement title and date."""
        engagement = self.assessment.engagement
        parts = [self.client, engagement.title.strip(), engagement.date.strip() or "undated"]
        return " · ".join(part for part in parts if part)

    @property
    def footer(self) -> str:
        """The left footer of printed pages: client and date (header and footer text is short, so it is cut)."""
        client = clean_text(self.client).replace("\n", " ")
        if len(client) > 60:
            client = client[:59] + "…"
        return f"{client} · {self.assessment.engagement.date.strip()[:20] or 'undated'}"

    def new_sheet(self, title: str, heading_text: str) -> SheetWriter:
        """Add a sheet with a valid unique name and write its title lines."""
        name = safe_sheet_title(title, self.titles)
        self.titles.add(name)
        sheet = self.workbook.create_sheet(name)
        sheet.sheet_view.showGridLines = False
        sheet.sheet_view.zoomScale = 100
        writer = SheetWriter(sheet, self.book)
        heading(writer, heading_text, self.subtitle)
        self.writers.append(writer)
        return writer
