"""Configuration semantics of the emulated chassis: load actions and attributes, rollback,
compare, formats, inheritance, edit-config, get-config."""

from __future__ import annotations

import json

import pytest
from lxml import etree
from ncclient.operations.rpc import RPCError

from emulator_helpers import config_of, rpc

CH = "pair1-mx1"
LO0_DESC = "<configuration><interfaces><interface><name>lo0</name><description>{}</description></interface></interfaces></configuration>"


def load(m, body: str, action: str = "merge", fmt: str = "xml") -> etree._Element:
    return rpc(m, f'<load-configuration action="{action}" format="{fmt}">{body}</load-configuration>')


def candidate(m) -> etree._Element:
    return rpc(m, "<get-configuration/>").find("{*}configuration")


def compare(m, n: int = 0) -> str:
    reply = rpc(m, f'<get-configuration compare="rollback" rollback="{n}" format="text"/>')
    return reply.find(".//{*}configuration-output").text


def test_merge_replace_override(mx):
    with mx.ncclient(CH) as m:
        load(m, LO0_DESC.format("one"))
        assert candidate(m).findtext("{*}interfaces/{*}interface[{*}name='lo0']/{*}description") == "one"
        assert candidate(m).find("{*}interfaces/{*}interface[{*}name='lo0']/{*}unit") is not None
        # replace="replace" swaps the whole lo0 entry (its unit goes) with action="replace"
        load(m, LO0_DESC.replace("<interface>", '<interface replace="replace">').format("two"), action="replace")
        lo0 = candidate(m).find("{*}interfaces/{*}interface[{*}name='lo0']")
        assert lo0.findtext("{*}description") == "two" and lo0.find("{*}unit") is None
        load(m, "<configuration><system><host-name>only</host-name></system></configuration>", action="override")
        cfg = candidate(m)
        assert [c.tag.split("}")[-1] for c in cfg] == ["system"]
        m.discard_changes()
    mx.assert_clean(CH)


def test_replace_attribute_needs_replace_action(mx):
    with mx.ncclient(CH) as m:
        load(m, LO0_DESC.replace("<interface>", '<interface replace="replace">').format("merged"), action="merge")
        lo0 = candidate(m).find("{*}interfaces/{*}interface[{*}name='lo0']")
        assert lo0.find("{*}unit") is not None  # merged, not replaced


def test_operation_delete_and_replace_attributes(mx):
    with mx.ncclient(CH) as m:
        load(
            m,
            '<configuration><interfaces><interface operation="delete"><name>lo0</name></interface></interfaces></configuration>',
        )
        names = [e.text for e in candidate(m).iterfind("{*}interfaces/{*}interface/{*}name")]
        assert names == ["fxp0"]
        load(m, '<configuration><system operation="replace"><host-name>x</host-name></system></configuration>')
        assert [c.tag.split("}")[-1] for c in candidate(m).find("{*}system")] == ["host-name"]


def test_inactive_attribute(mx):
    with mx.ncclient(CH) as m:
        load(
            m,
            '<configuration><interfaces><interface inactive="inactive"><name>lo0</name></interface></interfaces></configuration>',
        )
        lo0 = candidate(m).find("{*}interfaces/{*}interface[{*}name='lo0']")
        assert lo0.get("inactive") == "inactive" and lo0.find("{*}unit") is not None
        text = rpc(m, '<get-configuration format="text"/>').find(".//{*}configuration-text").text
        assert "inactive: lo0 {" in text
        load(
            m,
            '<configuration><interfaces><interface active="active"><name>lo0</name></interface></interfaces></configuration>',
        )
        assert candidate(m).find("{*}interfaces/{*}interface[{*}name='lo0']").get("inactive") is None


def test_nested_configuration_is_unwrapped(mx):
    with mx.ncclient(CH) as m:
        load(m, "<configuration>" + LO0_DESC.format("nested") + "</configuration>")
        assert "description nested;" in compare(m)


def test_text_load_with_replace_and_delete_tags(mx):
    with mx.ncclient(CH) as m:
        text = "interfaces { replace: lo0 { description fresh; } delete: fxp0; }"
        load(m, f"<configuration-text>{text}</configuration-text>", action="replace", fmt="text")
        ifs = candidate(m).findall("{*}interfaces/{*}interface")
        assert [i.findtext("{*}name") for i in ifs] == ["lo0"]
        assert ifs[0].find("{*}unit") is None and ifs[0].findtext("{*}description") == "fresh"


def test_set_lines_apply_in_order(mx):
    with mx.ncclient(CH) as m:
        lines = "set system domain-name a.example\ndelete system domain-name\nset system location building b1"
        rpc(
            m,
            f'<load-configuration action="set" format="text"><configuration-set>{lines}</configuration-set></load-configuration>',
        )
        cfg = candidate(m)
        assert cfg.find("{*}system/{*}domain-name") is None
        assert cfg.findtext("{*}system/{*}location/{*}building") == "b1"


def test_compare_is_whitespace_only_when_equal(mx):
    with mx.ncclient(CH) as m:
        assert compare(m) == "\n"
        load(m, LO0_DESC.format("diff"))
        diff = compare(m)
        assert diff.startswith("\n[edit interfaces lo0]") or "[edit interfaces lo0]" in diff
        assert "+   description diff;" in diff


def test_rollback_load_and_compare_older(mx):
    with mx.ncclient(CH) as m:
        for d in ("r1", "r2"):
            load(m, LO0_DESC.format(d))
            m.commit()
        older = compare(m, 1)  # from rollback 1 (r1) to the candidate (r2)
        assert "-   description r1;" in older and "+   description r2;" in older
        rpc(m, '<load-configuration rollback="2"/>')
        assert "-   description r2;" in compare(m, 0)
        assert compare(m, 2) == "\n"
        with pytest.raises(RPCError):
            rpc(m, '<load-configuration rollback="9"/>')


