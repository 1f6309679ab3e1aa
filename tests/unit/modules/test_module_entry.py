"""The modules' own main() (used when a task does not go through the action) runs the same runner."""
from __future__ import annotations

import importlib
import json

import pytest
from ansible.module_utils import basic
from ansible.module_utils.common.text.converters import to_bytes


def run_main(name, args, capsys):
    basic._ANSIBLE_ARGS = to_bytes(json.dumps({"ANSIBLE_MODULE_ARGS": args}))
    basic._ANSIBLE_PROFILE = "legacy"
    module = importlib.import_module("ansible_collections.mxha.srd.plugins.modules." + name)
    with pytest.raises(SystemExit):
        module.main()
    return json.loads(capsys.readouterr().out)


def test_rendered_through_main_masks_the_key(capsys):
    out = run_main("redundancy_groups", {"state": "rendered", "config": {"iccp": {
        "local_ip_addr": "192.0.2.1", "authentication_key": "s3cret-key",
        "peers": [{"address": "192.0.2.2", "redundancy_group_id_list": [1]}]}}}, capsys)
    assert "set protocols iccp peer 192.0.2.2 redundancy-group-id-list 1" in out["rendered"]["set"]
    assert "s3cret-key" not in json.dumps(out)


def test_invalid_input_through_main_fails_before_any_connection(capsys):
    out = run_main("redundancy_sets", {"config": {"redundancy_sets": [{"id": 500}]}}, capsys)
    assert out["failed"] and "RANGE-SET-ID" in out["msg"] and out["rpc_stats"]["rpcs"] == 0


def test_device_states_without_a_netconf_connection_say_so(capsys):
    out = run_main("redundancy_events", {"state": "gathered"}, capsys)
    assert out["failed"] and "ansible.netcommon.netconf" in out["msg"]


def test_redundancy_state_main_checks_signal_routes_then_the_connection(capsys):
    bad = run_main("redundancy_state", {"signal_routes": [{"routing_instance": "HA"}]}, capsys)
    assert bad["failed"] and "signal_routes[0]" in bad["msg"]
    out = run_main("redundancy_state", {}, capsys)
    assert out["failed"] and "ansible.netcommon.netconf" in out["msg"]
