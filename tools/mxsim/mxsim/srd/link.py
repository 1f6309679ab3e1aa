"""The in-process ICCP link between the two chassis of a pair.

ICCP is up when each chassis has `protocols iccp` with a local address and a peer whose address
is the other chassis' local address, and no fault isolates them (`peer-unreachable`, from
either side). A redundancy group is up over the link when both peers list it. Lenient where
Junos would be strict about things srd does not show (the local address need not sit on an
interface, authentication keys are not compared); honest where it shows: a peer that points
elsewhere, or a group only one side lists, is down.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Optional

if TYPE_CHECKING:
    from .domain import ChassisConfig


def _addr(text: Optional[str]) -> Optional[str]:
    """`192.0.2.1` or `192.0.2.1/32` -> `192.0.2.1`; unparsable or empty -> None."""
    if not text:
        return None
    try:
        return str(ipaddress.ip_address(str(text).split("/", 1)[0]))
    except ValueError:
        return None


def local_address(config: "ChassisConfig") -> Optional[str]:
    """The chassis' ICCP local address (global local-ip-addr, else a per-peer override)."""
    return _addr(config.local_iccp_address())


def peer_entry(config: "ChassisConfig", address: Optional[str]):  # -> IccpPeer | None
    """The `protocols iccp peer` entry that points at `address`, if any."""
    if config.iccp is None or address is None:
        return None
    for peer in config.iccp.peers.values():
        if _addr(peer.address) == address:
            return peer
    return None


@dataclass
class IccpLink:
    """One pair's ICCP link; `isolated_by` holds the chassis whose `peer-unreachable` fault is on."""

    names: tuple[str, str]
    isolated_by: set[str] = field(default_factory=set)

    def session_up(self, configs: dict[str, "ChassisConfig"]) -> bool:
        """The ICCP TCP session is established."""
        if self.isolated_by:
            return False
        a, b = self.names
        la, lb = local_address(configs[a]), local_address(configs[b])
        if la is None or lb is None or la == lb:
            return False
        return peer_entry(configs[a], lb) is not None and peer_entry(configs[b], la) is not None

    def groups_up(self, configs: dict[str, "ChassisConfig"]) -> frozenset[int]:
        """Redundancy groups both peers list over an established session."""
        if not self.session_up(configs):
            return frozenset()
        a, b = self.names
        pa = peer_entry(configs[a], local_address(configs[b]))
        pb = peer_entry(configs[b], local_address(configs[a]))
        return frozenset(pa.redundancy_group_id_list) & frozenset(pb.redundancy_group_id_list)

    def toward(self, configs: dict[str, "ChassisConfig"], name: str) -> Optional[str]:
        """The address `name` uses for its peer: the other chassis' local address."""
        other = self.names[1] if name == self.names[0] else self.names[0]
        return local_address(configs[other])
