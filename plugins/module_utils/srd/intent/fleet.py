# -*- coding: utf-8 -*-
# Copyright: mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Which pairs a run works on: pair intents matched to the hosts of a play.

Why here, pure: every fleet job (deploy, drift, switchover, drain ...) must agree on what a pair is,
and the rules are about names, not devices. A pair is the two chassis one intent names; the run
covers every pair whose chassis are among the play's hosts, and says, by name, what it cannot take:

- ``unclaimed``: a play host that no intent names (it would otherwise be silently left out);
- ``missing``: an intent naming a chassis that is not in the inventory (``not-in-inventory``) or not in
  the play (``not-in-play``, for instance ``--limit`` to one chassis of a pair): a job that needs both
  chassis refuses that pair;
- ``double-claim``: a chassis named by two different intents;
- ``conflict``: the two chassis of a pair carry different intents (host_vars overriding group_vars).

Two inventory layouts are understood. *Chassis hosts*: each chassis is an inventory host and the
pair's intent is in its variables (group_vars of the pair's group: the intent's keys as variables,
or one mapping in ``srd_intent``). *Pair hosts*: one inventory host stands for a pair and lists its
chassis with their connection variables in ``srd_chassis``; job slicing (AWX, which deals hosts out
round-robin) can then never split a pair.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping, Optional, Sequence

INTENT_KEYS = ("name", "description", "chassis", "iccp", "services_redundancy", "routing_instances",
               "redundancy_events", "redundancy_policies", "redundancy_sets", "route_tracking")
"""The top-level keys of a pair intent (docs/pair-intent.md), as they appear among a host's variables."""

INTENT_VAR = "srd_intent"
PAIR_CHASSIS_VAR = "srd_chassis"

UNCLAIMED = "unclaimed"
MISSING = "missing"
DOUBLE_CLAIM = "double-claim"
CONFLICT = "conflict"
INVALID = "invalid"


@dataclass(frozen=True)
class Problem:
    """Something the run cannot take, by name; ``hosts`` are the chassis or hosts it concerns."""

    kind: str
    hosts: tuple[str, ...]
    message: str
    pair: Optional[str] = None

    def to_dict(self) -> dict:
        return {"kind": self.kind, "hosts": list(self.hosts), "message": self.message, "pair": self.pair}


@dataclass
class PairSpec:
    """One pair the run works on: its name, its two chassis (sorted), its intent as plain data.

    ``connection`` maps each chassis to the variables its NETCONF session is built from: the chassis
    host's own variables, or (pair-host layout) the pair host's variables overlaid with the chassis'.
    """

    name: str
    chassis: tuple[str, str]
    intent: Mapping[str, Any]
    source: str
    via: Optional[str] = None
    connection: dict = field(default_factory=dict)


@dataclass
class Fleet:
    pairs: list[PairSpec] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"pairs": [{"pair": p.name, "chassis": list(p.chassis), "source": p.source} for p in self.pairs],
                "problems": [p.to_dict() for p in self.problems], "notes": list(self.notes)}


def intent_in_vars(host_vars: Mapping[str, Any]) -> Optional[Mapping[str, Any]]:
    """The pair intent a host's variables hold: ``srd_intent``, or the intent's keys as variables."""
    value = host_vars.get(INTENT_VAR)
    if isinstance(value, Mapping) and value:
        return value
    chassis = host_vars.get("chassis")
    if isinstance(chassis, Mapping) and chassis:
        return {key: host_vars[key] for key in INTENT_KEYS if host_vars.get(key) is not None}
    return None


def _fingerprint(intent: Mapping[str, Any]) -> str:
    return json.dumps(intent, sort_keys=True, default=str)


def _names(intent: Mapping[str, Any]) -> Optional[tuple[str, str]]:
    chassis = intent.get("chassis")
    if not isinstance(chassis, Mapping):
        return None
    names = tuple(sorted(str(name) for name in chassis))
    return names if len(names) == 2 and names[0] != names[1] else None  # type: ignore[return-value]


