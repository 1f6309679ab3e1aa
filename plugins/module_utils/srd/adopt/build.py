# -*- coding: utf-8 -*-
# Copyright: mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Two chassis' SRD configurations -> the pair intent that reproduces them, and the proof that it does.

A pair intent says once what the two chassis share and per chassis only what the format lets differ
(ICCP address, interface aliases, the services interface's data address, VRRP, ``only_on`` events and
policies). So an import factors the shared sections out, derives aliases from what differs
(``pairing``), and where the chassis differ in a way the format cannot say, it says so precisely (a
finding with the path and both values) and keeps the first chassis' form: nothing is silently dropped.

Then the intent is *loaded back* (``intent.pair.load``, exactly what a deploy does) and each derived
chassis model is compared with what the chassis holds: every difference is a finding of kind
``change`` saying what a deploy of the intent would add, remove or change on which chassis. No such
finding means deploying the intent is a no-op: the round trip is checked, not assumed. (Routing
instances are never removed by a deploy, so one the intent lacks is no change.)

Values are plain data but for the ICCP key, which stays a :class:`Secret` (``render`` decides how it is
written: vaulted, as a placeholder, or as the chassis shows it).
"""
from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field
from typing import Any, Optional

from ansible_collections.mxha.srd.plugins.module_utils.srd.adopt.pairing import Pairing, pair_interfaces
from ansible_collections.mxha.srd.plugins.module_utils.srd.adopt.source import ChassisSource
from ansible_collections.mxha.srd.plugins.module_utils.srd.diff import ADDED, REMOVED, diff, same
from ansible_collections.mxha.srd.plugins.module_utils.srd.errors import ERROR, WARNING
from ansible_collections.mxha.srd.plugins.module_utils.srd.intent import pair as intent_mod
from ansible_collections.mxha.srd.plugins.module_utils.srd.model.config import (
    DEFAULT_INSTANCE, RESOURCES, ChassisConfig, interface_key,
)
from ansible_collections.mxha.srd.plugins.module_utils.srd.model.secret import Secret
from ansible_collections.mxha.srd.plugins.module_utils.srd.model.vocabulary import PRIMARY_ROLE_WORDING

INFO = "info"

ASYMMETRIC = "asymmetric"    # the chassis differ in a way a pair intent cannot express
DEFAULT = "default"          # a value explicit on one chassis, left to the Junos default on the other
CHANGE = "change"            # what deploying the intent would change (the proof)
RULE = "rule"                # the collection's validation of the intent
UNREADABLE = "unreadable"    # a statement the parser could not take into the model
UNMODELLED = "unmodelled"    # SRD statements the model does not cover (kept verbatim, left alone by deploys)
INACTIVE = "inactive"        # inactive SRD statements (not in effect, so not in the intent)
GROUPS = "groups"            # entries a chassis inherits from configuration groups
KINDS = (ASYMMETRIC, DEFAULT, CHANGE, RULE, UNREADABLE, UNMODELLED, INACTIVE, GROUPS)

# Junos defaults of the values a hand configuration often spells out (docs/pair-intent.md 3.6).
SET_DEFAULTS = {"keepalive": 10, "hold_time": 30, "healthcheck_timer_interval": 5}


@dataclass(frozen=True)
class Finding:
    """One thing the import says about the pair: ``kind`` (see KINDS), where, and a sentence."""

    kind: str
    path: str
    message: str
    severity: str = ERROR
    chassis: tuple = ()

    def to_dict(self) -> dict:
        return {"kind": self.kind, "path": self.path, "message": self.message, "severity": self.severity,
                "chassis": list(self.chassis)}

    def __str__(self) -> str:
        return "%s%s" % ("%s: " % self.path if self.path else "", self.message)


@dataclass
class Adoption:
    """The imported pair: the intent (plain data, the ICCP key a Secret), findings, the proof."""

    name: str
    chassis: tuple
    sources: dict
    intent: dict
    findings: list = field(default_factory=list)
    changes: dict = field(default_factory=dict)     # chassis -> [sentence]: what a deploy would change
    notes: dict = field(default_factory=dict)       # intent path (tuple) -> comment above it
    inline: dict = field(default_factory=dict)      # intent path (tuple) -> comment at the end of its line
    key: Optional[Secret] = None

    @property
    def reproduces(self) -> bool:
        """The intent, loaded as a deploy loads it, gives each chassis exactly what it holds."""
        return not any(f.kind == CHANGE for f in self.findings)

    @property
    def exact(self) -> bool:
        """Deploying the intent to the same pair changes nothing, and nothing stands in its way or was lost."""
        return not any(f.severity == ERROR for f in self.findings)

    def errors(self) -> list:
        return [f for f in self.findings if f.severity == ERROR]

    def unmodelled(self) -> dict:
        return {n: list(self.sources[n].statements.get("unmodelled", [])) for n in self.chassis}

    def inactive(self) -> dict:
        return {n: list(self.sources[n].statements.get("inactive", [])) for n in self.chassis}


def _wording(value) -> Optional[str]:
    if value is None:
        return None
    return PRIMARY_ROLE_WORDING.get(str(value), str(value))


def _address_key(text: Optional[str]):
    try:
        return (0, ipaddress.ip_address(text or ""))
    except ValueError:
        return (1, text or "")


class _Builder:
    def __init__(self, a: ChassisSource, b: ChassisSource):
        self.src = {a.name: a, b.name: b}
        self.a, self.b = a.name, b.name
        self.cfg: dict[str, ChassisConfig] = {a.name: a.config, b.name: b.config}
        self.findings: list[Finding] = []
        self.notes: dict = {}
        self.inline: dict = {}
        self.pairing: Pairing = pair_interfaces(self.a, a.config, self.b, b.config)
        self.only: dict = {"events": {}, "policies": {}}      # name -> the one chassis holding it

    # -- helpers -----------------------------------------------------------------------------------

    def find(self, kind: str, path: str, message: str, severity: str = ERROR, chassis=()) -> None:
        self.findings.append(Finding(kind, path, message, severity, tuple(chassis) or (self.a, self.b)))

    def shared(self, path: str, values: dict, default=None, what: str = "") -> Any:
        """One value for both chassis: equal, or the explicit one, or the first chassis' (with a finding)."""
        va, vb = values[self.a], values[self.b]
        if same(va, vb):
            return va
        shown = {n: ("not set" if v is None else "%r" % (v,)) for n, v in values.items()}
        if isinstance(va, Secret) or isinstance(vb, Secret):
            shown = {n: ("not set" if v is None else "set") for n, v in values.items()}
        if (va is None or vb is None) and default is not None and (va if va is not None else vb) == default:
            chosen = va if va is not None else vb
            bare = self.b if va is not None else self.a
            self.find(DEFAULT, path, "%s is %s on %s and not set on %s, where Junos uses the same default; the "
                      "intent writes it for both, so a deploy would add it to %s (no change in behaviour)"
                      % (what or path, chosen, self.a if va is not None else self.b, bare, bare), WARNING)
            return chosen
        chosen = va if va is not None else vb
        self.find(ASYMMETRIC, path, "%s differs between the chassis (%s: %s, %s: %s); a pair intent holds one value "
                  "for both: it keeps %s's" % (what or path, self.a, shown[self.a], self.b, shown[self.b],
                                               self.a if va is not None else self.b))
        return chosen

    def token(self, name: str, interface: str) -> str:
        return self.pairing.token(name, interface)

    # -- the sections -----------------------------------------------------------------------------

    def chassis(self) -> dict:
        out = {}
        aliases = self.pairing.per_chassis()
        addresses = {n: self.cfg[n].local_iccp_address() for n in (self.a, self.b)}
        gateway1 = sorted((self.a, self.b), key=lambda n: _address_key(addresses[n]))[0]
        for me, other in ((self.a, self.b), (self.b, self.a)):
            entry: dict = {}
            config = self.cfg[me]
            if addresses[me]:
                entry["iccp_address"] = addresses[me]
            else:
                self.find(ASYMMETRIC, "chassis.%s.iccp_address" % me, "%s has no ICCP local address (protocols iccp "
                          "local-ip-addr): a pair intent needs each chassis' ICCP address" % me, chassis=(me,))
            peer = self._peer(other, me)
            if peer is not None and peer.backup_peer_ip:
                entry["backup_address"] = peer.backup_peer_ip
            if aliases[me]:
                entry["interfaces"] = aliases[me]
                for alias, interface in aliases[me].items():
                    counterpart = aliases[other][alias]
                    left = interface if me == self.a else counterpart
                    self.inline[("chassis", me, "interfaces", alias)] = "%s: %s (paired by %s)" % (
                        other, counterpart, self.pairing.why[left])
            services = self._services(me, other)
            if services:
                entry["services_interface"] = services
            ordered = sorted(config.vrrp_groups.items(), key=lambda kv: (interface_key(kv[0][0]),) + kv[0][1:])
            vrrp = [self._vrrp(me, group) for _key, group in ordered]
            if vrrp:
                entry["vrrp_groups"] = vrrp
            out[me] = entry
            role = "gateway 1 (the lower ICCP address)" if me == gateway1 else "gateway 2"
            self.notes[("chassis", me)] = "%s: %s; %s" % (me, role, self.src[me].origin or "read")
        return out

    def _peer(self, owner: str, towards: str):
        """``owner``'s ICCP peer entry for ``towards`` (None if it has none)."""
        iccp = self.cfg[owner].iccp
        if iccp is None:
            return None
        address = self.cfg[towards].local_iccp_address()
        if address in iccp.peers:
            return iccp.peers[address]
        return next(iter(iccp.peers.values()), None)

    def _services(self, me: str, other: str) -> Optional[dict]:
        options = self.cfg[me].redundancy_options
        if not options:
            return None
        names = sorted(options, key=interface_key)
        chosen = next((n for n in names if n in self.pairing.a2b or n in self.pairing.b2a), names[0])
        if len(names) > 1:
            self.find(ASYMMETRIC, "chassis.%s.services_interface" % me, "%s has redundancy-options on %d interfaces "
                      "(%s); a pair intent gives each chassis one services interface: it keeps %s"
                      % (me, len(names), ", ".join(names), chosen), chassis=(me,))
        opts = options[chosen]
        out = {"name": self.token(me, chosen)}
        if opts.local_data_address:
            out["local_data_address"] = opts.local_data_address
        theirs = self.cfg[other].redundancy_options
        their_data = next((o.local_data_address for o in theirs.values() if o.local_data_address), None)
        if opts.peer_address != their_data:
            self.find(ASYMMETRIC, "chassis.%s.services_interface" % me, "%s replicates to %s (redundancy-peer "
                      "ipaddress) but %s's data address is %s; a pair intent always replicates to the other "
                      "chassis' data address" % (me, opts.peer_address or "nothing", other, their_data or "not set"),
                      chassis=(me,))
        return out

    def _vrrp(self, me: str, group) -> dict:
        out = {"interface": self.token(me, group.interface), "unit": group.unit, "address": group.address,
               "group": group.group}
        if group.priority is not None:
            out["priority"] = group.priority
        out["track_routes"] = [{"prefix": r.prefix, "routing_instance": r.routing_instance or DEFAULT_INSTANCE,
                                "priority_cost": r.priority_cost} for r in group.track_routes]
        if group.virtual_addresses:  # the group's own virtual-address: kept, so the imported intent reproduces it
            out["virtual_addresses"] = list(group.virtual_addresses)
        return out

    def iccp(self) -> dict:
        out: dict = {}
        iccps = {n: self.cfg[n].iccp for n in (self.a, self.b)}
        if any(v is None for v in iccps.values()):
            return out
        peers = {}
        for me, other in ((self.a, self.b), (self.b, self.a)):
            iccp = iccps[me]
            want = self.cfg[other].local_iccp_address()
            if list(iccp.peers) != [want]:
                self.find(ASYMMETRIC, "chassis.%s" % me, "%s has ICCP peer%s %s; a pair intent gives each chassis one "
                          "ICCP peer, the other chassis' ICCP address (%s)" % (
                              me, "" if len(iccp.peers) == 1 else "s", ", ".join(iccp.peers) or "none", want),
                          chassis=(me,))
            peer = self._peer(me, other)
            peers[me] = peer
            if peer is None:
                continue
            if peer.local_ip_addr and iccp.local_ip_addr and peer.local_ip_addr != iccp.local_ip_addr:
                self.find(ASYMMETRIC, "chassis.%s.iccp_address" % me, "%s sets another local address for its peer "
                          "(peer %s local-ip-addr %s); the intent writes only protocols iccp local-ip-addr"
                          % (me, peer.address, peer.local_ip_addr), chassis=(me,))
            elif peer.local_ip_addr and not iccp.local_ip_addr:
                self.find(ASYMMETRIC, "chassis.%s.iccp_address" % me, "%s sets its ICCP local address per peer (peer "
                          "%s local-ip-addr); the intent writes it as protocols iccp local-ip-addr" % (me, peer.address),
                          chassis=(me,))
            for attr, what in (("session_establishment_hold_time", "session-establishment-hold-time"),
                               ("authentication_key", "authentication-key")):
                if getattr(peer, attr) is not None:
                    self.find(ASYMMETRIC, "iccp.%s" % attr, "%s sets %s per ICCP peer (peer %s); a pair intent holds "
                              "it once under protocols iccp" % (me, what, peer.address), chassis=(me,))
        key = self.shared("iccp.authentication_key", {n: iccps[n].authentication_key for n in iccps},
                          what="the ICCP authentication key")
        if key is not None:
            out["authentication_key"] = key
        hold = self.shared("iccp.session_establishment_hold_time",
                           {n: iccps[n].session_establishment_hold_time for n in iccps})
        if hold is not None:
            out["session_establishment_hold_time"] = hold
        if all(peers.values()):
            live = self.shared("iccp.liveness_detection", {n: peers[n].liveness_detection for n in peers})
            if live is not None:
                values = {k: getattr(live, k) for k in ("minimum_interval", "minimum_receive_interval", "multiplier")}
                out["liveness_detection"] = {k: v for k, v in values.items() if v is not None}
            groups = self.shared("iccp.redundancy_groups", {n: peers[n].redundancy_group_id_list for n in peers},
                                 what="the ICCP peer's redundancy-group-id-list")
            used = sorted({s.redundancy_group for c in self.cfg.values() for s in c.redundancy_sets.values()
                           if s.redundancy_group is not None})
            if not same(tuple(groups or ()), tuple(used)):
                out["redundancy_groups"] = list(groups or ())
        return out

    def services_redundancy(self) -> dict:
        out = {}
        options = {}
        for name in (self.a, self.b):
            found = list(self.cfg[name].redundancy_options.values())
            options[name] = found[0] if len(found) == 1 else (found[0] if found else None)
        if not all(options.values()):
            present = [o for o in options.values() if o is not None]
            if not present:
                return out
            options = {n: (o or present[0]) for n, o in options.items()}
        for attr in ("routing_instance", "replication_threshold", "mtu"):
            value = self.shared("services_redundancy.%s" % attr, {n: getattr(o, attr) for n, o in options.items()})
            if value is not None:
                out[attr] = value
        return out

    def keyed(self, field_name: str, path: str, what: str) -> dict:
        """Entries both chassis share by key (union; a difference or a one-sided entry is a finding)."""
        out: dict = {}
        mine = {n: getattr(self.cfg[n], field_name) for n in (self.a, self.b)}
        for key in list(mine[self.a]) + [k for k in mine[self.b] if k not in mine[self.a]]:
            here = path % (key,)
            holders = [n for n in (self.a, self.b) if key in mine[n]]
            if len(holders) == 1:
                lacking = self.b if holders == [self.a] else self.a
                self.find(ASYMMETRIC, here, "%s %s is configured on %s only; a pair intent gives it to both chassis, so "
                          "a deploy would add it to %s" % (what, key, holders[0], lacking))
                out[key] = mine[holders[0]][key]
                continue
            left, right = mine[self.a][key], mine[self.b][key]
            if not same(left, right):
                self.find(ASYMMETRIC, here, "%s %s differs between the chassis (%s: %s; %s: %s); a pair intent holds it "
                          "once: it keeps %s's" % (what, key, self.a, _describe(left), self.b, _describe(right), self.a))
            out[key] = left
        return out

    def events(self) -> list:
        out = []
        ev = {n: self.cfg[n].redundancy_events for n in (self.a, self.b)}
        for name in list(ev[self.a]) + [k for k in ev[self.b] if k not in ev[self.a]]:
            holders = [n for n in (self.a, self.b) if name in ev[n]]
            owner = holders[0]
            event = ev[owner][name]
            entry: dict = {"name": name}
            tokens = [self.token(owner, i) for i in event.link_down]
            if tokens:
                entry["link_down"] = tokens
            process = [w for w, on in (("restart", event.process_routing_restart),
                                       ("abort", event.process_routing_abort)) if on]
            if process:
                entry["process_routing"] = process
            if event.peer is not None:
                entry["peer"] = _wording(event.peer)
            here = "redundancy_events[name=%s]" % name
            if len(holders) == 1:
                entry["only_on"] = owner
                self.only["events"][name] = owner
            else:
                other = ev[self.b][name]
                other_tokens = sorted(self.token(self.b, i) for i in other.link_down)
                if sorted(tokens) != other_tokens:
                    self.find(ASYMMETRIC, here + ".link_down", "event %s monitors different interfaces: %s: %s; %s: %s "
                              "(interfaces that play the same part on both chassis share an alias; these do not)"
                              % (name, self.a, ", ".join(event.link_down) or "none", self.b,
                                 ", ".join(other.link_down) or "none"))
                for attr, what in (("process_routing_restart", "process routing restart"),
                                   ("process_routing_abort", "process routing abort"), ("peer", "peer")):
                    if getattr(event, attr) != getattr(other, attr):
                        self.find(ASYMMETRIC, here, "event %s differs in its %s monitor (%s: %s; %s: %s); a pair intent "
                                  "holds one event for both chassis: it keeps %s's" % (
                                      name, what, self.a, _describe(getattr(event, attr)), self.b,
                                      _describe(getattr(other, attr)), self.a))
            out.append(entry)
        return out

    def _members(self, path: str, what: str, lists: dict, absent: dict) -> list:
        """A member list shared by both chassis, where members ``only_on`` the other chassis drop out."""
        merged = list(lists[self.a]) + [m for m in lists[self.b] if m not in lists[self.a]]
        for name in (self.a, self.b):
            derived = {m for m in merged if absent.get(m, name) == name}
            if derived != set(lists[name]):
                self.find(ASYMMETRIC, path, "%s differ: %s: %s; %s: %s; only members defined on one chassis only may "
                          "differ" % (what, self.a, ", ".join(map(str, lists[self.a])) or "none", self.b,
                                      ", ".join(map(str, lists[self.b])) or "none"))
                break
        return merged

    def policies(self) -> list:
        out = []
        pol = {n: self.cfg[n].redundancy_policies for n in (self.a, self.b)}
        for name in list(pol[self.a]) + [k for k in pol[self.b] if k not in pol[self.a]]:
            holders = [n for n in (self.a, self.b) if name in pol[n]]
            owner = holders[0]
            policy = pol[owner][name]
            here = "redundancy_policies[name=%s]" % name
            if len(holders) == 1:
                events = list(policy.events)
            else:
                other = pol[self.b][name]
                events = self._members(here + ".events", "the events of policy %s" % name,
                                       {self.a: policy.events, self.b: other.events}, self.only["events"])
                for attr, what in (("action", "action"), ("add_signal_route", "add-static-route"),
                                   ("delete_signal_route", "delete-static-route")):
                    if not same(getattr(policy, attr), getattr(other, attr)):
                        self.find(ASYMMETRIC, here, "policy %s differs in its %s (%s: %s; %s: %s); a pair intent holds "
                                  "one policy for both chassis: it keeps %s's" % (
                                      name, what, self.a, _describe(getattr(policy, attr)), self.b,
                                      _describe(getattr(other, attr)), self.a))
            entry: dict = {"name": name, "events": events}
            if policy.action is not None:
                entry["then"] = _wording(policy.action)
            if policy.add_signal_route is not None:
                route = policy.add_signal_route
                entry["add_signal_route"] = {"prefix": route.prefix}
                if route.next_hop:
                    entry["add_signal_route"]["next_hop"] = route.next_hop
                else:
                    entry["add_signal_route"]["receive"] = True
                if route.routing_instance:
                    entry["add_signal_route"]["routing_instance"] = route.routing_instance
            if policy.delete_signal_route is not None:
                route = policy.delete_signal_route
                entry["delete_signal_route"] = {"prefix": route.prefix}
                if route.routing_instance:
                    entry["delete_signal_route"]["routing_instance"] = route.routing_instance
            if len(holders) == 1:
                entry["only_on"] = owner
                self.only["policies"][name] = owner
            out.append(entry)
        return out

    def sets(self, bindings: dict) -> list:
        out = []
        rs = {n: self.cfg[n].redundancy_sets for n in (self.a, self.b)}
        for set_id in list(rs[self.a]) + [k for k in rs[self.b] if k not in rs[self.a]]:
            holders = [n for n in (self.a, self.b) if set_id in rs[n]]
            owner = holders[0]
            rset = rs[owner][set_id]
            here = "redundancy_sets[id=%s]" % set_id
            entry: dict = {"id": set_id}
            if len(holders) == 1:
                lacking = self.b if owner == self.a else self.a
                self.find(ASYMMETRIC, here, "redundancy set %s is configured on %s only; a pair intent gives every set "
                          "to both chassis, so a deploy would add it to %s" % (set_id, owner, lacking))
                policies = list(rset.policies)
                values = {attr: getattr(rset, attr) for attr in ("redundancy_group",) + tuple(SET_DEFAULTS)}
            else:
                other = rs[self.b][set_id]
                policies = self._members(here + ".policies", "the policies of redundancy set %s" % set_id,
                                         {self.a: rset.policies, self.b: other.policies}, self.only["policies"])
                values = {"redundancy_group": self.shared(here + ".redundancy_group", {
                    self.a: rset.redundancy_group, self.b: other.redundancy_group})}
                for attr, default in SET_DEFAULTS.items():
                    pair_values = {self.a: getattr(rset, attr), self.b: getattr(other, attr)}
                    values[attr] = self.shared("%s.%s" % (here, attr), pair_values, default,
                                               "redundancy set %s %s" % (set_id, attr.replace("_", "-")))
            if values["redundancy_group"] is not None:
                entry["redundancy_group"] = values["redundancy_group"]
            entry["policies"] = policies
            for attr in SET_DEFAULTS:
                if values[attr] is not None:
                    entry[attr] = values[attr]
            mine = [b for b in bindings.values() if b.redundancy_set_id == set_id]
            if mine:
                entry["service_sets"] = [_binding(b) for b in mine]
            out.append(entry)
        for binding in bindings.values():
            if binding.redundancy_set_id not in {e["id"] for e in out}:
                self.find(ASYMMETRIC, "service_sets[name=%s]" % binding.name, "service set %s is bound to redundancy "
                          "set %s, which neither chassis configures; a pair intent binds service sets inside their "
                          "redundancy set, so the binding is left out" % (binding.name, binding.redundancy_set_id))
        return out


