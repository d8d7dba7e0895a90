"""What one flow needs and what it lacks: safeguards by latency class, money flows, snapshots and unknowns.

Needs come from the scoring model: the safeguards its latency class requires, dead-letter handling and
replay for any flow that moves money, staleness and completeness checks instead of idempotency for a full
snapshot, and always a named failure owner. A need the room could not confirm either way is *unknown*,
never *missing*: it is left out of the flow's share and raises an unverified finding instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from slicewise.core.models.assessment import UNKNOWN, Flow
from slicewise.core.models.scoring import FlowAnalysers

FAILURE_OWNER = "failure-owner"
"""The requirement id of a named failure owner, counted beside the required safeguards of a flow."""


@dataclass
class FlowCheck:
    """One flow's requirements: what it needs, what it lacks for sure, and what nobody could confirm."""

    flow: Flow
    """The flow."""
    needs: list[str]
    """Requirement ids (safeguards and `failure-owner`), in the model's order."""
    missing: list[str] = field(default_factory=list)
    """Requirements known to be missing."""
    unknown: list[str] = field(default_factory=list)
    """Requirements nobody could confirm (unknown safeguard, owner, mode or latency)."""
    money: bool = False
    """It moves money: dead-letter handling and replay are needed at any latency."""
    why: dict[str, str] = field(default_factory=dict)
    """Requirement id → why the flow needs it (`near-real-time flows`, `money flows`, `snapshots`)."""

    @property
    def share(self) -> float:
        """The share of the requirements that can be judged that are met (unknowns left out, never a zero)."""
        judged = len(self.needs) - len(self.unknown)
        return (judged - len(self.missing)) / judged if judged else 1.0


def is_money_flow(flow: Flow, settings: FlowAnalysers) -> bool:
    """Tell whether a flow moves money: it carries a money object, or an order-like object into a finance system."""
    money = settings.money
    if money is None:
        return False
    if any(o in money.objects for o in flow.objects):
        return True
    return flow.target in money.finance_systems and any(o in money.to_finance for o in flow.objects)


def check_flow(flow: Flow, settings: FlowAnalysers) -> FlowCheck:
    """Work out one flow's requirements and which of them are missing or unknown."""
    why: dict[str, str] = {}

    def need(requirement: str, reason: str) -> None:
        why.setdefault(requirement, reason)

    latency_known = flow.latency != UNKNOWN
    if latency_known:
        for safeguard in settings.required_safeguards.get(flow.latency, []):
            need(safeguard, f"{flow.latency} flows")
    else:
        # Needed whatever the latency: what every latency class asks for.
        classes = list(settings.required_safeguards.values())
        common = [s for s in classes[0] if all(s in c for c in classes)] if classes else []
        for safeguard in common:
            need(safeguard, "every latency class")
    money = is_money_flow(flow, settings)
    if money and settings.money is not None:
        for safeguard in settings.money.requires:
            need(safeguard, "money flows, at any latency")
    mode_dependent: set[str] = set()
    snapshot = settings.snapshot
    if snapshot is not None:
        mode_dependent = {*snapshot.replaces, *snapshot.requires}
        if flow.mode == "snapshot":
            for safeguard in snapshot.replaces:
                if not (money and settings.money is not None and safeguard in settings.money.requires):
                    why.pop(safeguard, None)
            for safeguard in snapshot.requires:
                need(safeguard, "full snapshots")
    need(FAILURE_OWNER, "every flow")
    needs = list(why)
    have = set(flow.safeguards)
    not_known = set(flow.unknown_safeguards)
    missing: list[str] = []
    unknown: list[str] = []
    for requirement in needs:
        if requirement == FAILURE_OWNER:
            state = flow.owner_state()
            if state == "missing":
                missing.append(requirement)
            elif state == "unknown":
                unknown.append(requirement)
        elif requirement in have:
            continue
        elif requirement in not_known or (flow.mode == UNKNOWN and requirement in mode_dependent):
            unknown.append(requirement)
        else:
            missing.append(requirement)
    return FlowCheck(flow, needs, missing, unknown, money, why)
