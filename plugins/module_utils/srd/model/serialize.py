# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Model <-> plain dicts (what Ansible passes in and gets back).

The dict form mirrors the model field by field; keyed collections become
lists of dicts (sorted by their Junos key on output).  Reading a dict never
raises on bad content: every problem becomes a :class:`Violation` with the
path of the offending value, and reading goes on, so the user sees all of
them.  ICCP authentication keys come back masked unless ``reveal=True``.
"""

from __future__ import annotations

import dataclasses
import enum
from dataclasses import dataclass
from typing import Any, Callable

from ansible_collections.mxha.srd.plugins.module_utils.srd.model import vocabulary
from ansible_collections.mxha.srd.plugins.module_utils.srd.errors import Violation
from ansible_collections.mxha.srd.plugins.module_utils.srd.model.config import (
    AddSignalRoute, ChassisConfig, DeleteSignalRoute, Iccp, IccpPeer, LivenessDetection, RedundancyEvent,
    RedundancyOptions, RedundancyPolicy, RedundancySet, RouteCondition, RoutingInstance, Secret,
    ServiceSetBinding, TrackedRoute, VrrpGroup, interface_key,
)
from ansible_collections.mxha.srd.plugins.module_utils.srd.model.secret import MASK
from ansible_collections.mxha.srd.plugins.module_utils.srd.plain import type_name


class Issues:
    """Collects violations while reading input."""

    def __init__(self) -> None:
        self.items: list[Violation] = []

    def add(self, path: str, rule: str, message: str) -> None:
        self.items.append(Violation(path, rule, message))


# ---------------------------------------------------------------- scalar readers


def _join(path: str, name: str) -> str:
    return "%s.%s" % (path, name) if path else name


def read_str(value, path: str, issues: Issues):
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        issues.add(path, "INPUT-TYPE", "expected a string, got %s." % _kind(value))
        return None
    return str(value).strip()


def read_int(value, path: str, issues: Issues):
    if isinstance(value, bool):
        issues.add(path, "INPUT-TYPE", "expected a number, got a boolean.")
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value.strip())
    issues.add(path, "INPUT-TYPE", "expected a number, got %s." % _describe(value))
    return None


_TRUE = ("yes", "true", "on", "1")
_FALSE = ("no", "false", "off", "0")


def read_bool(value, path: str, issues: Issues):
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in _TRUE + _FALSE:
        return value.strip().lower() in _TRUE
    issues.add(path, "INPUT-TYPE", "expected true or false, got %s." % _describe(value))
    return None


def read_action(value, path: str, issues: Issues):
    found = vocabulary.action(value) if isinstance(value, str) else None
    if found is None:
        issues.add(path, "VALUE-ENUM", "%s is not a redundancy-policy action; use one of acquire-primary-role, "
                   "release-primary-role, release-primary-role-force, release-primary-role-if-standby-clear, "
                   "broadcast-warning (or the Junos mastership spellings)." % _describe(value))
    return found


def read_peer(value, path: str, issues: Issues):
    found = vocabulary.peer_event(value) if isinstance(value, str) else None
    if found is None:
        issues.add(path, "VALUE-ENUM", "%s is not a peer event; use primary-role-acquire or primary-role-release "
                   "(Junos: mastership-acquire, mastership-release)." % _describe(value))
    return found


def read_secret(value, path: str, issues: Issues):
    if isinstance(value, Secret):
        return value
    if isinstance(value, str):
        if value == MASK:
            issues.add(path, "INPUT-TYPE", "the key is the mask %r, not a key: pass the real key (no_log)." % MASK)
            return None
        return Secret(value)
    issues.add(path, "INPUT-TYPE", "expected the key as a string, got %s." % _kind(value))
    return None


def _kind(value) -> str:
    name = type_name(value)
    return {"dict": "a mapping", "list": "a list", "bool": "a boolean", "int": "a number", "str": "a string",
            "NoneType": "nothing (null)"}.get(name, name)


def _describe(value) -> str:
    if isinstance(value, str):
        return repr(value)
    return _kind(value)


# ---------------------------------------------------------------- field specs


@dataclass(frozen=True)
class F:
    """One dict key of an entry: its reader, and whether it is required."""

    name: str
    read: Callable | None = None          # scalar reader; None when ``nested``/``items``
    required: bool = False
    items: Callable | None = None         # for lists: reader of one item
    nested: type | None = None            # a nested entry class (spec in SPECS)
    list_of: type | None = None           # a list of nested entries


SPECS: dict[type, tuple[F, ...]] = {
    RedundancyEvent: (
        F("name", read_str, True), F("link_down", items=read_str), F("process_routing_restart", read_bool),
        F("process_routing_abort", read_bool), F("peer", read_peer)),
    AddSignalRoute: (F("prefix", read_str, True), F("next_hop", read_str), F("routing_instance", read_str)),
    DeleteSignalRoute: (F("prefix", read_str, True), F("routing_instance", read_str)),
    RedundancyPolicy: (
        F("name", read_str, True), F("events", items=read_str), F("action", read_action),
        F("add_signal_route", nested=AddSignalRoute), F("delete_signal_route", nested=DeleteSignalRoute)),
    RedundancySet: (
        F("id", read_int, True), F("redundancy_group", read_int), F("policies", items=read_str),
        F("keepalive", read_int), F("hold_time", read_int), F("healthcheck_timer_interval", read_int)),
    ServiceSetBinding: (
        F("name", read_str, True), F("redundancy_set_id", read_int, True), F("replication_threshold", read_int),
        F("disable_replication_capability", read_bool)),
    LivenessDetection: (
        F("minimum_interval", read_int), F("minimum_receive_interval", read_int), F("multiplier", read_int)),
    IccpPeer: (
        F("address", read_str, True), F("redundancy_group_id_list", items=read_int), F("local_ip_addr", read_str),
        F("session_establishment_hold_time", read_int), F("authentication_key", read_secret),
        F("liveness_detection", nested=LivenessDetection), F("backup_peer_ip", read_str)),
    Iccp: (
        F("local_ip_addr", read_str), F("session_establishment_hold_time", read_int),
        F("authentication_key", read_secret), F("peers", list_of=IccpPeer)),
    RedundancyOptions: (
        F("interface", read_str, True), F("peer_address", read_str), F("local_data_address", read_str),
        F("routing_instance", read_str), F("replication_threshold", read_int), F("mtu", read_int)),
    RouteCondition: (
        F("name", read_str, True), F("prefix", read_str, True), F("table", read_str, True),
        F("family_inet", read_bool)),
    TrackedRoute: (
        F("prefix", read_str, True), F("routing_instance", read_str), F("priority_cost", read_int, True)),
    VrrpGroup: (
        F("interface", read_str, True), F("unit", read_int, True), F("address", read_str, True),
        F("group", read_int, True), F("priority", read_int), F("virtual_addresses", items=read_str),
        F("track_routes", list_of=TrackedRoute)),
    RoutingInstance: (F("name", read_str, True), F("instance_type", read_str)),
}

COLLECTIONS: dict[str, tuple[type, str]] = {
    "redundancy_events": (RedundancyEvent, "name"),
    "redundancy_policies": (RedundancyPolicy, "name"),
    "redundancy_sets": (RedundancySet, "id"),
    "service_sets": (ServiceSetBinding, "name"),
    "redundancy_options": (RedundancyOptions, "interface"),
    "conditions": (RouteCondition, "name"),
    "vrrp_groups": (VrrpGroup, "interface,unit,address,group"),
    "routing_instances": (RoutingInstance, "name"),
}
"""ChassisConfig's keyed collections: entry class and the key fields (for paths)."""

