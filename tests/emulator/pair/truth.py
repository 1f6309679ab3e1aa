# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the emulated chassis hold, read from the emulator's own state (not from the client)."""
from __future__ import annotations

from ansible_collections.mxha.srd.plugins.module_utils.srd.diff import diff
from ansible_collections.mxha.srd.plugins.module_utils.srd.intent import pair as intent_mod
from ansible_collections.mxha.srd.plugins.module_utils.srd.junos.xml.parse import parse_config
from ansible_collections.mxha.srd.plugins.module_utils.srd.model.config import RESOURCES

from .conftest import NAMES


def committed(emu, name: str):
    return parse_config(emu.state(name)["committed"]).config.only(*RESOURCES)


def holds(emu, intent_data: dict, before: dict) -> dict:
    """Per chassis: "new" (the intent), "old" (what it held before) or "neither"."""
    return holds_configs(emu, intent_mod.load(intent_data).configs, before)


def holds_configs(emu, configs: dict, before: dict) -> dict:
    """Per chassis: "new" (``configs``: an intent's, or a backup's), "old" (``before``) or "neither"."""
    out = {}
    for name in NAMES:
        now = committed(emu, name)
        if not diff(now, configs[name], RESOURCES):
            out[name] = "new"
        elif not diff(now, before[name], RESOURCES):
            out[name] = "old"
        else:
            out[name] = "neither"
    return out


def snapshot(emu) -> dict:
    return {name: committed(emu, name) for name in NAMES}


def assert_clean(emu) -> None:
    """No lock, no uncommitted change, no private candidate, nothing pending, on either chassis."""
    for name in NAMES:
        emu.assert_clean(name)
