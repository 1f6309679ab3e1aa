"""What one chassis reports about srd: redundancy groups, sets, states, health, ICCP peers.

Pure reads of a PairSrd (the states shown while a switchover runs included) and the chassis'
link state; show.py turns these into XML and text.py into CLI text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Optional

from . import domain
from .link import local_address, peer_entry

if TYPE_CHECKING:
    from ..state.chassis import Chassis
    from .daemon import PairSrd

UNKNOWN = "UNKNOWN"


def links_down(chassis: "Chassis") -> set[str]:
    return chassis.ops.setdefault("links_down", set())


def is_down(interface: str, down: set[str]) -> bool:
    """A monitored interface is down when it, or the physical interface it is a unit of, is."""
    return interface in down or interface.split(".", 1)[0] in down


@dataclass
class SetView:
    rs_id: int
    local_state: str
    peer_state: str
    status: str  # Connected | Not Connected
    failed_interfaces: list[str] = field(default_factory=list)
    service_sets: list[str] = field(default_factory=list)

    @property
    def health(self) -> str:
        return "Failed" if self.failed_interfaces else "Passed"


@dataclass
class GroupView:
    rg_id: int
    local_ip: str
    peer_ip: str
    connections: int
    sets: list[SetView] = field(default_factory=list)


@dataclass
class RedundancyView:
    iccp_connection: str  # srd <-> iccpd: Connected | Not connected
    groups: list[GroupView] = field(default_factory=list)


def _text(role: Optional["domain.RoleState"]) -> str:
    return UNKNOWN if role is None else domain.state_to_device(role)


def redundancy(srd: "PairSrd", chassis: "Chassis") -> RedundancyView:
    name = chassis.name
    peer = srd.peer_of(name)
    cfg = srd.configs[name]
    down = links_down(chassis)
    groups_up = srd.link.groups_up(srd.configs)
    local_ip = local_address(cfg) or ""
    peer_addr = srd.link.toward(srd.configs, name)
    view = RedundancyView("Connected" if cfg.iccp is not None else "Not connected")
    by_group: dict[int, GroupView] = {}
    for set_id in sorted(cfg.redundancy_sets):
        rg = cfg.redundancy_sets[set_id].redundancy_group or 0
        group = by_group.get(rg)
        if group is None:
            entries = cfg.iccp.peers_for_group(rg) if cfg.iccp is not None else []
            toward = peer_entry(cfg, peer_addr)
            chosen = toward if toward in entries else (entries[0] if entries else None)
            peer_ip = chosen.address if chosen is not None else ""
            group = by_group[rg] = GroupView(rg, local_ip, peer_ip, 1 if rg in groups_up else 0)
        connected = srd.connected(set_id) and srd.state[peer].role(set_id) is not None
        monitored = [i for e in cfg.events_of_set(set_id) for i in e.link_down]
        group.sets.append(
            SetView(
                set_id,
                _text(srd.shown_role(name, set_id)),
                _text(srd.shown_role(peer, set_id)) if connected else UNKNOWN,
                "Connected" if connected else "Not Connected",
                [i for i in dict.fromkeys(monitored) if is_down(i, down)],
                [b.name for b in cfg.service_sets_of(set_id)],
            )
        )
    view.groups = [by_group[g] for g in sorted(by_group)]
    return view


@dataclass
class IccpPeerView:
    address: str
    tcp_state: str  # Established | Closed
    bfd_state: str  # Up | Down
    groups: list[tuple[int, str]]  # (group, Up | Down)
    backup_liveness: str = ""


@dataclass
class IccpView:
    peers: list[IccpPeerView]
    clients: list[tuple[str, str]]  # (client name, groups joined)


def iccp(srd: "PairSrd", chassis: "Chassis") -> Optional[IccpView]:
    """`show iccp`, or None when ICCP is not configured (iccpd not running)."""
    name = chassis.name
    cfg = srd.configs[name]
    if cfg.iccp is None:
        return None
    toward = srd.link.toward(srd.configs, name)
    session = srd.iccp_up()
    groups_up = srd.link.groups_up(srd.configs)
    peers = []
    for entry in cfg.iccp.peers.values():
        up = session and peer_entry(cfg, toward) is entry
        groups = [(g, "Up" if up and g in groups_up else "Down") for g in entry.redundancy_group_id_list]
        backup = ("Up" if up else "Down") if entry.backup_peer_ip else ""
        peers.append(
            IccpPeerView(entry.address, "Established" if up else "Closed", "Up" if up else "Down", groups, backup)
        )
    clients = []
    if srd.daemon_running(name) and cfg.redundancy_sets:
        joined = sorted({r.redundancy_group for r in cfg.redundancy_sets.values() if r.redundancy_group is not None})
        clients.append(("srd", " ".join(str(g) for g in joined)))
    return IccpView(peers, clients)
