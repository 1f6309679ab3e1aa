# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Pair rollback: back to a backup as one pair transaction. It restores both chassis exactly (judged from the
emulator's committed configurations), predicts in check mode, finds a backup by a deploy's token, and under the
fault matrix's drop and delay faults at the commit confirmed and the confirming commit never ends split."""
from __future__ import annotations

import copy
import difflib
import xml.etree.ElementTree as ET

import pytest

from ansible_collections.mxha.srd.plugins.module_utils.jobs.pair_backup import (
    Backup, find_backup, list_backups, load_backup,
)
from ansible_collections.mxha.srd.plugins.module_utils.jobs.pair_rollback import rollback_pair
from ansible_collections.mxha.srd.plugins.module_utils.srd.intent.fleet import PairSpec
from ansible_collections.mxha.srd.plugins.module_utils.srd.junos.syntax import canonical

from .conftest import NAMES, deploy, example_intent, inject, links, options, settle
from .hand import adopted
from .truth import assert_clean, holds_configs, snapshot


def committed_xml(emu) -> dict:
    return {n: emu.state(n)["committed"] for n in NAMES}


def same_configuration(left: str, right: str) -> bool:
    """Equal configurations: the same statements, values and inactive marks, in any order of siblings."""
    return canonical(ET.fromstring(left)) == canonical(ET.fromstring(right))


def changed(data: dict) -> dict:
    """An intent with redundancy set 1's timers, an event's monitors and a VRRP priority changed, and an event more."""
    out = copy.deepcopy(data)
    out["redundancy_sets"][0].update(keepalive=12, hold_time=40)
    crit = next(e for e in out["redundancy_events"] if e.get("process_routing"))
    crit["process_routing"] = ["restart"]
    out["redundancy_events"].append({"name": "EXTRA_EV", "peer": "primary-role-acquire"})
    out["chassis"]["pair1-mx2"]["vrrp_groups"][0]["priority"] = 180
    return out


def deployed_change(emu, root: str, data: dict | None = None) -> tuple:
    """The pair on ``data`` (default: the example deployed), then changed by a deploy that took a backup:
    (the backup, each chassis' committed configuration before the change, ``data``)."""
    if data is None:
        data = example_intent()
        assert deploy(emu, data).outcome == "changed"
    before = committed_xml(emu)
    backup = Backup(root, token="deploy1-pair1-mx1")
    outcome = deploy(emu, changed(data), extensions=[backup])
    assert outcome.outcome == "changed", outcome.summary
    return find_backup(root, data["name"], backup="latest"), before, data


def rollback(emu, info, root: str, **opts):
    spec = PairSpec(info.meta["pair"], NAMES, {}, "test")
    held = links(emu)
    try:
        return rollback_pair(spec, held, info, load_backup(info), options(**opts), token="rollback1-pair1-mx1",
                             backup=Backup(root, job="rollback", token="rollback1-pair1-mx1", protect=[info.path]))
    finally:
        for link in held.values():
            link.close()


def test_a_rollback_restores_both_chassis_exactly(emu, tmp_path):
    info, before, data = deployed_change(emu, str(tmp_path))
    assert not any(same_configuration(committed_xml(emu)[n], before[n]) for n in NAMES)
    outcome = rollback(emu, info, str(tmp_path))
    assert outcome.outcome == "changed", outcome.summary
    assert outcome.summary.startswith("rollback to %s: deployed" % info.name)
    after = committed_xml(emu)
    for name in NAMES:
        assert same_configuration(after[name], before[name]), "\n".join(difflib.unified_diff(
            before[name].splitlines(), after[name].splitlines(), lineterm=""))
    assert "step: rollback: to %s" % info.describe() in outcome.lines
    # the rollback backed up what it replaced, so it can be undone by its token
    undo = find_backup(str(tmp_path), data["name"], before="rollback1")
    assert undo.meta["job"] == "rollback" and undo.path == outcome.details["backup"]
    assert deploy(emu, data).outcome == "ok"                # the adopted intent holds again: a no-op
    assert_clean(emu)


