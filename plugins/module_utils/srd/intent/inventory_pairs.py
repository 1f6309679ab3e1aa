# -*- coding: utf-8 -*-
# Copyright: mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Which pairs a run works on when it needs no pair intent (the compatibility check).

Why: a user checks a pair before writing its intent, so the pairs come from the inventory itself,
with the same names for what cannot be taken as ``srd.intent.fleet.resolve`` uses. In this order:

- ``pairs`` given to the run: each names two chassis (inventory hosts);
- a *pair host* (a host listing its two chassis in ``srd_chassis``) is one pair;
- otherwise a play host's pair is the two-host inventory group that holds it (``pair1: {hosts:
  {pair1-mx1, pair1-mx2}}``, as ``mxsim`` writes and the switchover role reads); a host in no such
  group, or in two that disagree, is named as a problem.
"""
from __future__ import annotations

from typing import Any, Mapping, Optional, Sequence

from ansible_collections.mxha.srd.plugins.module_utils.srd.intent.fleet import (
    DOUBLE_CLAIM, INVALID, MISSING, PAIR_CHASSIS_VAR, UNCLAIMED, Fleet, PairSpec, Problem,
)

IGNORED_GROUPS = ("all", "ungrouped")


def _names(value: Any) -> Optional[tuple[str, str]]:
    """Two different chassis names from ``[a, b]``, ``"a,b"`` or ``"a + b"``; None otherwise."""
    if isinstance(value, str):
        parts = [p.strip() for p in value.replace("+", ",").split(",") if p.strip()]
    elif isinstance(value, (list, tuple)):
        parts = [str(p).strip() for p in value]
    else:
        return None
    if len(parts) != 2 or parts[0] == parts[1] or not all(parts):
        return None
    return tuple(sorted(parts))  # type: ignore[return-value]


def resolve_without_intent(play_hosts: Sequence[str], inventory_hosts: Sequence[str],
                           groups: Mapping[str, Sequence[str]], host_vars: Mapping[str, Mapping[str, Any]],
                           pairs: Optional[Sequence[Any]] = None) -> Fleet:
    """The pairs among ``play_hosts`` (``host_vars`` holds each host's connection variables)."""
    fleet = Fleet()
    inventory = set(inventory_hosts)
    play = list(dict.fromkeys(play_hosts))
    specs: dict[tuple[str, str], PairSpec] = {}

    def add(names: tuple[str, str], label: str, source: str, via: Optional[str] = None,
            connection: Optional[dict] = None) -> None:
        if names in specs:
            return
        specs[names] = PairSpec(label, names, {}, source, via,
                                connection if connection is not None else {n: dict(host_vars.get(n, {})) for n in names})

    def check_members(names: tuple[str, str], label: str) -> bool:
        absent = [n for n in names if n not in inventory]
        outside = [n for n in names if n in inventory and n not in play]
        if absent or outside:
            parts = []
            if absent:
                parts.append("%s not in the inventory" % ", ".join(absent))
            if outside:
                parts.append("%s not in the play (--limit or the play's hosts leave it out)" % ", ".join(outside))
            fleet.problems.append(Problem(MISSING, tuple(absent + outside), "pair %s needs both chassis, but %s"
                                          % (label, " and ".join(parts)), label))
            return False
        return True

    if pairs:
        for index, value in enumerate(pairs):
            names = _names(value)
            if names is None:
                fleet.problems.append(Problem(INVALID, (), "pairs[%d] must name two different chassis ([a, b] or "
                                              "'a,b'), got %r" % (index, value)))
                continue
            label = " + ".join(names)
            if check_members(names, label):
                add(names, label, "pairs[%d]" % index)
    else:
        for host in play:
            members = host_vars.get(host, {}).get(PAIR_CHASSIS_VAR)
            if not isinstance(members, Mapping):
                continue
            names = _names(list(members))
            if names is None:
                fleet.problems.append(Problem(INVALID, (host,), "pair host %s must list two chassis in %s"
                                              % (host, PAIR_CHASSIS_VAR)))
                continue
            base = {k: v for k, v in host_vars.get(host, {}).items() if k != PAIR_CHASSIS_VAR}
            add(names, host, "inventory host %s" % host, via=host,
                connection={n: {**base, **dict(members[n] or {})} for n in names})
        pair_groups = {}
        for name, hosts in groups.items():  # of groups with the same two hosts, the last (the innermost) names the pair
            members = tuple(sorted(set(hosts or ())))
            if name not in IGNORED_GROUPS and len(members) == 2:
                pair_groups[members] = name
        covered = {n for names in specs for n in names} | {s.via for s in specs.values() if s.via}
        candidates = {host: sorted((names, label) for names, label in pair_groups.items() if host in names)
                      for host in play if host not in covered}
        ambiguous = {host for host, found in candidates.items() if len(found) > 1}
        for host, found in candidates.items():
            if host in covered:
                continue
            if not found:
                fleet.problems.append(Problem(UNCLAIMED, (host,), "%s is among the play's hosts, but no two-host "
                                              "inventory group holds it: name its pair with pairs ([%s, PEER])"
                                              % (host, host)))
                continue
            if host in ambiguous:
                fleet.problems.append(Problem(DOUBLE_CLAIM, (host,), "%s is in %d two-host inventory groups with "
                                              "different peers (%s): name its pair with pairs" % (
                                                  host, len(found), ", ".join(label for _n, label in found))))
                continue
            names, label = found[0]
            covered.update(names)
            if set(names) & ambiguous:
                continue  # the ambiguous chassis' problem says it
            if check_members(names, label):
                add(names, label, "inventory group %s" % label)
    fleet.pairs = sorted(specs.values(), key=lambda p: p.name)
    return fleet


__all__ = ["resolve_without_intent", "IGNORED_GROUPS"]
