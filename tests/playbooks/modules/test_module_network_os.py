"""The modules send raw Junos RPCs, so they work whichever Junos netconf plugin the inventory names."""
from __future__ import annotations

import pytest

HOST = "pair1-mx1"


@pytest.mark.parametrize("network_os", ["junipernetworks.junos.junos", "mxha.srd.junos"])
def test_works_with_either_junos_netconf_plugin(network_os, mx, playbook):
    config = [{"name": "RELS_MSHIP_MANUAL_EV"}]
    run = playbook([
        {"name": "merged", "mxha.srd.redundancy_events": {"config": config}},
        {"name": "again", "mxha.srd.redundancy_events": {"config": config}},
        {"name": "gathered", "mxha.srd.redundancy_events": {"state": "gathered"}},
    ], args=("-e", "ansible_network_os=" + network_os))
    assert run.rc == 0, run.output[-3000:]
    assert run["merged"]["changed"] is True and run["again"]["changed"] is False
    assert run["gathered"]["gathered"] == config
    # The slow path says so, once per run (Ansible shows a warning text once), and names the fast one.
    slow = "ansible_network_os is junipernetworks.junos.junos: its netconf plugin leaves ncclient polling"
    assert run.output.count(slow) == (1 if network_os.startswith("junipernetworks") else 0), run.output[-3000:]
    if network_os.startswith("junipernetworks"):
        assert "Set ansible_network_os: mxha.srd.junos" in run.output
    mx.wait_idle(HOST)
    sent = [e["rpc"] for e in mx.log(HOST) if "rpc" in e]
    # Only what the modules send (plus the session close): no facts or capability probes.
    assert sent == ["get-configuration", "lock", "load-configuration", "commit-configuration", "get-configuration",
                    "commit-configuration", "unlock", "get-configuration", "get-configuration", "close-session"], sent
