"""Every module's EXAMPLES run as written against the emulated pair, and every payload they send
is valid against Juniper's YANG; gathered/check-mode/no-op tasks spend one RPC and no lock."""

from __future__ import annotations

import importlib

import pytest
import yaml

HOST = "pair1-mx1"

MODULES = [
    "redundancy_events",
    "redundancy_policies",
    "redundancy_sets",
    "redundancy_groups",
    "route_tracking",
    "redundancy_config",
]


@pytest.mark.parametrize("name", MODULES)
def test_examples_run_against_the_emulator(name, mx, playbook, yang_errors):
    module = importlib.import_module("ansible_collections.mxha.srd.plugins.modules." + name)
    tasks = yaml.safe_load(module.EXAMPLES)
    run = playbook(tasks)
    assert run.rc == 0, run.output[-4000:]
    assert len(run.results) == len(tasks)
    changing = 0
    for entry in run.results:
        result, task = entry["result"], entry["task"]
        assert entry["status"] == "ok", (task, result.get("msg"))
        stats = result["rpc_stats"]
        for xml in (result.get("commands", {}).get("xml"), result.get("rendered", {}).get("xml")):
            assert yang_errors(xml) == [], (task, xml)
        if result.get("changed") and "get-configuration" in stats["sent"] and "commit-configuration" in stats["sent"]:
            changing += 1
            assert stats["locks"] == 1 and stats["commits"] == 1 and stats["rpcs"] == 7, (task, stats)
        elif "rendered" in result or "parsed" in result:
            assert stats["rpcs"] == 0, task
        elif "confirm" not in task.lower():
            assert (stats["rpcs"], stats["locks"]) == (1, 0), (task, stats)
        assert "example-iccp-key" not in str(result), task
    locks = [e for e in mx.log(HOST) if e.get("rpc") in ("lock", "open-configuration")]
    assert len(locks) == changing + (1 if name == "redundancy_config" else 0)
    mx.wait_idle(HOST)
    mx.assert_clean(HOST)