def _pair_name(intent: Mapping[str, Any], names: Sequence[str]) -> str:
    name = intent.get("name")
    return name if isinstance(name, str) and name.strip() else " + ".join(names)


@dataclass
class _Candidate:
    intent: Mapping[str, Any]
    source: str
    carriers: list[str] = field(default_factory=list)
    via: Optional[str] = None
    members: Optional[Mapping[str, Mapping]] = None


def resolve(play_hosts: Sequence[str], inventory_hosts: Iterable[str],
            host_vars: Mapping[str, Mapping[str, Any]],
            explicit: Optional[Sequence[tuple[str, Mapping[str, Any]]]] = None) -> Fleet:
    """Match intents to the play's hosts.

    ``host_vars`` maps each play host to its (templated) variables. ``explicit`` lists intents given
    to the run itself (``(source, intent)``: a file, a directory entry, a mapping); without it, the
    intents come from the hosts' variables. A pair host (one holding ``srd_chassis``) brings its own
    chassis and their connection variables.
    """
    fleet = Fleet()
    inventory = set(inventory_hosts)
    play = list(dict.fromkeys(play_hosts))
    candidates: list[_Candidate] = []
    by_print: dict[str, _Candidate] = {}
    pair_hosts = {h for h in play if isinstance(host_vars.get(h, {}).get(PAIR_CHASSIS_VAR), Mapping)}

    def add(intent, source, carrier=None, via=None, members=None) -> None:
        key = _fingerprint(intent)
        cand = by_print.get(key)
        if cand is None:
            cand = by_print[key] = _Candidate(intent, source, via=via, members=members)
            candidates.append(cand)
        if carrier:
            cand.carriers.append(carrier)

    for source, intent in explicit or ():
        add(intent, source)
    for host in play:
        hv = host_vars.get(host, {})
        if host in pair_hosts:
            intent = intent_in_vars(hv)
            if intent is None:
                fleet.problems.append(Problem(UNCLAIMED, (host,), "pair host %s lists its chassis in %s but holds "
                                              "no pair intent (%s, or the intent's keys as variables)"
                                              % (host, PAIR_CHASSIS_VAR, INTENT_VAR)))
                continue
            add(intent, "inventory host %s" % host, host, via=host, members=hv[PAIR_CHASSIS_VAR])
        elif explicit is None:
            intent = intent_in_vars(hv)
            if intent is not None:
                add(intent, "inventory variables of %s" % host, host)

    claimed: dict[str, dict[tuple, str]] = {}  # chassis -> the pairs (by chassis names) that claim it
    specs: list[tuple[_Candidate, tuple[str, str], str]] = []
    for cand in candidates:
        names = _names(cand.intent)
        label = _pair_name(cand.intent, names or ())
        if names is None:
            fleet.problems.append(Problem(INVALID, tuple(cand.carriers), "the intent from %s does not name two "
                                          "different chassis under 'chassis'" % cand.source, label))
            continue
        specs.append((cand, names, label))
        for name in names:
            claimed.setdefault(name, {}).setdefault(names, label)

    for name, pairs in sorted(claimed.items()):
        if len(pairs) > 1:
            labels = sorted(pairs.values())
            fleet.problems.append(Problem(DOUBLE_CLAIM, (name,), "chassis %s is claimed by %d intents (%s); each "
                                          "chassis belongs to one pair" % (name, len(labels), ", ".join(labels))))
    doubled = {name for name, pairs in claimed.items() if len(pairs) > 1}
    _conflicts(fleet, specs, doubled)

    for cand, names, label in specs:
        if set(names) & doubled or any(p.kind == CONFLICT and p.pair == label for p in fleet.problems):
            continue
        if cand.members is None:
            absent = [n for n in names if n not in inventory]
            outside = [n for n in names if n in inventory and n not in play]
            if not absent and len(outside) == 2 and cand.carriers == []:
                fleet.notes.append("%s: left out, neither of its chassis (%s) is among the play's hosts"
                                   % (label, " + ".join(names)))
                continue
            if absent or outside:
                present = tuple(n for n in names if n in play)
                fleet.problems.append(Problem(MISSING, tuple(absent + outside) + present,
                                              _missing_text(label, absent, outside), label))
                continue
            connection = {n: dict(host_vars.get(n, {})) for n in names}
        else:
            member_names = tuple(sorted(str(n) for n in cand.members))
            if member_names != names:
                fleet.problems.append(Problem(CONFLICT, (cand.via or "",), "pair host %s lists chassis %s in %s, "
                                              "but its intent names %s" % (cand.via, ", ".join(member_names),
                                                                           PAIR_CHASSIS_VAR, ", ".join(names)), label))
                continue
            base = {k: v for k, v in host_vars.get(cand.via or "", {}).items() if k != PAIR_CHASSIS_VAR}
            connection = {n: {**base, **dict(cand.members[n] or {})} for n in names}
        fleet.pairs.append(PairSpec(label, names, cand.intent, cand.source, cand.via, connection))
    _unique_names(fleet)

    covered = {n for p in fleet.pairs for n in p.chassis} | {p.via for p in fleet.pairs if p.via}
    covered |= {h for p in fleet.problems for h in p.hosts} | set(claimed)
    for host in play:
        if host in covered:
            continue
        carried = host_vars.get(host, {})
        intent = intent_in_vars(carried) if explicit is None else None
        if explicit is not None or intent is None:
            kind_text = "no intent given to the run names it" if explicit is not None else "no pair intent names it"
            if explicit is not None and len(explicit) == 1:
                fleet.notes.append("%s: left out, the intent given (%s) does not name it" % (host, explicit[0][0]))
                continue
            fleet.problems.append(Problem(UNCLAIMED, (host,), "%s is among the play's hosts, but %s (give it an "
                                          "intent, or leave it out of the play with --limit or the play's hosts)"
                                          % (host, kind_text)))
        else:
            fleet.notes.append("%s: left out, its variables hold the intent of %s, which does not name it"
                               % (host, " + ".join(_names(intent) or ("?",))))
    fleet.pairs.sort(key=lambda p: p.name)
    return fleet