def _binding(binding) -> Any:
    if binding.replication_threshold is None and not binding.disable_replication_capability:
        return binding.name
    out: dict = {"name": binding.name}
    if binding.replication_threshold is not None:
        out["replication_threshold"] = binding.replication_threshold
    if binding.disable_replication_capability:
        out["disable_replication_capability"] = True
    return out


def _describe(value) -> str:
    if value is None:
        return "not set"
    if isinstance(value, Secret):
        return "set"
    if hasattr(value, "__dataclass_fields__"):
        parts = ["%s %s" % (k, getattr(value, k)) for k in value.__dataclass_fields__
                 if getattr(value, k) not in (None, (), False)]
        return ", ".join(parts) or "empty"
    return str(value)


def _change_text(name: str, change) -> str:
    if change.kind == ADDED:
        return "a deploy would add %s on %s" % (change.path, name)
    if change.kind == REMOVED:
        return "a deploy would remove %s from %s" % (change.path, name)
    if "authentication_key" in change.path:
        return "a deploy would change %s on %s (values not shown)" % (change.path, name)
    return "a deploy would change %s on %s from %r to %r" % (change.path, name, change.before, change.after)


def _source_notes(builder: _Builder, intent: dict) -> None:
    """Comments above entries: one chassis only, inherited from configuration groups."""
    a, b = builder.a, builder.b
    places = {"redundancy_events": "redundancy_events[name=%s]", "redundancy_policies": "redundancy_policies[name=%s]",
              "redundancy_sets": "redundancy_sets[id=%s]"}
    for section, pattern in places.items():
        for index, entry in enumerate(intent.get(section, [])):
            key = entry.get("name", entry.get("id"))
            parts = []
            if entry.get("only_on"):
                parts.append("%s only" % entry["only_on"])
            origins = {n: builder.src[n].groups.get(pattern % key) for n in (a, b)}
            if origins[a] and origins[a] == origins[b]:
                parts.append("%s (both chassis)" % origins[a])
            else:
                parts.extend("%s on %s" % (text, n) for n, text in origins.items() if text)
            if parts:
                builder.notes[(section, index)] = "; ".join(parts)
    for index, entry in enumerate(intent.get("route_tracking", {}).get("conditions", [])):
        origins = {n: builder.src[n].groups.get("route_tracking.conditions[name=%s]" % entry["name"]) for n in (a, b)}
        parts = ["%s on %s" % (text, n) for n, text in origins.items() if text]
        if parts:
            builder.notes[("route_tracking", "conditions", index)] = "; ".join(parts)
    origins = {n: builder.src[n].groups.get("iccp") for n in (a, b)}
    parts = ["%s on %s" % (text, n) for n, text in origins.items() if text]
    if parts and "iccp" in intent:
        builder.notes[("iccp",)] = "; ".join(parts)


