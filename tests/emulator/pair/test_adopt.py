# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Adopting a pair configured by hand: import it live (one read each, no lock), deploy the intent (a no-op: zero
changes, no lock), check drift against it (clean); and import it again, offline, from the backups a deploy took."""
from __future__ import annotations

import copy
import os

from ansible_collections.mxha.srd.plugins.module_utils.jobs import pair_drift, pair_import
from ansible_collections.mxha.srd.plugins.module_utils.jobs.pair_backup import Backup, list_backups
from ansible_collections.mxha.srd.plugins.module_utils.srd.adopt import build
from ansible_collections.mxha.srd.plugins.module_utils.srd.intent import pair as intent_mod
from ansible_collections.mxha.srd.plugins.module_utils.srd.intent.fleet import PairSpec

from .conftest import NAMES, deploy, example_intent, links
from .hand import as_file, configure_by_hand, import_live
from .truth import assert_clean


def test_a_pair_configured_by_hand_is_imported_and_its_intent_deploys_as_a_no_op(emu):
    configure_by_hand(emu)
    before = {n: emu.state(n)["committed"] for n in NAMES}
    marks = {n: emu.mark(n) for n in NAMES}
    adoption, rpcs = import_live(emu)
    assert rpcs == {n: {"get-configuration": 1} for n in NAMES}          # one read each, no lock
    assert adoption.exact, [str(f) for f in adoption.errors()]
    assert adoption.unmodelled()["pair1-mx2"] == ["set services redundancy-set traceoptions file srd.log",
                                                  "set services redundancy-set traceoptions flag all"]
    assert "read over NETCONF from 127.0.0.1" in adoption.sources["pair1-mx1"].origin
    data = as_file(adoption)
    assert intent_mod.load(data).ok
    outcome = deploy(emu, data)
    assert outcome.outcome == "ok", outcome.summary
    assert "no lock, no commit" in outcome.summary
    for name in NAMES:
        assert [n for n in emu.rpc_names(name, marks[name]) if n != "close-session"] == [
            "get-configuration", "get-configuration"]                    # the import's read, the deploy's read
        assert emu.state(name)["committed"] == before[name]
    assert_clean(emu)


def test_drift_against_the_imported_intent_is_clean(emu):
    configure_by_hand(emu)
    adoption, _rpcs = import_live(emu)
    data = as_file(adoption)
    held = links(emu)
    try:
        spec = PairSpec("pair1", NAMES, data, "test")
        outcome = pair_drift.check(spec, intent_mod.load(data), held, checks=("config", "symmetry"))
    finally:
        for link in held.values():
            link.close()
    assert outcome.outcome == "ok", (outcome.summary, outcome.findings)


def test_the_example_pair_deployed_then_imported_gives_back_the_example(emu):
    assert deploy(emu).outcome == "changed"
    adoption, _rpcs = import_live(emu)
    assert adoption.exact
    again = intent_mod.load(as_file(adoption)).configs
    original = intent_mod.load(example_intent()).configs
    from ansible_collections.mxha.srd.plugins.module_utils.srd.diff import diff
    assert all(not diff(again[n], original[n]) for n in NAMES)
    assert deploy(emu, as_file(adoption)).outcome == "ok"


def test_an_import_from_a_deploys_backup_files_works_offline(emu, tmp_path):
    """Adopt, change one value, deploy (with a backup): the backup files import, offline, to the adopted intent."""
    configure_by_hand(emu)
    live, _rpcs = import_live(emu)
    changed = copy.deepcopy(as_file(live))
    changed["redundancy_sets"][0]["keepalive"] = 12
    backup = Backup(str(tmp_path / "backups"), token="t1")
    outcome = deploy(emu, changed, extensions=[backup])
    assert outcome.outcome == "changed", (outcome.summary, outcome.lines)
    [info] = list_backups(str(tmp_path / "backups"), "pair1")
    marks = {n: emu.mark(n) for n in NAMES}
    sources = pair_import.read_files({n: (os.path.join(info.path, "%s.xml" % n), "auto") for n in NAMES})
    offline = build.adopt(*sources.values(), name="pair1")
    assert all(emu.rpc_names(n, marks[n]) == [] for n in NAMES)       # no device touched
    assert offline.exact and offline.intent == live.intent
    assert offline.unmodelled() == live.unmodelled() and offline.inactive() == live.inactive()
    # deploying it puts the pair back as it was before the change
    assert deploy(emu, as_file(offline)).outcome == "changed"
    assert deploy(emu, as_file(offline)).outcome == "ok"
