"""The compatibility check (jobs/preflight) against the emulated pair: every read, nothing changed, the
verbosity forms a release may take, and every operational reply the emulator sends parsing with the
collection's own code (the emulator must answer as the parser expects a real chassis to).

The golden report tests/unit/preflight/files/preflight-mxsim.json is what this check writes on the
example pair; MXHA_UPDATE_GOLDEN=1 rewrites it (then review the diff: it is what users' reports are
compared with).
"""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from ansible_collections.mxha.srd.plugins.module_utils.fleet.links import ChassisLink
from ansible_collections.mxha.srd.plugins.module_utils.fleet.report import FleetReport
from ansible_collections.mxha.srd.plugins.module_utils.jobs import preflight
from ansible_collections.mxha.srd.plugins.module_utils.netconf.live_reader import read_live
from ansible_collections.mxha.srd.plugins.module_utils.netconf.ncclient_sender import ConnectionParams
from ansible_collections.mxha.srd.plugins.module_utils.netconf.config_session import parse_commit_information
from ansible_collections.mxha.srd.plugins.module_utils.netconf.transport import RpcError, Transport
from ansible_collections.mxha.srd.plugins.module_utils.srd.intent.fleet import PairSpec
from ansible_collections.mxha.srd.plugins.module_utils.srd.live import replies
from ansible_collections.mxha.srd.plugins.module_utils.srd.live.survey import survey
from mxsim.testing import srd_pair  # noqa: F401 pylint: disable=unused-import

MX1, MX2 = "pair1-mx1", "pair1-mx2"
GOLDEN = Path(__file__).resolve().parents[1] / "unit" / "preflight" / "files" / "preflight-mxsim.json"
READ_ONLY = {"get-software-information", "get-configuration", "get-commit-information",
             "get-services-redundancy-group-information", "get-inter-chassis-control-protocol-information",
             "get-route-information", "command"}


def links(emu):
    out = {}
    for name in (MX1, MX2):
        params = ConnectionParams(name, "127.0.0.1", emu.port(name), "lab", "lab123", hostkey_verify=False)
        out[name] = ChassisLink(params)
    return out


def run_check(emu, **kw):
    spec = PairSpec("pair1", (MX1, MX2), {}, "test")
    held = links(emu)
    try:
        return preflight.check(spec, held, **kw)
    finally:
        for link in held.values():
            link.close()


def verdicts(report: dict) -> dict:
    """What must not change between runs: per chassis and read, the outcome and the survey."""
    out = {}
    for pair in report["pairs"]:
        for name, chassis in sorted(pair["details"]["chassis"].items()):
            out[name] = {r["read"]: {k: r.get(k) for k in ("rpc", "ok", "parsed", "unexpected", "missing", "records",
                                                            "form")} for r in chassis["reads"]}
            out[name]["srd"] = {k: chassis["srd"].get(k) for k in ("configured", "running", "sets")}
    return out


def test_preflight_reads_everything_and_changes_nothing(srd_pair):
    marks = {name: srd_pair.mark(name) for name in (MX1, MX2)}
    outcome = run_check(srd_pair)
    assert outcome.outcome == "ok", outcome.findings
    chassis = outcome.details["chassis"]
    for name in (MX1, MX2):
        c = chassis[name]
        assert c["compatible"] and c["device"]["version"] and c["device"]["model"]
        assert [r["read"] for r in c["reads"]] == ["software", "configuration", "commit history",
                                                   "redundancy groups terse", "redundancy groups extensive",
                                                   "iccp", "routes"]
        assert all(r["ok"] and r["parsed"] and not r["missing"] and not r["unexpected"] for r in c["reads"]), c
        assert c["srd"]["configured"] and c["srd"]["running"] and c["verbosity_form"] == replies.EMPTY_ELEMENT
        assert c["locks"] == 0 and c["commits"] == 0 and c["rpcs"] == 7
        assert all(r["reply"] and "********" in r["reply"] for r in c["reads"] if r["read"] == "configuration")
        sent = {e["rpc"] for e in srd_pair.rpcs(name, since=marks[name])}
        assert sent <= READ_ONLY | {"close-session"}, sent
        srd_pair.assert_clean(name)
    assert chassis[MX1]["srd"]["sets"] == {"1": "MASTER"} and chassis[MX2]["srd"]["sets"] == {"1": "STANDBY"}
    assert chassis[MX1]["srd"]["signal_routes"] == [{"prefix": "203.0.113.100/32", "routing_instance": "HA",
                                                     "present": True}]
    report = FleetReport(job="preflight", pairs=[outcome]).to_dict()
    if os.environ.get("MXHA_UPDATE_GOLDEN"):
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text(json.dumps(report, indent=2, sort_keys=True) + "\n")
    golden = json.loads(GOLDEN.read_text())
    assert verdicts(report) == verdicts(golden), "the emulator's replies changed: MXHA_UPDATE_GOLDEN=1 and review"


