# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""playbooks/validate.yml through ansible-playbook: the picture it can draw, a vaulted intent, an
invalid one.  (ansible-runner and ansible-navigator runs: test_runners.py.)"""

from __future__ import annotations

import os
import subprocess
import xml.etree.ElementTree as ET

from .conftest import BIN, ROOT

FILES = ROOT / "tests" / "playbooks" / "validate" / "files"


def playbook(tmp_path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, ANSIBLE_CONFIG=str(ROOT / "ansible.cfg"), ANSIBLE_NOCOLOR="1",
               ANSIBLE_LOCAL_TEMP=str(tmp_path / "ansible-tmp"))
    return subprocess.run([str(BIN / "ansible-playbook"), str(ROOT / "playbooks" / "validate.yml"), *args],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300, check=False)


def test_vaulted_intent_is_validated_and_drawn_without_its_key(tmp_path):
    picture = tmp_path / "pair.svg"
    proc = playbook(tmp_path, "-e", "intent_file=%s" % (FILES / "cgnat-pair-vaulted.yml"), "-e",
                    "topology_file=pair.svg", "--vault-password-file", str(FILES / "vault-password"))
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, output
    assert "gateway 1: pair1-mx1" in output
    svg = picture.read_text()      # a relative topology_file is relative to the working directory
    assert ET.fromstring(svg).tag == "{http://www.w3.org/2000/svg}svg"
    assert "redundancy-set 1" in svg
    assert "vaulted-iccp-key" not in svg + output


def test_invalid_intent_fails_and_names_the_rules(tmp_path):
    proc = playbook(tmp_path, "-e", "intent_file=%s" % (FILES / "invalid-pair.yml"), "-e", "topology_file=x.md")
    output = proc.stdout + proc.stderr
    assert proc.returncode != 0
    assert "SRD rule violation" in output and "Traceback" not in output
    assert not (tmp_path / "x.md").exists()   # nothing is drawn for an intent that failed validation


def test_missing_intent_file_is_a_sentence(tmp_path):
    proc = playbook(tmp_path)
    output = proc.stdout + proc.stderr
    assert proc.returncode != 0
    assert "Name the pair intent to validate: -e intent_file=PATH" in output
