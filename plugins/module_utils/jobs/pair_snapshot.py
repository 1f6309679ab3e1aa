# -*- coding: utf-8 -*-
# Copyright: mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Read a pair's SRD state the way a snapshot holds it, and write snapshots next to the fleet report.

Why its own reader: a snapshot (and the drift check's role ages) needs what ``read_live`` does not keep,
the age of each signal route and the VRRP groups, from the same replies. Per chassis:
``get-services-redundancy-group-information`` (extensive), ``get-inter-chassis-control-protocol-information``,
``get-route-information`` (static routes, one table when the pair's signal routes live in one instance) and,
for a snapshot, ``get-vrrp-information`` (detail): 4 RPCs, 3 without VRRP. A device that answers the VRRP
read with an error (VRRP not running there) is a snapshot without VRRP, said so, not a failure.
"""
from __future__ import annotations

import datetime
import json
import os
import re
import time
from dataclasses import dataclass
from typing import Callable, Dict, Mapping, Optional

from ansible_collections.mxha.srd.plugins.module_utils.jobs.pair_reads import both, errors_of
from ansible_collections.mxha.srd.plugins.module_utils.netconf.live_reader import read_groups
from ansible_collections.mxha.srd.plugins.module_utils.netconf.transport import RpcError, Transport
from ansible_collections.mxha.srd.plugins.module_utils.srd.engine.index import PairConfig
from ansible_collections.mxha.srd.plugins.module_utils.srd.engine.state import ChassisState, PairState, RoleState
from ansible_collections.mxha.srd.plugins.module_utils.srd.live import snapshot as snap
from ansible_collections.mxha.srd.plugins.module_utils.srd.live.facts import chassis_facts
from ansible_collections.mxha.srd.plugins.module_utils.srd.live.replies import (
    LiveState, iccp_request, live_state, route_request,
)

__all__ = ["ChassisRead", "read_chassis", "route_table", "pair_state", "PairRead", "read_pair", "read_post",
           "snapshot_path",
           "write_snapshot", "load_snapshot", "now"]


@dataclass
class ChassisRead:
    live: LiveState
    ages: dict
    vrrp: Optional[tuple] = None
    vrrp_error: Optional[str] = None

    def facts(self) -> dict:
        """The ``redundancy_state`` facts of the chassis (what the drift check and the health gate judge)."""
        return chassis_facts(self.live)

    def route_ages(self) -> dict:
        return snap.ages_by_route(self.ages)


def read_chassis(transport: Transport, iccp: bool = True, vrrp: bool = False,
                 table: Optional[str] = None) -> ChassisRead:
    """One chassis' live state with route ages (3 RPCs, or 2 without ICCP) and its VRRP groups (1 more)."""
    groups, daemon_error = read_groups(transport)
    iccp_reply = transport.rpc(iccp_request()) if iccp else None
    routes_reply = transport.rpc(route_request(table))
    groups_vrrp, vrrp_error = None, None
    if vrrp:
        try:
            groups_vrrp = snap.parse_vrrp(transport.rpc(snap.vrrp_request()))
        except RpcError as exc:
            vrrp_error = "; ".join(e.message for e in exc.errors) or str(exc)
    return ChassisRead(live_state(groups, iccp_reply, routes_reply, daemon_error), snap.route_ages(routes_reply),
                       groups_vrrp, vrrp_error)


def route_table(pair: PairConfig) -> Optional[str]:
    """One table when every signal route of the pair is in one routing instance, else None (every table)."""
    instances = {ri for name in pair.names for _p, ri in pair.chassis[name].signal_routes}
    if len(instances) != 1:
        return None
    instance = instances.pop()
    return "inet.0" if instance == "default" else "%s.inet.0" % instance


def pair_state(pair: PairConfig, live: Mapping[str, LiveState]) -> PairState:
    """The engine's state from both chassis' own reports (a set a running srd does not report is absent)."""
    chassis = {}
    for name in pair.names:
        idx = pair.chassis[name]
        roles: Dict[int, RoleState] = {s: r for s, r in live[name].roles.items() if s in idx.set_ids}
        present = live[name].signal_routes(idx.signal_routes) if live[name].routes is not None else frozenset()
        chassis[name] = ChassisState(live[name].daemon_running, roles, present)
    return PairState(chassis)


@dataclass
class PairRead:
    """Both chassis read at one moment: their reads, the engine's state and the snapshot."""

    reads: Dict[str, ChassisRead]
    state: PairState
    snapshot: dict


def now() -> str:
    return datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0).isoformat()


def read_pair(pair_name: str, phase: str, job: str, pair: PairConfig, transports: Mapping[str, Transport],
              vrrp: bool = True) -> PairRead:
    """Both chassis at once (4 RPCs each with VRRP); a chassis that cannot be read raises (the caller says why)."""
    table = route_table(pair)
    results = both(pair.names, lambda n: read_chassis(transports[n], iccp=True, vrrp=vrrp, table=table))
    failed = errors_of(results)
    if failed:
        name, exc = sorted(failed.items())[0]
        raise RuntimeError("%s could not be read: %s" % (name, exc)) from exc
    parts = {n: snap.chassis_snapshot(results[n].live, pair.chassis[n].signal_routes, results[n].ages,
                                      results[n].vrrp, results[n].vrrp_error) for n in pair.names}
    document = snap.snapshot(pair_name, phase, job, now(), parts,
                             {n: pair.chassis[n].signal_routes for n in pair.names})
    return PairRead(results, pair_state(pair, {n: r.live for n, r in results.items()}), document)


def read_post(pair_name: str, job: str, pair: PairConfig, transports: Mapping[str, Transport], pre: Mapping,
              want: Mapping, notes, deadline: float, poll_interval: float, vrrp: bool = True,
              clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], None] = time.sleep,
              wait: bool = True) -> tuple:
    """The post snapshot and its diff against ``pre`` and the expected changes; with ``wait``, read again every
    ``poll_interval`` until the diff holds or ``deadline`` (VRRP follows the signal routes within a few
    advertisements on a device, after srd has already shown the roles). Returns (PairRead, Diff)."""
    while True:
        post = read_pair(pair_name, "post", job, pair, transports, vrrp)
        result = snap.diff(pre, post.snapshot, want, notes)
        if result.ok or not wait or clock() + poll_interval > deadline:
            return post, result
        sleep(poll_interval)