CHASSIS_KEYS = tuple(COLLECTIONS) + ("iccp",)


KEY_FIELDS: dict[type, tuple[str, ...]] = {
    RedundancyEvent: ("name",), RedundancyPolicy: ("name",), RedundancySet: ("id",),
    ServiceSetBinding: ("name",), IccpPeer: ("address",), RedundancyOptions: ("interface",),
    RouteCondition: ("name",), VrrpGroup: ("interface", "unit", "address", "group"),
    TrackedRoute: ("prefix", "routing_instance"), RoutingInstance: ("name",),
}


def entry_path(path: str, cls: type, data, index: int) -> str:
    """``path[key=value]`` when the entry's key is readable, else ``path[index]``."""
    if isinstance(data, dict):
        parts = []
        for name in KEY_FIELDS.get(cls, ()):
            if data.get(name) is None:
                if cls is TrackedRoute and name == "routing_instance":
                    continue
                break
            parts.append("%s=%s" % (name, data[name]))
        else:
            if parts:
                return "%s[%s]" % (path, ",".join(parts))
    return "%s[%d]" % (path, index)


def read_entry(cls: type, data, path: str, issues: Issues):
    """One entry from a dict; None (and violations) when it cannot be built."""
    if isinstance(data, cls):
        return data
    if not isinstance(data, dict):
        issues.add(path, "INPUT-TYPE", "expected a mapping, got %s." % _kind(data))
        return None
    specs = {spec.name: spec for spec in SPECS[cls]}
    for key in data:
        if key not in specs:
            issues.add(_join(path, str(key)), "INPUT-UNKNOWN-KEY",
                       "unknown key %r; known keys: %s." % (key, ", ".join(specs)))
    values: dict[str, Any] = {}
    ok = True
    for spec in SPECS[cls]:
        value = data.get(spec.name)
        where = _join(path, spec.name)
        if value is None:
            if spec.required:
                issues.add(where, "INPUT-REQUIRED", "%s is required." % spec.name)
                ok = False
            continue
        if spec.read is not None:
            converted = spec.read(value, where, issues)
            if converted is None:
                ok = ok and not spec.required
                continue
            values[spec.name] = converted
        elif spec.items is not None:
            if not isinstance(value, list):
                issues.add(where, "INPUT-TYPE", "expected a list, got %s." % _kind(value))
                continue
            items = []
            for index, item in enumerate(value):
                converted = spec.items(item, "%s[%d]" % (where, index), issues)
                if converted is None:
                    continue
                if converted in items:
                    issues.add("%s[%d]" % (where, index), "DUPLICATE-ENTRY",
                               "%s is listed twice in %s." % (converted, spec.name))
                    continue
                items.append(converted)
            values[spec.name] = tuple(items)
        elif spec.nested is not None:
            converted = read_entry(spec.nested, value, where, issues)
            if converted is not None:
                values[spec.name] = converted
        elif spec.list_of is not None:
            values[spec.name] = read_keyed(spec.list_of, value, where, issues)
    if not ok:
        return None
    if cls is Iccp:
        values["peers"] = values.get("peers", {})
    if cls is VrrpGroup:
        values["track_routes"] = tuple(values.get("track_routes", {}).values())
    try:
        return cls(**values)
    except TypeError as exc:       # defensive: a spec/model mismatch is a bug, say so plainly
        issues.add(path, "INPUT-TYPE", "cannot build %s: %s." % (cls.__name__, exc))
        return None