def adopt(a: ChassisSource, b: ChassisSource, name: Optional[str] = None) -> Adoption:
    """The pair intent reproducing chassis ``a`` and ``b`` (sorted by name), its findings and its proof."""
    a, b = sorted((a, b), key=lambda s: s.name)
    if a.name == b.name:
        raise ValueError("a pair is two different chassis, got %s twice" % a.name)
    builder = _Builder(a, b)
    intent: dict = {"name": name or "%s + %s" % (a.name, b.name)}
    intent["chassis"] = builder.chassis()
    iccp = builder.iccp()
    if iccp:
        intent["iccp"] = iccp
    services = builder.services_redundancy()
    if services:
        intent["services_redundancy"] = services
    instances = builder.keyed("routing_instances", "routing_instances[name=%s]", "routing instance")
    if instances:
        intent["routing_instances"] = [{"name": i.name, **({"instance_type": i.instance_type} if i.instance_type
                                                           else {})} for i in instances.values()]
    events = builder.events()
    if events:
        intent["redundancy_events"] = events
    policies = builder.policies()
    if policies:
        intent["redundancy_policies"] = policies
    bindings = builder.keyed("service_sets", "service_sets[name=%s]", "service set binding")
    sets = builder.sets(bindings)
    if sets:
        intent["redundancy_sets"] = sets
    conditions = builder.keyed("conditions", "route_tracking.conditions[name=%s]", "condition")
    if conditions:
        intent["route_tracking"] = {"conditions": [
            {"name": c.name, "prefix": c.prefix, "table": c.table, **({"family_inet": True} if c.family_inet else {})}
            for c in conditions.values()]}
    _source_notes(builder, intent)
    adoption = Adoption(intent["name"], (a.name, b.name), {a.name: a, b.name: b}, intent, builder.findings,
                        notes=builder.notes, inline=builder.inline, key=iccp.get("authentication_key"))
    _what_the_chassis_keep(adoption)
    prove(adoption)
    return adoption


