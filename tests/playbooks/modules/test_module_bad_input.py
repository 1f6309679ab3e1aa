"""Bad input fails before the device is contacted: the emulator's RPC log stays empty (not even a
NETCONF session is opened), and each failure names every violation with its rule."""
from __future__ import annotations

import pytest

HOST = "pair1-mx1"
LONG = "E" * 64

# (task name, module, args, rule ids or words the message must contain)
CASES = [
    ("events: values", "redundancy_events", {"config": [
        {"name": LONG, "link_down": ["eth0"]}, {"name": "E2", "peer": "sometimes"}]},
     ["VALUE-NAME", "VALUE-INTERFACE-NAME", "VALUE-ENUM"]),
    ("events: one interface in two events", "redundancy_events", {"config": [
        {"name": "E1", "link_down": ["xe-0/0/1"]}, {"name": "E2", "link_down": ["xe-0/0/1"]}]},
     ["UNIQUE-INTERFACE-EVENT"]),
    ("policies: action and routes", "redundancy_policies", {"config": [
        {"name": "P1", "events": ["E1"], "action": "grab", "add_signal_route": {"prefix": "203.0.113.1/24"}},
        {"name": "P2", "events": ["E2"], "action": "acquire-primary-role",
         "delete_signal_route": {"prefix": "203.0.113.0/24"}}], "state": "replaced"},
     ["VALUE-ENUM", "VALUE-IPV4-PREFIX", "SIGNAL-ROUTE-ORDER"]),
    ("sets: ranges", "redundancy_sets", {"config": {
        "redundancy_sets": [{"id": 101, "redundancy_group": 17, "keepalive": 0}],
        "service_sets": [{"name": "SS1", "redundancy_set_id": 1, "replication_threshold": 100}]}},
     ["RANGE-SET-ID", "RANGE-GROUP-ID", "RANGE-VALUE"]),
    ("groups: addresses and ranges", "redundancy_groups", {"config": {
        "iccp": {"local_ip_addr": "192.0.2.300", "session_establishment_hold_time": 10,
                 "peers": [{"address": "peer-b", "redundancy_group_id_list": [1]}]},
        "redundancy_options": [{"interface": "vms-1/0/0", "mtu": 9000}]}},
     ["VALUE-IPV4-ADDRESS", "RANGE-VALUE"]),
    ("tracking: ranges", "route_tracking", {"config": {
        "vrrp_groups": [{"interface": "xe-0/0/1", "unit": 0, "address": "192.0.2.66/26", "group": 10,
                         "priority": 300, "track_routes": [{"prefix": "203.0.113.100/32", "priority_cost": 0}]}],
        "conditions": [{"name": "C1", "prefix": "203.0.113.100", "table": "HA.inet.0"}]}},
     ["RANGE-VALUE", "VALUE-IPV4-PREFIX"]),
    ("config: overridden references", "redundancy_config", {"state": "overridden", "config": {
        "redundancy_sets": [{"id": 1, "redundancy_group": 1, "policies": ["MISSING_POL"]}]}},
     ["REF-SET-POLICY", "REF-SET-GROUP"]),
    ("config: unknown option", "redundancy_config", {"config": {"redundancy_events": [{"name": "E1", "colour": "red"}]}},
     ["colour"]),
    ("config: wrong type", "redundancy_sets", {"config": {"redundancy_sets": [{"id": "one"}]}}, ["id"]),
    ("deleted: key missing", "route_tracking", {"state": "deleted", "config": {
        "vrrp_groups": [{"interface": "xe-0/0/1", "unit": 0}]}}, ["missing required arguments: address, group"]),
    ("confirm with config", "redundancy_events", {"confirm": True, "config": [{"name": "E1"}]},
     ["confirm: true only confirms"]),
    ("private and commit confirmed", "redundancy_events", {"config_mode": "private", "confirm_timeout": 5,
                                                           "config": [{"name": "E1"}]}, ["not possible"]),
    ("parsed without text", "redundancy_events", {"state": "parsed"}, ["running_config"]),
]


@pytest.fixture(scope="module")
def bad_run(mxsim_emulator, tmp_path_factory, plays_runner):
    play, run_plays = plays_runner
    mxsim_emulator.reset()
    tasks = [{"name": case[0], "mxha.srd." + case[1]: case[2], "ignore_errors": True} for case in CASES]
    run = run_plays(mxsim_emulator, [play(tasks)], tmp_path_factory.mktemp("bad"))
    return mxsim_emulator, run


@pytest.mark.parametrize("name, module, args, expected", CASES, ids=[c[0] for c in CASES])
def test_fails_naming_every_violation(bad_run, name, module, args, expected):  # pylint: disable=unused-argument
    run = bad_run[1]
    result = run[name]
    assert result["_status"] == "failed"
    for word in expected:
        assert word in result["msg"], (word, result["msg"])
    assert result.get("rpc_stats", {"rpcs": 0})["rpcs"] == 0


def test_nothing_reached_the_device(bad_run):
    emu, run = bad_run
    assert len(run.results) == len(CASES)
    assert emu.log(HOST) == [], "bad input must not open a NETCONF session or send an RPC"
    assert emu.state(HOST)["sessions"] == []
