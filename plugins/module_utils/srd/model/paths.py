# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""How violations and diffs name a place in the model: ``redundancy_sets[id=3].policies[2]``.

Keyed lists are addressed by their Junos key (stable when entries are added or
removed), leaf-lists by position.  The same paths address the plain-dict form
(:mod:`serialize`) and the pair intent's shared sections.
"""

from __future__ import annotations


def keyed(collection: str, **key) -> str:
    return "%s[%s]" % (collection, ",".join("%s=%s" % (name, value) for name, value in key.items()))


def event(name) -> str:
    return keyed("redundancy_events", name=name)


def policy(name) -> str:
    return keyed("redundancy_policies", name=name)


def redundancy_set(set_id) -> str:
    return keyed("redundancy_sets", id=set_id)


def service_set(name) -> str:
    return keyed("service_sets", name=name)


def iccp_peer(address) -> str:
    return keyed("iccp.peers", address=address)


def redundancy_options(interface) -> str:
    return keyed("redundancy_options", interface=interface)


def condition(name) -> str:
    return keyed("conditions", name=name)


def vrrp_group(key) -> str:
    interface, unit, address, group = key
    return keyed("vrrp_groups", interface=interface, unit=unit, address=address, group=group)


def routing_instance(name) -> str:
    return keyed("routing_instances", name=name)


def item(path: str, index: int) -> str:
    return "%s[%d]" % (path, index)


def attr(path: str, name: str) -> str:
    return "%s.%s" % (path, name) if path else name
