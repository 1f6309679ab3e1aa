"""Every module, every state, against the emulated pair, the way the Red Hat network collections
test theirs: each state twice (change, then idempotent: changed false, one RPC, no lock), and a
round trip (apply -> gathered -> modify -> re-apply what was gathered -> identical to the start)."""
from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from ansible_collections.mxha.srd.plugins.module_utils.resource.runner import MODULES, Request
from ansible_collections.mxha.srd.plugins.module_utils.resource.runner import run as run_offline
from ansible_collections.mxha.srd.plugins.module_utils.srd.intent import pair as intent
from ansible_collections.mxha.srd.plugins.module_utils.srd.model.serialize import chassis_to_dict

HOST = "pair1-mx1"
EXAMPLE = Path(__file__).resolve().parents[3] / "docs" / "examples" / "cgnat-pair.yml"
CHASSIS = chassis_to_dict(intent.load(yaml.safe_load(EXAMPLE.read_text())).configs[HOST], reveal=True)
# Round trips re-apply what gathered returned; gathered masks the ICCP key, so the round-trip data
# has none (keys have their own test below).
NO_KEY = copy.deepcopy(CHASSIS)
NO_KEY["iccp"].pop("authentication_key")
HA = [{"name": "HA", "instance_type": "virtual-router"}]


def _with(data: dict, **changes) -> dict:
    out = copy.deepcopy(data)
    out.update(changes)
    return out


def _modify_event(events):
    out = copy.deepcopy(events)
    out[[e["name"] for e in out].index("RELS_MSHIP_CRIT_EV")]["link_down"] = ["xe-0/0/0"]
    return out


def _modify_policy(policies):
    out = copy.deepcopy(policies)
    out[[p["name"] for p in out].index("RELS_MSHIP_POL")]["action"] = "release-primary-role-force"
    return out


# module: (prerequisite config for route_tracking, config A, modified config B, deleted-by-key config)
CASES = {
    "redundancy_events": (None, NO_KEY["redundancy_events"], _modify_event(NO_KEY["redundancy_events"]),
                          [{"name": "RELS_MSHIP_MANUAL_EV"}]),
    "redundancy_policies": (None, NO_KEY["redundancy_policies"], _modify_policy(NO_KEY["redundancy_policies"]),
                            [{"name": "ACQU_MSHIP_POL"}]),
    "redundancy_sets": (None, {"redundancy_sets": NO_KEY["redundancy_sets"], "service_sets": NO_KEY["service_sets"]},
                        {"redundancy_sets": [dict(NO_KEY["redundancy_sets"][0], keepalive=5, hold_time=15)],
                         "service_sets": [dict(NO_KEY["service_sets"][0], replication_threshold=600)]},
                        {"service_sets": [{"name": "CGNAT_SS1"}]}),
    "redundancy_groups": ({"routing_instances": HA},
                          {"iccp": NO_KEY["iccp"], "redundancy_options": NO_KEY["redundancy_options"]},
                          {"iccp": dict(NO_KEY["iccp"], peers=[dict(NO_KEY["iccp"]["peers"][0], liveness_detection=None,
                                                                    backup_peer_ip="192.0.2.130")]),
                           "redundancy_options": [dict(NO_KEY["redundancy_options"][0], mtu=1600)]},
                          {"iccp": {"peers": [{"address": "192.0.2.2"}]}}),
    "route_tracking": (None, {"conditions": NO_KEY["conditions"], "vrrp_groups": NO_KEY["vrrp_groups"],
                              "routing_instances": NO_KEY["routing_instances"]},
                       {"conditions": [dict(NO_KEY["conditions"][0], family_inet=True)],
                        "vrrp_groups": [dict(NO_KEY["vrrp_groups"][0], priority=150)],
                        "routing_instances": NO_KEY["routing_instances"]},
                       {"vrrp_groups": [{k: NO_KEY["vrrp_groups"][0][k] for k in ("interface", "unit", "address", "group")}]}),
    "redundancy_config": (None, NO_KEY, _with(NO_KEY, redundancy_events=_modify_event(NO_KEY["redundancy_events"]),
                                              redundancy_policies=_modify_policy(NO_KEY["redundancy_policies"])),
                          {"service_sets": [{"name": "CGNAT_SS1"}]}),
}


def _task(name, module, **args):
    return {"name": name, "mxha.srd." + module: args}


def _twice(name, module, offline=False, **args):
    tasks = [_task(name + " 1", module, **args), _task(name + " 2", module, **args)]
    # rendered and parsed need no device: no persistent connection either.
    return [dict(t, connection="local") for t in tasks] if offline else tasks


