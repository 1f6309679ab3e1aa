"""Bridge to the collection's SRD domain: the model, the Junos XML parser and the decision engine.

The emulator must not re-implement srd's rules: what srd decides comes from the collection's
engine (plugins/module_utils/srd/engine*.py, whose truth is the case table of
docs/srd-semantics.md), and what a chassis' configuration means comes from the collection's
parser (xml_parse). This module is the one place that imports them, so the rest of mxsim.srd
speaks plain names.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from lxml import etree

from ..xmlutil import to_et

log = logging.getLogger(__name__)

try:  # the collection is on sys.path through the repo's .venv/collections .pth file
    from ansible_collections.mxha.srd.plugins.module_utils.srd.engine.decide import (  # noqa: F401
        ChassisState,
        Decision,
        DisableDaemon,
        EnableDaemon,
        EventFired,
        PairConfig,
        PairState,
        RoleState,
        Trigger,
        compile_pair,
        decide,
        initial_state,
        state_to_device,
    )
    from ansible_collections.mxha.srd.plugins.module_utils.srd.engine.effects import vrrp_priorities  # noqa: F401
    from ansible_collections.mxha.srd.plugins.module_utils.srd.engine.result import action_to_dict  # noqa: F401
    from ansible_collections.mxha.srd.plugins.module_utils.srd.engine.state import route_key  # noqa: F401
    from ansible_collections.mxha.srd.plugins.module_utils.srd.model.config import ChassisConfig  # noqa: F401
    from ansible_collections.mxha.srd.plugins.module_utils.srd.junos.xml.parse import parse_element

    AVAILABLE = True
    IMPORT_ERROR = ""
except ImportError as exc:  # pragma: no cover - only without the collection on sys.path
    AVAILABLE = False
    IMPORT_ERROR = str(exc)


@dataclass
class Derived:
    """What srd reads from one chassis' committed configuration."""

    config: "ChassisConfig"
    sequence: int
    violations: list[str] = field(default_factory=list)


def derive(committed: etree._Element, sequence: int) -> Derived:
    """The SRD model of a committed configuration (groups applied, inactive statements dropped).

    The parser never raises on content it does not understand; what it could not hold is
    logged, and srd works with the rest, as the daemon does with a committed configuration.
    """
    result = parse_element(to_et(committed), source="committed configuration")
    problems = [f"{v.path}: {v.message}" for v in result.violations]
    for p in problems:
        log.info("srd: %s", p)
    return Derived(result.config, sequence, problems)

