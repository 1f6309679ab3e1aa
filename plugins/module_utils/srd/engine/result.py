# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The actions the SRD engine decides on and the result it returns.

Why a module of its own: action plugins, the emulator and the tests build actions and read
decisions without needing the state machine itself; ``to_dict`` gives the JSON an Ansible result
carries (rule ids and sentences, never Python objects).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping, Optional, Tuple, Union

from ansible_collections.mxha.srd.plugins.module_utils.srd.engine.effects import SyncRoles
from ansible_collections.mxha.srd.plugins.module_utils.srd.engine.state import PairState, RouteKey

__all__ = [
    "Trigger", "EventFired", "DisableDaemon", "EnableDaemon", "Action", "action_to_dict",
    "Step", "Outcome", "Override", "Switchover", "PeerMessage", "RouteChanges",
    "VrrpChange", "AdvertisementChange", "Decision",
]


# ---------------------------------------------------------------- actions


@dataclass(frozen=True)
class Trigger:
    """``request services redundancy-set id SET trigger redundancy-event EVENT [force]`` on a chassis."""

    chassis: str
    redundancy_set: int
    event: str
    force: bool = False


@dataclass(frozen=True)
class EventFired:
    """A monitored redundancy event occurs on a chassis (link down, rpd restart ...)."""

    chassis: str
    event: str


@dataclass(frozen=True)
class DisableDaemon:
    """The services redundancy daemon is deactivated on a chassis."""

    chassis: str


@dataclass(frozen=True)
class EnableDaemon:
    """The services redundancy daemon is activated again on a chassis."""

    chassis: str


Action = Union[Trigger, EventFired, DisableDaemon, EnableDaemon]


def action_to_dict(action: Action) -> dict:
    if isinstance(action, Trigger):
        return {"kind": "trigger", "chassis": action.chassis, "redundancy_set": action.redundancy_set,
                "event": action.event, "force": action.force}
    if isinstance(action, EventFired):
        return {"kind": "event", "chassis": action.chassis, "event": action.event}
    if isinstance(action, DisableDaemon):
        return {"kind": "disable_daemon", "chassis": action.chassis}
    return {"kind": "enable_daemon", "chassis": action.chassis}


# ---------------------------------------------------------------- result parts


def _route_text(route: RouteKey) -> str:
    return "%s (%s)" % route


@dataclass(frozen=True)
class Step:
    """One line of the trace: what happened and which rule said so."""

    rule_id: str
    text: str
    chassis: Optional[str] = None
    redundancy_set: Optional[int] = None

    def to_dict(self) -> dict:
        return {"rule_id": self.rule_id, "text": self.text, "chassis": self.chassis,
                "redundancy_set": self.redundancy_set}


@dataclass(frozen=True)
class Outcome:
    """One policy run: its primary-role action judged by a rule.

    ``direct`` is true for policies the action itself ran, false for those a peer event ran.
    ``cause`` is ``manual``, ``event``, ``peer`` or ``daemon``.
    """

    chassis: str
    redundancy_set: int
    policy: Optional[str]
    action: Optional[str]
    cause: str
    direct: bool
    allowed: bool
    rule_id: str
    reason: str

    def to_dict(self) -> dict:
        return dict(self.__dict__)


@dataclass(frozen=True)
class Override:
    """A condition that would have refused the change, and what overrode it."""

    chassis: str
    redundancy_set: int
    rule_id: str
    overrode: str
    by: str

    def to_dict(self) -> dict:
        return dict(self.__dict__)


@dataclass(frozen=True)
class Switchover:
    """The primary role of a set moved; stateful sync follows (source = new primary)."""

    redundancy_set: int
    from_chassis: Optional[str]   # None when no chassis was primary before
    to_chassis: str
    rule_id: str
    sync_target: Optional[str] = None  # the other chassis, if it has the set

    @property
    def sync_source(self) -> str:
        return self.to_chassis

    def to_dict(self) -> dict:
        return {"redundancy_set": self.redundancy_set, "from": self.from_chassis, "to": self.to_chassis,
                "rule_id": self.rule_id, "sync_source": self.sync_source, "sync_target": self.sync_target}


@dataclass(frozen=True)
class PeerMessage:
    """srd tells its peer that it released or acquired the primary role of a set."""

    to_chassis: str
    from_chassis: str
    redundancy_set: int
    message: str  # mastership-release | mastership-acquire

    def to_dict(self) -> dict:
        return dict(self.__dict__)


@dataclass(frozen=True)
class RouteChanges:
    """Signal routes a chassis gained and lost, net, over the whole decision."""

    added: Tuple[RouteKey, ...] = ()
    removed: Tuple[RouteKey, ...] = ()

    def to_dict(self) -> dict:
        return {"added": [_route_text(r) for r in self.added], "removed": [_route_text(r) for r in self.removed]}


@dataclass(frozen=True)
class VrrpChange:
    chassis: str
    group: int
    key: tuple
    before: int
    after: int

    def to_dict(self) -> dict:
        return {"chassis": self.chassis, "group": self.group, "key": list(self.key),
                "before": self.before, "after": self.after}


@dataclass(frozen=True)
class AdvertisementChange:
    chassis: str
    condition: str
    route: RouteKey
    before: bool
    after: bool

    def to_dict(self) -> dict:
        return {"chassis": self.chassis, "condition": self.condition, "route": _route_text(self.route),
                "before": self.before, "after": self.after}


@dataclass(frozen=True)
class Decision:
    """What srd on the pair would do for one action. A refusal is a normal result (allowed=False)."""

    action: Action
    allowed: bool
    rule_id: str
    reason: str
    before: PairState
    after: PairState
    outcomes: Tuple[Outcome, ...] = ()
    switchovers: Tuple[Switchover, ...] = ()
    signal_routes: Mapping[str, RouteChanges] = field(default_factory=dict)
    vrrp: Tuple[VrrpChange, ...] = ()
    advertisement: Tuple[AdvertisementChange, ...] = ()
    sync_roles: Tuple[SyncRoles, ...] = ()
    overridden: Tuple[Override, ...] = ()
    peer_messages: Tuple[PeerMessage, ...] = ()
    steps: Tuple[Step, ...] = ()
    warnings: Tuple[Step, ...] = ()

    @property
    def changed(self) -> bool:
        return self.before != self.after

    def to_dict(self) -> dict:
        return {
            "action": action_to_dict(self.action),
            "allowed": self.allowed,
            "rule_id": self.rule_id,
            "reason": self.reason,
            "changed": self.changed,
            "before": self.before.to_dict(),
            "after": self.after.to_dict(),
            "outcomes": [o.to_dict() for o in self.outcomes],
            "switchovers": [s.to_dict() for s in self.switchovers],
            "signal_routes": {k: v.to_dict() for k, v in sorted(self.signal_routes.items())},
            "vrrp": [v.to_dict() for v in self.vrrp],
            "advertisement": [a.to_dict() for a in self.advertisement],
            "sync_roles": [s.to_dict() for s in self.sync_roles],
            "overridden": [o.to_dict() for o in self.overridden],
            "peer_messages": [m.to_dict() for m in self.peer_messages],
            "steps": [s.to_dict() for s in self.steps],
            "warnings": [w.to_dict() for w in self.warnings],
        }
