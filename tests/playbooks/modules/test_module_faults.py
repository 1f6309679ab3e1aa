"""Faults against the emulated pair: every one ends in a clean failure that says what happened and a
clean chassis (no stale lock, no dirty candidate, nothing half-committed)."""
from __future__ import annotations

import xml.etree.ElementTree as ET

HOST = "pair1-mx1"
EVENTS = [{"name": "RELS_MSHIP_MANUAL_EV"}, {"name": "ACQU_MSHIP_MANUAL_EV"}]


def change(name="change", **extra):
    return {"name": name, "mxha.srd.redundancy_events": {"config": EVENTS, "state": "merged", **extra},
            "ignore_errors": True}


def gathered(name="after"):
    return {"name": name, "mxha.srd.redundancy_events": {"state": "gathered"}}


def committed_events(mx):
    """The committed configuration's redundancy events, read over a separate session."""
    from ncclient.xml_ import to_ele

    with mx.ncclient(HOST) as m:
        reply = m.get_configuration(format="xml", filter=to_ele(
            "<configuration><event-options><redundancy-event/></event-options></configuration>"))
    root = ET.fromstring(reply.tostring)
    return sorted(e.findtext("name") for e in root.iter() if e.tag.rsplit("}", 1)[-1] == "redundancy-event")


def test_lock_held_elsewhere_fails_clearly_and_changes_nothing(mx, playbook):
    mx.inject(HOST, "hold-lock")
    run = playbook([change()])
    result = run["change"]
    assert result["_status"] == "failed" and result["reason"] == "lock-held"
    assert "locked by another session" in result["msg"] and "phantom" in result["msg"]
    assert result["rpc_stats"]["sent"] == ["get-configuration", "lock"]
    mx.control.clear(HOST)
    mx.wait_idle(HOST)
    mx.assert_clean(HOST)
    assert committed_events(mx) == []


def test_commit_error_and_commit_check_error_discard_and_unlock(mx, playbook):
    mx.inject(HOST, "fail-commit", count=1, check=True, message="emulated: statement is not valid")
    run = playbook([change("check fails"), change("commit fails"), gathered()])
    check = run["check fails"]
    assert check["_status"] == "failed" and check["failed_step"] == "commit-check"
    assert check["rpc_errors"][0]["message"] == "emulated: statement is not valid"
    assert check["rpc_errors"][0]["severity"] == "error" and check["rpc_errors"][0]["path"] == "[edit]"
    assert check["transaction"][-2:] == ["discard-changes", "unlock"]
    assert check["cleanup"] == ["discard-changes: ok", "unlock: ok"]
    assert run["commit fails"]["changed"] is True, "the fault fired once: the next run commits"
    assert run["after"]["gathered"] == EVENTS[::-1] or sorted(e["name"] for e in run["after"]["gathered"]) == sorted(
        e["name"] for e in EVENTS)
    mx.wait_idle(HOST)
    mx.assert_clean(HOST)


def test_a_failing_commit_leaves_nothing_committed(mx, playbook):
    mx.inject(HOST, "fail-commit", count=1)
    run = playbook([change()])
    result = run["change"]
    assert result["_status"] == "failed" and result["failed_step"] == "commit"
    assert "emulated fault" in result["msg"]
    mx.wait_idle(HOST)
    mx.assert_clean(HOST)
    assert committed_events(mx) == []


def test_dirty_candidate_is_refused_and_left_to_its_owner(mx, playbook):
    with mx.ncclient(HOST) as m:  # someone else's edit, not committed
        m.load_configuration(action="merge", format="text", config=(
            "system { host-name someone-elses-edit; }"))
    run = playbook([change("exclusive"), change("private", config_mode="private")])
    for name in ("exclusive", "private"):
        result = run[name]
        assert result["_status"] == "failed" and result["reason"] == "dirty-candidate", result.get("msg")
        assert "uncommitted changes made by someone else" in result["msg"]
        assert result["rpc_stats"]["locks"] == 1 and result["rpc_stats"]["commits"] == 0
    state = mx.state(HOST)
    assert state["lock"] is None and state["candidate_modified"], "the other user's edit is theirs to keep"
    assert committed_events(mx) == []


def test_session_dropped_during_load_leaves_a_clean_chassis(mx, playbook):
    mx.inject(HOST, "drop-session", rpc="load-configuration")
    run = playbook([change()])
    result = run["change"]
    assert result["_status"] == "failed" and result["reason"] == "session-lost"
    assert result["failed_step"] == "load"
    assert "releases the lock when it notices the session is gone" in " ".join(result["cleanup"])
    mx.wait_idle(HOST)
    mx.assert_clean(HOST)
    assert committed_events(mx) == []


