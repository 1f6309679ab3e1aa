# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A compatibility report replayed against the parser: what a user attaches to a bug report is enough to
reproduce what the collection made of their chassis' replies, offline.

files/preflight-mxsim.json is the report the check writes on the emulated example pair
(tests/emulator/test_preflight.py keeps it current). Each reply in it is re-parsed here, read by read,
and the whole check is run again on a Transport that answers with the recorded replies.
"""
from __future__ import annotations

import copy
import importlib.util
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from ansible_collections.mxha.srd.plugins.module_utils.jobs import preflight
from ansible_collections.mxha.srd.plugins.module_utils.netconf.config_session import parse_commit_information
from ansible_collections.mxha.srd.plugins.module_utils.netconf.transport import strip_namespaces
from ansible_collections.mxha.srd.plugins.module_utils.srd.junos.xml.parse import parse_element
from ansible_collections.mxha.srd.plugins.module_utils.srd.live import replies
from ansible_collections.mxha.srd.plugins.module_utils.srd.live.survey import survey

GOLDEN = Path(__file__).parent / "files" / "preflight-mxsim.json"
KINDS = {"get-software-information": "software", "get-commit-information": "commits",
         "get-services-redundancy-group-information": "groups",
         "get-inter-chassis-control-protocol-information": "iccp", "get-route-information": "routes"}


def load() -> dict:
    return json.loads(GOLDEN.read_text())


def chassis_reports(report: dict):
    for pair in report["pairs"]:
        for name, chassis in sorted(pair["details"]["chassis"].items()):
            yield name, chassis


def reply_of(read: dict) -> ET.Element:
    """A recorded reply as the collection's parsers get it (what Transport.rpc returns)."""
    return strip_namespaces(ET.fromstring(read["reply"]))


def test_the_golden_report_is_a_preflight_report():
    report = load()
    assert report["schema"] == "mxha.srd/fleet-report" and report["job"] == "preflight"
    names = [name for name, _c in chassis_reports(report)]
    assert names == ["pair1-mx1", "pair1-mx2"]
    for _name, chassis in chassis_reports(report):
        assert all(r.get("reply") for r in chassis["reads"]), "every read keeps its reply"
        assert chassis["locks"] == 0 and chassis["commits"] == 0


@pytest.mark.parametrize("name", ["pair1-mx1", "pair1-mx2"])
def test_each_recorded_reply_parses_to_what_the_report_says(name):
    chassis = dict(chassis_reports(load()))[name]
    for read in chassis["reads"]:
        reply = reply_of(read)
        kind = KINDS.get(read["rpc"])
        if kind is not None:
            found = survey(kind, reply, read.get("level") or (read["read"].split()[-1] if kind == "groups" else None))
            assert (found["unexpected"], found["missing"], found["records"]) == (
                read["unexpected"], read["missing"], read["records"]), read["read"]
        if kind == "software":
            info = replies.parse_software(reply)
            assert info.to_dict() == chassis["device"]
        elif kind == "commits":
            assert len(parse_commit_information(reply)) >= 1
        elif kind == "groups":
            _conn, groups, problems = replies.parse_redundancy_groups(reply)
            assert problems == () and {str(s.id): s.local_state_text for g in groups for s in g.sets} == \
                chassis["srd"]["sets"]
        elif read["read"] == "configuration":
            config = reply.find(".//configuration")
            parsed = parse_element(config if config is not None else reply)
            assert bool(parsed.config.redundancy_sets) == chassis["srd"]["configured"]
            assert "********" in read["reply"], "the ICCP key is masked in the report"


