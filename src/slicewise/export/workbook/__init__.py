"""The Excel workbook: one module per sheet, built with openpyxl (imported only when a workbook is written)."""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.packaging.custom import StringProperty

from slicewise.core.models.assessment import Assessment
from slicewise.core.models.results import Results
from slicewise.export.labels import BundleLike, Labels
from slicewise.export.names import ID_PROPERTY, key_of
from slicewise.export.workbook import (
    answers,
    engagement,
    flows,
    heatmap,
    judgement,
    ownership,
    respondents,
    risks,
    roadmap,
    summary,
)
from slicewise.export.workbook.cells import StyleBook, clean_text
from slicewise.export.workbook.context import SheetContext
from slicewise.export.workbook.layout import fit_row_heights
from slicewise.export.workbook.package import document_time, workbook_bytes

SHEETS = (summary, roadmap, risks, heatmap, answers, ownership, flows, engagement)
"""The sheet modules, in tab order; Respondents follows when the assessment was merged."""


def build_workbook(bundle: BundleLike, assessment: Assessment, results: Results, paper: str = "a4") -> bytes:
    """Build the whole workbook for `paper` (a4, letter) and return its bytes (same input, same bytes)."""
    workbook = assemble_workbook(bundle, assessment, results, paper)
    return workbook_bytes(workbook, document_time(assessment.engagement.date))


def assemble_workbook(bundle: BundleLike, assessment: Assessment, results: Results, paper: str = "a4") -> Workbook:
    """Fill every sheet, row heights and document properties of an in-memory workbook."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    scratch = workbook.create_sheet("scratch")
    ctx = SheetContext(
        bundle=bundle,
        assessment=assessment,
        results=results,
        workbook=workbook,
        labels=Labels(bundle, assessment),
        book=StyleBook(scratch),
        paper=paper,
    )
    for module in SHEETS:
        module.write(ctx)
    if judgement.wanted(ctx):
        judgement.write(ctx)
    if respondents.wanted(ctx):
        respondents.write(ctx)
    for writer in ctx.writers:
        fit_row_heights(writer)
    workbook.remove(scratch)
    workbook.active = 0
    _properties(ctx)
    return workbook


def _properties(ctx: SheetContext) -> None:
    """Fill the document properties shown by File > Info and used by search."""
    engagement = ctx.assessment.engagement
    props = ctx.workbook.properties
    author = clean_text(engagement.consultant.strip() or "slicewise")[:200]
    props.title = clean_text(f"Integration architecture assessment — {ctx.client}")[:200]
    props.subject = clean_text(engagement.title.strip() or ctx.bundle.questionnaire.title)[:200]
    props.creator = author
    props.lastModifiedBy = author
    props.description = "Maturity scores, risk register and roadmap of delivery slices."
    props.keywords = "integration, assessment, roadmap, risk register"
    props.category = "Assessment"
    props.identifier = key_of(ctx.assessment)
    if ctx.assessment.id:
        ctx.workbook.custom_doc_props.append(StringProperty(name=ID_PROPERTY, value=ctx.assessment.id))
