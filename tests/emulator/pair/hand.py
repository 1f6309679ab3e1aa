# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A pair configured by hand, as a new user finds it: docs/examples/adopt, set lines on pair1-mx1 and curly-brace
text on pair1-mx2, committed over NETCONF with every check the emulator runs."""
from __future__ import annotations

from pathlib import Path

import yaml

from ansible_collections.mxha.srd.plugins.module_utils.jobs import pair_import
from ansible_collections.mxha.srd.plugins.module_utils.srd.adopt import build, render

from .conftest import NAMES, links

DATA = Path(__file__).resolve().parents[3] / "docs" / "examples" / "adopt"


def hand_texts() -> dict:
    return {"pair1-mx1": (DATA / "pair1-mx1.set").read_text(), "pair1-mx2": (DATA / "pair1-mx2.conf").read_text()}


def configure_by_hand(emu) -> None:
    for name, text in hand_texts().items():
        with emu.ncclient(name) as m:
            m.lock()
            try:
                if name == "pair1-mx1":
                    lines = "\n".join(line for line in text.splitlines() if not line.startswith("#"))
                    m.load_configuration(action="set", format="text", config=lines)
                else:
                    m.load_configuration(action="merge", format="text", config=text)
                m.commit()
            finally:
                m.unlock()


def import_live(emu) -> tuple:
    """The pair imported live (the adoption, and the RPCs each chassis got)."""
    held = links(emu)
    try:
        sources = pair_import.read_live(NAMES, held)
        rpcs = {n: dict(held[n].stats.by_rpc) for n in NAMES}
    finally:
        for link in held.values():
            link.close()
    return build.adopt(*sources.values(), name="pair1"), rpcs


def as_file(adoption) -> dict:
    """The intent as a user gets it: the YAML text, read back (the key as the chassis show it)."""
    return yaml.safe_load("\n".join(render.render(adoption, "clear")))


def adopted(emu, **changes) -> dict:
    """Configure the pair by hand, import it, and return its intent with redundancy set 1 changed as given."""
    configure_by_hand(emu)
    data = as_file(import_live(emu)[0])
    data["redundancy_sets"][0].update(changes)
    return data
