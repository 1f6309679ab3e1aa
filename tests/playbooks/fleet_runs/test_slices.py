# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Beyond one controller: the fleet drift as two ansible-runner invocations over the two slices AWX job
slicing would make of an inventory of pair hosts, merged, equals one run over every pair.

AWX sorts the inventory's hosts by name and deals them out round-robin (host i goes to slice i mod N);
with one inventory host per pair (``srd_chassis`` lists its chassis), a slice can never hold half a pair.
"""
from __future__ import annotations

import json
import subprocess

import ansible_runner
import yaml

from ansible_collections.mxha.srd.plugins.module_utils.fleet.report import comparable

from ansible_run import ROOT, ansible_env
from .conftest import ANSIBLE_PLAYBOOK, FAST, outcomes

SLICES = 2


def slice_inventories(emu, tmp_path) -> list:
    """The inventories AWX would hand each slice (hosts sorted by name, dealt round-robin)."""
    full = yaml.safe_load((emu.state_dir / "inventory-pairs.yml").read_text())
    group = full["all"]["children"]["mx_pair_hosts"]
    names = sorted(group["hosts"])
    paths = []
    for index in range(SLICES):
        mine = names[index::SLICES]
        part = {"all": {"children": {"mx_pair_hosts": {"vars": group["vars"],
                                                        "hosts": {h: group["hosts"][h] for h in mine}}}}}
        path = tmp_path / ("slice-%d.yml" % (index + 1))
        path.write_text(yaml.safe_dump(part))
        paths.append(path)
    return paths


def runner_drift(inventory, private, reports, monkeypatch, tmp_path) -> dict:
    for key, value in ansible_env(tmp_path).items():
        monkeypatch.setenv(key, value)
    private.mkdir()
    result = ansible_runner.run(private_data_dir=str(private), playbook=str(ROOT / "playbooks" / "drift.yml"),
                                inventory=str(inventory), extravars={"report_dir": str(reports)}, quiet=True,
                                timeout=300)
    assert (result.status, result.rc) == ("successful", 0), result.stdout.read()[-4000:]
    return json.loads((reports / "drift.json").read_text())


def test_two_slices_merged_equal_one_run(run, fleet, tmp_path, monkeypatch):
    run("deploy.yml", *FAST, inventory="inventory-pairs.yml")
    fleet.commit_config("pair12-mx1", "<configuration><services><redundancy-set><rs-id-object><name>1</name>"
                        "<hold-time>45</hold-time></rs-id-object></redundancy-set></services></configuration>")
    _res, whole = run("drift.yml", inventory="inventory-pairs.yml")
    assert outcomes(whole)["cgnat-pair12"] == "drift" and len(whole["pairs"]) == 20

    slices = slice_inventories(fleet, tmp_path)
    parts = [runner_drift(inv, tmp_path / ("private-%d" % i), tmp_path / ("slice-reports-%d" % i), monkeypatch, tmp_path)
             for i, inv in enumerate(slices, 1)]
    assert sorted(len(p["pairs"]) for p in parts) == [10, 10]
    assert not set(outcomes(parts[0])) & set(outcomes(parts[1]))

    merged_dir = tmp_path / "merged"
    res = subprocess.run([ANSIBLE_PLAYBOOK, str(ROOT / "playbooks" / "merge_reports.yml"),
                          "-e", "reports=%s/slice-reports-*/drift.json" % tmp_path, "-e", "out_dir=%s" % merged_dir],
                         cwd=tmp_path, env=ansible_env(tmp_path), capture_output=True, text=True, timeout=120,
                         check=False)
    assert res.returncode == 0, res.stdout[-4000:]
    merged = json.loads((merged_dir / "drift.json").read_text())
    assert comparable(merged) == comparable(whole)
    assert "cgnat-pair12" in (merged_dir / "drift.junit.xml").read_text()
    assert "drift: 20 pairs, 19 ok, 1 drift" in (merged_dir / "drift.txt").read_text()


def test_a_merge_of_overlapping_slices_is_refused(run, fleet, tmp_path):
    _res, whole = run("drift.yml", "-e", "operational=false", inventory="inventory-pairs.yml", check_rc=0)
    for name in ("a", "b"):
        (tmp_path / ("%s.json" % name)).write_text(json.dumps(whole))
    res = subprocess.run([ANSIBLE_PLAYBOOK, str(ROOT / "playbooks" / "merge_reports.yml"),
                          "-e", "reports=%s/a.json,%s/b.json" % (tmp_path, tmp_path), "-e", "out_dir=%s" % tmp_path],
                         cwd=tmp_path, env=ansible_env(tmp_path), capture_output=True, text=True, timeout=120,
                         check=False)
    assert res.returncode == 2 and "the runs were not over disjoint pairs" in res.stdout
