# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""mxha.srd.simulate through ansible-playbook on localhost (no device involved).

files/simulate.yml asserts each result itself; here we check that every task ran as expected
(the refusals were results, the malformed inputs failures), and some results once more.
"""

from __future__ import annotations

from srd_play_helpers import HERE, run_playbook


def test_simulate_playbook(tmp_path):
    run = run_playbook(HERE / "files" / "simulate.yml", "localhost,", tmp_path)
    assert run.rc == 0, run.output
    assert "Traceback" not in run.output
    failed = sorted(r["task"] for r in run.results if r["status"] == "failed")
    assert failed == ["Malformed state fails the task with a message", "Two actions at once fail the task"], run.output
    assert all(r["status"] == "ok" for r in run.results if r["task"].startswith("Check")), run.output
    refused = run["The same release when the standby is warned"]
    assert refused["_status"] == "ok" and refused["allowed"] is False and refused["changed"] is False
    assert refused["msg"].startswith("refused: ")
    forced = run["Forced through the warning"]
    assert forced["allowed"] and forced["overridden"][0]["rule_id"] == "release.force-over-warned"
    assert run["Manual release on the primary (default state, gateway 1 primary)"]["state_source"].startswith("default")
    for name in ("Split brain - srd disabled on gateway 1 while both chassis are primary",
                 "Split brain - make pair1-mx2 primary"):
        split = run[name]
        assert split["_status"] == "ok" and split["allowed"] is False and split["rule_id"] == "state.dual-primary"
        assert split["dual_primary"] == [1] and "split brain" in split["msg"]
