# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A pair transaction against a live emulated pair, with the emulator's clock shortened.

A Junos minute of commit confirmed lasts MINUTE seconds here, so a window of CONFIRM minutes closes
in WINDOW seconds and a case that ends in a rollback is judged within seconds, not minutes.
"""
from __future__ import annotations

import time
from pathlib import Path

import pytest
import yaml

from mxsim import testing
from mxsim.options import PASSWORD, USER

from ansible_collections.mxha.srd.plugins.module_utils.fleet.links import ChassisLink
from ansible_collections.mxha.srd.plugins.module_utils.jobs.pair_deploy import DeployOptions, PairDeploy
from ansible_collections.mxha.srd.plugins.module_utils.netconf.ncclient_sender import ConnectionParams
from ansible_collections.mxha.srd.plugins.module_utils.srd.intent import pair as intent_mod
from ansible_collections.mxha.srd.plugins.module_utils.srd.intent.fleet import PairSpec

EXAMPLE = Path(__file__).resolve().parents[3] / "docs" / "examples" / "cgnat-pair.yml"
MINUTE = 0.5
CONFIRM = 6
WINDOW = MINUTE * CONFIRM
NAMES = ("pair1-mx1", "pair1-mx2")


@pytest.fixture(scope="module")
def pair_emulator(tmp_path_factory):
    emu = testing.start(tmp_path_factory.mktemp("mxsim-pair"), pairs=1, confirm_minute_seconds=MINUTE,
                        switchover_seconds=0.1)
    yield emu
    testing.stop(emu)


@pytest.fixture
def emu(pair_emulator):
    pair_emulator.reset()
    return pair_emulator


def example_intent() -> dict:
    return yaml.safe_load(EXAMPLE.read_text())


def options(**overrides) -> DeployOptions:
    values = dict(confirm_timeout=CONFIRM, minute_seconds=MINUTE, margin=0.8, health_timeout=WINDOW,
                  health_interval=0.1)
    values.update(overrides)
    return DeployOptions(**values)


def links(emu, command_timeout: int = 10) -> dict:
    return {name: ChassisLink(ConnectionParams(name=name, host="127.0.0.1", port=emu.port(name), username=USER,
                                               password=PASSWORD, hostkey_verify=False, connect_timeout=10,
                                               command_timeout=command_timeout))
            for name in NAMES}


def deploy(emu, data: dict | None = None, extensions=(), **opts):
    """One pair transaction, sessions closed afterwards, as the fleet executor runs it."""
    data = data or example_intent()
    loaded = intent_mod.load(data)
    assert not [v for v in loaded.violations if v.is_error]
    spec = PairSpec(data.get("name", "pair"), NAMES, data, "test")
    held = links(emu)
    try:
        return PairDeploy(spec, loaded.configs, held, options(**opts), extensions=extensions).run()
    finally:
        for link in held.values():
            link.close()


def settle(emu, timeout: float = WINDOW + 3.0) -> None:
    """Wait until neither chassis has a commit confirmed pending (its window closed or it was confirmed)."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if all(emu.state(name)["confirmed_pending"] is None for name in NAMES):
            return
        time.sleep(0.1)
    raise AssertionError("a commit confirmed is still pending after %.1f s" % timeout)


def inject(emu, chassis: str, rpc: str, nth: int, fault: str) -> None:
    """One fault of the fault matrix on the nth ``rpc`` of ``chassis``: the session dropped before the reply
    (``drop``), dropped after the RPC applied (``drop-after-apply``), or the reply delayed past the commit
    confirmed's window (``delay-past-timer``)."""
    if fault == "delay-past-timer":
        emu.inject(chassis, "delay", rpc=rpc, after=nth, count=1, ms=int((WINDOW + 0.7) * 1000))
    else:
        emu.inject(chassis, "drop-session", rpc=rpc, after=nth, apply=fault == "drop-after-apply")
