"""The load payload holds exactly the difference, never deletes what SRD only partly owns, and is
valid against Juniper's YANG for every state."""
from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET

import pytest

from ansible_collections.mxha.srd.plugins.module_utils.resource.payload import build_payload, masked
from ansible_collections.mxha.srd.plugins.module_utils.srd.junos import syntax as junos_syntax
from ansible_collections.mxha.srd.plugins.module_utils.srd.model.config import RESOURCES, ChassisConfig, Iccp, IccpPeer, Secret
from ansible_collections.mxha.srd.plugins.module_utils.srd.model.secret import encode_junos9
from ansible_collections.mxha.srd.plugins.module_utils.resource.states import compute_want


def set_lines(payload):
    return junos_syntax.to_set(payload) if payload is not None else []


def test_nothing_differs_no_payload(cgnat):
    assert build_payload(cgnat, cgnat) is None


def test_a_new_chassis_gets_everything_merged_and_nothing_deleted(cgnat):
    lines = set_lines(build_payload(ChassisConfig(), cgnat))
    assert lines and all(line.startswith("set ") for line in lines)
    assert "set services redundancy-set 1 redundancy-group 1" in lines


def test_a_removed_link_down_is_one_delete(cgnat):
    event = cgnat.redundancy_events["RELS_MSHIP_CRIT_EV"]
    given = ChassisConfig(redundancy_events={event.name: dataclasses.replace(event, link_down=event.link_down[:1])})
    want = compute_want("replaced", cgnat, given, ("redundancy_events",))
    assert set_lines(build_payload(cgnat, want)) == [
        "delete event-options redundancy-event RELS_MSHIP_CRIT_EV monitor link-down " + name
        for name in event.link_down[1:]]
    payload = build_payload(cgnat, want)
    marked = [e for e in payload.iter() if e.attrib]
    assert marked and all(e.attrib == {"delete": "delete"} for e in marked), "Junos' load-configuration form"


def test_leaf_list_order_alone_is_no_change(cgnat):
    rset = cgnat.redundancy_sets[1]
    want = cgnat.replace(redundancy_sets={1: dataclasses.replace(rset, policies=tuple(reversed(rset.policies)))})
    assert build_payload(cgnat, want) is None


def test_deleting_everything_keeps_partly_owned_objects_and_routing_instances(cgnat):
    want = compute_want("deleted", cgnat, None, RESOURCES)
    lines = set_lines(build_payload(cgnat, want))
    assert all(line.startswith("delete ") for line in lines)
    # Only SRD statements inside a service set, an interface, a VRRP group and ICCP go.
    assert "delete services service-set CGNAT_SS1 redundancy-set-id" in lines
    assert not any(line.rstrip().endswith("service-set CGNAT_SS1") for line in lines)
    assert not any(line == "delete interfaces xe-0/0/1" or line.endswith("vrrp-group 10") for line in lines)
    assert "delete protocols iccp peer 192.0.2.2" in lines and "delete protocols iccp" not in lines
    assert not any("routing-instances" in line for line in lines)
    assert any(line.endswith("redundancy-options routing-instance") for line in lines)


def test_an_equal_key_in_another_spelling_is_not_sent_again(cgnat):
    device_key = Secret(encode_junos9("example-iccp-key", salt="Q"))
    have = cgnat.replace(iccp=dataclasses.replace(cgnat.iccp, authentication_key=device_key))
    assert build_payload(have, cgnat) is None
    changed = cgnat.replace(iccp=dataclasses.replace(cgnat.iccp, authentication_key=Secret("another-key")))
    payload = build_payload(have, changed)
    assert [e.text for e in payload.iter("authentication-key")] == ["another-key"]
    assert [e.text for e in masked(payload).iter("authentication-key")] == ["********"]


def _states(cgnat):
    event = cgnat.redundancy_events["RELS_MSHIP_CRIT_EV"]
    partial = ChassisConfig(redundancy_events={event.name: dataclasses.replace(event, link_down=("xe-0/0/9",))},
                            iccp=Iccp(local_ip_addr="192.0.2.1", peers={"192.0.2.9": IccpPeer("192.0.2.9", (1,))}))
    keys = {"redundancy_events": ["RELS_MSHIP_CRIT_EV"], "iccp": ["192.0.2.2"], "vrrp_groups": [
        ("xe-0/0/1", 0, "192.0.2.66/26", 10)]}
    yield "merged-new", ChassisConfig(), cgnat
    for state in ("merged", "replaced", "overridden"):
        yield state, cgnat, compute_want(state, cgnat, partial, RESOURCES)
    yield "deleted-keys", cgnat, compute_want("deleted", cgnat, keys, RESOURCES)
    yield "deleted-all", cgnat, compute_want("deleted", cgnat, None, RESOURCES)


def test_every_state_payload_is_valid_against_junos_yang(cgnat):
    yang = pytest.importorskip("mxsim.yang").JunosYang.shared()
    for name, have, want in _states(cgnat):
        payload = build_payload(have, want)
        assert payload is not None, name
        errors = yang.validate(payload)
        assert not list(errors), "%s: %s\n%s" % (name, list(errors), ET.tostring(payload, encoding="unicode"))
