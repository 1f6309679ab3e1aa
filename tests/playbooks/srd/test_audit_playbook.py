# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""playbooks/audit.yml (role mxha.srd.audit) through ansible-playbook: offline from an intent, and live
against the emulated pair (read-only), and the action's check mode."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import yaml

from srd_play_helpers import EXAMPLE, MX1, MX2, ROOT, play, run_playbook

BOOK = ROOT / "playbooks" / "audit.yml"
CLEAN = ROOT / "docs" / "examples" / "audit" / "clean-pair.yml"
AUDIT = "Audit every failure (on the controller; no device is contacted)"
READS = {"get-configuration", "close-session", "get-services-redundancy-group-information",
         "get-inter-chassis-control-protocol-information", "get-route-information"}


def task(run, name: str) -> dict:
    """A role task's result (the callback names it "mxha.srd.audit : <name>")."""
    found = [r for r in run.results if r["task"].split(" : ")[-1] == name]
    assert len(found) == 1, "task %r ran %d times:\n%s" % (name, len(found), run.output[-4000:])
    return found[0]["result"] | {"_status": found[0]["status"]}


def test_offline_audit_of_a_clean_intent(tmp_path):
    run = run_playbook(BOOK, "localhost,", tmp_path, "-e", "intent_file=%s" % CLEAN, "-e", "report_dir=%s" % tmp_path)
    assert run.rc == 0, run.output
    result = task(run, AUDIT)
    assert result["ok"] is True and result["changed"] is False and result["findings"] == []
    shown = task(run, "Show the audit")["audit_result.table"]
    assert isinstance(shown, list) and shown[0].startswith("clean-pair: audit depth 1: 66 scenarios")
    # the default callback prints the table as a YAML list, one line per item
    assert "audit_result.table:\n    - 'clean-pair: audit depth 1" in run.output
    files = result["files"]
    assert json.loads(open(files["json"]).read())["schema"] == "mxha.srd/audit-report/v1"
    assert ET.parse(files["junit"]).getroot().get("failures") == "0"
    assert "<svg" in open(files["report"]).read()   # the pair's picture, drawn from the intent


def test_offline_audit_fails_on_errors_after_reporting(tmp_path):
    run = run_playbook(BOOK, "localhost,", tmp_path, "-e", "intent_file=%s" % EXAMPLE, "-e", "report_dir=%s" % tmp_path,
                       "-e", "depth=2")
    assert run.rc != 0
    assert task(run, "Fail on findings (audit_fail_on)")["_status"] == "failed"
    assert "AUDIT-VRRP-ORDER" in "\n".join(task(run, "Show the audit")["audit_result.table"])
    doc = json.loads((tmp_path / "audit-cgnat-pair1.json").read_text())
    assert doc["depth"] == 2 and doc["counts"]["depth2_pairs"] == 544
    never = run_playbook(BOOK, "localhost,", tmp_path, "-e", "intent_file=%s" % EXAMPLE,
                         "-e", "report_dir=%s" % tmp_path, "-e", "fail_on=never")
    assert never.rc == 0, never.output


def test_live_audit_reads_the_pair_and_changes_nothing(srd_pair, tmp_path):
    marks = {name: srd_pair.mark(name) for name in (MX1, MX2)}
    run = run_playbook(BOOK, str(srd_pair.inventory), tmp_path, "-e", "live=true", "-e", "pair=pair1",
                       "-e", "report_dir=%s" % tmp_path, "-e", "fail_on=never")
    assert run.rc == 0, run.output
    result = task(run, AUDIT)
    assert [s["id"] for s in result["starting_states"]] == ["primary:pair1-mx1", "primary:pair1-mx2", "live"]
    # what the pair runs is the example: the same findings as the intent's own audit
    offline = run_playbook(BOOK, "localhost,", tmp_path / "offline", "-e", "intent_file=%s" % EXAMPLE,
                           "-e", "fail_on=never", "-e", "report_dir=%s" % (tmp_path / "offline"))
    expected = task(offline, AUDIT)["findings"]
    assert [(f["rule_id"], f["chassis"]) for f in result["findings"]] == [(f["rule_id"], f["chassis"]) for f in expected]
    for name in (MX1, MX2):
        assert set(srd_pair.rpc_names(name, since=marks[name])) <= READS, srd_pair.rpc_names(name, since=marks[name])
        srd_pair.assert_clean(name)


def test_the_action_in_check_mode_is_the_same(tmp_path):
    data = yaml.safe_load(CLEAN.read_text())
    tasks = [{"name": "audit", "mxha.srd.audit": {"config": data, "placement": {1: MX2}, "detail": "scenarios"},
              "register": "audited"},
             {"name": "bad", "mxha.srd.audit": {"config": data, "placement": {9: MX1}}, "ignore_errors": True}]
    book = tmp_path / "book.yml"
    book.write_text(yaml.safe_dump([play(tasks)], sort_keys=False))
    normal = run_playbook(book, "localhost,", tmp_path)
    checked = run_playbook(book, "localhost,", tmp_path, "--check")
    for run in (normal, checked):
        assert run["audit"]["_status"] == "ok" and run["audit"]["changed"] is False
        assert [f["rule_id"] for f in run["audit"]["findings"]] == ["AUDIT-GW2-DISABLE"]
        assert len(run["audit"]["scenarios"]) == 68   # 66 and the two starting states
        assert run["bad"]["_status"] == "failed" and "no redundancy set 9" in run["bad"]["msg"]
    assert "example-iccp-key" not in normal.output + json.dumps(normal.results)
