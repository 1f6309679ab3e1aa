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


# ---------------------------------------------------------------- variants of Junos (live_reader's fallbacks)


def refusing(accept):
    """A device that takes only one form of the verbosity argument and says 'syntax error' to the others."""
    sent = []

    def send(xml):
        elem = ET.fromstring(xml)
        if elem.tag == "get-services-redundancy-group-information":
            form = ("verbose-leaf" if elem.find("verbose") is not None else
                    "empty-element" if len(elem) else "no-argument")
            sent.append(form)
            if form != accept:
                bad = elem[0].tag if len(elem) else elem.tag
                return ("<rpc-reply><rpc-error><error-type>protocol</error-type><error-tag>operation-failed"
                        "</error-tag><error-severity>error</error-severity><error-message>syntax error"
                        "</error-message><error-info><bad-element>%s</bad-element></error-info></rpc-error>"
                        "</rpc-reply>" % bad)
            return GROUPS
        return {"get-inter-chassis-control-protocol-information": ICCP, "get-route-information": ROUTES}[elem.tag]
    return send, sent


@pytest.mark.parametrize("accept,tries", [("empty-element", ["empty-element"]),
                                          ("verbose-leaf", ["empty-element", "verbose-leaf"]),
                                          ("no-argument", ["empty-element", "verbose-leaf", "no-argument"])])
def test_the_verbosity_form_is_found_once_per_session(accept, tries):
    send, sent = refusing(accept)
    t = Transport(send)
    first = read_live(t)
    second = read_live(t)
    assert sent == tries + [accept], "the form that worked is sent from then on"
    assert first.groups_form == second.groups_form == accept and first.roles == second.roles
    other = Transport(send)  # a new session learns again
    read_live(other, iccp=False, routes=False)
    assert sent[len(tries) + 1:] == tries


def test_an_argument_refusal_is_known_by_bad_element_or_wording():
    from ansible_collections.mxha.srd.plugins.module_utils.netconf.live_reader import argument_refused
    from ansible_collections.mxha.srd.plugins.module_utils.netconf.transport import RpcErrorDetail

    assert argument_refused([RpcErrorDetail("error", "unexpected input", element="extensive")], ("extensive",))
    assert argument_refused([RpcErrorDetail("error", "x", tag="unknown-element")], ())
    assert argument_refused([RpcErrorDetail("error", "syntax error, expecting <command>")], ())
    assert not argument_refused([RpcErrorDetail("error", "permission denied", tag="access-denied")], ("extensive",))


def test_a_reply_with_unknown_names_is_read_again_as_text():
    odd = ("<rpc-reply><srd-info><group><group-number>1</group-number><rset><rset-number>1</rset-number>"
           "<role>MASTER</role></rset></group></srd-info></rpc-reply>")
    text = ("<rpc-reply><output>ICCP process connection: Connected\n\nRedundancy Group ID: 1\n  Local RG IP: 192.0.2.1\n"
            "  Peer RG IP: 192.0.2.2\n\n  RS ID   Local RS state      Peer RS state       Status\n"
            "  1       MASTER              STANDBY (WARNED)    Connected\n</output></rpc-reply>")
    sent = []

    def send(xml):
        elem = ET.fromstring(xml)
        sent.append(elem.tag)
        return {"get-services-redundancy-group-information": odd, "command": text,
                "get-inter-chassis-control-protocol-information": ICCP, "get-route-information": ROUTES}[elem.tag]
    live = read_live(Transport(send))
    assert sent[:2] == ["get-services-redundancy-group-information", "command"]
    assert live.groups_source == "text" and live.roles[1].value == "primary" and live.peer_roles[1].value == "warned"


def test_an_empty_reply_is_not_read_as_text():
    """A chassis without SRD answers with no groups: nothing unexpected, no extra RPC."""
    sent = []

    def send(xml):
        elem = ET.fromstring(xml)
        sent.append(elem.tag)
        return {"get-services-redundancy-group-information":
                "<rpc-reply><services-redundancy-group-information><rg-information><iccp-process-connection>"
                "Not connected</iccp-process-connection></rg-information></services-redundancy-group-information>"
                "</rpc-reply>",
                "get-inter-chassis-control-protocol-information": ICCP, "get-route-information": ROUTES}[elem.tag]
    live = read_live(Transport(send))
    assert "command" not in sent and live.groups == () and live.groups_source == "xml"
