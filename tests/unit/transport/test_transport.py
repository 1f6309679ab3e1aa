"""Transport: error parsing and RPC accounting, with a scripted sender (no device needed here;
the same Transport runs over the live emulator in the module tests)."""
from __future__ import annotations

import pytest

from ansible_collections.mxha.srd.plugins.module_utils.netconf.transport import (
    RpcError, SessionLost, Transport, parse_rpc_errors,
)

TWO_ERRORS = """<rpc-reply xmlns="urn:ietf:params:xml:ns:netconf:base:1.0" xmlns:junos="http://xml.juniper.net/junos/24.4R1/junos">
<rpc-error><error-type>application</error-type><error-tag>invalid-value</error-tag><error-severity>error</error-severity>
<error-path>[edit services redundancy-set]</error-path><error-info><bad-element>101</bad-element></error-info>
<error-message>Value 101 is not within range (1..100)</error-message></rpc-error>
<rpc-error><error-severity>error</error-severity><error-message>configuration check-out failed</error-message></rpc-error>
</rpc-reply>"""


def scripted(*replies):
    queue = list(replies)

    def send(xml: str) -> str:
        item = queue.pop(0)
        if isinstance(item, Exception):
            raise item
        return item
    return send


def test_every_rpc_error_is_reported_with_path_and_element():
    errors = parse_rpc_errors(TWO_ERRORS)
    assert [e.severity for e in errors] == ["error", "error"]
    assert errors[0].path == "[edit services redundancy-set]"
    assert errors[0].element == "101"
    assert errors[0].message.startswith("Value 101")
    assert errors[1].message == "configuration check-out failed"


def test_rpc_error_in_reply_raises_with_all_errors_and_is_counted():
    t = Transport(scripted(TWO_ERRORS))
    with pytest.raises(RpcError) as info:
        t.rpc("<commit-configuration><check/></commit-configuration>")
    assert len(info.value.errors) == 2
    assert info.value.rpc == "commit-configuration"
    assert "redundancy-set" in str(info.value)
    assert t.stats.by_rpc == {"commit-configuration": 1}


def test_connection_error_text_with_prefixed_rpc_error_is_parsed():
    # ansible's Connection raises ConnectionError(message) with the rpc-error XML as text.
    text = ('<nc:rpc-error xmlns:nc="urn:ietf:params:xml:ns:netconf:base:1.0"><nc:error-severity>error'
            '</nc:error-severity><nc:error-message>configuration database locked by: root</nc:error-message>'
            '</nc:rpc-error>')
    t = Transport(scripted(ConnectionError(text)))
    with pytest.raises(RpcError) as info:
        t.rpc("<lock><target><candidate/></target></lock>")
    assert info.value.errors[0].message == "configuration database locked by: root"


def test_warnings_alone_do_not_fail_but_are_kept():
    warn = ("<rpc-reply><rpc-error><error-severity>warning</error-severity>"
            "<error-message>statement has no effect</error-message></rpc-error><ok/></rpc-reply>")
    t = Transport(scripted(warn))
    t.rpc("<commit-configuration/>")
    assert [w.message for w in t.warnings] == ["statement has no effect"]


def test_a_broken_session_is_not_mistaken_for_a_device_error():
    t = Transport(scripted(ConnectionError("socket path /tmp/x does not exist or cannot be found")))
    with pytest.raises(SessionLost) as info:
        t.rpc("<get-configuration/>")
    assert "get-configuration" in str(info.value)


def test_stats_count_locks_and_commits():
    t = Transport(scripted("<rpc-reply><ok/></rpc-reply>", "<rpc-reply><ok/></rpc-reply>",
                           "<rpc-reply><commit-results/></rpc-reply>"))
    t.rpc("<lock><target><candidate/></target></lock>")
    t.rpc("<open-configuration><private/></open-configuration>")
    t.rpc("<commit-configuration/>")
    stats = t.stats.as_dict()
    assert (stats["rpcs"], stats["locks"], stats["commits"]) == (3, 2, 1)
    assert stats["sent"] == ["lock", "open-configuration", "commit-configuration"]


def test_reply_namespaces_are_stripped():
    reply = ('<rpc-reply xmlns="urn:ietf:params:xml:ns:netconf:base:1.0"><configuration xmlns:junos='
             '"http://xml.juniper.net/junos/24.4R1/junos" junos:changed-seconds="1"><system/></configuration></rpc-reply>')
    out = Transport(scripted(reply)).rpc("<get-configuration/>")
    assert out.find("configuration/system") is not None
    assert "changed-seconds" in out.find("configuration").attrib
