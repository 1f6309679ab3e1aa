# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A scripted pair for the switchover runner's unit tests: two Transport senders that answer the
RPCs the runner sends from a small state, in the reply shapes of docs/srd-operational-replies.md.

Why not the emulator: these tests drive the paths a real pair seldom shows on demand (a device
that accepts the request and never switches, that refuses what the engine allows, that reports a
peer srd it cannot see) with a fake clock; tests/playbooks/srd/ runs the same runner against the
emulator over NETCONF.
"""

from __future__ import annotations

import copy
import xml.etree.ElementTree as ET
from pathlib import Path

import yaml

from ansible_collections.mxha.srd.plugins.module_utils.srd.intent import pair as intent
from ansible_collections.mxha.srd.plugins.module_utils.srd.junos.xml.render import render_xml_string

EXAMPLE = Path(__file__).resolve().parents[3] / "docs" / "examples" / "cgnat-pair.yml"
MX1, MX2 = "pair1-mx1", "pair1-mx2"
HA = ("203.0.113.100/32", "HA")
NOT_RUNNING = ("<rpc-reply><rpc-error><error-severity>error</error-severity><error-message>services redundancy daemon "
               "is not running</error-message></rpc-error></rpc-reply>")


def example(extra_set: bool = False, peer_events_only: bool = False) -> dict:
    """{chassis: ChassisConfig} of the CGNAT example, optionally with a second set (203.0.113.101/32),
    or with policies that react only to the peer (nothing a manual request could trigger)."""
    data = yaml.safe_load(EXAMPLE.read_text())
    if peer_events_only:
        data["redundancy_events"] = [{"name": "ACQU_MSHIP_CRIT_EV", "peer": "primary-role-release"},
                                     {"name": "RELS_PEER_EV", "peer": "primary-role-acquire"}]
        data["redundancy_policies"][0]["events"] = ["ACQU_MSHIP_CRIT_EV"]
        data["redundancy_policies"][1]["events"] = ["RELS_PEER_EV"]
    if extra_set:
        data = copy.deepcopy(data)
        data["redundancy_events"] += [{"name": "ACQ2_MAN"}, {"name": "REL2_MAN"}]
        data["redundancy_policies"] += [
            {"name": "ACQ2_POL", "events": ["ACQ2_MAN"], "then": "acquire-primary-role",
             "add_signal_route": {"prefix": "203.0.113.101/32", "receive": True, "routing_instance": "HA"}},
            {"name": "REL2_POL", "events": ["REL2_MAN"], "then": "release-primary-role",
             "delete_signal_route": {"prefix": "203.0.113.101/32", "routing_instance": "HA"}}]
        data["redundancy_sets"].append({"id": 2, "redundancy_group": 1, "policies": ["ACQ2_POL", "REL2_POL"]})
        data["route_tracking"]["conditions"].append({"name": "SRD_PRIMARY2", "prefix": "203.0.113.101/32",
                                                     "table": "HA.inet.0"})
    loaded = intent.load(data)
    assert loaded.ok, [str(v) for v in loaded.violations]
    return loaded.configs


class FakePair:
    """Both chassis: roles as device texts, routes, daemons, and what a request does.

    ``on_trigger``: ``switch`` (roles and routes move at once), ``ignore`` (accepted, nothing
    happens), ``refuse`` (rpc-error) or ``dual`` (a broken device: the new primary takes over and
    the old one stays primary). ``peer_view``: what each chassis reports of the other
    (``None``: the other's real state; otherwise a fixed text such as ``UNKNOWN``).
    """

    def __init__(self, configs, roles, routes=None, on_trigger="switch"):
        self.configs = configs
        self.roles = {n: dict(r) for n, r in roles.items()}
        self.routes = {n: set(v) for n, v in (routes or {MX1: {HA}, MX2: set()}).items()}
        self.daemon = {MX1: True, MX2: True}
        self.status = {MX1: "Connected", MX2: "Connected"}
        self.peer_view = {MX1: None, MX2: None}
        self.on_trigger = on_trigger
        self.sent = {MX1: [], MX2: []}
        self.lost = set()

    def sender(self, name):
        def send(xml: str) -> str:
            if name in self.lost:
                raise OSError("connection reset by peer")
            elem = ET.fromstring(xml)
            self.sent[name].append(elem.tag)
            return getattr(self, "_" + elem.tag.replace("-", "_"))(name, elem)
        return send

    def other(self, name):
        return MX2 if name == MX1 else MX1

    def _get_configuration(self, name, _elem):
        return "<rpc-reply>%s</rpc-reply>" % render_xml_string(self.configs[name])

    def _get_services_redundancy_group_information(self, name, _elem):
        if not self.daemon[name]:
            return NOT_RUNNING
        peer = self.other(name)
        sets = "".join(
            "<services-rg-rs-information><rs-id>%d</rs-id><local-rs-state>%s</local-rs-state>"
            "<peer-rs-state>%s</peer-rs-state><rs-status>%s</rs-status></services-rg-rs-information>"
            % (s, text, self.peer_view[name] or self.roles[peer].get(s, "UNKNOWN"), self.status[name])
            for s, text in sorted(self.roles[name].items()))
        return ("<rpc-reply><services-redundancy-group-information><rg-information><rg-state-information>"
                "<services-rg-information><rg-id>1</rg-id>%s</services-rg-information></rg-state-information>"
                "</rg-information></services-redundancy-group-information></rpc-reply>" % sets)

    def _get_route_information(self, name, _elem):
        rts = "".join("<rt><rt-destination>%s</rt-destination><rt-entry><protocol-name>Static</protocol-name>"
                      "</rt-entry></rt>" % p for p, _i in sorted(self.routes[name]))
        return "<rpc-reply><route-information><route-table><table-name>HA.inet.0</table-name>%s</route-table>" \
               "</route-information></rpc-reply>" % rts

    def _request_services_redundancy_set(self, name, elem):
        if self.on_trigger == "refuse":
            return ("<rpc-reply><rpc-error><error-severity>error</error-severity><error-message>redundancy event %s "
                    "not triggered: refused</error-message></rpc-error></rpc-reply>" % elem.findtext("redundancy-event"))
        if self.on_trigger == "dual":
            self.roles[self.other(name)][int(elem.findtext("id"))] = "MASTER"
            self.roles[name][int(elem.findtext("id"))] = "MASTER"
        if self.on_trigger == "switch":
            set_id = int(elem.findtext("id"))
            event = elem.findtext("redundancy-event")
            releasing = event.startswith("REL")
            new = self.other(name) if releasing else name
            old = self.other(new)
            route = HA if set_id == 1 else ("203.0.113.101/32", "HA")
            self.roles[new][set_id], self.roles[old][set_id] = "MASTER", "STANDBY"
            self.routes[new].add(route)
            self.routes[old].discard(route)
        return "<rpc-reply><output>Triggered redundancy event</output></rpc-reply>"


class FakeClock:
    """time.monotonic and time.sleep for the runner: sleeping advances the clock, nothing waits."""

    def __init__(self):
        self.now = 100.0
        self.slept = []

    def clock(self):
        return self.now

    def sleep(self, seconds):
        self.slept.append(seconds)
        self.now += seconds
