# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The collection as a new user meets it: built, installed into a collections path of its own from this
venv (no --force: the working tree must not count as installed), used from another directory with a
plain INI inventory, no ansible.cfg and Ansible's default callback (what AWX shows). The compatibility
check, deploy, drift and switchover all run against the emulated pair, and every report prints as lines,
never as one string full of escaped line breaks.
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import time
from pathlib import Path

import pytest

from mxsim.testing import start, stop

from .conftest import BIN, ROOT

EXAMPLE = ROOT / "docs" / "examples" / "cgnat-pair.yml"


def user_env(work: Path, collections: Path) -> dict:
    """No ANSIBLE_* from the developer's shell, no NCCLIENT_TICK, the working tree hidden from sys.path."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ANSIBLE_") and k not in (
        "NCCLIENT_TICK", "MXHA_NCCLIENT_POLL_INTERVAL")}
    env.update(PATH=os.pathsep.join([str(BIN), env.get("PATH", "")]), MXHA_SRD_DEV_TREE="0",
               ANSIBLE_COLLECTIONS_PATH=str(collections), ANSIBLE_HOME=str(work / "ansible-home"),
               ANSIBLE_LOCAL_TEMP=str(work / "tmp"), ANSIBLE_PERSISTENT_CONTROL_PATH_DIR=str(work / "pc"),
               ANSIBLE_NOCOLOR="1")
    return env


@pytest.fixture(scope="module")
def user(package_check, tmp_path_factory):
    """(work dir, env, emulator): the tarball installed as a user would, and the emulated pair."""
    work = tmp_path_factory.mktemp("user")
    tarball = package_check.build(work / "dist", work)
    collections = work / "collections"
    plain = {k: v for k, v in os.environ.items() if not k.startswith("ANSIBLE_")}
    plain["PATH"] = os.pathsep.join([str(BIN), plain.get("PATH", "")])
    proc = subprocess.run([str(BIN / "ansible-galaxy"), "collection", "install", "--offline", "-p", str(collections),
                           str(tarball)], cwd=work, env=plain, capture_output=True, text=True, timeout=300, check=False)
    assert proc.returncode == 0 and "Nothing to do" not in proc.stdout, proc.stdout + proc.stderr
    assert (collections / "ansible_collections" / "mxha" / "srd" / "MANIFEST.json").is_file(), proc.stdout
    emu = start(work / "mxsim", pairs=1, switchover_seconds=0.3)
    lines = ["[pair1]"] + ["%s ansible_host=127.0.0.1 ansible_port=%d" % (n, emu.port(n)) for n in emu.chassis] + [
        "", "[pair1:vars]", "ansible_connection=ansible.netcommon.netconf",
        "ansible_network_os=junipernetworks.junos.junos", "ansible_user=lab", "ansible_password=lab123",
        "ansible_host_key_checking=false"]
    (work / "inventory.ini").write_text("\n".join(lines) + "\n")
    (work / "pair.yml").write_text(EXAMPLE.read_text())
    try:
        yield work, user_env(work, collections), emu
    finally:
        stop(emu)


def play(user, *args) -> tuple[str, float]:
    work, env, _emu = user
    started = time.monotonic()
    proc = subprocess.run([str(BIN / "ansible-playbook"), "-i", "inventory.ini", *args], cwd=work, env=env,
                          capture_output=True, text=True, timeout=600, check=False)
    seconds = time.monotonic() - started
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, output[-6000:]
    print("%s: %.1f s" % (args[0], seconds))
    return proc.stdout, seconds


def readable(stdout: str) -> None:
    """Every result prints as lines: no string of the output carries an escaped line break."""
    assert "\\n" not in stdout, [line for line in stdout.splitlines() if "\\n" in line][:3]


def item(stdout: str, pattern: str) -> bool:
    """One line of a printed report matches ``pattern``: a line the fleet action printed itself, or one item
    of a list the default callback printed (a JSON string on a line of its own)."""
    return re.search(r'^\s*(?:"%s",?|%s)$' % (pattern, pattern), stdout, re.M) is not None


def test_only_the_installed_copy_is_found(user):
    work, env, _emu = user
    proc = subprocess.run([str(BIN / "ansible-galaxy"), "collection", "list", "mxha.srd", "--format", "json"],
                          cwd=work, env=env, capture_output=True, text=True, timeout=120, check=False)
    listing = json.loads(proc.stdout)
    assert list(listing) == [str(work / "collections" / "ansible_collections")], listing


def test_preflight_deploy_drift_switchover_read_well_under_the_default_callback(user):
    work, _env, emu = user
    out, _ = play(user, "mxha.srd.preflight")
    readable(out)
    assert item(out, r"pair1-mx1: mx480, Junos [^;]+; SRD not configured, [^\"]*; verbosity form empty-element; "
                     r"compatible")
    assert item(out, r"  redundancy groups extensive +ok +[0-9.]+ s  every element as expected; 0 groups, 0 sets; "
                     r"verbosity form empty-element")
    report = json.loads((work / "reports" / "preflight.json").read_text())
    assert report["pairs"][0]["outcome"] == "ok"
    assert all(r["seconds"] >= 0 for c in report["pairs"][0]["details"]["chassis"].values() for r in c["reads"])

    out, deploy_seconds = play(user, "mxha.srd.deploy", "-e", "intent_file=%s" % (work / "pair.yml"))
    readable(out)
    assert item(out, r"deploy: 1 pair, 1 changed in [0-9.]+ s")
    assert item(out, r"cgnat-pair1 +pair1-mx1 \+ pair1-mx2 +changed +0 +[0-9]+/[0-9]+ +[0-9.]+")
    assert item(out, r"   pair1-mx1: new - holds the new configuration \(verified by re-reading\)")
    pair = json.loads((work / "reports" / "deploy.json").read_text())["pairs"][0]
    assert pair["outcome"] == "changed" and pair["seconds"] < deploy_seconds

    out, _ = play(user, "mxha.srd.drift", "-e", "intent_file=%s" % (work / "pair.yml"))
    readable(out)
    assert item(out, r"drift: 1 pair, 1 ok in [0-9.]+ s")

    out, _ = play(user, "mxha.srd.switchover", "-e", "chassis=pair1-mx2", "-e", "redundancy_sets=1",
                  "-e", "confirm=yes")
    readable(out)
    assert item(out, r"set +pair1-mx1 +pair1-mx2")
    assert item(out, r"1 +primary -> standby +standby -> primary")
    assert item(out, r"  203\.0\.113\.100/32 \(HA\) +present -> absent +absent -> present")

    out, _ = play(user, "mxha.srd.preflight")
    readable(out)
    assert item(out, r"pair1-mx2: mx480, Junos [^;]+; SRD configured, running \(set 1 MASTER\); verbosity form "
                     r"empty-element; compatible")
    for name in emu.chassis:
        emu.assert_clean(name)


def test_a_relative_intent_file_is_found_from_the_working_directory(user):
    """The compatibility check takes -e intent_file=pair.yml from where ansible-playbook runs."""
    out, _ = play(user, "mxha.srd.preflight", "-e", "intent_file=pair.yml")
    assert item(out, r"  routes +ok +[0-9.]+ s  [0-9]+ static routes?; 203\.0\.113\.100/32 \(HA\) (present|absent); "
                     r"every element as expected")


def test_the_other_jobs_take_a_relative_intent_file(user):
    work, env, _emu = user
    proc = subprocess.run([str(BIN / "ansible-playbook"), "-i", "inventory.ini", "mxha.srd.drift",
                           "-e", "intent_file=pair.yml"], cwd=work, env=env, capture_output=True, text=True,
                          timeout=600, check=False)
    assert proc.returncode == 0, proc.stdout[-2000:]
