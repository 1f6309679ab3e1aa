"""The services redundancy daemon (srd) of an emulated MX pair, over an in-process ICCP link.

Layout (one job per file):
- domain.py: the only bridge to the collection (model, xml_parse, the decision engine);
- link.py: the ICCP link of a pair (up/down, groups);
- daemon.py: PairSrd, srd on both chassis of a pair (state, decisions, faults, reset);
- election.py: the start-up election when a set forms; switchover.py: switchovers in progress;
- view.py: what `show services redundancy-group` reports per chassis;
- show.py / routes.py / vrrp.py: XML replies; text.py: their CLI text;
- example.py: the collection's CGNAT example pair rendered for the emulator (tests, demos).

`attach(chassis)` creates one PairSrd per pair, hangs it on both chassis (`chassis.srd`) and
registers it as a chassis daemon (told about every commit and reset).

May import: chassis state (mxsim.state) and the layers below it. Not faults, commit, RPC
handlers, commands, NETCONF or the emulator; they read srd, srd does not call them.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Iterable

from . import domain

if TYPE_CHECKING:
    from ..state.chassis import Chassis

log = logging.getLogger(__name__)


def attach(chassis: Iterable["Chassis"]) -> None:
    if not domain.AVAILABLE:
        log.warning("srd emulation unavailable (the collection cannot be imported: %s)", domain.IMPORT_ERROR)
        return
    from .daemon import PairSrd

    by_pair: dict[int, list] = {}
    for c in chassis:
        by_pair.setdefault(c.pair, []).append(c)
    for members in by_pair.values():
        srd = PairSrd(members)
        for c in members:
            c.srd = srd
            c.daemons["srd"] = srd
