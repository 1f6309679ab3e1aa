# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the audit starts from and everything that can happen to the pair, one failure at a time.

Why enumerated here, apart from applying them: the list is the audit's coverage, so it is one
readable function per kind, with stable ids (a report, a JUnit file and a truth test name a
scenario by id). Each failure is projected onto the components it reaches (``parts``); a
failure that reaches none (an interface only an unused event monitors) still appears, with no set.

Kinds (``KINDS``), in report order:

- ``steady``: nothing happens (the starting state itself is judged);
- ``link-down``: one monitored (physical) interface goes down;
- ``pic-down`` / ``fpc-down``: a PIC or an FPC fails, taking down every monitored interface the
  interface names place on it (only where that is more than one link);
- ``rpd-restart`` / ``rpd-abort``: the routing protocol daemon restarts or aborts;
- ``srd-disable``: srd is deactivated on a chassis (S19 on gateway 1, S20 on gateway 2);
- ``iccp-down``: the chassis lose each other over ICCP;
- ``hold-wait`` / ``hold-warned``: a chassis becomes not ready (wait) or warned for every set it is
  not primary for;
- ``peer-event``: srd receives a peer's ``mastership-acquire`` / ``-release`` for a set (performed as
  the request that triggers the event monitoring it, J3);
- ``trigger``: the manual request ``request services redundancy-set id N trigger redundancy-event E``,
  without and with ``force``, for every event of the set's acquire and release policies that does
  not monitor the peer (the events ``plan_primary`` would send).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import List, Mapping, Optional, Tuple

from ansible_collections.mxha.srd.plugins.module_utils.srd.audit.design import Component, Design
from ansible_collections.mxha.srd.plugins.module_utils.srd.engine.decide import initial_state
from ansible_collections.mxha.srd.plugins.module_utils.srd.engine.result import Trigger
from ansible_collections.mxha.srd.plugins.module_utils.srd.engine.state import ChassisState, PairState, RoleState

__all__ = ["Op", "Failure", "Start", "KINDS", "FAILURE_KINDS", "starting_states", "failures", "project"]

KINDS = ("steady", "link-down", "pic-down", "fpc-down", "rpd-restart", "rpd-abort", "srd-disable", "iccp-down",
         "hold-wait", "hold-warned", "peer-event", "trigger")
FAILURE_KINDS = frozenset(KINDS) - {"steady", "peer-event", "trigger"}
"""What depth 2 combines: failures, not the operator's requests."""


@dataclass(frozen=True)
class Op:
    """What one failure does to one component.

    ``kind``: ``links`` (interfaces go down), ``fire`` (events occur), ``daemon`` (srd deactivated),
    ``iccp`` (ICCP lost), ``hold`` (wait / warned), ``request`` (a manual request), ``none``.
    """

    kind: str
    chassis: Optional[str] = None
    items: Tuple[str, ...] = ()
    role: Optional[RoleState] = None
    trigger: Optional[Trigger] = None


@dataclass(frozen=True)
class Failure:
    """One thing that happens to the pair; ``parts`` maps component index -> what it does there."""

    id: str
    kind: str
    label: str
    chassis: Optional[str] = None
    parts: Mapping[int, Op] = field(default_factory=dict)
    redundancy_set: Optional[int] = None
    event: Optional[str] = None
    force: bool = False
    interfaces: Tuple[str, ...] = ()
    card: Tuple[int, ...] = ()

    def to_dict(self) -> dict:
        out = {"id": self.id, "kind": self.kind, "label": self.label, "chassis": self.chassis}
        if self.interfaces:
            out["interfaces"] = list(self.interfaces)
        if self.card:
            out["card"] = "/".join(map(str, self.card))
        if self.redundancy_set is not None:
            out.update(redundancy_set=self.redundancy_set, event=self.event, force=self.force)
        return out


@dataclass(frozen=True)
class Start:
    """A starting state: every set primary on one chassis, the placement asked for, or the live state."""

    id: str
    label: str
    state: PairState


def starting_states(design: Design, live: Optional[PairState] = None,
                    placement: Optional[Mapping[int, str]] = None) -> List[Start]:
    """Every set primary on either chassis (so each set starts primary on each), then the placement
    (when it differs from both) and the live state."""
    out = []
    for name in design.names:
        gateway = " (gateway %d)" % design.gateway[name] if design.gateway else ""
        out.append(Start("primary:%s" % name, "every set primary on %s%s" % (name, gateway),
                         initial_state(design.pair, name)))
    if placement:
        default = _gateway1(design)
        owners = {sid: placement.get(sid, default) for sid in design.set_ids}
        state = initial_state(design.pair, owners)
        if all(state != start.state for start in out):
            out.append(Start("placement", "the placement: %s" % ", ".join(
                "set %d on %s" % (sid, owner) for sid, owner in sorted(owners.items())), state))
    if live is not None:
        out.append(Start("live", "the live state read from the pair", live))
    return out