def _tasks(module, prereq, a, b, keys):
    tasks = []
    if prereq:
        # route_tracking (the routing instances' resource): redundancy_config checks the whole configuration,
        # where an instance nothing names yet breaks ROUTING-INSTANCE-UNUSED
        tasks.append(_task("prerequisite", "route_tracking", config=prereq, state="merged"))
    tasks += _twice("merged A", module, config=a, state="merged")
    tasks.append(dict(_task("gathered start", module, state="gathered"), register="start"))
    tasks.append(dict(_task("check mode B", module, config=b, state="replaced"), check_mode=True, diff=True))
    tasks += _twice("replaced B", module, config=b, state="replaced")
    tasks += _twice("re-apply gathered", module, config="{{ start.gathered }}", state="overridden")
    tasks.append(_task("gathered end", module, state="gathered"))
    tasks += _twice("deleted keys", module, config=keys, state="deleted")
    tasks += _twice("deleted all", module, state="deleted")
    tasks += _twice("rendered", module, offline=True, config=a, state="rendered")
    tasks += _twice("parsed", module, offline=True, running_config="{{ rendered_set }}", state="parsed")
    return tasks


def _assert_pair(run, name, changed=True):
    first, second = run[name + " 1"], run[name + " 2"]
    assert first["_status"] == "ok" and second["_status"] == "ok", (first.get("msg"), second.get("msg"))
    assert first["changed"] is changed, (name, first.get("changes"), first["rpc_stats"])
    if changed:
        assert (first["rpc_stats"]["locks"], first["rpc_stats"]["commits"]) == (1, 1), (name, first["rpc_stats"])
    assert second["changed"] is False, (name, second.get("changes"))
    return first, second


@pytest.mark.parametrize("module", sorted(CASES))
def test_every_state_twice_and_a_round_trip(module, mx, playbook, yang_errors):
    prereq, a, b, keys = CASES[module]
    rendered_set = "\n".join(run_offline(Request(module, "rendered", a), lambda: None)["rendered"]["set"])
    run = playbook(_tasks(module, prereq, a, b, keys), play_vars={"rendered_set": rendered_set})
    assert run.rc == 0, run.output[-4000:]

    for name in ("merged A", "replaced B", "re-apply gathered", "deleted keys", "deleted all"):
        first, second = _assert_pair(run, name)
        assert yang_errors(first["commands"]["xml"]) == [], name
        assert (second["rpc_stats"]["rpcs"], second["rpc_stats"]["locks"], second["rpc_stats"]["sent"]) == (
            1, 0, ["get-configuration"]), name
        assert second["after"] == first["after"], name
    check = run["check mode B"]
    assert check["changed"] is True and check["rpc_stats"]["sent"] == ["get-configuration"]
    assert check["diff"]["prepared"] and check["diff"]["after"]
    assert check["after"] == run["replaced B 1"]["after"], "check mode predicts what the change does"
    # Round trip: what was gathered, re-applied over a modified device, gives back the start exactly.
    assert run["gathered end"]["gathered"] == run["gathered start"]["gathered"]
    assert run["gathered start"]["gathered"] == run["merged A 1"]["after"]
    empty = run["deleted all 2"]["after"]
    assert not empty or all(not v for k, v in empty.items() if k != "routing_instances"), empty
    for name in ("rendered", "parsed"):
        first, second = _assert_pair(run, name, changed=False)
        assert first["rpc_stats"]["rpcs"] == 0 and first[name] == second[name]
    assert yang_errors(run["rendered 1"]["rendered"]["xml"]) == []
    shape = MODULES[module]
    parsed = run["parsed 1"]["parsed"]
    assert parsed == run["merged A 1"]["after"] if shape.list_field or module != "redundancy_groups" else True
    mx.wait_idle(HOST)
    mx.assert_clean(HOST)


def test_the_iccp_key_is_applied_compared_by_meaning_and_never_shown(mx, playbook):
    key = "example-iccp-key"
    groups = {"iccp": CHASSIS["iccp"]}
    run = playbook(_twice("key", "redundancy_groups", config=groups, state="merged")
                   + [_task("gathered", "redundancy_groups", state="gathered")]
                   + _twice("new key", "redundancy_groups", config={"iccp": dict(CHASSIS["iccp"], authentication_key="other-key")},
                            state="merged"), args=("--diff",))
    assert run.rc == 0, run.output[-3000:]
    _assert_pair(run, "key")
    first = _assert_pair(run, "new key")[0]
    assert run["gathered"]["gathered"]["iccp"]["authentication_key"] == "********"
    assert "authentication-key ********" in first["diff"]["prepared"]
    for text in (run.output, str(run.results)):
        assert key not in text and "other-key" not in text
    mx.assert_clean(HOST)
