"""The plan as a CSV for issue trackers (Jira, Azure DevOps, GitHub Projects): one row per action instance.

UTF-8 with a byte-order mark (so Excel and the trackers read accents), CRLF rows, every value quoted when needed
by the csv module. A cell that a spreadsheet would run as a formula (starting with = + - @ or a tab) gets a
leading apostrophe, so user text stays text. The last column carries the assessment's key, which tells one
assessment's export from another's when an earlier file is about to be replaced.

The columns follow the trackers' documented importers (docs/tracking.md): headers without punctuation (Jira),
`Work Item Type` and `Title` by Azure DevOps's own field names, no `ID` column (Azure DevOps reads an ID as an
existing work item to update), a first column whose name no importer needs (so an importer that keeps the
byte-order mark in the first header loses nothing), a numeric `Row` for Jira's Issue Id and dependencies as row
numbers beside the stable ids, dates as ISO `yyyy-MM-dd`.
"""

from __future__ import annotations

import csv
import io

from slicewise.core.adjust import all_actions
from slicewise.core.models.assessment import Assessment
from slicewise.core.models.results import PlannedAction, Results
from slicewise.core.models.tracking import LATER, label
from slicewise.export.labels import BundleLike, Labels
from slicewise.export.names import key_of

HEADERS = [
    "Slicewise ID",
    "Row",
    "Work Item Type",
    "Title",
    "Description",
    "Slice",
    "Slice order",
    "Owner",
    "Owner role",
    "Effort",
    "Effort days",
    "Depends on",
    "Depends on rows",
    "Status",
    "Target date",
    "Area",
    "Tags",
    "Assessment",
]
"""The columns, documented in docs/tracking.md with each tracker's mapping."""
ADDED = ("Slicewise ID", "Row", "Depends on rows")
"""The columns added since the first release, whose first column was `ID`."""
EARLIER_HEADERS = [["ID", *(name for name in HEADERS if name not in ADDED)]]
"""Column lists of earlier releases, still recognised as our exports (so --force may replace them)."""
KEY_COLUMN = "Assessment"
RISKY_START = ("=", "+", "-", "@", "\t", "\r")


def render_plan_csv(bundle: BundleLike, assessment: Assessment, results: Results, paper: str = "") -> bytes:
    """Render the plan's action instances (slices in order, then Later) as CSV bytes; same input, same bytes."""
    labels = Labels(bundle, assessment)
    order = {piece.id: (index, piece.title) for index, piece in enumerate(results.roadmap, start=1)}
    key = key_of(assessment)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADERS)
    actions = all_actions(results)
    rows = {action.id: number for number, action in enumerate(actions, start=1)}
    for number, action in enumerate(actions, start=1):
        index, title = order.get(action.slice, (len(order) + 1, "Later"))
        if action.slice == LATER:
            title = "Later"
        row = {
            "Slicewise ID": action.id,
            "Row": str(number),
            "Work Item Type": "Task",
            "Title": action.title,
            "Description": description(action),
            "Slice": title,
            "Slice order": str(index),
            "Owner": action.named_owner,
            "Owner role": action.owner,
            "Effort": action.effort,
            "Effort days": f"{action.effort_days:g}",
            "Depends on": ", ".join(action.depends_on),
            "Depends on rows": " ".join(str(rows[dep]) for dep in action.depends_on if dep in rows),
            "Status": label(action.status),
            "Target date": action.due,
            "Area": labels.area(action.area) if action.area else "",
            "Tags": f"slicewise-slice-{index}",
            KEY_COLUMN: key,
        }
        writer.writerow([_safe(row[name]) for name in HEADERS])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def description(action: PlannedAction) -> str:
    """The issue body: why the action is on the plan, what done looks like, and its detail."""
    parts = ["Why:", *(f"- {reason.text}" for reason in action.reasons)]
    if action.waits:
        parts.append(f"Waits: {action.waits}")
    parts.append(f"Evidence of done: {action.evidence}" if action.evidence else "Evidence of done: (not given)")
    if action.description:
        parts.append(f"Detail: {action.description}")
    return "\n".join(parts)


def _safe(value: str) -> str:
    """Keep text from being run as a spreadsheet formula."""
    return "'" + value if value.startswith(RISKY_START) else value


def csv_key(data: bytes) -> str | None:
    """Return the assessment key an earlier plan CSV carries, or None when it is not one of ours."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    rows = csv.reader(io.StringIO(text[: 1024 * 1024]))
    header = next(rows, None)
    if header is None or not any(header == known for known in [HEADERS, *EARLIER_HEADERS]):
        return None
    first = next(rows, None)
    if first is None or len(first) != len(header):
        return None
    found = first[header.index(KEY_COLUMN)]
    return found if found.startswith("slicewise-assessment:") else None
