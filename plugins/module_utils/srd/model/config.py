# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The typed model of one chassis' services-redundancy (SRD) configuration.

Why this shape:
- every list Junos keys by name/id is a ``dict`` keyed by that Junos key, so
  "merge", "replace" and "delete" are dict operations and diffs are by key;
- leaf-lists keep the user's order (tuples) because Junos keeps it
  (``ordered-by user``); dict order carries no meaning, the renderer sorts keys;
- entries are frozen: change them with :func:`dataclasses.replace`;
- enumerations hold the Junos keyword (``acquire-mastership``); the input
  vocabulary (``acquire-primary-role``) is mapped in :mod:`vocabulary`;
- the ICCP authentication key is a :class:`Secret`, masked whenever printed.

A ``ChassisConfig`` holds only SRD statements and the routing instances they
name.  Everything else on the box is out of scope.
"""

from __future__ import annotations

import dataclasses
import enum
import re
from dataclasses import dataclass, field
from typing import Iterator

from ansible_collections.mxha.srd.plugins.module_utils.srd.model.secret import Secret

__all__ = [
    "MastershipAction", "PeerEvent", "Secret",
    "RedundancyEvent", "AddSignalRoute", "DeleteSignalRoute", "RedundancyPolicy",
    "RedundancySet", "ServiceSetBinding", "LivenessDetection", "IccpPeer", "Iccp",
    "RedundancyOptions", "RouteCondition", "TrackedRoute", "VrrpGroup", "VrrpKey",
    "RoutingInstance", "ChassisConfig", "RESOURCES", "RESOURCE_FIELDS",
    "ACQUIRE_ACTIONS", "RELEASE_ACTIONS", "DEFAULT_INSTANCE", "interface_key",
]

DEFAULT_INSTANCE = "default"
"""What VRRP ``track route ... routing-instance`` calls the master instance."""


def interface_key(name: str):
    """Junos-like interface order: by type, then numerically by slot/pic/port."""
    pieces = re.split(r"(\d+)", name)
    return tuple((0, int(piece), "") if piece.isdigit() else (1, 0, piece) for piece in pieces)


class MastershipAction(str, enum.Enum):
    """``policy-options redundancy-policy NAME then <mship-actions>`` (Junos keywords)."""

    ACQUIRE = "acquire-mastership"
    RELEASE = "release-mastership"
    RELEASE_FORCE = "release-mastership-force"
    RELEASE_IF_STANDBY_CLEAR = "release-mastership-if-standby-clear"
    BROADCAST_WARNING = "broadcast-warning"

    def __str__(self) -> str:
        return self.value

    @property
    def acquires(self) -> bool:
        return self is MastershipAction.ACQUIRE

    @property
    def releases(self) -> bool:
        return self in RELEASE_ACTIONS


ACQUIRE_ACTIONS = frozenset({MastershipAction.ACQUIRE})
RELEASE_ACTIONS = frozenset({
    MastershipAction.RELEASE,
    MastershipAction.RELEASE_FORCE,
    MastershipAction.RELEASE_IF_STANDBY_CLEAR,
})


class PeerEvent(str, enum.Enum):
    """``event-options redundancy-event NAME monitor peer <event>`` (Junos keywords)."""

    MASTERSHIP_ACQUIRE = "mastership-acquire"
    MASTERSHIP_RELEASE = "mastership-release"

    def __str__(self) -> str:
        return self.value


# ---------------------------------------------------------------- events


@dataclass(frozen=True)
class RedundancyEvent:
    """``event-options redundancy-event NAME``: what srd monitors.

    An event with no monitor at all is a *bare* event, fired only by
    ``request services redundancy-set id N trigger redundancy-event NAME``.
    FPC/PIC failures are seen as link-down of the services interface.
    """

    name: str
    link_down: tuple[str, ...] = ()
    process_routing_restart: bool = False
    process_routing_abort: bool = False
    peer: PeerEvent | None = None

    @property
    def key(self) -> str:
        return self.name

    @property
    def is_bare(self) -> bool:
        """Fired only by the manual request command."""
        return not (self.link_down or self.process_routing_restart
                    or self.process_routing_abort or self.peer)


# ---------------------------------------------------------------- policies


@dataclass(frozen=True)
class AddSignalRoute:
    """``then add-static-route PREFIX (receive | next-hop NH) [routing-instance RI]``."""

    prefix: str
    next_hop: str | None = None   # None means ``receive``
    routing_instance: str | None = None

    @property
    def receive(self) -> bool:
        return self.next_hop is None

    @property
    def key(self) -> str:
        return self.prefix


@dataclass(frozen=True)
class DeleteSignalRoute:
    """``then delete-static-route PREFIX [routing-instance RI]``."""

    prefix: str
    routing_instance: str | None = None

    @property
    def key(self) -> str:
        return self.prefix


@dataclass(frozen=True)
class RedundancyPolicy:
    """``policy-options redundancy-policy NAME``: events it reacts to and the ``then``."""

    name: str
    events: tuple[str, ...] = ()
    action: MastershipAction | None = None
    add_signal_route: AddSignalRoute | None = None
    delete_signal_route: DeleteSignalRoute | None = None

    @property
    def key(self) -> str:
        return self.name

    @property
    def acquires(self) -> bool:
        return self.action is not None and self.action.acquires

    @property
    def releases(self) -> bool:
        return self.action is not None and self.action.releases


# ---------------------------------------------------------------- sets


@dataclass(frozen=True)
class RedundancySet:
    """``services redundancy-set ID`` (XML: ``rs-id-object``).

    ``redundancy_group`` is the ICCP redundancy-group id; None only in configurations a
    commit would not accept (validation reports it).  Timers left None take
    the Junos defaults (keepalive 10 s, hold-time 30 s, healthcheck 5 s).
    """

    id: int
    redundancy_group: int | None = None
    policies: tuple[str, ...] = ()
    keepalive: int | None = None
    hold_time: int | None = None
    healthcheck_timer_interval: int | None = None

    @property
    def key(self) -> int:
        return self.id


@dataclass(frozen=True)
class ServiceSetBinding:
    """``services service-set NAME redundancy-set-id ID`` and its ``replicate-services``.

    Only the SRD statements of the service set are modelled (not its rules).
    """

    name: str
    redundancy_set_id: int
    replication_threshold: int | None = None
    disable_replication_capability: bool = False

    @property
    def key(self) -> str:
        return self.name


# ---------------------------------------------------------------- groups


@dataclass(frozen=True)
class LivenessDetection:
    """``protocols iccp peer P liveness-detection`` (BFD for the ICCP session)."""

    minimum_interval: int | None = None
    minimum_receive_interval: int | None = None
    multiplier: int | None = None


@dataclass(frozen=True)
class IccpPeer:
    """``protocols iccp peer ADDRESS``: the other chassis, and the groups shared with it."""

    address: str
    redundancy_group_id_list: tuple[int, ...] = ()
    local_ip_addr: str | None = None
    session_establishment_hold_time: int | None = None
    authentication_key: Secret | None = None
    liveness_detection: LivenessDetection | None = None
    backup_peer_ip: str | None = None

    @property
    def key(self) -> str:
        return self.address


@dataclass(frozen=True)
class Iccp:
    """``protocols iccp``: how srd reaches its peer (through iccpd)."""

    local_ip_addr: str | None = None
    session_establishment_hold_time: int | None = None
    authentication_key: Secret | None = None
    peers: dict[str, IccpPeer] = field(default_factory=dict)

    def local_address_for(self, peer: IccpPeer) -> str | None:
        """The local ICCP address used towards ``peer`` (per-peer override first)."""
        return peer.local_ip_addr or self.local_ip_addr

    def peers_for_group(self, group: int) -> list[IccpPeer]:
        return [peer for peer in self.peers.values() if group in peer.redundancy_group_id_list]


@dataclass(frozen=True)
class RedundancyOptions:
    """``interfaces IFD redundancy-options`` on the services interface (vms-/ms-/ams)."""

    interface: str
    peer_address: str | None = None          # redundancy-peer ipaddress
    local_data_address: str | None = None    # redundancy-local data-address
    routing_instance: str | None = None
    replication_threshold: int | None = None
    mtu: int | None = None                   # replication-options mtu

    @property
    def key(self) -> str:
        return self.interface


# ---------------------------------------------------------------- route tracking


@dataclass(frozen=True)
class RouteCondition:
    """``policy-options condition NAME if-route-exists PREFIX table TABLE``.

    ``family_inet`` records which of the two equivalent Junos forms is used
    (``if-route-exists address-family inet ...``) so a round trip is exact.
    """

    name: str
    prefix: str
    table: str
    family_inet: bool = False

    @property
    def key(self) -> str:
        return self.name


@dataclass(frozen=True)
class TrackedRoute:
    """``vrrp-group G track route PREFIX routing-instance RI priority-cost N``."""

    prefix: str
    routing_instance: str = DEFAULT_INSTANCE
    priority_cost: int = 1

    @property
    def key(self) -> tuple[str, str]:
        return (self.prefix, self.routing_instance)


VrrpKey = tuple  # (interface, unit, address, group)


@dataclass(frozen=True)
class VrrpGroup:
    """A VRRP group's SRD part: its priority and the signal routes it tracks.

    Lives at ``interfaces IFD unit U family inet address A vrrp-group G``.
    ``priority`` and ``track route`` are modelled; the rest of the VRRP group
    (preempt, authentication ...) is left to the user's base config.
    ``virtual_addresses`` only when given: a group that the base configuration
    lacks needs one (every Juniper VRRP example sets it), so the intent may
    carry it. Add-only: the collection adds the addresses given and never
    removes one (``resource.states``, ``resource.payload``, ``drift``).
    """

    interface: str
    unit: int
    address: str   # the interface address with length, e.g. 198.51.100.2/24
    group: int
    priority: int | None = None
    track_routes: tuple[TrackedRoute, ...] = ()
    virtual_addresses: tuple[str, ...] = ()

    @property
    def key(self) -> VrrpKey:
        return (self.interface, self.unit, self.address, self.group)


@dataclass(frozen=True)
class RoutingInstance:
    """A routing instance an SRD statement names (signal routes, replication).

    Rendered merge-only (never deleted by this collection).
    """

    name: str
    instance_type: str | None = None

    @property
    def key(self) -> str:
        return self.name


# ---------------------------------------------------------------- one chassis


RESOURCES = (
    "redundancy_events",
    "redundancy_policies",
    "redundancy_sets",
    "redundancy_groups",
    "route_tracking",
)
"""The resource names modules and diffs use."""

RESOURCE_FIELDS: dict[str, tuple[str, ...]] = {
    "redundancy_events": ("redundancy_events",),
    "redundancy_policies": ("redundancy_policies",),
    "redundancy_sets": ("redundancy_sets", "service_sets"),
    "redundancy_groups": ("iccp", "redundancy_options"),
    "route_tracking": ("conditions", "vrrp_groups", "routing_instances"),
}
"""Which :class:`ChassisConfig` fields make up each resource."""


@dataclass(frozen=True)
class ChassisConfig:
    """Every SRD statement of one chassis, keyed by Junos keys."""

    redundancy_events: dict[str, RedundancyEvent] = field(default_factory=dict)
    redundancy_policies: dict[str, RedundancyPolicy] = field(default_factory=dict)
    redundancy_sets: dict[int, RedundancySet] = field(default_factory=dict)
    service_sets: dict[str, ServiceSetBinding] = field(default_factory=dict)
    iccp: Iccp | None = None
    redundancy_options: dict[str, RedundancyOptions] = field(default_factory=dict)
    conditions: dict[str, RouteCondition] = field(default_factory=dict)
    vrrp_groups: dict[VrrpKey, VrrpGroup] = field(default_factory=dict)
    routing_instances: dict[str, RoutingInstance] = field(default_factory=dict)

    # -- construction -------------------------------------------------

    @classmethod
    def build(cls, **lists) -> "ChassisConfig":
        """Build from iterables of entries (keys taken from each entry's ``key``).

        ``ChassisConfig.build(redundancy_events=[ev1, ev2], iccp=Iccp(...))``
        """
        kwargs = {}
        for name, value in lists.items():
            if name == "iccp" or value is None or isinstance(value, dict):
                kwargs[name] = value
            else:
                kwargs[name] = {entry.key: entry for entry in value}
        return cls(**kwargs)

    def replace(self, **changes) -> "ChassisConfig":
        return dataclasses.replace(self, **changes)

    def only(self, *resources: str) -> "ChassisConfig":
        """The subset holding only the given resources (others empty)."""
        keep = {name for resource in resources for name in RESOURCE_FIELDS[resource]}
        changes = {}
        for item in dataclasses.fields(self):
            if item.name not in keep:
                changes[item.name] = None if item.name == "iccp" else {}
        return dataclasses.replace(self, **changes)

    def is_empty(self) -> bool:
        return self.iccp is None and not any(
            getattr(self, item.name) for item in dataclasses.fields(self) if item.name != "iccp")

    # -- questions the engine and the validator ask ------------------------

    def policies_for_event(self, event: str) -> list[RedundancyPolicy]:
        """Policies that react to ``event`` (a valid config has at most one)."""
        return [policy for policy in self.redundancy_policies.values() if event in policy.events]

    def sets_for_policy(self, policy: str) -> list[RedundancySet]:
        """Redundancy sets the policy is attached to (a valid config has at most one)."""
        return [rset for rset in self.redundancy_sets.values() if policy in rset.policies]

    def set_for_policy(self, policy: str) -> RedundancySet | None:
        found = self.sets_for_policy(policy)
        return found[0] if found else None

    def policies_of_set(self, set_id: int) -> list[RedundancyPolicy]:
        """The set's policies that exist, in the set's order."""
        rset = self.redundancy_sets.get(set_id)
        if rset is None:
            return []
        return [self.redundancy_policies[name] for name in rset.policies if name in self.redundancy_policies]

    def events_of_set(self, set_id: int) -> list[RedundancyEvent]:
        """Events that can act on the set (through its policies)."""
        seen: dict[str, RedundancyEvent] = {}
        for policy in self.policies_of_set(set_id):
            for name in policy.events:
                if name in self.redundancy_events:
                    seen.setdefault(name, self.redundancy_events[name])
        return list(seen.values())

    def reactions(self, event: str, set_id: int | None = None) -> list[tuple[RedundancySet, RedundancyPolicy]]:
        """(set, policy) pairs an occurrence of ``event`` triggers, optionally for one set.

        This is what ``request services redundancy-set id N trigger
        redundancy-event E`` acts on: only policies attached to set N count.
        """
        out = []
        for policy in self.policies_for_event(event):
            for rset in self.sets_for_policy(policy.name):
                if set_id is None or rset.id == set_id:
                    out.append((rset, policy))
        return out

    def service_sets_of(self, set_id: int) -> list[ServiceSetBinding]:
        return [binding for binding in self.service_sets.values() if binding.redundancy_set_id == set_id]

    def sets_in_group(self, group: int) -> list[RedundancySet]:
        return [rset for rset in self.redundancy_sets.values() if rset.redundancy_group == group]

    def group_ids(self) -> list[int]:
        """Redundancy groups the sets use, ascending."""
        return sorted({rset.redundancy_group for rset in self.redundancy_sets.values()
                       if rset.redundancy_group is not None})

    def events_monitoring(self, interface: str) -> list[RedundancyEvent]:
        return [event for event in self.redundancy_events.values() if interface in event.link_down]

    def signal_routes(self) -> Iterator[tuple[RedundancyPolicy, AddSignalRoute | DeleteSignalRoute]]:
        for policy in self.redundancy_policies.values():
            if policy.add_signal_route is not None:
                yield policy, policy.add_signal_route
            if policy.delete_signal_route is not None:
                yield policy, policy.delete_signal_route

    def local_iccp_address(self) -> str | None:
        """This chassis' ICCP address (global local-ip-addr, else the first peer override)."""
        if self.iccp is None:
            return None
        if self.iccp.local_ip_addr:
            return self.iccp.local_ip_addr
        for peer in self.iccp.peers.values():
            if peer.local_ip_addr:
                return peer.local_ip_addr
        return None


def keep_virtual_addresses(have: ChassisConfig, want: ChassisConfig) -> ChassisConfig:
    """``want`` whose VRRP groups keep every virtual address ``have`` holds for them, then those ``want``
    gives: virtual addresses are add-only (the base configuration may hold them, the intent may leave them
    out). The state logic builds what to push with it; the drift check judges a device with it."""
    groups = {}
    for key, group in want.vrrp_groups.items():
        old = have.vrrp_groups.get(key)
        if old is not None and old.virtual_addresses:
            merged = old.virtual_addresses + tuple(a for a in group.virtual_addresses if a not in old.virtual_addresses)
            if merged != group.virtual_addresses:
                group = dataclasses.replace(group, virtual_addresses=merged)
        groups[key] = group
    return want.replace(vrrp_groups=groups)
