# -*- coding: utf-8 -*-
# Copyright: mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What each ``state`` wants, computed on the domain model (Red Hat resource-module semantics).

Within the resources a task manages:

- ``merged``: the input is merged into the device's entries (fields it sets win, lists are
  united); nothing is removed.
- ``replaced``: each entry named in the input becomes exactly the input entry; other entries stay.
  ICCP is one object, so a given ``iccp`` replaces ICCP as a whole.
- ``overridden``: the resources become exactly the input; entries not in it are removed.
- ``deleted``: the entries named in the input are removed (only their keys are read); with no
  input, everything of the resources goes.

Routing instances are only ever added or updated, never removed (other configuration lives in them).
A VRRP group's virtual addresses are only ever added (``keep_virtual_addresses``).
"""
from __future__ import annotations

import dataclasses
from typing import Any

from ansible_collections.mxha.srd.plugins.module_utils.srd.model.config import (
    DEFAULT_INSTANCE, RESOURCE_FIELDS, ChassisConfig, Iccp, keep_virtual_addresses,
)
from ansible_collections.mxha.srd.plugins.module_utils.srd.junos.xml.parse import table_instance

MERGE_ONLY = ("routing_instances",)


def _empty(value: Any) -> bool:
    return value is None or value is False or value == () or value == {}


def _merge_tuple(old: tuple, new: tuple) -> tuple:
    if all(hasattr(item, "key") for item in old + new):
        keyed = {item.key: item for item in old}
        for item in new:
            keyed[item.key] = merge_entry(keyed[item.key], item) if item.key in keyed else item
        return tuple(keyed.values())
    return old + tuple(item for item in new if item not in old)


def merge_entry(old, new):
    """``new`` merged onto ``old``: set fields win, lists are united, nested entries merge."""
    if old is None:
        return new
    if new is None:
        return old
    changes = {}
    for item in dataclasses.fields(new):
        value = getattr(new, item.name)
        if _empty(value):
            continue
        current = getattr(old, item.name)
        if isinstance(value, tuple) and isinstance(current, tuple):
            value = _merge_tuple(current, value)
        elif isinstance(value, dict) and isinstance(current, dict):
            value = {**current, **{k: merge_entry(current.get(k), v) for k, v in value.items()}}
        elif dataclasses.is_dataclass(value) and dataclasses.is_dataclass(current):
            value = merge_entry(current, value)
        changes[item.name] = value
    return dataclasses.replace(old, **changes)


def fields_of(resources) -> list[str]:
    return [name for resource in resources for name in RESOURCE_FIELDS[resource]]


def want_merged(have: ChassisConfig, given: ChassisConfig, resources) -> ChassisConfig:
    changes = {}
    for name in fields_of(resources):
        if name == "iccp":
            changes[name] = merge_entry(have.iccp, given.iccp)
        else:
            current = dict(getattr(have, name))
            for key, entry in getattr(given, name).items():
                current[key] = merge_entry(current.get(key), entry)
            changes[name] = current
    return have.replace(**changes)


def want_replaced(have: ChassisConfig, given: ChassisConfig, resources) -> ChassisConfig:
    changes = {}
    for name in fields_of(resources):
        if name == "iccp":
            changes[name] = given.iccp if given.iccp is not None else have.iccp
        elif name in MERGE_ONLY:
            changes[name] = {**getattr(have, name), **getattr(given, name)}
        else:
            changes[name] = {**getattr(have, name), **getattr(given, name)}
    return have.replace(**changes)


def want_overridden(have: ChassisConfig, given: ChassisConfig, resources) -> ChassisConfig:
    changes = {}
    for name in fields_of(resources):
        if name in MERGE_ONLY:
            changes[name] = {**getattr(have, name), **getattr(given, name)}
        else:
            changes[name] = getattr(given, name)
    return have.replace(**changes)


def want_deleted(have: ChassisConfig, keys: dict | None, resources) -> ChassisConfig:
    """``keys``: ``{field: [key, ...]}`` (``iccp``: list of peer addresses, or None for all of ICCP);
    None deletes everything of ``resources``, an empty mapping nothing."""
    changes = {}
    for name in fields_of(resources):
        if name in MERGE_ONLY:
            continue
        if keys is None:
            changes[name] = None if name == "iccp" else {}
        elif name not in keys:
            continue
        elif name == "iccp":
            if have.iccp is None:
                continue
            peers = keys["iccp"]
            changes[name] = None if peers is None else dataclasses.replace(
                have.iccp, peers={a: p for a, p in have.iccp.peers.items() if a not in set(peers)})
        else:
            gone = set(keys[name])
            changes[name] = {k: v for k, v in getattr(have, name).items() if k not in gone}
    return have.replace(**changes)


def referenced_instances(config: ChassisConfig) -> set:
    """Routing instances an SRD statement names (what the device read reports, too)."""
    names = {route.routing_instance for _policy, route in config.signal_routes() if route.routing_instance}
    names |= {o.routing_instance for o in config.redundancy_options.values() if o.routing_instance}
    names |= {r.routing_instance for g in config.vrrp_groups.values() for r in g.track_routes
              if r.routing_instance and r.routing_instance != DEFAULT_INSTANCE}
    names |= {table_instance(c.table) for c in config.conditions.values() if table_instance(c.table)}
    return names


def _prune_instances(want: ChassisConfig, given) -> ChassisConfig:
    """Instances kept only because they are never deleted leave the model once nothing names them
    (they stay on the device; a read would not report them either)."""
    explicit = set(given.routing_instances) if isinstance(given, ChassisConfig) else set()
    used = referenced_instances(want) | explicit
    return want.replace(routing_instances={k: v for k, v in want.routing_instances.items() if k in used})


def compute_want(state: str, have: ChassisConfig, given, resources) -> ChassisConfig:
    if state == "merged":
        want = want_merged(have, given, resources)
    elif state == "replaced":
        want = want_replaced(have, given, resources)
    elif state == "overridden":
        want = want_overridden(have, given, resources)
    elif state == "deleted":
        want = want_deleted(have, given, resources)
    else:
        raise ValueError("state %s does not change the device" % state)
    return _prune_instances(keep_virtual_addresses(have, want), given)


__all__ = ["compute_want", "keep_virtual_addresses", "merge_entry", "want_merged", "want_replaced", "want_overridden", "want_deleted",
           "fields_of", "Iccp"]
