"""ncclient (junos device handler) against the emulator, with EOM and with chunked framing."""

from __future__ import annotations

import pytest
from lxml import etree

CHASSIS = "pair1-mx1"
DOMAIN = "<configuration><system><domain-name>{}</domain-name></system></configuration>"


@pytest.fixture(params=["eom", "chunked"])
def emu(request, mx, mx11):
    return mx if request.param == "eom" else mx11


def test_hello_advertises_junos_capabilities(emu):
    with emu.ncclient(CHASSIS) as m:
        caps = set(m.server_capabilities)
        assert "urn:ietf:params:netconf:capability:candidate:1.0" in caps
        assert "urn:ietf:params:xml:ns:netconf:capability:candidate:1.0" in caps
        assert "http://xml.juniper.net/netconf/junos/1.0" in caps
        assert ("urn:ietf:params:netconf:base:1.1" in caps) == emu.options.base11
        assert int(m.session_id) > 0
        assert int(m.session_id) in emu.state(CHASSIS)["sessions"]


def test_framing_in_use(emu):
    from ncclient.transport.session import NetconfBase

    mark = emu.mark(CHASSIS)
    with emu.ncclient(CHASSIS) as m:
        m.rpc(etree.fromstring("<get-software-information/>"))
        # ncclient switches to chunked framing only when both sides offer base:1.1
        assert (m._session._base == NetconfBase.BASE_11) == emu.options.base11
    hello = [e for e in emu.log(CHASSIS, since=mark) if e.get("event") == "hello"]
    assert hello[0]["framing"] == ("chunked" if emu.options.base11 else "eom")


def test_get_configuration_xml(emu):
    with emu.ncclient(CHASSIS) as m:
        reply = m.get_configuration(format="xml")
        cfg = reply.xpath("//configuration")[0]
        assert cfg.findtext("system/host-name") == CHASSIS
        assert cfg.get("changed-seconds", "").isdigit()
        assert "UTC" in cfg.get("changed-localtime", "")


def test_get_configuration_filter_selects_subtree(emu):
    with emu.ncclient(CHASSIS) as m:
        filt = etree.fromstring(
            "<configuration><interfaces><interface><name>lo0</name></interface></interfaces></configuration>"
        )
        cfg = m.get_configuration(format="xml", filter=filt).xpath("//configuration")[0]
        assert [e.findtext("name") for e in cfg.findall("interfaces/interface")] == ["lo0"]
        assert cfg.find("system") is None


def test_lock_load_commit_unlock(emu):
    mark = emu.mark(CHASSIS)
    with emu.ncclient(CHASSIS) as m:
        m.lock()
        assert emu.state(CHASSIS)["lock"]["session"] == int(m.session_id)
        m.load_configuration(config=etree.fromstring(DOMAIN.format("example.net")))
        reply = m.commit()
        assert reply.xpath("//commit-success")
        m.unlock()
    committed = etree.fromstring(emu.state(CHASSIS)["committed"])
    assert committed.findtext("system/domain-name") == "example.net"
    names = emu.rpc_names(CHASSIS, since=mark)
    assert names[:4] == ["lock", "load-configuration", "commit-configuration", "unlock"]
    assert emu.rpcs(CHASSIS, "load-configuration", since=mark)[0]["action"] == "merge"
    emu.assert_clean(CHASSIS)


def test_load_set_and_text(emu):
    with emu.ncclient(CHASSIS) as m:
        m.load_configuration(action="set", config=["set system domain-name set.example"])
        text = m.get_configuration(format="text").xpath("//configuration-text")[0].text
        assert "domain-name set.example;" in text
        m.discard_changes()
    emu.assert_clean(CHASSIS)


def test_command_show_version_text(emu):
    with emu.ncclient(CHASSIS) as m:
        out = m.command("show version", format="text").xpath("//output")[0].text
        assert f"Hostname: {CHASSIS}" in out


def test_utf8_payload_counts_bytes(emu):
    """Chunk sizes count bytes: a multi-byte description must survive both ways."""
    desc = "Zürich–Genève ✓ 東京"
    cfg = f"<configuration><interfaces><interface><name>lo0</name><description>{desc}</description></interface></interfaces></configuration>"
    with emu.ncclient(CHASSIS) as m:
        m.load_configuration(config=etree.fromstring(cfg))
        got = m.get_configuration(format="xml").xpath("//interface[name='lo0']/description")[0].text
        assert got == desc
        m.discard_changes()
