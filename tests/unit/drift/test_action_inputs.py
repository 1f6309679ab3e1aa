"""plugins/action/drift_report.py: what it takes from registered results (no Ansible run needed)."""
from __future__ import annotations

from ansible_collections.mxha.srd.plugins.action.drift_report import _state, device_config


def test_a_check_mode_read_gives_the_device_and_the_key_verdict():
    assert device_config({"changed": True, "before": {"redundancy_sets": []},
                          "changes": [{"path": "iccp.authentication_key"}]}) == ({"redundancy_sets": []}, True)
    assert device_config({"before": {}, "changes": []}) == ({}, False)


def test_a_gathered_read_gives_the_device_without_a_verdict():
    assert device_config({"gathered": {"redundancy_sets": []}}) == ({"redundancy_sets": []}, None)


def test_failed_unreachable_and_skipped_reads_say_why():
    assert device_config({"failed": True, "msg": "lock held"})[0] == "read failed: lock held"
    assert device_config({"unreachable": True, "msg": "timed out"})[0] == "unreachable: timed out"
    assert device_config({"skipped": True})[0] == "the read was skipped"
    assert "holds no configuration" in device_config({"changed": False, "msg": "x"})[0]


def test_a_state_read_that_ran_out_of_retries_still_gives_its_last_state():
    facts = {"daemon": "enabled", "redundancy_sets": {"1": "wait"}}
    assert _state({"failed": True, "attempts": 3, "ansible_facts": {"srd_state": facts}}) == facts
    assert _state({"failed": False, "msg": "NETCONF session failed"}) == "read failed: NETCONF session failed"
    assert _state({"unreachable": True, "msg": "refused"}) == "unreachable: refused"
