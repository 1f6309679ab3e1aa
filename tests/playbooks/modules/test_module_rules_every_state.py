"""mxha.srd.redundancy_config applies the pair validator's name and reference rules in every state, to
the configuration as it will be after the change: a name rule fails before any RPC, a reference
rule after the one read and before the lock. The emulator's RPC log shows that nothing was locked,
loaded or committed, and its configuration is what it was."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from ansible_collections.mxha.srd.plugins.module_utils.srd.intent import pair as intent
from ansible_collections.mxha.srd.plugins.module_utils.srd.junos.xml.render import render_xml_string
from ansible_collections.mxha.srd.plugins.module_utils.srd.model.serialize import chassis_to_dict

HOST = "pair1-mx1"
EXAMPLE = Path(__file__).resolve().parents[3] / "docs" / "examples" / "cgnat-pair.yml"
CONFIG = intent.load(yaml.safe_load(EXAMPLE.read_text())).configs[HOST]
FULL = chassis_to_dict(CONFIG, reveal=True)
ODD = "ÉV_📡"   # not a Junos name: the pair validator rejects it (VALUE-NAME)
WRITES = ("lock", "open-configuration", "load-configuration", "commit-configuration")


def _policy(**changes) -> dict:
    policy = next(p for p in FULL["redundancy_policies"] if p["name"] == "ACQU_MSHIP_POL")
    return dict(policy, **changes)


# (task, state, config, rule the message names, whether the device may be read first)
CASES = [
    ("merged: a policy lists an event that exists nowhere", "merged",
     {"redundancy_policies": [_policy(events=["NOWHERE_EV"])]}, "REF-POLICY-EVENT", True),
    ("merged: a new policy lists an event that exists nowhere", "merged",
     {"redundancy_policies": [{"name": "NEW_POL", "events": ["NOWHERE_EV"], "action": "broadcast-warning",
                               "add_signal_route": {"prefix": "203.0.113.100/32"}}]}, "REF-POLICY-EVENT", True),
    ("replaced: a policy lists an event that exists nowhere", "replaced",
     {"redundancy_policies": [_policy(events=["NOWHERE_EV"])]}, "REF-POLICY-EVENT", True),
    ("merged: a set names a policy that exists nowhere", "merged",
     {"redundancy_sets": [{"id": 1, "policies": ["NOWHERE_POL"]}]}, "REF-SET-POLICY", True),
    ("deleted: an event a policy still lists", "deleted",
     {"redundancy_events": [{"name": "ACQU_MSHIP_CRIT_EV"}]}, "REF-POLICY-EVENT", True),
    ("merged: an event with a non-ASCII name", "merged",
     {"redundancy_events": [{"name": ODD, "link_down": ["xe-0/0/9"]}]}, "VALUE-NAME", False),
    ("replaced: an event with a non-ASCII name", "replaced",
     {"redundancy_events": [{"name": ODD, "link_down": ["xe-0/0/9"]}]}, "VALUE-NAME", False),
    ("overridden: an event with a non-ASCII name", "overridden",
     dict(FULL, redundancy_events=FULL["redundancy_events"] + [{"name": ODD, "link_down": ["xe-0/0/9"]}],
          redundancy_policies=[_policy(events=["ACQU_MSHIP_CRIT_EV", ODD]) if p["name"] == "ACQU_MSHIP_POL" else p
                               for p in FULL["redundancy_policies"]]), "VALUE-NAME", False),
]


@pytest.fixture(scope="module")
def refused(mxsim_emulator, tmp_path_factory, plays_runner):
    play, run_plays = plays_runner
    mx = mxsim_emulator
    mx.reset()
    mx.commit_config(HOST, render_xml_string(CONFIG))
    mark = mx.mark(HOST)
    tasks = [{"name": name, "mxha.srd.redundancy_config": {"state": state, "config": config},
              "ignore_errors": True} for name, state, config, _rule, _read in CASES]
    run = run_plays(mx, [play(tasks)], tmp_path_factory.mktemp("refused"))
    mx.wait_idle(HOST)
    return mx, mark, run


@pytest.mark.parametrize("name, state, config, rule, read", CASES, ids=[c[0] for c in CASES])
def test_every_state_refuses_what_the_validator_rejects(refused, name, state, config, rule, read):  # pylint: disable=unused-argument
    result = refused[2][name]
    assert result["_status"] == "failed", result
    assert rule in result["msg"], result["msg"]
    assert "nothing" in result["msg"]
    sent = result["rpc_stats"]["sent"]
    assert sent == (["get-configuration"] if read else []), sent


def test_nothing_was_locked_loaded_or_committed(refused):
    mx, mark, run = refused
    assert len(run.results) == len(CASES), run.output[-3000:]
    assert [e["rpc"] for e in mx.log(HOST, mark) if e.get("rpc") in WRITES] == []
    gathered = mx.state(HOST)
    assert ODD not in str(gathered) and "NOWHERE" not in str(gathered)
