"""Helpers of the audit's truth tests: perform a scenario on the emulated pair and read what it did.

Everything goes the way a user's run would: the configuration and the state are read over NETCONF
with the collection's own reader (``Transport``, ``ConfigSession``, ``read_live``), requests go out
as ``request-services-redundancy-set`` RPCs, and faults go in over the emulator's control socket
(mxsim.testing's ``Emu.inject``). Nothing here imports the emulator's modules.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from ansible_collections.mxha.srd.plugins.module_utils.netconf.config_session import ConfigSession
from ansible_collections.mxha.srd.plugins.module_utils.netconf.live_reader import read_live
from ansible_collections.mxha.srd.plugins.module_utils.netconf.ncclient_sender import ConnectionParams, NcclientSession
from ansible_collections.mxha.srd.plugins.module_utils.netconf.transport import RpcError, Transport
from ansible_collections.mxha.srd.plugins.module_utils.srd.audit.outcome import vrrp_winner
from ansible_collections.mxha.srd.plugins.module_utils.srd.audit.run import Audit, Scenario
from ansible_collections.mxha.srd.plugins.module_utils.srd.engine.state import ChassisState, PairState
from ansible_collections.mxha.srd.plugins.module_utils.srd.intent import pair as intent
from ansible_collections.mxha.srd.plugins.module_utils.srd.junos.scope import read_filter
from ansible_collections.mxha.srd.plugins.module_utils.srd.junos.xml.parse import parse_xml
from ansible_collections.mxha.srd.plugins.module_utils.srd.junos.xml.render import render_xml_string
from ansible_collections.mxha.srd.plugins.module_utils.srd.live.replies import trigger_request
from ansible_collections.mxha.srd.plugins.module_utils.srd.model.config import RESOURCES

MX1, MX2 = "pair1-mx1", "pair1-mx2"
# How each kind of failure is performed on the emulator (tools/mxsim/README.md, "Faults").
CARD_SECONDS = 120   # cards stay down for the whole test (their coming back up fires nothing anyway)


class Chassis:
    """One NETCONF session to an emulated chassis through the collection's transport."""

    def __init__(self, emu, name: str) -> None:
        p = emu.params(name)
        self.name = name
        self.session = NcclientSession(ConnectionParams(name=name, host=p["host"], port=p["port"],
                                                        username=p["username"], password=p["password"],
                                                        hostkey_verify=False)).open()
        self.transport = Transport(self.session.send)

    def config(self):
        reply = ConfigSession(self.transport, self.name).get_configuration(read_filter(RESOURCES))
        parsed = parse_xml(ET.tostring(reply, encoding="unicode"), source=self.name)
        return parsed.config

    def live(self):
        return read_live(self.transport)

    def request(self, set_id: int, event: str, force: bool) -> None:
        self.transport.rpc(trigger_request(set_id, event, force))

    def vrrp_masters(self) -> set:
        reply = self.transport.rpc("<get-vrrp-information/>")
        return {int(g.findtext("group")) for g in reply.iter("vrrp-interface") if g.findtext("vrrp-state") == "master"}

    def close(self) -> None:
        self.session.close()


def commit_intent(emu, data: dict) -> None:
    """Render a pair intent per chassis with the collection and commit both chassis over NETCONF."""
    loaded = intent.load(data)
    assert loaded.ok, [str(v) for v in loaded.violations]
    with ThreadPoolExecutor(2) as pool:   # at once: the start-up election waits for the second chassis
        list(pool.map(lambda name: emu.commit_config(name, render_xml_string(loaded.configs[name])), (MX1, MX2)))
    emu.wait_event(MX1, "srd-election")


@dataclass
class Seen:
    """What the pair shows: per chassis srd running, its own role per set, its signal routes; VRRP masters."""

    daemon: dict
    roles: dict
    routes: dict
    vrrp: dict


def observe(sessions: dict, routes) -> Seen:
    daemon, roles, found, vrrp = {}, {}, {}, {}
    for name, chassis in sessions.items():
        live = chassis.live()
        daemon[name] = live.daemon_running
        roles[name] = {sid: str(role) for sid, role in live.roles.items()} if live.daemon_running else None
        found[name] = sorted(live.signal_routes(routes))
        vrrp[name] = chassis.vrrp_masters()
    return Seen(daemon, roles, found, vrrp)


def predict(audit: Audit, scenario: Scenario) -> Seen:
    """The scenario's end state as the same reader would show it."""
    start = next(s.state for s in audit.starts if s.id == scenario.start)
    chassis = {n: start[n] for n in audit.design.names}
    masters = {n: set() for n in audit.design.names}
    for part in scenario.parts:
        final = part.final.state
        comp = audit.design.components[part.component]
        for name in audit.design.names:
            old = chassis[name]
            routes = {r for r in old.signal_routes if r not in comp.routes} | set(final[name].signal_routes)
            chassis[name] = ChassisState(final[name].daemon_enabled, {**old.roles, **final[name].roles},
                                         frozenset(routes))
    state = PairState(chassis)
    down = {n: set() for n in audit.design.names}
    for part in scenario.parts:
        for name in audit.design.names:
            down[name] |= part.final.links_down(name)
    for comp in audit.design.components:
        for group in comp.vrrp:
            winner, unused = vrrp_winner(group, state, down)
            if winner is not None:
                masters[winner].add(group.group)
    routes = {n: sorted(state[n].signal_routes) for n in audit.design.names}
    return Seen({n: state[n].daemon_enabled for n in audit.design.names},
                {n: {sid: str(r) for sid, r in state[n].roles.items()} if state[n].daemon_enabled else None
                 for n in audit.design.names}, routes, masters)


def moves(audit: Audit, scenario: Scenario) -> int:
    """Sets whose primary the scenario moved (net): the emulator logs one switchover-done for each."""
    return sum(1 for s in scenario.sets if s.before != s.after)


def perform(emu, sessions: dict, failure) -> None:
    """Make ``failure`` happen on the emulated pair."""
    kind, name = failure.kind, failure.chassis
    if kind == "steady":
        return
    if kind == "link-down":
        emu.inject(name, "link-down", interface=failure.interfaces[0])
    elif kind == "pic-down":
        emu.inject(name, "pic-reboot", fpc=failure.card[0], pic=failure.card[1], seconds=CARD_SECONDS)
    elif kind == "fpc-down":
        emu.inject(name, "fpc-reboot", slot=failure.card[0], seconds=CARD_SECONDS)
    elif kind in ("rpd-restart", "rpd-abort", "srd-disable"):
        emu.inject(name, kind)
    elif kind == "iccp-down":
        emu.inject(MX1, "peer-unreachable")
    elif kind in ("hold-wait", "hold-warned"):
        emu.inject(name, "srd-wait" if kind == "hold-wait" else "srd-warned", set=0)
    elif kind in ("trigger", "peer-event"):
        try:
            sessions[name].request(failure.redundancy_set, failure.event, failure.force)
        except RpcError:
            pass   # a refusal is checked through the state it leaves
    else:
        raise AssertionError("no way to perform %s" % kind)


def switchovers_done(emu) -> int:
    return len(emu.events(MX1, "srd-switchover-done"))
