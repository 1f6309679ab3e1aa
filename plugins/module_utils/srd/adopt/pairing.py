# -*- coding: utf-8 -*-
# Copyright: mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Interface aliases from what differs between the two chassis of a pair.

A pair intent shares its events between the chassis and lets each chassis name its own interfaces
through aliases (``uplink: xe-0/0/0`` on one, ``xe-1/0/0`` on the other). To import a pair, every
interface one chassis uses where the other uses a different one must be paired with its counterpart,
the same way everywhere. The evidence, strongest first:

1. the services interfaces (each chassis has one with ``redundancy-options``);
2. VRRP groups with the same unit and group number;
3. within each redundancy event configured on both chassis, the monitored interfaces the other chassis
   does not monitor, matched by likeness (same type, same PIC and port: ``xe-0/0/1`` and ``xe-1/0/1``),
   then by position.

An interface named the same on both chassis needs no alias. A pairing that contradicts an earlier one is
not made; the intent then cannot express that event, and the import's proof (``build``) says so.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ansible_collections.mxha.srd.plugins.module_utils.srd.model.config import ChassisConfig, interface_key

_NAME = re.compile(r"^(?P<type>[a-z]+)-(?P<fpc>\d+)/(?P<pic>\d+)/(?P<port>\d+)(?::(?P<channel>\d+))?$")


@dataclass
class Pairing:
    """Counterparts between chassis ``a`` and ``b``, and the alias each pair of interfaces gets."""

    a: str
    b: str
    a2b: dict = field(default_factory=dict)
    b2a: dict = field(default_factory=dict)
    why: dict = field(default_factory=dict)        # a-interface -> what paired it
    aliases: dict = field(default_factory=dict)    # a-interface -> alias

    def pair(self, left: str, right: str, why: str) -> bool:
        """Record ``left`` (on a) <-> ``right`` (on b); False when either is already paired otherwise."""
        if self.a2b.get(left, right) != right or self.b2a.get(right, left) != left:
            return False
        if left in self.a2b:
            return True
        self.a2b[left], self.b2a[right] = right, left
        self.why[left] = why
        return True

    def token(self, chassis: str, interface: str) -> str:
        """What the intent writes for ``interface`` of ``chassis``: its alias, or its name."""
        left = interface if chassis == self.a else self.b2a.get(interface)
        if left is not None and left in self.aliases:
            return self.aliases[left]
        return interface

    def per_chassis(self) -> dict[str, dict[str, str]]:
        """``{chassis: {alias: interface}}`` for the intent's ``chassis.X.interfaces``."""
        out: dict[str, dict[str, str]] = {self.a: {}, self.b: {}}
        for left, alias in sorted(self.aliases.items(), key=lambda kv: kv[1]):
            out[self.a][alias] = left
            out[self.b][alias] = self.a2b[left]
        return out


def _parts(name: str):
    match = _NAME.match(name.split(".", 1)[0])
    return match.groupdict() if match else None


def likeness(left: str, right: str) -> int:
    """How alike two interface names are: same type, same PIC and port (the slot is what usually differs)."""
    a, b = _parts(left), _parts(right)
    if a is None or b is None:
        return 1 if left.rstrip("0123456789") == right.rstrip("0123456789") else 0
    score = 4 if a["type"] == b["type"] else 0
    score += 2 if a["port"] == b["port"] else 0
    score += 1 if a["pic"] == b["pic"] else 0
    score += 1 if a["channel"] == b["channel"] else 0
    return score


def _services(config: ChassisConfig) -> str | None:
    names = sorted(config.redundancy_options, key=interface_key)
    return names[0] if len(names) == 1 else None


def _vrrp(config: ChassisConfig) -> dict[tuple, set]:
    out: dict[tuple, set] = {}
    for (interface, unit, _address, group) in config.vrrp_groups:
        out.setdefault((unit, group), set()).add(interface)
    return out


def pair_interfaces(a: str, config_a: ChassisConfig, b: str, config_b: ChassisConfig) -> Pairing:
    pairing = Pairing(a, b)
    svc_a, svc_b = _services(config_a), _services(config_b)
    if svc_a and svc_b:
        pairing.pair(svc_a, svc_b, "services")
    vrrp_a, vrrp_b = _vrrp(config_a), _vrrp(config_b)
    for key in sorted(set(vrrp_a) & set(vrrp_b)):
        if len(vrrp_a[key]) == 1 and len(vrrp_b[key]) == 1:
            pairing.pair(next(iter(vrrp_a[key])), next(iter(vrrp_b[key])), "vrrp %d" % key[1])
    for name, event in config_a.redundancy_events.items():
        other = config_b.redundancy_events.get(name)
        if other is None:
            continue
        left = [i for i in event.link_down if pairing.a2b.get(i, i) not in other.link_down]
        right = [i for i in other.link_down if pairing.b2a.get(i, i) not in event.link_down]
        left = [i for i in left if i not in pairing.a2b]
        right = [i for i in right if i not in pairing.b2a]
        if len(left) != len(right):
            continue                   # the event differs in more than names: the proof reports it
        candidates = sorted(((likeness(x, y), -abs(i - j), i, j) for i, x in enumerate(left)
                             for j, y in enumerate(right)), reverse=True)
        used_left, used_right = set(), set()
        for _score, _distance, i, j in candidates:
            if i in used_left or j in used_right:
                continue
            if pairing.pair(left[i], right[j], "event %s" % name):
                used_left.add(i)
                used_right.add(j)
    _name_aliases(pairing)
    return pairing


def _name_aliases(pairing: Pairing) -> None:
    taken: set = set()
    counters: dict[str, int] = {}

    def fresh(base: str) -> str:
        name, n = base, 1
        while name in taken:
            n += 1
            name = "%s_%d" % (base, n)
        taken.add(name)
        return name

    for left in sorted(pairing.a2b, key=interface_key):
        right = pairing.a2b[left]
        if left == right:
            continue                   # the same name on both chassis: no alias
        why = pairing.why[left]
        if why == "services":
            pairing.aliases[left] = fresh("services")
            continue
        if why.startswith("vrrp "):
            pairing.aliases[left] = fresh("vrrp_" + why.split()[1])
            continue
        pa, pb = _parts(left), _parts(right)
        kind = pa["type"] if pa and pb and pa["type"] == pb["type"] else "link"
        counters[kind] = counters.get(kind, 0) + 1
        pairing.aliases[left] = fresh("%s_%d" % (kind, counters[kind]))