def _gateway1(design: Design) -> str:
    if design.gateway:
        return next(name for name, number in design.gateway.items() if number == 1)
    return design.names[0]


def project(component: Component, state: PairState) -> PairState:
    """The part of a pair state that one component sees: its sets' roles and its signal routes."""
    chassis = {}
    for name in component.pair.names:
        cs = state[name]
        sets = component.pair.chassis[name].set_ids
        roles = {sid: role for sid, role in cs.roles.items() if sid in sets}
        routes = frozenset(r for r in cs.signal_routes if r in component.routes)
        chassis[name] = ChassisState(cs.daemon_enabled, roles, routes)
    return PairState(chassis)


# ------------------------------------------------------------------------------- enumeration


def failures(design: Design, start: PairState, operator: bool = True) -> List[Failure]:
    """Every failure (and, with ``operator``, every request) from ``start``, in report order."""
    out = [Failure("steady", "steady", "nothing happens")]
    names = design.names
    for name in names:
        out.extend(_link_failures(design, name))
    for name in names:
        out.extend(_card_failures(design, name))
    for how in ("restart", "abort"):
        for name in names:
            events = design.rpd_events(name, how)
            if events:
                out.append(_fire(design, "rpd-" + how, name, events, "rpd %ss on %s" % (how, name)))
    everywhere = [c.index for c in design.components]
    for name in names:
        out.append(Failure("srd-disable(%s)" % name, "srd-disable", "srd deactivated on %s%s" % (
            name, " (gateway %d)" % design.gateway[name] if design.gateway else ""), name,
            {i: Op("daemon", name) for i in everywhere}))
    out.append(Failure("iccp-down", "iccp-down", "ICCP lost between the chassis", None,
                       {i: Op("iccp") for i in everywhere}))
    for role, kind in ((RoleState.WAIT, "hold-wait"), (RoleState.WARNED, "hold-warned")):
        for name in names:
            if any(r is not RoleState.PRIMARY for r in start[name].roles.values()):
                out.append(Failure("%s(%s)" % (kind, name), kind, "%s %s for every set it is not primary for" % (
                    name, "in wait (not ready)" if role is RoleState.WAIT else "warned"), name,
                    {i: Op("hold", name, role=role) for i in everywhere}))
    if operator:
        out.extend(_requests(design))
    return out


def _link_failures(design: Design, name: str) -> List[Failure]:
    out = []
    for iface in design.links(name):
        parts = {index: Op("links", name, (iface,)) for index in design.watchers.get((name, iface), ())}
        out.append(Failure("link-down(%s,%s)" % (name, iface), "link-down", "%s down on %s" % (iface, name),
                           name, parts, interfaces=(iface,)))
    return out


def _card_failures(design: Design, name: str) -> List[Failure]:
    out = []
    for kind, card, ifaces in design.cards(name):
        found: dict = {}
        for iface in ifaces:
            for index in design.watchers.get((name, iface), ()):
                found.setdefault(index, []).append(iface)
        parts = {index: Op("links", name, tuple(mine)) for index, mine in found.items()}
        where = "/".join(map(str, card))
        out.append(Failure("%s-down(%s,%s)" % (kind, name, where), "%s-down" % kind, "%s %s fails on %s (%s)" % (
            kind.upper(), where, name, ", ".join(ifaces)), name, parts, interfaces=ifaces, card=card))
    return out


def _fire(design: Design, kind: str, name: str, events: Tuple[str, ...], label: str) -> Failure:
    parts = {}
    for event in events:
        index = design.event_component.get((name, event))
        if index is not None:
            parts.setdefault(index, []).append(event)
    return Failure("%s(%s)" % (kind, name), kind, label, name, {i: Op("fire", name, tuple(evs)) for i, evs in parts.items()})


def _requests(design: Design) -> List[Failure]:
    peer, manual = [], []
    for name in design.names:
        for sid in sorted(design.pair.chassis[name].set_ids):
            index = design.component_of[sid].index
            for event, message in design.set_events(name, sid):
                if message is not None:
                    trig = Trigger(name, sid, event, False)
                    peer.append(Failure("peer-event(%s,%d,%s)" % (name, sid, event), "peer-event",
                                        "%s receives the peer's %s for set %d (%s)" % (name, message, sid, event),
                                        name, {index: Op("request", name, trigger=trig)}, sid, event))
                    continue
                for force in (False, True):
                    trig = Trigger(name, sid, event, force)
                    manual.append(Failure("trigger(%s,%d,%s%s)" % (name, sid, event, ",force" if force else ""),
                                          "trigger", "request on %s: trigger %s for set %d%s" % (
                                              name, event, sid, " with force" if force else ""),
                                          name, {index: Op("request", name, trigger=trig)}, sid, event, force))
    return peer + manual