def test_session_dropped_during_commit_says_the_outcome_is_unknown(mx, playbook):
    # The commit check is a commit-configuration too: drop at the real commit, after applying it.
    mx.inject(HOST, "drop-session", rpc="commit-configuration", after=1, apply=True)
    run = playbook([change()])
    result = run["change"]
    assert result["_status"] == "failed" and result["reason"] == "session-lost" and result["failed_step"] == "commit"
    assert "may or may not have taken effect" in " ".join(result["cleanup"])
    mx.wait_idle(HOST)
    mx.assert_clean(HOST)
    assert committed_events(mx) == sorted(e["name"] for e in EVENTS), "applied before the drop"


def test_commit_confirmed_then_confirm(mx, playbook):
    run = playbook([change("push", confirm_timeout=60),  # 60 emulated seconds: room for a loaded machine
                    {"name": "confirm", "mxha.srd.redundancy_events": {"confirm": True}}])
    assert run["push"]["commit_confirmed"] == {"timeout_minutes": 60, "pending": True}
    assert run["confirm"]["changed"] is True
    assert run["confirm"]["rpc_stats"]["sent"] == ["get-commit-information", "lock", "commit-configuration",
                                                   "unlock"]
    mx.wait_idle(HOST)
    mx.assert_clean(HOST)  # no confirmed commit pending any more
    assert committed_events(mx) == sorted(e["name"] for e in EVENTS)


def test_confirm_in_check_mode_reports_the_pending_commit_and_sends_nothing_else(mx, playbook):
    run = playbook([change("push", confirm_timeout=60),
                    {"name": "confirm", "mxha.srd.redundancy_events": {"confirm": True}, "check_mode": True}])
    confirm = run["confirm"]
    assert confirm["changed"] is True and confirm["commit_confirmed"]["pending"] is True
    assert "commit confirmed, rollback in 60mins" in confirm["commit_confirmed"]["commit"]["comment"]
    assert confirm["rpc_stats"]["sent"] == ["get-commit-information"]
    commits = [e for e in mx.rpcs(HOST, "commit-configuration") if not e.get("check")]
    assert len(commits) == 1 and commits[0].get("confirmed"), "only the push committed; check mode confirmed nothing"


def test_confirm_after_the_rollback_refuses_and_commits_nothing(mx, playbook):
    """The timer ran out: a plain commit now would report success for a change that is gone."""
    run = playbook([change("push", confirm_timeout=1)])
    assert run["push"]["changed"] is True
    mx.wait_event(HOST, "confirmed-rollback", timeout=15)
    run = playbook([{"name": "confirm", "mxha.srd.redundancy_events": {"confirm": True}, "ignore_errors": True}])
    confirm = run["confirm"]
    assert confirm["_status"] == "failed" and confirm["reason"] == "no-pending-commit-confirmed"
    assert "rolled the change back" in confirm["msg"] and "Nothing was committed" in confirm["msg"]
    assert confirm["newest_commit"]["user"] == "root" and confirm["newest_commit"]["client"] == "other"
    assert confirm["rpc_stats"]["sent"] == ["get-commit-information"]
    assert len([e for e in mx.rpcs(HOST, "commit-configuration") if not e.get("check")]) == 1, "only the push"
    mx.assert_clean(HOST)
    assert committed_events(mx) == []


def test_confirm_with_nothing_ever_pending_refuses(mx, playbook):
    run = playbook([change("push"), {"name": "confirm", "mxha.srd.redundancy_events": {"confirm": True},
                                     "ignore_errors": True}])
    assert run["push"]["changed"] is True
    assert run["confirm"]["_status"] == "failed" and run["confirm"]["reason"] == "no-pending-commit-confirmed"
    assert "commit 0 (" in run["confirm"]["msg"]
    assert run["confirm"]["rpc_stats"]["sent"] == ["get-commit-information"]


def test_commit_confirmed_not_confirmed_rolls_back(mx, playbook):
    run = playbook([change("push", confirm_timeout=1)])
    assert run["push"]["changed"] is True
    mx.wait_event(HOST, "confirmed-rollback", timeout=15)  # a Junos minute is one emulated second here
    mx.assert_clean(HOST)
    assert committed_events(mx) == []