_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def snapshot_path(folder: str, pair: str, stem: str) -> str:
    """``FOLDER/PAIR/STEM.json``, the pair's name and the stem made safe as file names."""
    return os.path.join(os.path.abspath(os.path.expanduser(folder)), _UNSAFE.sub("_", pair or "pair"),
                        _UNSAFE.sub("_", stem) + ".json")


def write_snapshot(folder: Optional[str], document: Mapping, stem: Optional[str] = None) -> Optional[str]:
    """``FOLDER/PAIR/STEM.json`` (default stem: the snapshot's job and phase, e.g. ``drain-pre``); None when no
    folder is given."""
    if not folder:
        return None
    path = snapshot_path(folder, str(document.get("pair") or "pair"),
                         stem or "%s-%s" % (document.get("job"), document.get("phase")))
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(json.dumps(document, indent=2, sort_keys=True, default=str) + "\n")
    return path


def load_snapshot(path: str) -> dict:
    """A snapshot written by :func:`write_snapshot`; ValueError for anything else."""
    with open(os.path.expanduser(path), encoding="utf-8") as handle:
        try:
            data = json.load(handle)
        except ValueError as exc:
            raise ValueError("%s is not JSON: %s" % (path, exc)) from None
    if not isinstance(data, dict) or data.get("schema") != snap.SCHEMA:
        raise ValueError("%s is not an SRD snapshot (schema %s)" % (path, snap.SCHEMA))
    if int(data.get("version", 0)) > snap.VERSION:
        raise ValueError("%s is snapshot version %s, newer than this collection reads (%d)"
                         % (path, data.get("version"), snap.VERSION))
    return data