def test_database_committed_vs_candidate_and_changed_attributes(mx):
    with mx.ncclient(CH) as m:
        load(m, LO0_DESC.format("cand"))
        cand = candidate(m)
        comm = rpc(m, '<get-configuration database="committed"/>').find("{*}configuration")
        assert cand.find(".//{*}description") is not None and comm.find(".//{*}description") is None
        # ncclient's junos handler strips namespaces: junos:commit-user arrives as commit-user
        assert comm.get("commit-user") == "root"
        assert comm.get("changed-seconds").isdigit()
        assert int(cand.get("changed-seconds")) >= int(comm.get("changed-seconds"))


def test_wire_format_of_configuration_reply(mx):
    with mx.raw(CH) as nc:
        nc.hello()
        reply = nc.rpc('<get-configuration database="committed"/>', message_id="m-7")
    assert reply.startswith(
        b'<rpc-reply xmlns="urn:ietf:params:xml:ns:netconf:base:1.0" '
        b'xmlns:junos="http://xml.juniper.net/junos/24.4R1/junos" message-id="m-7">'
    )
    assert b"<configuration " in reply and b'junos:changed-seconds="' in reply and b'junos:commit-user="root"' in reply


def test_formats_set_and_json(mx):
    with mx.ncclient(CH) as m:
        sets = rpc(m, '<get-configuration format="set"/>').find(".//{*}configuration-set").text
        assert f"set system host-name {CH}" in sets
        raw = m.rpc(etree.fromstring('<get-configuration format="json"/>')).tostring.decode()
        body = raw[raw.index("{") : raw.rindex("}") + 1]
        doc = json.loads(body)
        assert doc["configuration"]["system"]["host-name"] == CH
        assert doc["configuration"]["interfaces"]["interface"][0]["name"] == "fxp0"


def test_inherit_applies_groups(mx):
    grp = (
        "<configuration><groups><name>G</name><system><domain-name>grp.example</domain-name></system></groups>"
        "<apply-groups>G</apply-groups></configuration>"
    )
    with mx.ncclient(CH) as m:
        load(m, grp)
        m.commit()
        plain = rpc(
            m, '<get-configuration database="committed"><configuration><system/></configuration></get-configuration>'
        )
        assert plain.find(".//{*}domain-name") is None
        inh = rpc(
            m,
            '<get-configuration database="committed" inherit="inherit"><configuration><system/></configuration></get-configuration>',
        )
        assert inh.findtext(".//{*}domain-name") == "grp.example"


def test_edit_config_and_get_config(mx):
    ec = (
        "<edit-config><target><candidate/></target><config><configuration><system>"
        '<domain-name operation="{op}">edit.example</domain-name></system></configuration></config></edit-config>'
    )
    with mx.ncclient(CH) as m:
        assert rpc(m, ec.format(op="create")).find("{*}ok") is not None
        with pytest.raises(RPCError) as err:
            rpc(m, ec.format(op="create"))
        assert err.value.tag == "data-exists"
        rpc(m, "<commit/>")
        filt = "<filter type='subtree'><configuration><system><domain-name/></system></configuration></filter>"
        running = rpc(m, f"<get-config><source><running/></source>{filt}</get-config>")
        assert running.findtext(".//{*}domain-name") == "edit.example"
        rpc(m, ec.format(op="delete"))
        with pytest.raises(RPCError) as err:
            rpc(m, ec.format(op="delete"))
        assert err.value.tag == "data-missing"
        got = rpc(m, "<get><filter type='subtree'><configuration><system/></configuration></filter></get>")
        assert got.findtext(".//{*}domain-name") == "edit.example"  # <get> shows the running config


def test_standard_commit_confirmed_and_cancel(mx):
    with mx.ncclient(CH) as m:
        load(m, LO0_DESC.format("std"))
        rpc(m, "<commit><confirmed/><confirm-timeout>600</confirm-timeout></commit>")
        assert mx.state(CH)["confirmed_pending"]["seconds_left"] > 9  # 600 s = 10 "minutes" = 10 s here
        rpc(m, "<cancel-commit/>")
        assert mx.state(CH)["confirmed_pending"] is None
        assert config_of(mx, CH).find(".//description") is None
    mx.assert_clean(CH)


def test_commit_history(mx):
    with mx.ncclient(CH) as m:
        load(m, LO0_DESC.format("h"))
        rpc(m, "<commit-configuration><log>first change</log></commit-configuration>")
        hist = rpc(m, "<get-commit-information/>").findall(".//{*}commit-history")
        assert [h.findtext("{*}sequence-number") for h in hist] == ["0", "1"]
        assert hist[0].findtext("{*}log") == "first change" and hist[0].findtext("{*}user") == "lab"


def test_json_load_and_update_action(mx):
    doc = '{"configuration": {"interfaces": {"interface": [{"name": "lo0", "description": "json"}]}}}'
    with mx.ncclient(CH) as m:
        rpc(m, f'<load-configuration action="merge" format="json"><configuration-json>{doc}</configuration-json></load-configuration>')
        assert "+   description json;" in compare(m)
        m.discard_changes()
        full = rpc(m, '<get-configuration database="committed"/>').find("{*}configuration")
        full.find("{*}system/{*}host-name").text = "updated"
        body = etree.tostring(full).decode()
        load(m, body, action="update")
        assert compare(m).count("\n+") == 1 and "host-name updated;" in compare(m)
        load(m, etree.tostring(full).decode().replace("updated", CH), action="update")
        assert compare(m) == "\n"
        assert not mx.state(CH)["candidate_modified"]  # the reply's changed-seconds & co. are not stored
