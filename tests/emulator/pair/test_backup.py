# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Every changing deploy backs up both chassis before it sends anything but reads; the backup is what the boxes
returned, it says which commit each chassis ran, old backups go by the retention, and a failed deploy names it."""
from __future__ import annotations

import json
import os

import pytest

from ansible_collections.mxha.srd.plugins.module_utils.jobs.pair_backup import (
    Backup, find_backup, list_backups, load_backup, note_backup,
)
from ansible_collections.mxha.srd.plugins.module_utils.srd.diff import diff
from ansible_collections.mxha.srd.plugins.module_utils.srd.junos.xml.parse import parse_config

from .conftest import NAMES, deploy, example_intent, inject
from .hand import adopted
from .truth import assert_clean, holds, snapshot


def test_a_deploy_saves_both_chassis_before_the_push(emu, tmp_path):
    data = adopted(emu, keepalive=12)
    before = snapshot(emu)
    marks = {n: emu.mark(n) for n in NAMES}
    backup = Backup(str(tmp_path), token="run1-pair1-mx1")
    outcome = note_backup(deploy(emu, data, extensions=[backup]), backup)
    assert outcome.outcome == "changed", outcome.summary
    [info] = list_backups(str(tmp_path), "pair1")
    assert outcome.details["backup"] == info.path == backup.written
    assert info.path.startswith(str(tmp_path / "pair1" / "20"))
    assert sorted(os.listdir(info.path)) == ["meta.json", "pair1-mx1.xml", "pair1-mx2.xml"]
    meta = json.loads((tmp_path / "pair1" / info.name / "meta.json").read_text())
    assert meta["schema"] == "mxha.srd/backup" and meta["version"] == 1 and meta["job"] == "deploy"
    assert meta["token"] == "run1-pair1-mx1" and meta["log"] == outcome.details["log"]
    assert meta["chassis"] == list(NAMES) and meta["changing"] == list(NAMES)
    for name in NAMES:
        assert meta["commit"][name]["sequence-number"] == "0" and meta["commit"][name]["user"] == "lab"
        assert meta["commit"][name]["date-time"]
    # the files are what each chassis held, and load back to it
    assert all(not diff(config, before[name]) for name, config in load_backup(info).items())
    assert "traceoptions" in (tmp_path / "pair1" / info.name / "pair1-mx2.xml").read_text()   # verbatim
    assert 'inactive="inactive"' in (tmp_path / "pair1" / info.name / "pair1-mx2.xml").read_text()
    # taken before anything but reads: the backup's two reads come before the lock
    for name in NAMES:
        names = [n for n in emu.rpc_names(name, marks[name]) if n != "close-session"]
        assert names[:4] == ["get-configuration", "get-commit-information", "get-configuration",
                             "get-commit-information"] and names[4] == "lock", names
    assert "step: backup: both chassis saved in %s (SRD hierarchies, commit ids in meta.json)" % info.path \
        in outcome.lines


def _keepalive(value: int) -> dict:
    data = example_intent()
    data["redundancy_sets"][0]["keepalive"] = value
    return data


def test_the_whole_configuration_on_request(emu, tmp_path):
    backup = Backup(str(tmp_path), full=True)
    assert deploy(emu, extensions=[backup]).outcome == "changed"
    files = sorted(os.listdir(backup.written))
    assert files == ["meta.json", "pair1-mx1.full.xml", "pair1-mx1.xml", "pair1-mx2.full.xml", "pair1-mx2.xml"]
    full = parse_config((tmp_path / "cgnat-pair1" / os.path.basename(backup.written) / "pair1-mx1.full.xml")
                        .read_text())
    assert full.config.is_empty()          # the factory pair had no SRD configuration
    assert "<host-name>pair1-mx1</host-name>" in (tmp_path / "cgnat-pair1" / os.path.basename(backup.written) /
                                                  "pair1-mx1.full.xml").read_text()


def test_a_deploy_that_changes_nothing_takes_no_backup(emu, tmp_path):
    assert deploy(emu).outcome == "changed"
    backup = Backup(str(tmp_path))
    assert deploy(emu, extensions=[backup]).outcome == "ok"
    assert backup.written is None and list_backups(str(tmp_path), "cgnat-pair1") == []


def test_retention_keeps_the_newest_and_never_the_backup_a_rollback_goes_to(emu, tmp_path):
    taken = []
    for value in (11, 12, 13, 14):
        backup = Backup(str(tmp_path), keep=2, token="t%d" % value)
        assert deploy(emu, _keepalive(value), extensions=[backup]).outcome == "changed"
        taken.append(backup.written)
    assert [b.path for b in list_backups(str(tmp_path), "cgnat-pair1")] == taken[2:]
    assert find_backup(str(tmp_path), "cgnat-pair1", before="t13").path == taken[2]
    protected = Backup(str(tmp_path), keep=1, protect=[taken[2]])
    assert deploy(emu, _keepalive(15), extensions=[protected]).outcome == "changed"
    assert [b.path for b in list_backups(str(tmp_path), "cgnat-pair1")] == [taken[2], protected.written]


def test_a_failed_deploy_says_where_its_backup_is(emu, tmp_path):
    emu.inject("pair1-mx2", "fail-rpc", rpc="get-services-redundancy-group-information",
               tag="operation-not-supported", message="syntax error, expecting <command>")
    backup = Backup(str(tmp_path))
    outcome = note_backup(deploy(emu, extensions=[backup]), backup)
    assert outcome.outcome == "failed"
    assert outcome.summary.endswith("(backup of both chassis from before: %s)" % backup.written)
    assert outcome.details["backup"] == backup.written


class _Meanwhile:
    """Someone commits on pair1-mx1 after the deploy read it and before the backup."""

    def __init__(self, emu):
        self.emu = emu

    def before_push(self, _deploy):
        self.emu.commit_config("pair1-mx1", "<configuration><event-options><redundancy-event><name>SOMEONE_EV</name>"
                               "</redundancy-event></event-options></configuration>")
        return []

    def predict(self, _deploy):
        return False, []

    def after_confirm(self, _deploy):
        return False, []


def test_a_chassis_that_changed_since_the_read_stops_the_deploy_before_any_change(emu, tmp_path):
    before = snapshot(emu)
    backup = Backup(str(tmp_path))
    outcome = deploy(emu, extensions=[_Meanwhile(emu), backup])
    assert outcome.outcome == "failed" and "pair1-mx1 changed between the deploy's read and its backup" \
        in outcome.summary
    assert backup.written is None
    now = snapshot(emu)
    assert not diff(now["pair1-mx2"], before["pair1-mx2"]) and "SOMEONE_EV" in now["pair1-mx1"].redundancy_events
    assert holds(emu, example_intent(), before)["pair1-mx2"] == "old"
    assert all("lock" not in [e.get("rpc") for e in emu.log(n)] for n in ("pair1-mx2",))
    assert_clean(emu)


def test_an_unwritable_backup_stops_the_deploy_before_any_change(emu, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    before = snapshot(emu)
    outcome = deploy(emu, extensions=[Backup(str(blocker))])
    assert outcome.outcome == "failed" and "the backup could not be written under" in outcome.summary
    assert "nothing was changed" in outcome.summary
    assert holds(emu, example_intent(), before) == {n: "old" for n in NAMES}
    assert_clean(emu)


@pytest.mark.parametrize("rpc", ["get-configuration", "get-commit-information"])
@pytest.mark.parametrize("chassis", NAMES)
@pytest.mark.parametrize("fault", ["drop", "drop-after-apply"])
def test_a_session_lost_during_the_backup_is_reopened_and_the_read_repeated(emu, tmp_path, rpc, chassis, fault):
    """The backup's reads are the second of their kind on each chassis; a read changes nothing, so it is repeated
    once on a fresh session, and the deploy goes on as if nothing happened."""
    before = snapshot(emu)
    inject(emu, chassis, rpc, 1, fault)
    backup = Backup(str(tmp_path))
    outcome = deploy(emu, extensions=[backup])
    assert outcome.outcome == "changed", outcome.summary
    assert backup.written and all(not diff(c, before[n]) for n, c in load_backup(
        find_backup(str(tmp_path), "cgnat-pair1", backup="latest")).items())
    assert holds(emu, example_intent(), before) == {n: "new" for n in NAMES}
    assert_clean(emu)
