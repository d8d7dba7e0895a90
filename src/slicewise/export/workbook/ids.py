"""Short ids for the workbook: risks R01 … in register order, actions A01 … in plan order.

Engine ids are long machine strings that wrap mid-word in a cell; people quote short ids in meetings. The
numbering follows the order of the results (risks highest first, actions slice by slice), so the same
input always gives the same ids, and every sheet uses this one mapping.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field


def _numbered(prefix: str, ids: Iterable[str]) -> dict[str, str]:
    """Number ids in order, two digits wide (three or more when there are more than 99)."""
    unique = list(dict.fromkeys(ids))
    width = max(2, len(str(len(unique))))
    return {engine: f"{prefix}{index:0{width}d}" for index, engine in enumerate(unique, start=1)}


@dataclass(frozen=True)
class ShortIds:
    """The short id of every risk and action of one export."""

    risks: dict[str, str] = field(default_factory=dict)
    actions: dict[str, str] = field(default_factory=dict)

    @classmethod
    def build(cls, risk_ids: Iterable[str], action_ids: Iterable[str]) -> ShortIds:
        """Number the risks and the actions in the order given."""
        return cls(risks=_numbered("R", risk_ids), actions=_numbered("A", action_ids))

    def risk(self, engine_id: str) -> str:
        """Return a risk's short id (its engine id when it is not in this export)."""
        return self.risks.get(engine_id, engine_id)

    def action(self, engine_id: str) -> str:
        """Return an action's short id (its engine id when it is not in this export)."""
        return self.actions.get(engine_id, engine_id)