def _conflicts(fleet: Fleet, specs, doubled: set) -> None:
    """Two different intents for the same two chassis: the chassis' variables disagree."""
    by_names: dict[tuple, list] = {}
    for cand, names, label in specs:
        by_names.setdefault(names, []).append((cand, label))
    for names, entries in by_names.items():
        if len(entries) > 1 and not set(names) & doubled:
            fleet.problems.append(Problem(CONFLICT, names, "the chassis %s carry %d different intents for their pair "
                                          "(%s); host_vars probably override group_vars: give the pair one intent"
                                          % (" and ".join(names), len(entries),
                                             "; ".join(c.source for c, _l in entries)), entries[0][1]))


def _missing_text(label: str, absent: list[str], outside: list[str]) -> str:
    parts = []
    if absent:
        parts.append("%s not in the inventory" % ", ".join(absent))
    if outside:
        parts.append("%s not in the play (--limit or the play's hosts leave it out)" % ", ".join(outside))
    return ("pair %s needs both chassis, but %s; nothing was done on this pair (a pair is worked on as a "
            "whole or not at all)" % (label, " and ".join(parts)))


def _unique_names(fleet: Fleet) -> None:
    """Two intents with the same ``name``: tell their pairs apart by their chassis."""
    counts: dict[str, int] = {}
    for pair in fleet.pairs:
        counts[pair.name] = counts.get(pair.name, 0) + 1
    for pair in fleet.pairs:
        if counts[pair.name] > 1:
            pair.name = "%s (%s)" % (pair.name, " + ".join(pair.chassis))