def read_keyed(cls: type, value, path: str, issues: Issues) -> dict:
    """A list of entries keyed by their Junos key; duplicates reported."""
    if isinstance(value, dict) and not SPECS[cls][0].name in value:
        # a mapping keyed by name is accepted too: {E1: {...}, E2: {...}}
        value = [dict(entry or {}, **{SPECS[cls][0].name: key}) if isinstance(entry, (dict, type(None))) else entry
                 for key, entry in value.items()]
    if not isinstance(value, list):
        issues.add(path, "INPUT-TYPE", "expected a list, got %s." % _kind(value))
        return {}
    out: dict = {}
    for index, item in enumerate(value):
        where = entry_path(path, cls, item, index)
        entry = read_entry(cls, item, where, issues)
        if entry is None:
            continue
        if entry.key in out:
            issues.add(where, "DUPLICATE-ENTRY", "%s is defined twice; only the first is used." % (entry.key,))
            continue
        out[entry.key] = entry
    return out


def chassis_from_dict(data, path: str = "", issues: Issues | None = None) -> tuple[ChassisConfig, list[Violation]]:
    """Read a per-chassis dict (the shape :func:`chassis_to_dict` writes)."""
    issues = issues if issues is not None else Issues()
    if data is None:
        data = {}
    if not isinstance(data, dict):
        issues.add(path, "INPUT-TYPE", "expected a mapping of SRD resources, got %s." % _kind(data))
        return ChassisConfig(), issues.items
    for key in data:
        if key not in CHASSIS_KEYS:
            issues.add(_join(path, str(key)), "INPUT-UNKNOWN-KEY",
                       "unknown key %r; known keys: %s." % (key, ", ".join(CHASSIS_KEYS)))
    values: dict[str, Any] = {}
    for name, (cls, _key) in COLLECTIONS.items():
        if data.get(name) is not None:
            values[name] = read_keyed(cls, data[name], _join(path, name), issues)
    if data.get("iccp") is not None:
        values["iccp"] = read_entry(Iccp, data["iccp"], _join(path, "iccp"), issues)
    return ChassisConfig(**values), issues.items


# ---------------------------------------------------------------- to dicts


def _sort_key(key):
    if isinstance(key, tuple):
        return tuple(_sort_key(part) for part in key)
    if isinstance(key, int):
        return (0, key)
    return (1, interface_key(str(key)))


def to_plain(value, reveal: bool = False, compact: bool = True):
    """Any model value as plain Python data (Secrets masked unless ``reveal``)."""
    if isinstance(value, Secret):
        return value.reveal() if reveal else MASK
    if isinstance(value, enum.Enum):
        return value.value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out = {}
        for item in dataclasses.fields(value):
            converted = to_plain(getattr(value, item.name), reveal, compact)
            if compact and (converted is None or converted is False or converted == []):
                if not (isinstance(value, ChassisConfig)):
                    continue
            out[item.name] = converted
        return out
    if isinstance(value, dict):
        return [to_plain(value[key], reveal, compact) for key in sorted(value, key=_sort_key)]
    if isinstance(value, (list, tuple)):
        return [to_plain(item, reveal, compact) for item in value]
    return value


def chassis_to_dict(config: ChassisConfig, reveal: bool = False, compact: bool = True) -> dict:
    """The per-chassis dict (every resource key present; entries compact)."""
    return to_plain(config, reveal, compact)


def resource_to_dict(config: ChassisConfig, resource: str, reveal: bool = False) -> dict:
    """One resource's part of the dict (e.g. ``redundancy_sets`` with ``service_sets``)."""
    from ansible_collections.mxha.srd.plugins.module_utils.srd.model.config import RESOURCE_FIELDS
    full = chassis_to_dict(config, reveal)
    return {name: full[name] for name in RESOURCE_FIELDS[resource]}