def test_a_chassis_that_takes_only_the_leaf_form(srd_pair):
    """`<extensive/>` gets a syntax error; `<verbose>extensive</verbose>` works and is remembered."""
    srd_pair.inject(MX1, "verbosity-form", accept="verbose-leaf")
    srd_pair.inject(MX2, "verbosity-form", accept="no-argument")
    mark = srd_pair.mark(MX1)
    outcome = run_check(srd_pair)
    one, two = outcome.details["chassis"][MX1], outcome.details["chassis"][MX2]
    assert one["verbosity_form"] == replies.LEAF and one["compatible"], one["problems"]
    groups = [r for r in one["reads"] if r["rpc"] == "get-services-redundancy-group-information"]
    assert [r["rpcs"] for r in groups] == [2, 1]  # the refused form once, then the leaf form from the start
    assert "<verbose>extensive</verbose>" in groups[1]["request"]
    forms = [e.get("form") for e in srd_pair.rpcs(MX1, "get-services-redundancy-group-information", since=mark)]
    assert forms == ["empty-element", "verbose-leaf", "verbose-leaf"]
    assert two["verbosity_form"] == replies.NO_ARGUMENT and two["compatible"], two["problems"]
    assert any("takes no verbosity argument" in note for note in two["notes"])
    assert outcome.outcome == "ok"


def test_live_reads_take_the_form_the_chassis_accepts(srd_pair):
    srd_pair.inject(MX1, "verbosity-form", accept="verbose-leaf")
    held = links(srd_pair)
    try:
        live = read_live(held[MX1].transport)
        again = read_live(held[MX1].transport)
    finally:
        for link in held.values():
            link.close()
    assert live.roles == again.roles and str(live.roles[1]) == "primary"
    assert live.groups_form == replies.LEAF and live.sets[1].health == "Passed"
    assert held[MX1].stats.by_rpc["get-services-redundancy-group-information"] == 3


def test_a_refused_form_is_a_syntax_error_naming_the_argument(srd_pair):
    """What the fallback keys on: the refusal names the argument in bad-element (structured), and the
    message says syntax error (the wording, kept as a fallback)."""
    srd_pair.inject(MX1, "verbosity-form", accept="verbose-leaf")
    held = links(srd_pair)
    try:
        with pytest.raises(RpcError, match="syntax error") as caught:
            held[MX1].transport.rpc(replies.redundancy_group_request("extensive", form=replies.EMPTY_ELEMENT))
    finally:
        for link in held.values():
            link.close()
    (error,) = caught.value.errors
    assert error.element == "extensive" and error.info_value("bad-element") == "extensive" and error.type == "protocol"


