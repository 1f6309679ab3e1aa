"""The <command> RPC: show version, show configuration with paths and display pipes, errors."""

from __future__ import annotations

import json

import pytest
from lxml import etree
from ncclient.operations.rpc import RPCError

CH = "pair1-mx1"


def run(m, line: str, fmt: str = "text") -> etree._Element:
    return etree.fromstring(m.command(line, format=fmt).tostring)


def test_show_version_xml_and_text(mx):
    with mx.ncclient(CH) as m:
        assert run(m, "show version", "xml").findtext(".//host-name") == CH
        assert "Model: mx480" in run(m, "sh ver").findtext("output")
        multi = run(m, "show version invoke-on all-routing-engines", "xml")
        assert multi.findtext(".//multi-routing-engine-item/re-name") == "re0"


def test_show_configuration_path_text(mx):
    with mx.ncclient(CH) as m:
        out = run(m, "show configuration interfaces lo0 unit 0").findtext(".//configuration-output")
        assert out == "family inet {\n    address 10.255.1.1/32;\n}\n"
        full = run(m, "show configuration").findtext(".//configuration-output")
        assert full.startswith("## Last commit: ") and f"host-name {CH};" in full


def test_show_configuration_display_set_xml_json(mx):
    with mx.ncclient(CH) as m:
        sets = run(m, "show configuration system | display set").findtext(".//configuration-output")
        assert sets.splitlines()[0] == "set system host-name " + CH
        xml = run(m, "show configuration interfaces fxp0 | display xml")
        assert [e.text for e in xml.iterfind(".//interface/name")] == ["fxp0"]
        raw = m.command("show configuration system host-name | display json", format="text").tostring.decode()
        doc = json.loads(raw[raw.index("{") : raw.rindex("}") + 1])
        assert doc["configuration"]["system"]["host-name"] == CH


def test_show_configuration_compare_rollback(mx):
    with mx.ncclient(CH) as m:
        m.load_configuration(action="set", config=["set system domain-name cmp.example"])
        m.commit()
        diff = run(m, "show configuration | compare rollback 1").findtext(".//configuration-output")
        assert "+   domain-name cmp.example;" in diff
        assert run(m, "show configuration | compare rollback 0").findtext(".//configuration-output") == "\n"


def test_pipes_match_count(mx):
    with mx.ncclient(CH) as m:
        assert run(m, "show version | match Junos").findtext("output") == "Junos: 24.4R1.9\n"
        assert run(m, "show version | count").findtext("output") == "Count: 5 lines\n"


def test_unknown_command(mx):
    with mx.ncclient(CH) as m:
        with pytest.raises(RPCError) as err:
            m.command("show flux-capacitor", format="text")
        assert "syntax error" in err.value.message
        with pytest.raises(RPCError):
            m.command("show configuration no-such-hierarchy", format="text")
        assert run(m, "show configuration services").findtext(".//configuration-output") in ("", None)
