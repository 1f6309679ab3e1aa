# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The SRD engine's picture of a pair: role state per redundancy set, daemon, signal routes.

Why a separate module: the live-state reader, the emulator and the engine all speak this
vocabulary, and the mapping from what ``show services redundancy-group`` prints to the
engine's states must live in exactly one place (``state_from_device``).
"""

from __future__ import annotations

import enum
import ipaddress
import re
from dataclasses import dataclass, field
from typing import Dict, FrozenSet, Mapping, Optional, Tuple

__all__ = [
    "RoleState", "DEVICE_STATES", "state_from_device", "state_to_device",
    "RouteKey", "route_key", "instance_of_table", "ChassisState", "PairState",
]

DEFAULT_INSTANCE = "default"


class RoleState(str, enum.Enum):
    """The seed's vocabulary for one chassis' role in one redundancy set.

    ``wait``: not ready (the device prints INITIALIZING); ``warned``: a standby that has
    broadcast a warning (the device prints STANDBY (WARNED)).
    """

    PRIMARY = "primary"
    STANDBY = "standby"
    WAIT = "wait"
    WARNED = "warned"

    def __str__(self) -> str:
        return self.value


DEVICE_STATES: Dict[str, RoleState] = {
    "MASTER": RoleState.PRIMARY,
    "STANDBY": RoleState.STANDBY,
    "INITIALIZING": RoleState.WAIT,
    "STANDBY (WARNED)": RoleState.WARNED,
}
"""``Local/Peer RS state`` text of ``show services redundancy-group`` -> engine state."""

_TO_DEVICE = {state: text for text, state in DEVICE_STATES.items()}


def state_from_device(text: str) -> RoleState:
    """Map the device's RS state text (any case, any spacing) onto the engine's state.

    Unknown text raises ``ValueError`` rather than guessing: a state the engine does not
    know must not silently become "standby" in a switchover decision.
    """
    norm = " ".join(str(text).split()).upper()
    norm = re.sub(r"\s*\(\s*", " (", norm)
    norm = re.sub(r"\s*\)", ")", norm).strip()
    try:
        return DEVICE_STATES[norm]
    except KeyError:
        known = ", ".join(sorted(DEVICE_STATES))
        raise ValueError("unknown redundancy-set state %r (known: %s)" % (text, known)) from None


def state_to_device(state: RoleState) -> str:
    """The text the device prints for an engine state (used by the emulator)."""
    return _TO_DEVICE[RoleState(state)]


RouteKey = Tuple[str, str]
"""A signal route as (normalized IPv4 prefix, routing instance); ``default`` = master instance."""


_PREFIX_CACHE: Dict[str, str] = {}


def _normalize_prefix(prefix: str) -> str:
    """``10.1.0.1/24`` -> ``10.1.0.0/24`` (host bits cleared); unparsable text is kept as is.

    Cached: a configuration names each signal route several times (acquire, releases, VRRP,
    condition), and ``ipaddress`` parsing would otherwise dominate compiling a 128-set pair.
    """
    norm = _PREFIX_CACHE.get(prefix)
    if norm is None:
        try:
            norm = str(ipaddress.ip_network(prefix, strict=False))
        except ValueError:
            norm = prefix
        if len(_PREFIX_CACHE) < 65536:
            _PREFIX_CACHE[prefix] = norm
    return norm


def route_key(prefix: str, routing_instance: Optional[str] = None) -> RouteKey:
    """Normalize a prefix and instance so policies, VRRP and conditions compare equal."""
    return (_normalize_prefix(str(prefix)), routing_instance or DEFAULT_INSTANCE)


def instance_of_table(table: str) -> Optional[str]:
    """``HA.inet.0`` -> ``HA``, ``inet.0`` -> ``default``; other tables (inet6 ...) -> None."""
    if table == "inet.0":
        return DEFAULT_INSTANCE
    if table.endswith(".inet.0"):
        return table[: -len(".inet.0")]
    return None


@dataclass(frozen=True)
class ChassisState:
    """One chassis: is srd running, its role per redundancy set, which signal routes exist.

    A set missing from ``roles`` is not known on this chassis (not configured there).
    """

    daemon_enabled: bool = True
    roles: Mapping[int, RoleState] = field(default_factory=dict)
    signal_routes: FrozenSet[RouteKey] = frozenset()

    def role(self, set_id: int) -> Optional[RoleState]:
        return self.roles.get(set_id)

    def to_dict(self) -> dict:
        return {
            "daemon_enabled": self.daemon_enabled,
            "roles": {str(k): str(v) for k, v in sorted(self.roles.items())},
            "signal_routes": [{"prefix": p, "routing_instance": ri} for p, ri in sorted(self.signal_routes)],
        }


@dataclass(frozen=True)
class PairState:
    """Both chassis of a pair, keyed by the same names as the configurations."""

    chassis: Mapping[str, ChassisState]

    def __getitem__(self, name: str) -> ChassisState:
        return self.chassis[name]

    def role(self, chassis: str, set_id: int) -> Optional[RoleState]:
        return self.chassis[chassis].role(set_id)

    def dual_primaries(self) -> list[int]:
        """The sets primary on more than one chassis (a split brain, which srd never makes), in order."""
        counts: dict[int, int] = {}
        for chassis in self.chassis.values():
            for set_id, role in chassis.roles.items():
                if role is RoleState.PRIMARY:
                    counts[set_id] = counts.get(set_id, 0) + 1
        return sorted(set_id for set_id, count in counts.items() if count > 1)

    def primary_of(self, set_id: int) -> Optional[str]:
        """The chassis that is primary for the set (the first one, if the state is split-brain)."""
        for name in sorted(self.chassis):
            if self.chassis[name].role(set_id) is RoleState.PRIMARY:
                return name
        return None

    def to_dict(self) -> dict:
        return {name: self.chassis[name].to_dict() for name in sorted(self.chassis)}
