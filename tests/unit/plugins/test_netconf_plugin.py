# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""mxha.srd.junos netconf plugin: its poll interval reaches ncclient in the persistent connection
process, only ever lowering ncclient's own.

Each case loads the plugin the way ansible-connection does (the plugin loader, then set_options) in
a fresh Python process: installing Ansible's collection finder would change how every other test
in this process imports the collection."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("ncclient")

ROOT = Path(__file__).resolve().parents[3]
PROBE = """
import json, sys
import ncclient.transport.session as nc_session
from ansible.plugins.loader import init_plugin_loader, netconf_loader
init_plugin_loader()
nc_session.TICK = float(sys.argv[1])
plugin = netconf_loader.get("mxha.srd.junos", object())
plugin.set_options(var_options=json.loads(sys.argv[2]))
print(json.dumps({"option": plugin.get_option("ncclient_poll_interval"), "tick": nc_session.TICK}))
"""


def probe(tick_before: float, hostvars: dict, env: dict | None = None) -> dict:
    environ = {k: v for k, v in os.environ.items() if k not in ("MXHA_NCCLIENT_POLL_INTERVAL", "NCCLIENT_TICK")}
    environ.update(ANSIBLE_CONFIG=str(ROOT / "ansible.cfg"), **(env or {}))
    out = subprocess.run([sys.executable, "-c", PROBE, str(tick_before), json.dumps(hostvars)], cwd=ROOT,
                         env=environ, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_default_poll_interval_is_ten_milliseconds():
    assert probe(0.1, {}) == {"option": 0.01, "tick": 0.01}


def test_inventory_variable_sets_it():
    assert probe(0.1, {"ansible_netconf_ncclient_poll_interval": 0.02})["tick"] == 0.02


def test_it_never_raises_a_lower_interval():
    # e.g. NCCLIENT_TICK=0.005 in the test suite's processes
    assert probe(0.005, {"ansible_netconf_ncclient_poll_interval": 0.05})["tick"] == 0.005


def test_environment_variable_sets_it():
    assert probe(0.1, {}, {"MXHA_NCCLIENT_POLL_INTERVAL": "0.1"}) == {"option": 0.1, "tick": 0.1}
