# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The pair transaction on a live emulated pair: the happy path, its RPCs, and the refusals."""
from __future__ import annotations

import copy
import time

from ansible_collections.mxha.srd.plugins.module_utils.srd.diff import diff
from ansible_collections.mxha.srd.plugins.module_utils.srd.model.config import RESOURCES

from .conftest import NAMES, WINDOW, deploy, example_intent, settle
from .hand import configure_by_hand
from .truth import assert_clean, committed, holds, snapshot


def test_a_deploy_puts_both_chassis_on_the_intent_and_proves_it(emu):
    before = snapshot(emu)
    marks = {n: emu.mark(n) for n in NAMES}
    outcome = deploy(emu)
    assert outcome.outcome == "changed", outcome.summary
    assert holds(emu, example_intent(), before) == {n: "new" for n in NAMES}
    assert {n: outcome.details["chassis"][n]["state"] for n in NAMES} == {n: "new" for n in NAMES}
    for name in NAMES:
        names = [n for n in emu.rpc_names(name, marks[name]) if n != "close-session"]
        health = [n for n in names if n.startswith(("get-services", "get-inter", "get-route"))]
        assert [n for n in names if n not in health] == [
            "get-configuration", "get-commit-information", "lock", "load-configuration", "commit-configuration",
            "get-configuration", "get-configuration", "commit-configuration", "get-commit-information",
            "commit-configuration", "unlock", "get-commit-information", "get-configuration"], names
        assert len(health) % 3 == 0 and health
    assert_clean(emu)


def commit_logs(emu, name: str) -> list:
    """The log of each commit in the chassis' history, newest first (get-commit-information over NETCONF)."""
    import xml.etree.ElementTree as ET

    from ansible_collections.mxha.srd.plugins.module_utils.netconf.config_session import parse_commit_information
    from ansible_collections.mxha.srd.plugins.module_utils.netconf.transport import strip_namespaces

    from ncclient.xml_ import to_ele

    with emu.ncclient(name) as m:
        reply = m.rpc(to_ele("<get-commit-information/>"))
    return [e.log for e in parse_commit_information(strip_namespaces(ET.fromstring(reply.tostring)))]


def test_the_commit_log_names_the_deploy_once_and_the_confirmation_once(emu):
    outcome = deploy(emu)
    base = outcome.details["log"]
    assert base.startswith("mxha.srd deploy cgnat-pair1 [")
    for name in NAMES:
        assert commit_logs(emu, name)[:2] == [base + " confirm", base]


def test_a_second_deploy_reads_once_and_takes_no_lock(emu):
    assert deploy(emu).outcome == "changed"
    marks = {n: emu.mark(n) for n in NAMES}
    again = deploy(emu)
    assert again.outcome == "ok", again.summary
    for name in NAMES:
        assert [n for n in emu.rpc_names(name, marks[name]) if n != "close-session"] == ["get-configuration"]


def test_check_mode_predicts_and_sends_nothing_but_reads(emu):
    before = snapshot(emu)
    marks = {n: emu.mark(n) for n in NAMES}
    outcome = deploy(emu, check_mode=True)
    assert outcome.outcome == "changed" and outcome.details["predicted"]
    assert any("set services redundancy-set 1" in line for line in outcome.lines)
    assert holds(emu, example_intent(), before) == {n: "old" for n in NAMES}
    for name in NAMES:
        assert [n for n in emu.rpc_names(name, marks[name]) if n != "close-session"] == ["get-configuration"]


def test_a_commit_confirmed_someone_else_left_pending_is_refused(emu):
    """Another operator's change, committed confirmed and not yet confirmed, must not become permanent."""
    before = snapshot(emu)
    with emu.ncclient("pair1-mx1") as m:
        m.lock()
        m.load_configuration(action="merge", format="text", config=(
            "event-options { redundancy-event OTHER_OPERATOR_EV { monitor { peer mastership-release; } } }"))
        m.commit(confirmed=True, timeout="4")
        m.unlock()
        outcome = deploy(emu)
        assert outcome.outcome == "failed"
        assert "commit confirmed pending that this deploy did not make" in outcome.summary
        assert "by lab via netconf" in outcome.summary and "takeover" in outcome.summary
        assert emu.state("pair1-mx1")["confirmed_pending"] is not None
    # the other operator's session ended: their change rolls back, ours never went out
    settle(emu)
    assert holds(emu, example_intent(), before) == {n: "old" for n in NAMES}
    assert_clean(emu)


