"""Bad input gets a well-formed Junos-shaped <rpc-error>, the session stays usable, nothing changes."""

from __future__ import annotations

import pytest
from lxml import etree

CH = "pair1-mx1"
NS = {"nc": "urn:ietf:params:xml:ns:netconf:base:1.0"}


def errors(reply: bytes) -> list[etree._Element]:
    root = etree.fromstring(reply)  # must be well-formed
    assert etree.QName(root).localname == "rpc-reply"
    return root.findall(".//nc:rpc-error", NS)


def field(err: etree._Element, name: str) -> str | None:
    return err.findtext(f"nc:{name}", namespaces=NS) or err.findtext(f"nc:error-info/nc:{name}", namespaces=NS)


@pytest.fixture
def nc(mx):
    with mx.raw(CH) as client:
        client.hello()
        yield client


def usable(nc) -> None:
    assert b"<software-information>" in nc.rpc("<get-software-information/>", message_id="ok-1")


def test_malformed_xml(mx, nc):
    nc.send(b'<rpc message-id="bad-1"><get-configuration></rpc>')
    reply = nc.recv()
    [err] = errors(reply)
    assert etree.fromstring(reply).get("message-id") == "bad-1"
    assert field(err, "error-severity") == "error"
    assert "parse error" in field(err, "error-message")
    usable(nc)
    mx.assert_clean(CH)


def test_unknown_rpc(nc):
    [err] = errors(nc.rpc("<get-flux-capacitor-information/>"))
    assert field(err, "error-message") == "syntax error"
    assert field(err, "bad-element") == "get-flux-capacitor-information"
    assert field(err, "error-tag") == "operation-failed"
    usable(nc)


def test_not_an_rpc_and_empty_rpc(nc):
    nc.send(b"<notification/>")
    assert "expecting <rpc>" in field(errors(nc.recv())[0], "error-message")
    [err] = errors(nc.rpc(""))
    assert "operation" in field(err, "error-message")
    usable(nc)


LOAD_SET = '<load-configuration action="set" format="text"><configuration-set>{}</configuration-set></load-configuration>'
LOAD_TEXT = '<load-configuration format="text"><configuration-text>{}</configuration-text></load-configuration>'
LOAD_XML = '<load-configuration format="xml"><configuration>{}</configuration></load-configuration>'
LOAD_JSON = '<load-configuration format="json"><configuration-json>{}</configuration-json></load-configuration>'


@pytest.mark.parametrize(
    "body,bad",
    [
        (LOAD_SET.format("set interfaces lo0 bogus-knob 1"), "bogus-knob"),
        (LOAD_TEXT.format("interfaces { lo0 { bogus-knob 1; } }"), "bogus-knob"),
        (LOAD_TEXT.format("interfaces { lo0 { description x; }"), None),
        (LOAD_XML.format("<interfaces><interface><name>lo0</name><bogus-knob>1</bogus-knob></interface></interfaces>"), "bogus-knob"),
        (LOAD_JSON.format('{"configuration": {'), None),
    ],
    ids=["set", "text", "text-unbalanced", "xml", "json"],
)
def test_load_syntax_error_changes_nothing(mx, nc, body, bad):
    reply = nc.rpc(body)
    [err] = errors(reply)
    root = etree.fromstring(reply)
    assert root.find("nc:load-configuration-results/nc:load-error-count", NS).text == "1"
    assert field(err, "error-severity") == "error"
    assert field(err, "error-path").startswith("[edit")
    if bad:
        assert field(err, "bad-element") == bad
    usable(nc)
    mx.assert_clean(CH)


def test_broken_chunk_framing_closes_only_that_session(mx11):
    with mx11.raw(CH) as nc:
        nc.hello(base11=True)
        assert nc.framer.chunked
        nc.send_raw(b"\n#abc\nnot a chunk\n##\n")
        with pytest.raises((EOFError, OSError)):
            nc.recv()
    mx11.wait_idle(CH)
    assert mx11.state(CH)["events"]["framing-error"] == 1
    with mx11.raw(CH) as nc:
        nc.hello(base11=True)
        assert b"<software-information>" in nc.rpc("<get-software-information/>")
