# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Structured difference between two chassis models, per resource and by path.

Entries are matched by their Junos key.  A changed entry reports each field
that differs (``redundancy_sets[id=1].policies``) with before/after values as
plain data; secrets are masked.  Leaf-lists are compared as sets: for srd the
order of a set's policies or an event's interfaces carries no meaning, and a
box may return them in another order than we sent them, which must not read
as drift.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from ansible_collections.mxha.srd.plugins.module_utils.srd.model import paths
from ansible_collections.mxha.srd.plugins.module_utils.srd.model.config import (
    RESOURCE_FIELDS, RESOURCES, ChassisConfig,
)
from ansible_collections.mxha.srd.plugins.module_utils.srd.model.serialize import to_plain

ADDED = "added"
REMOVED = "removed"
CHANGED = "changed"

_FIELD_RESOURCE = {name: resource for resource, names in RESOURCE_FIELDS.items() for name in names}
_ENTRY_PATH = {
    "redundancy_events": paths.event,
    "redundancy_policies": paths.policy,
    "redundancy_sets": paths.redundancy_set,
    "service_sets": paths.service_set,
    "redundancy_options": paths.redundancy_options,
    "conditions": paths.condition,
    "vrrp_groups": paths.vrrp_group,
    "routing_instances": paths.routing_instance,
}


@dataclass(frozen=True)
class Change:
    resource: str
    kind: str
    path: str
    before: object = None
    after: object = None

    def to_dict(self) -> dict:
        out = {"resource": self.resource, "change": self.kind, "path": self.path}
        if self.kind != ADDED:
            out["before"] = self.before
        if self.kind != REMOVED:
            out["after"] = self.after
        return out

    def __str__(self) -> str:
        sign = {ADDED: "+", REMOVED: "-", CHANGED: "~"}[self.kind]
        if self.kind == CHANGED:
            return "%s %s: %r -> %r" % (sign, self.path, self.before, self.after)
        return "%s %s" % (sign, self.path)


@dataclass
class Diff:
    changes: list[Change] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.changes

    def __bool__(self) -> bool:
        return bool(self.changes)

    def resources(self) -> list[str]:
        """Resources with at least one change, in the canonical order."""
        touched = {change.resource for change in self.changes}
        return [name for name in RESOURCES if name in touched]

    def by_resource(self) -> dict[str, dict[str, list[dict]]]:
        """``{resource: {added: [...], removed: [...], changed: [...]}}`` for every resource."""
        out: dict[str, dict[str, list[dict]]] = {name: {ADDED: [], REMOVED: [], CHANGED: []} for name in RESOURCES}
        for change in self.changes:
            out[change.resource][change.kind].append(change.to_dict())
        return out

    def to_list(self) -> list[dict]:
        return [change.to_dict() for change in self.changes]


def _norm(value):
    """A comparable form: tuples (leaf-lists, tracked routes) as sorted tuples."""
    if isinstance(value, tuple):
        return tuple(sorted((_norm(item) for item in value), key=repr))
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return tuple((item.name, _norm(getattr(value, item.name))) for item in dataclasses.fields(value))
    return value


def same(left, right) -> bool:
    """Equal for srd: ``$9$`` keys decoded, leaf-list order ignored."""
    return _norm(left) == _norm(right)


def _entry_changes(resource: str, path: str, before, after, out: list[Change]) -> None:
    for item in dataclasses.fields(before):
        old, new = getattr(before, item.name), getattr(after, item.name)
        if not same(old, new):
            out.append(Change(resource, CHANGED, paths.attr(path, item.name), to_plain(old), to_plain(new)))


def _keyed(resource: str, name: str, path_of, have: dict, want: dict, out: list[Change]) -> None:
    for key in sorted(set(have) | set(want), key=repr):
        path = path_of(key)
        if key not in have:
            out.append(Change(resource, ADDED, path, None, to_plain(want[key])))
        elif key not in want:
            out.append(Change(resource, REMOVED, path, to_plain(have[key]), None))
        else:
            _entry_changes(resource, path, have[key], want[key], out)


def diff(have: ChassisConfig, want: ChassisConfig, resources=RESOURCES) -> Diff:
    """What changes from ``have`` (e.g. the device) to ``want`` (e.g. the intent)."""
    out: list[Change] = []
    for resource in resources:
        for name in RESOURCE_FIELDS[resource]:
            if name == "iccp":
                _iccp(resource, have.iccp, want.iccp, out)
            else:
                _keyed(resource, name, _ENTRY_PATH[name], getattr(have, name), getattr(want, name), out)
    return Diff(out)


def _iccp(resource: str, have, want, out: list[Change]) -> None:
    if have is None and want is None:
        return
    if have is None:
        out.append(Change(resource, ADDED, "iccp", None, to_plain(want)))
        return
    if want is None:
        out.append(Change(resource, REMOVED, "iccp", to_plain(have), None))
        return
    for item in dataclasses.fields(have):
        if item.name == "peers":
            continue
        old, new = getattr(have, item.name), getattr(want, item.name)
        if not same(old, new):
            out.append(Change(resource, CHANGED, paths.attr("iccp", item.name), to_plain(old), to_plain(new)))
    _keyed(resource, "peers", paths.iccp_peer, have.peers, want.peers, out)


def between_chassis(name_a: str, config_a: ChassisConfig, name_b: str, config_b: ChassisConfig) -> Diff:
    """What differs between the two chassis of a pair, ignoring what must differ by design.

    The ICCP local address, the ICCP peer (each points at the other) and the
    services interface's data addresses are mirrored, not equal; they are
    checked by the pair rules instead.
    """
    def neutral(config: ChassisConfig) -> ChassisConfig:
        iccp = config.iccp
        if iccp is not None:
            peers = {"peer": dataclasses.replace(peer, address="peer", local_ip_addr=None, backup_peer_ip=None)
                     for peer in iccp.peers.values()}
            iccp = dataclasses.replace(iccp, local_ip_addr=None, peers=peers)
        options = {"services": dataclasses.replace(o, interface="services", peer_address=None,
                                                   local_data_address=None)
                   for o in config.redundancy_options.values()}
        return config.replace(iccp=iccp, redundancy_options=options, vrrp_groups={})
    del name_a, name_b
    return diff(neutral(config_a), neutral(config_b))