def test_a_health_gate_answered_with_an_error_ends_at_once_and_both_go_back(emu):
    before = snapshot(emu)
    emu.inject("pair1-mx2", "fail-rpc", rpc="get-services-redundancy-group-information",
               tag="operation-not-supported", message="syntax error, expecting <command>")
    started = time.monotonic()
    outcome = deploy(emu, health_timeout=WINDOW)
    took = time.monotonic() - started
    assert outcome.outcome == "failed"
    assert "waiting cannot mend" in outcome.summary and "syntax error, expecting <command>" in outcome.summary
    assert took < WINDOW, "the gate waited %.1f s for an error that cannot improve" % took
    settle(emu)
    assert holds(emu, example_intent(), before) == {n: "old" for n in NAMES}
    assert {n: outcome.details["chassis"][n]["state"] for n in NAMES} == {n: "old" for n in NAMES}
    assert_clean(emu)


def test_an_invalid_change_for_the_device_is_refused_before_the_lock(emu):
    data = copy.deepcopy(example_intent())
    outcome = deploy(emu, data, state="merged")
    assert outcome.outcome == "changed"
    marks = {n: emu.mark(n) for n in NAMES}
    assert deploy(emu, data, state="merged").outcome == "ok"
    assert all("lock" not in emu.rpc_names(n, marks[n]) for n in NAMES)


class Recorder:
    """An extension that records when the transaction calls it, and can refuse before the push."""

    def __init__(self, refuse: bool = False):
        self.calls = []
        self.refuse = refuse

    def before_push(self, deploy):
        self.calls.append(("before_push", sorted(n for n, p in deploy.plans.items() if p.changing)))
        if self.refuse:
            from ansible_collections.mxha.srd.plugins.module_utils.jobs.pair_chassis import StepFailed
            raise StepFailed("the backup could not be written")
        return ["backup: written"]

    def after_confirm(self, deploy):
        self.calls.append(("after_confirm", [deploy.links[n].stats.by_rpc.get("commit-configuration", 0)
                                             for n in NAMES]))
        return True, ["placement: nothing to move"]

    def predict(self, deploy):
        self.calls.append(("predict", []))
        return False, ["placement: would move nothing"]


def test_extensions_run_before_the_push_and_after_the_confirmation(emu):
    recorder = Recorder()
    outcome = deploy(emu, extensions=[recorder])
    assert outcome.outcome == "changed"
    assert recorder.calls == [("before_push", list(NAMES)), ("after_confirm", [3, 3])]
    assert "placement: nothing to move" in outcome.lines and "step: backup: written" in outcome.lines
    again = deploy(emu, extensions=[recorder])  # nothing to change: the placement still runs
    assert again.outcome == "changed" and recorder.calls[-1][0] == "after_confirm"
    predicted = deploy(emu, extensions=[recorder], check_mode=True)
    assert recorder.calls[-1] == ("predict", []) and "placement: would move nothing" in predicted.lines


def test_an_extension_refusing_before_the_push_changes_nothing(emu):
    before = snapshot(emu)
    marks = {n: emu.mark(n) for n in NAMES}
    outcome = deploy(emu, extensions=[Recorder(refuse=True)])
    assert outcome.outcome == "failed" and "the backup could not be written" in outcome.summary
    assert holds(emu, example_intent(), before) == {n: "old" for n in NAMES}
    assert all("lock" not in emu.rpc_names(n, marks[n]) for n in NAMES)


def test_a_statement_a_configuration_group_provides_is_refused_before_the_commit(emu):
    """A deploy cannot remove what a group provides: the candidate read back after the load still holds it, so
    nothing is committed there, the other chassis is restored, and the run says exactly why (never "may be")."""
    configure_by_hand(emu)  # pair1-mx1 takes redundancy set 1 and an event from configuration groups
    before = {n: committed(emu, n) for n in NAMES}
    outcome = deploy(emu)
    settle(emu)
    assert outcome.outcome == "failed"
    assert "configuration group provides (apply-groups) cannot be removed by a deploy" in outcome.summary
    assert "back on its old configuration" in outcome.summary and "may be" not in outcome.summary.lower()
    assert all(not diff(committed(emu, n), before[n], RESOURCES) for n in NAMES)
    assert_clean(emu)
