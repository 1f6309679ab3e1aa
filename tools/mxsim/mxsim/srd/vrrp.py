"""`show vrrp`: each VRRP group's priority after tracked signal routes, and who is master.

The effective priority is the engine's (`engine_effects.vrrp_priorities`: configured priority
minus the priority-cost of each absent tracked signal route), computed on the routes a client
sees at this instant. Master election is plain VRRP: between the two chassis' groups with the
same number, the higher effective priority wins, a tie goes to the higher interface address,
and a group whose interface is down is `init` (the peer then is master).
"""

from __future__ import annotations

import copy
import ipaddress
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Optional

from lxml import etree

from ..xmlutil import sub
from . import domain
from .view import is_down, links_down

if TYPE_CHECKING:
    from ..state.chassis import Chassis

DEFAULT_PRIORITY = 100


@dataclass
class GroupState:
    interface: str  # logical, e.g. xe-0/0/1.0
    group: int
    address: str  # without length
    configured: int
    current: int
    up: bool
    virtual: list[str] = field(default_factory=list)
    tracks: list[tuple[str, str, bool, int]] = field(default_factory=list)  # prefix, instance, present, cost
    state: str = "backup"


def _groups(chassis: "Chassis", state: "domain.PairState") -> list[GroupState]:
    srd = chassis.srd
    name = chassis.name
    cfg = srd.configs[name]
    effective = domain.vrrp_priorities(srd.pair, state)
    present = state[name].signal_routes
    down = links_down(chassis)
    committed = chassis.store.committed.config
    out = []
    for key in sorted(cfg.vrrp_groups, key=repr):
        g = cfg.vrrp_groups[key]
        configured = g.priority if g.priority is not None else DEFAULT_PRIORITY
        eff = effective.get((name, key))
        current = eff.effective if eff is not None else configured
        tracks = []
        for t in g.track_routes:
            rk = domain.route_key(t.prefix, t.routing_instance)
            tracks.append(
                (
                    t.prefix,
                    t.routing_instance,
                    rk in present or rk not in srd.pair.chassis[name].signal_routes,
                    t.priority_cost,
                )
            )
        xpath = (
            f"interfaces/interface[name='{g.interface}']/unit[name='{g.unit}']/family/inet/"
            f"address[name='{g.address}']/vrrp-group[name='{g.group}']/virtual-address"
        )
        virtual = [(v.text or "").strip() for v in committed.findall(xpath)]
        ifl = f"{g.interface}.{g.unit}"
        out.append(
            GroupState(
                ifl, g.group, g.address.split("/")[0], configured, current, not is_down(ifl, down), virtual, tracks
            )
        )
    return out


def _ip(text: str) -> int:
    try:
        return int(ipaddress.ip_address(text))
    except ValueError:
        return 0


def groups(chassis: "Chassis") -> list[GroupState]:
    """This chassis' VRRP groups with their state against the peer's groups of the same number (a chassis
    whose VRRP is frozen, fault vrrp-freeze, keeps the groups it had)."""
    srd = chassis.srd
    if srd is None:
        return []
    frozen = chassis.ops.get("vrrp_frozen")
    if frozen is not None:
        return copy.deepcopy(frozen)
    state = srd.shown_state()
    mine = _groups(chassis, state)
    peer_frozen = chassis.peer.ops.get("vrrp_frozen")
    theirs = {g.group: g for g in (peer_frozen if peer_frozen is not None else _groups(chassis.peer, state))}
    for g in mine:
        other: Optional[GroupState] = theirs.get(g.group)
        if not g.up:
            g.state = "init"
        elif other is None or not other.up:
            g.state = "master"
        else:
            g.state = "master" if (g.current, _ip(g.address)) > (other.current, _ip(other.address)) else "backup"
    return mine


def vrrp_information_xml(chassis: "Chassis") -> etree._Element:
    root = etree.Element("vrrp-information")
    for g in groups(chassis):
        vi = sub(root, "vrrp-interface")
        sub(vi, "interface", g.interface)
        sub(vi, "interface-state", "up" if g.up else "down")
        sub(vi, "group", str(g.group))
        sub(vi, "vrrp-state", g.state)
        sub(vi, "vrrp-mode", "Active")
        sub(vi, "local-interface-address", g.address)
        for v in g.virtual:
            sub(vi, "virtual-ip-address", v)
        sub(vi, "configured-priority", str(g.configured))
        sub(vi, "current-priority", str(g.current))
        for prefix, instance, present, cost in g.tracks:
            t = sub(vi, "track-route-entry")
            sub(t, "route-addr", prefix)
            sub(t, "route-instance", instance)
            sub(t, "route-state", "up" if present else "down")
            sub(t, "route-priority", str(cost))
    return root
