"""The plan as a CSV for issue trackers (Jira, Azure DevOps, GitHub Projects): one row per action instance.

UTF-8 with a byte-order mark (so Excel and the trackers read accents), CRLF rows, every value quoted when needed
by the csv module. A cell that a spreadsheet would run as a formula (starting with = + - @ or a tab) gets a
leading apostrophe, so user text stays text. The last column carries the assessment's key, which tells one
assessment's export from another's when an earlier file is about to be replaced.
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
    "ID",
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
    "Status",
    "Target date",
    "Area",
    "Tags",
    "Assessment",
]
"""The columns, documented in docs/trackers.md with each tracker's mapping."""
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
    for action in all_actions(results):
        index, title = order.get(action.slice, (len(order) + 1, "Later"))
        if action.slice == LATER:
            title = "Later"
        row = {
            "ID": action.id,
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
    if header != HEADERS:
        return None
    first = next(rows, None)
    if first is None or len(first) != len(HEADERS):
        return None
    found = first[HEADERS.index(KEY_COLUMN)]
    return found if found.startswith("slicewise-assessment:") else None