def _what_the_chassis_keep(adoption: Adoption) -> None:
    for name in adoption.chassis:
        source = adoption.sources[name]
        if source.groups:
            adoption.findings.append(Finding(GROUPS, "", "%s inherits %s from configuration groups (marked in the intent):"
                                             " a deploy can override an inherited value with a statement of its own, "
                                             "but cannot remove what a group provides; take it out of the group by hand "
                                             "before an intent drops it" % (name, ", ".join(sorted(source.groups))),
                                             WARNING, (name,)))
        for violation in source.violations:
            adoption.findings.append(Finding(UNREADABLE, violation.path, "%s: %s" % (name, violation.message),
                                             violation.severity, (name,)))
        count, lines = len(dict.fromkeys(source.unmodelled)), len(source.statements.get("unmodelled", []))
        if count:
            adoption.findings.append(Finding(UNMODELLED, "", "%s: %d SRD statement%s the model does not cover (%d set "
                                             "line%s kept verbatim at the end of the intent; a deploy leaves them as "
                                             "they are)" % (name, count, "" if count == 1 else "s", lines,
                                                            "" if lines == 1 else "s"), INFO, (name,)))
        count, lines = len(dict.fromkeys(source.inactive)), len(source.statements.get("inactive", []))
        if count:
            adoption.findings.append(Finding(INACTIVE, "", "%s: %d inactive SRD statement%s (not in effect, so not in "
                                             "the intent; %d line%s listed at its end; a deploy leaves them as they "
                                             "are)" % (name, count, "" if count == 1 else "s", lines,
                                                       "" if lines == 1 else "s"), INFO, (name,)))


def prove(adoption: Adoption) -> None:
    """Load the intent as a deploy would and compare each chassis' model with what it holds."""
    loaded = intent_mod.load(adoption.intent)
    for violation in loaded.violations:
        adoption.findings.append(Finding(RULE, violation.path, "%s (%s)" % (violation.message, violation.rule),
                                         violation.severity, tuple(violation.chassis) or adoption.chassis))
    for name in adoption.chassis:
        derived = loaded.configs.get(name, ChassisConfig())
        held = adoption.sources[name].config
        changes = [c for c in diff(held, derived, RESOURCES).changes
                   if not (c.kind == REMOVED and c.path.startswith("routing_instances"))]
        adoption.changes[name] = [_change_text(name, c) for c in changes]
        for change in changes:
            adoption.findings.append(Finding(CHANGE, change.path, _change_text(name, change), ERROR, (name,)))
