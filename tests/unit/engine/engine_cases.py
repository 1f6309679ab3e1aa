# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The test pair of docs/srd-semantics.md section 7, the doc's tables, and the notation that
turns a table cell into a pair state.

Why here: the engine's case table lives in the documentation, so the doc and the tests cannot
drift. This module builds the inputs independently of the engine (it does not call the engine's
own ``initial_state`` or indexes), so a wrong engine helper cannot make a wrong case pass.
"""

from __future__ import annotations

import re
from pathlib import Path

from ansible_collections.mxha.srd.plugins.module_utils.srd.model.config import (
    AddSignalRoute,
    ChassisConfig,
    DeleteSignalRoute,
    Iccp,
    IccpPeer,
    MastershipAction,
    PeerEvent,
    RedundancyEvent,
    RedundancyPolicy,
    RedundancySet,
    RouteCondition,
    TrackedRoute,
    VrrpGroup,
)
from ansible_collections.mxha.srd.plugins.module_utils.srd.engine.state import ChassisState, PairState, RoleState

DOC = Path(__file__).resolve().parents[3] / "docs" / "srd-semantics.md"

ADDRESSES = {"A": "10.255.0.1", "B": "10.255.0.2"}
PRIORITY = {"A": 200, "B": 190}
VRRP_ADDRESS = {"A": "198.51.100.2/24", "B": "198.51.100.3/24"}
HA = "HA"


def signal_prefix(n: int) -> str:
    return "10.%d.0.1/32" % n


def warning_prefix(n: int) -> str:
    return "10.%d.9.1/32" % n


def marker_prefix(n: int) -> str:
    return "10.%d.8.1/32" % n


# ---------------------------------------------------------------- the test pair


def _set_objects(n: int, acq_action=MastershipAction.ACQUIRE, acq_route=True, attach_acq=True):
    """Events, policies, set, condition and VRRP group of redundancy set ``n`` (doc section 7)."""
    events = [
        RedundancyEvent("REL_CRIT_%d" % n, link_down=("xe-0/0/%d" % n,)),
        RedundancyEvent("REL_PEER_%d" % n, peer=PeerEvent.MASTERSHIP_ACQUIRE),
        RedundancyEvent("REL_MAN_%d" % n),
        RedundancyEvent("RELF_MAN_%d" % n),
        RedundancyEvent("RELC_MAN_%d" % n),
        RedundancyEvent("ACQ_PEER_%d" % n, peer=PeerEvent.MASTERSHIP_RELEASE),
        RedundancyEvent("ACQ_MAN_%d" % n),
        RedundancyEvent("WARN_%d" % n, link_down=("xe-0/1/%d" % n,)),
    ]
    delete = DeleteSignalRoute(signal_prefix(n), HA)
    policies = [
        RedundancyPolicy("ACQ_POL_%d" % n, ("ACQ_PEER_%d" % n, "ACQ_MAN_%d" % n), acq_action,
                         add_signal_route=AddSignalRoute(signal_prefix(n), None, HA) if acq_route else None),
        RedundancyPolicy("REL_POL_%d" % n, ("REL_CRIT_%d" % n, "REL_PEER_%d" % n, "REL_MAN_%d" % n),
                         MastershipAction.RELEASE, delete_signal_route=delete),
        RedundancyPolicy("RELF_POL_%d" % n, ("RELF_MAN_%d" % n,), MastershipAction.RELEASE_FORCE, delete_signal_route=delete),
        RedundancyPolicy("RELC_POL_%d" % n, ("RELC_MAN_%d" % n,), MastershipAction.RELEASE_IF_STANDBY_CLEAR,
                         delete_signal_route=delete),
        RedundancyPolicy("WARN_POL_%d" % n, ("WARN_%d" % n,), MastershipAction.BROADCAST_WARNING,
                         add_signal_route=AddSignalRoute(warning_prefix(n), None, HA)),
    ]
    names = [p.name for p in policies if attach_acq or not p.name.startswith("ACQ_POL")]
    rset = RedundancySet(n, redundancy_group=1, policies=tuple(names))
    cond = RouteCondition("PRIMARY_%d" % n, signal_prefix(n), "HA.inet.0")
    return events, policies, rset, cond


def build_chassis(name: str, variant: str, n_sets: int = 2) -> ChassisConfig:
    set_ids = list(range(1, n_sets + 1))
    if variant == "b-no-set2" and name == "B":
        set_ids = [1]
    events, policies, sets, conds, vrrp = [], [], [], [], []
    for n in set_ids:
        kwargs = {}
        if variant == "ping-pong" and n == 1:
            kwargs = {"acq_action": MastershipAction.RELEASE, "acq_route": False}
        if variant == "no-peer-acq" and n == 1 and name == "B":
            kwargs = {"attach_acq": False}
        ev, po, rs, cond = _set_objects(n, **kwargs)
        events += ev
        policies += po
        sets.append(rs)
        conds.append(cond)
        vrrp.append(VrrpGroup("ge-0/0/9", 0, VRRP_ADDRESS[name], n,
                              priority=PRIORITY[name],
                              track_routes=(TrackedRoute(signal_prefix(n), HA, 50),)))
    if variant == "extra-policies":
        events.append(RedundancyEvent("ROUTE_EV_1"))
        policies.append(RedundancyPolicy("ROUTE_POL_1", ("REL_MAN_1", "ROUTE_EV_1"), None,
                                         add_signal_route=AddSignalRoute(marker_prefix(1), None, HA)))
        sets[0] = RedundancySet(1, redundancy_group=1, policies=sets[0].policies + ("ROUTE_POL_1",))
    if variant == "empty-set3":
        sets.append(RedundancySet(3, redundancy_group=1, policies=()))
    events += [RedundancyEvent("UNBOUND"), RedundancyEvent("ORPHAN_EV")]
    policies.append(RedundancyPolicy("ORPHAN_POL", ("ORPHAN_EV",), MastershipAction.ACQUIRE))
    iccp = None
    if variant != "no-iccp":
        peer = "B" if name == "A" else "A"
        iccp = Iccp(local_ip_addr=ADDRESSES[name],
                    peers={ADDRESSES[peer]: IccpPeer(ADDRESSES[peer], redundancy_group_id_list=(1,))})
    return ChassisConfig.build(redundancy_events=events, redundancy_policies=policies, redundancy_sets=sets,
                               conditions=conds, vrrp_groups=vrrp, iccp=iccp)


_PAIRS = {}


def build_pair(variant: str) -> dict:
    if variant not in _PAIRS:
        _PAIRS[variant] = {name: build_chassis(name, variant) for name in ("A", "B")}
    return _PAIRS[variant]


# ---------------------------------------------------------------- the notation

_SET_RE = re.compile(r"^(\d+):(.+)$")


def parse_given(variant: str, text: str) -> PairState:
    """``1:A=primary,B=wait 2:A=primary B:off`` -> PairState, per doc section 8 "given"."""
    configs = build_pair(variant)
    roles = {name: {} for name in configs}
    daemon = {name: True for name in configs}
    listed = {}
    for token in text.split():
        m = _SET_RE.match(token)
        if m:
            listed[int(m.group(1))] = dict(item.split("=") for item in m.group(2).split(","))
        elif token.endswith(":off"):
            daemon[token[:-4]] = False
        else:
            raise ValueError("bad given token %r" % token)
    for name, cfg in configs.items():
        for set_id in cfg.redundancy_sets:
            spec = listed.get(set_id, {"A": "primary", "B": "standby"})
            roles[name][set_id] = RoleState(spec[name])
    routes = {name: set() for name in configs}
    for name in configs:
        for set_id, role in roles[name].items():
            if role is RoleState.PRIMARY and set_id in (1, 2):
                routes[name].add((signal_prefix(set_id), HA))
    return PairState({name: ChassisState(daemon[name], roles[name], frozenset(routes[name])) for name in configs})


def parse_after(text: str) -> tuple:
    """``1:A=standby,B=primary A:off`` -> ({set: {chassis: state}}, {chassis: daemon})."""
    sets, daemons = {}, {}
    if text.strip() == "=":
        return None, None
    for token in text.split():
        m = _SET_RE.match(token)
        if m:
            sets[int(m.group(1))] = {k: RoleState(v) for k, v in (i.split("=") for i in m.group(2).split(","))}
        elif token.endswith(":off"):
            daemons[token[:-4]] = False
        elif token.endswith(":on"):
            daemons[token[:-3]] = True
        else:
            raise ValueError("bad after token %r" % token)
    return sets, daemons


def parse_routes(text: str) -> dict:
    """``A-1 B+1 A+w1 A+m1`` -> {chassis: (added set, removed set)} of (prefix, instance)."""
    out = {}
    if text.strip() == "-":
        return out
    for token in text.split():
        m = re.match(r"^([AB])([+-])([wm]?)(\d+)$", token)
        if not m:
            raise ValueError("bad routes token %r" % token)
        chassis, sign, kind, n = m.groups()
        prefix = {"w": warning_prefix, "m": marker_prefix, "": signal_prefix}[kind]
        route = (prefix(int(n)), HA)
        added, removed = out.setdefault(chassis, (set(), set()))
        (added if sign == "+" else removed).add(route)
    return out


# ---------------------------------------------------------------- the doc's tables


def doc_table(heading: str) -> list:
    """Rows (dicts keyed by header) of the first table under the markdown heading ``heading``."""
    lines = DOC.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("#") and line.lstrip("#").strip() == heading)
    rows, header = [], None
    for line in lines[start + 1:]:
        if line.startswith("#"):
            break
        if not line.startswith("|"):
            if header is not None:
                break
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if header is None:
            header = cells
        elif set(line.replace("|", "").strip()) <= set("-: "):
            continue
        else:
            rows.append(dict(zip(header, cells)))
    return rows
