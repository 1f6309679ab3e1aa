# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Adopting a pair through the shipped playbooks: import (live, vaulted key), deploy (a no-op, then a change that
leaves a backup), drift (clean), rollback (check mode with a diff, then for real, back to the hand configuration),
and import again offline from the backup and from two configuration files."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import yaml
from ansible.parsing.vault import VaultLib, VaultSecret

from ansible_collections.mxha.srd.plugins.module_utils.srd.junos.syntax import canonical

from .conftest import DATA, FAST, NAMES, configure_by_hand


def load_intent(path, password: bytes = b"adopt-test-vault") -> dict:
    """An intent file with its !vault values decrypted."""
    vault = VaultLib([("default", VaultSecret(password))])

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_constructor("!vault", lambda loader, node: vault.decrypt(loader.construct_scalar(node)).decode())
    return yaml.load(path.read_text(), Loader=Loader)  # noqa: S506  # a SafeLoader with one constructor more


def committed(emu) -> dict:
    return {n: canonical(ET.fromstring(emu.state(n)["committed"])) for n in NAMES}


def test_adopt_change_and_roll_back_a_pair_through_the_playbooks(emu, run, tmp_path):
    configure_by_hand(emu)
    by_hand = committed(emu)
    intent = tmp_path / "pair1.yml"

    # import: one read per chassis, the key vaulted, proved to be a no-op
    marks = {n: emu.mark(n) for n in NAMES}
    res, report = run("import.yml", "-e", "pair=pair1", "-e", "intent_file=%s" % intent)
    assert report["job"] == "import" and report["pairs"][0]["outcome"] == "changed"
    assert "deploying it to the same pair changes nothing" in res.stdout
    assert all([n for n in emu.rpc_names(name, marks[name]) if n != "close-session"] == ["get-configuration"]
               for name in NAMES)
    text = intent.read_text()
    assert "authentication_key: !vault |" in text and "hand-made-key" not in text and "$9$" not in text
    assert load_intent(intent)["iccp"]["authentication_key"] == "hand-made-key"
    res, report = run("import.yml", "-e", "pair=pair1", "-e", "intent_file=%s" % intent)
    assert report["pairs"][0]["outcome"] == "ok"                     # the file already holds it: left as it is

    # deploy the imported intent: a no-op, one read per chassis, no lock, no backup
    marks = {n: emu.mark(n) for n in NAMES}
    res, report = run("deploy.yml", "-e", "intent_file=%s" % intent, *FAST)
    assert report["pairs"][0]["outcome"] == "ok" and report["pairs"][0]["rpcs"] == {n: 1 for n in NAMES}
    assert all("lock" not in emu.rpc_names(n, marks[n]) for n in NAMES)
    assert not (tmp_path / "backups").exists()
    res, report = run("drift.yml", "-e", "intent_file=%s" % intent)
    assert report["pairs"][0]["outcome"] == "ok", report["pairs"][0]

    # change it and deploy: both chassis backed up first
    changed = tmp_path / "pair1-changed.yml"
    changed.write_text(text.replace("hold_time: 30", "hold_time: 40"))     # explicit on both chassis (no group)
    res, report = run("deploy.yml", "-e", "intent_file=%s" % changed, *FAST)
    assert report["pairs"][0]["outcome"] == "changed"
    [backup] = sorted((tmp_path / "backups" / "pair1").iterdir())
    meta = json.loads((backup / "meta.json").read_text())
    assert meta["job"] == "deploy" and sorted(meta["chassis"]) == list(NAMES)
    assert committed(emu) != by_hand

    # rollback, check mode with a diff: what would change, nothing sent but reads
    res, report = run("rollback.yml", "-e", "intent_file=%s" % intent, "-e", "backup=latest", "--check", "--diff",
                      *FAST)
    assert report["check_mode"] and report["pairs"][0]["outcome"] == "changed"
    assert "-   hold-time 40;" in res.stdout and "+   hold-time 30;" in res.stdout
    assert committed(emu) != by_hand

    # rollback before that deploy (by its run id): the hand configuration again, statement for statement
    res, report = run("rollback.yml", "-e", "intent_file=%s" % intent, "-e", "before=%s" % meta["token"].split("-")[0],
                      *FAST)
    assert report["pairs"][0]["outcome"] == "changed", report["pairs"][0]["summary"]
    assert report["pairs"][0]["summary"].startswith("rollback to %s: deployed: both chassis hold the backup"
                                                    % backup.name)
    assert committed(emu) == by_hand
    for name in NAMES:
        emu.assert_clean(name)
    res, report = run("deploy.yml", "-e", "intent_file=%s" % intent, *FAST)
    assert report["pairs"][0]["outcome"] == "ok"

    # import offline from the deploy's backup: the same intent, no device touched
    marks = {n: emu.mark(n) for n in NAMES}
    offline = tmp_path / "offline.yml"
    res, report = run("import.yml", "-e", "backup=%s" % backup, "-e", "intent_file=%s" % offline, inventory=False)
    assert report["pairs"][0]["outcome"] == "changed" and all(emu.rpc_names(n, marks[n]) == [] for n in NAMES)
    assert load_intent(offline) == load_intent(intent)


def test_import_offline_from_two_configuration_files_and_what_it_refuses(run, tmp_path):
    files = json.dumps({"config_files": {"pair1-mx1": str(DATA / "pair1-mx1.set"), "pair1-mx2": str(DATA / "pair1-mx2.conf")}})
    res, report = run("import.yml", "-e", files, "-e", "pair_name=pair1", "-e", "iccp_key=placeholder", inventory=False)
    assert report["pairs"][0]["outcome"] == "changed"
    assert "import_result.intent_lines:" in res.stdout and "- '    iccp_address: 192.0.2.1'" in res.stdout
    assert "pair1-mx1.set (set)" in res.stdout
    target = tmp_path / "edited.yml"
    target.write_text("name: edited by hand\n")
    res, report = run("import.yml", "-e", files, "-e", "intent_file=%s" % target, inventory=False, check_rc=2)
    assert report["pairs"][0]["outcome"] == "failed" and "set force: true to overwrite it" in res.stdout
    assert target.read_text() == "name: edited by hand\n"
    res, _report = run("import.yml", "-e", "pair=no_such_group", "-e", "intent_file=%s" % target, check_rc=2)
    assert "no_such_group" in res.stdout