def test_a_hand_configured_pair_comes_back_statement_for_statement(emu, tmp_path):
    """Adopted, changed, rolled back: every statement as before, but one a deploy overrode while the chassis inherits
    it from a configuration group: it comes back with the group's value as a statement of its own."""
    data = adopted(emu)
    info, before, _data = deployed_change(emu, str(tmp_path), data)
    assert rollback(emu, info, str(tmp_path)).outcome == "changed"
    after = committed_xml(emu)
    assert same_configuration(after["pair1-mx2"], before["pair1-mx2"])
    explicit = ET.fromstring(after["pair1-mx1"])
    [rset] = [e for e in explicit.findall("services/redundancy-set/rs-id-object") if e.findtext("name") == "1"]
    [keepalive] = rset.findall("keepalive")
    assert keepalive.text == "10"                 # the value SRD-BASE gives, now written on the set itself
    rset.remove(keepalive)
    assert canonical(explicit) == canonical(ET.fromstring(before["pair1-mx1"]))
    assert deploy(emu, data).outcome == "ok"


def test_check_mode_predicts_the_rollback_and_sends_nothing_but_reads(emu, tmp_path):
    info, _before, _data = deployed_change(emu, str(tmp_path))
    held = committed_xml(emu)
    marks = {n: emu.mark(n) for n in NAMES}
    outcome = rollback(emu, info, str(tmp_path), check_mode=True)
    assert outcome.outcome == "changed" and outcome.details["predicted"]
    assert "set services redundancy-set 1 keepalive 10" in [line.strip() for line in outcome.lines]
    assert any(line.startswith("backup: the rollback would first save both chassis") for line in outcome.lines)
    assert committed_xml(emu) == held
    assert all([n for n in emu.rpc_names(name, marks[name]) if n != "close-session"] == ["get-configuration"]
               for name in NAMES)
    assert len(list_backups(str(tmp_path), "cgnat-pair1")) == 1


def test_rolling_back_to_where_the_pair_already_is_changes_nothing(emu, tmp_path):
    info, _before, _data = deployed_change(emu, str(tmp_path))
    assert rollback(emu, info, str(tmp_path)).outcome == "changed"
    marks = {n: emu.mark(n) for n in NAMES}
    again = rollback(emu, info, str(tmp_path))
    assert again.outcome == "ok", again.summary
    assert all("lock" not in emu.rpc_names(n, marks[n]) for n in NAMES)


def test_a_backup_of_other_chassis_is_refused_before_anything_is_sent(emu, tmp_path):
    info, _before, _data = deployed_change(emu, str(tmp_path))
    marks = {n: emu.mark(n) for n in NAMES}
    spec = PairSpec("pair1", NAMES, {}, "test")
    configs = load_backup(info)
    configs["pair9-mx2"] = configs.pop("pair1-mx2")
    outcome = rollback_pair(spec, {}, info, configs, options(), token="x")
    assert outcome.outcome == "failed" and "not this pair's chassis" in outcome.summary
    assert all(emu.rpc_names(n, marks[n]) == [] for n in NAMES)


# The two writes a rollback's safety rests on, from the fault matrix (tests/emulator/pair/test_fault_matrix.py).
STEPS = [("commit-configuration", 1, "commit confirmed"), ("commit-configuration", 2, "confirming commit")]
FAULTS = ("drop", "drop-after-apply", "delay-past-timer")
CASES = [pytest.param(rpc, nth, chassis, fault, id="%s-%s-%s" % (label.replace(" ", "_"), chassis[-3:], fault))
         for rpc, nth, label in STEPS for chassis in NAMES for fault in FAULTS]


@pytest.mark.slow
@pytest.mark.parametrize("rpc,nth,chassis,fault", CASES)
def test_a_rollback_never_ends_split(emu, tmp_path, rpc, nth, chassis, fault):
    info, _before, _data = deployed_change(emu, str(tmp_path))
    target = load_backup(info)
    pre = snapshot(emu)
    inject(emu, chassis, rpc, nth, fault)
    outcome = rollback(emu, info, str(tmp_path))
    settle(emu)
    truth = holds_configs(emu, target, pre)
    reported = {n: outcome.details["chassis"][n]["state"] for n in NAMES}
    assert len(set(truth.values())) == 1 and "neither" not in truth.values(), (
        "SPLIT: the emulator holds %s; the run said %s: %s" % (truth, outcome.outcome, outcome.summary))
    assert reported == truth, "the run says %s, the emulator holds %s: %s" % (reported, truth, outcome.summary)
    if truth[NAMES[0]] == "new":
        assert outcome.outcome == "changed", outcome.summary
    else:
        assert outcome.outcome == "failed", outcome.summary
        assert "back on its old configuration" in outcome.summary
        assert outcome.summary.endswith("(backup of both chassis from before: %s)" % outcome.details["backup"])
    assert "may be" not in outcome.summary.lower()
    assert_clean(emu)