@pytest.mark.parametrize("level", replies.LEVELS)
def test_every_operational_reply_parses_as_a_real_one_would(srd_pair, level):
    """Each reply the emulator sends, through the same Transport and parser as a chassis' reply: every
    element expected, none missing, and the parsed values those the emulator shows. With a monitored
    link down and the peer unreachable, so that the optional elements appear too."""
    srd_pair.inject(MX1, "link-down", interface="xe-0/0/0")
    held = links(srd_pair)
    try:
        t = held[MX2].transport
        reads = {
            "groups": t.rpc(replies.redundancy_group_request(level)),
            "iccp": t.rpc(replies.iccp_request()),
            "routes": t.rpc(replies.route_request(None)),
            "software": t.rpc(replies.software_request()),
            "commits": t.rpc(replies.commits_request()),
        }
        one = held[MX1].transport.rpc(replies.redundancy_group_request(level))
        by_id = t.rpc(replies.redundancy_group_request(level, group=1))
    finally:
        for link in held.values():
            link.close()
    for kind, reply in list(reads.items()) + [("groups", one), ("groups", by_id)]:
        found = survey(kind, reply, level if kind == "groups" else None)
        assert found["unexpected"] == [] and found["missing"] == [], (kind, found)
    _conn, groups, problems = replies.parse_redundancy_groups(one)
    assert problems == ()
    released = groups[0].sets[0]
    assert released.local_state_text == "STANDBY" and released.peer_state_text in ("INITIALIZING", "MASTER")
    if level != "terse":
        assert released.health == "Failed" and released.monitored_interface_down_count == 1
    if level == "extensive":
        assert released.failed_interfaces == ("xe-0/0/0",) and released.service_sets == ("CGNAT_SS1",)
    info = replies.parse_software(reads["software"])
    assert info.host_name == MX2 and info.version and info.model
    assert replies.parse_iccp(reads["iccp"]).peers[0].address == "192.0.2.1"


def test_the_replies_as_sent_on_the_wire_parse_too(srd_pair):
    """Bytes exactly as the emulator sends them (no client in between that drops namespaces): the
    rpc-reply's default and junos: namespaces, junos:seconds and junos:style attributes; the collection's
    Transport and parser take them as a chassis' reply, with nothing unexpected or missing."""
    requests = {"groups": replies.redundancy_group_request("extensive"), "iccp": replies.iccp_request(),
                "routes": replies.route_request(None), "software": replies.software_request(),
                "commits": replies.commits_request()}
    raw = {}
    with srd_pair.raw(MX1) as client:
        client.hello()
        for index, (kind, request) in enumerate(requests.items()):
            raw[kind] = client.rpc(ET.tostring(request, encoding="unicode"), str(100 + index)).decode()
    assert 'xmlns="urn:ietf:params:xml:ns:netconf:base:1.0"' in raw["groups"]
    assert 'junos:seconds="' in raw["commits"] and 'junos:style="brief"' in raw["routes"]
    for kind, text in raw.items():
        reply = Transport(lambda _xml, text=text: text).rpc(requests[kind])
        found = survey(kind, reply, "extensive" if kind == "groups" else None)
        assert found["unexpected"] == [] and found["missing"] == [], (kind, found)
    assert parse_commit_information(Transport(lambda _xml: raw["commits"]).rpc(requests["commits"]))[0].sequence == 0
    assert replies.parse_routes(raw["routes"])[0].prefix == "203.0.113.100/32"


def test_a_warning_is_an_rpc_error_of_severity_warning_and_fails_nothing(srd_pair):
    """Junos sends a warning as an <rpc-error> with error-severity warning next to the reply's content."""
    with srd_pair.raw(MX1) as client:
        client.hello()
        text = client.rpc("<open-configuration><private/></open-configuration>").decode()
        client.rpc("<close-configuration/>", "102")
    assert "<error-severity>warning</error-severity>" in text
    transport = Transport(lambda _xml: text)
    transport.rpc("<open-configuration><private/></open-configuration>")
    assert [w.severity for w in transport.warnings] == ["warning"]


def test_the_text_form_parses_like_the_xml(srd_pair):
    """The fallback for a release whose XML names differ: the CLI text gives the same sets."""
    held = links(srd_pair)
    try:
        for level in replies.LEVELS:
            t = held[MX1].transport
            xml = replies.parse_redundancy_groups(t.rpc(replies.redundancy_group_request(level)))
            reply = t.rpc(replies.command_request("show services redundancy-group %s" % level))
            text = replies.parse_redundancy_groups_text(reply.findtext(".//output") or reply.text or "")
            if level == "terse":  # the terse screen has no "Number of peer RG connections"
                xml = (xml[0], tuple(g.__class__(g.id, g.local_ip, g.peer_ip, None, g.sets) for g in xml[1]), xml[2])
            assert text == xml, level
    finally:
        for link in held.values():
            link.close()