def load_tool():
    """tools/preflight_replay.py (tools/ is not a package: it does not ship)."""
    spec = importlib.util.spec_from_file_location("mxha_srd_tool_preflight_replay",
                                                  Path(__file__).resolve().parents[3] / "tools" / "preflight_replay.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


TOOL = load_tool()
replaying = TOOL.replaying


@pytest.mark.parametrize("name", ["pair1-mx1", "pair1-mx2"])
def test_the_whole_check_replays_from_the_report(name):
    recorded = dict(chassis_reports(load()))[name]
    again = preflight.check_chassis(name, replaying(recorded["reads"]))
    keys = ("read", "rpc", "ok", "parsed", "unexpected", "missing", "records", "form")
    assert [{k: r.get(k) for k in keys} for r in again["reads"]] == [{k: r.get(k) for k in keys}
                                                                     for r in recorded["reads"]]
    assert again["compatible"] == recorded["compatible"] and again["device"] == recorded["device"]
    assert {k: again["srd"].get(k) for k in ("configured", "running", "sets", "signal_routes")} == \
        {k: recorded["srd"].get(k) for k in ("configured", "running", "sets", "signal_routes")}


def test_a_release_with_other_names_is_reported_element_by_element():
    """What a user's report would show if Junos named the set id differently: rs-id missing in every
    set record, the new name unexpected, and the pair not compatible."""
    report = copy.deepcopy(load())
    chassis = dict(chassis_reports(report))["pair1-mx1"]
    for read in chassis["reads"]:
        if read["rpc"] == "get-services-redundancy-group-information":
            read["reply"] = read["reply"].replace("<rs-id>", "<rs-number>").replace("</rs-id>", "</rs-number>")
    again = preflight.check_chassis("pair1-mx1", replaying(chassis["reads"]))
    groups = [r for r in again["reads"] if r["rpc"] == "get-services-redundancy-group-information"]
    for read in groups:
        assert [m["element"] for m in read["missing"]] == ["rs-id"]
        assert read["missing"][0]["missing_in"] == read["missing"][0]["records"] == 1
        assert [u["element"] for u in read["unexpected"]] == ["rs-number"]
        assert "services-rg-rs-information/rs-number" in read["unexpected"][0]["path"]
    assert not again["compatible"] and any("rs-id" in p for p in again["problems"])
    lines = preflight.lines_of(again)
    assert "NOT COMPATIBLE" in lines[0] and any("MISSING" in line for line in lines)


def test_a_reply_without_any_known_name_is_read_as_text():
    """Element names all different (a release we never saw): the CLI text is read and parsed by label."""
    chassis = dict(chassis_reports(load()))["pair1-mx1"]
    reads = copy.deepcopy(chassis["reads"])
    text = ("ICCP process connection: Connected\n\nRedundancy Group ID: 1\n  Local RG IP: 192.0.2.1\n"
            "  Peer RG IP: 192.0.2.2\n  Number of peer RG connections: 1\n\n  Redundancy Set ID: 1\n"
            "    Connection status: Connected\n    Redundancy Set state: MASTER\n"
            "    Redundancy Set peer state: STANDBY\n    Redundancy Set health status: Passed\n"
            "    Number of Monitored interface down: 0\n    Failed Interfaces: None\n    Service Set: CGNAT_SS1\n")
    out = []
    for read in reads:
        if read["rpc"] == "get-services-redundancy-group-information":
            read["reply"] = ("<rpc-reply><srd-groups><grp><grp-id>1</grp-id><set><set-id>1</set-id>"
                             "<state>MASTER</state></set></grp></srd-groups></rpc-reply>")
            read["text_reply"] = "<rpc-reply><output>%s</output></rpc-reply>" % text
        out.append(read)
    again = preflight.check_chassis("pair1-mx1", replaying(out))
    groups = [r for r in again["reads"] if r["rpc"] == "get-services-redundancy-group-information"]
    assert all(r.get("text_fallback") for r in groups) and again["srd"]["sets"] == {"1": "MASTER"}
    assert all("read as CLI text" in r["summary"] for r in groups)
    assert not again["compatible"]  # the XML names are missing: the report says so, even though the text parsed


def test_the_replay_tool_prints_what_the_play_showed(capsys):
    assert TOOL.replay(load())[0]["compatible"]
    import sys
    argv, sys.argv = sys.argv, ["preflight_replay.py", str(GOLDEN)]
    try:
        assert TOOL.main() == 0
    finally:
        sys.argv = argv
    out = capsys.readouterr().out
    assert "pair1-mx1: mx480, Junos 24.4R1.9; SRD configured, running (set 1 MASTER)" in out
