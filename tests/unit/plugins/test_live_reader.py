# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""live_reader: the RPC budget of a live-state read, and srd not running as a state."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from ansible_collections.mxha.srd.plugins.module_utils.netconf.live_reader import read_live
from ansible_collections.mxha.srd.plugins.module_utils.netconf.transport import RpcError, Transport

GROUPS = ("<rpc-reply><services-redundancy-group-information><rg-information><rg-state-information>"
          "<services-rg-information><rg-id>1</rg-id><services-rg-rs-information><rs-id>1</rs-id>"
          "<local-rs-state>MASTER</local-rs-state><peer-rs-state>STANDBY</peer-rs-state><rs-status>Connected</rs-status>"
          "</services-rg-rs-information></services-rg-information></rg-state-information></rg-information>"
          "</services-redundancy-group-information></rpc-reply>")
ICCP = "<rpc-reply><iccp-information><iccp-peer><peer-address>192.0.2.2</peer-address></iccp-peer></iccp-information></rpc-reply>"
ROUTES = ("<rpc-reply><route-information><route-table><table-name>HA.inet.0</table-name><rt><rt-destination>"
          "203.0.113.100/32</rt-destination><rt-entry><protocol-name>Static</protocol-name></rt-entry></rt>"
          "</route-table></route-information></rpc-reply>")


def error(message):
    return ("<rpc-reply><rpc-error><error-severity>error</error-severity><error-message>%s</error-message>"
            "</rpc-error></rpc-reply>" % message)


def device(groups=GROUPS):
    sent = []

    def send(xml):
        elem = ET.fromstring(xml)
        sent.append((elem.tag, [c.tag for c in elem], [c.text for c in elem]))
        return {"get-services-redundancy-group-information": groups,
                "get-inter-chassis-control-protocol-information": ICCP,
                "get-route-information": ROUTES}[elem.tag]
    return send, sent


def test_three_rpcs_at_most():
    send, sent = device()
    t = Transport(send)
    live = read_live(t, route_table="HA.inet.0")
    assert [s[0] for s in sent] == ["get-services-redundancy-group-information",
                                    "get-inter-chassis-control-protocol-information", "get-route-information"]
    assert sent[0][1] == ["extensive"] and sent[2][1:] == (["table", "protocol"], ["HA.inet.0", "static"])
    assert t.stats.rpcs == 3 and live.roles[1].value == "primary" and live.iccp.peers[0].address == "192.0.2.2"
    assert live.signal_routes() == {("203.0.113.100/32", "HA")}


def test_iccp_and_routes_can_be_skipped():
    send, sent = device()
    live = read_live(Transport(send), iccp=False, routes=False)
    assert len(sent) == 1 and live.iccp is None and live.routes is None


def test_daemon_not_running_is_a_state():
    send, _sent = device(groups=error("services redundancy daemon is not running"))
    live = read_live(Transport(send))
    assert not live.daemon_running and live.roles == {} and "not running" in live.daemon_message
    assert live.iccp is not None and live.routes is not None


def test_other_rpc_errors_fail():
    send, _sent = device(groups=error("syntax error, expecting a command"))
    with pytest.raises(RpcError, match="syntax error"):
        read_live(Transport(send))
