"""The shipped example pair, as intent models and as what a healthy deployed pair reads back."""
from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from ansible_collections.mxha.srd.plugins.module_utils.srd.intent import pair as intent
from ansible_collections.mxha.srd.plugins.module_utils.srd.model.serialize import chassis_to_dict

EXAMPLE = Path(__file__).resolve().parents[3] / "docs" / "examples" / "cgnat-pair.yml"
ROUTE = {"prefix": "203.0.113.100/32", "routing_instance": "HA"}


@pytest.fixture(scope="session")
def _pair():
    return intent.load(yaml.safe_load(EXAMPLE.read_text()))


@pytest.fixture
def configs(_pair):
    """Intent model per chassis."""
    return dict(_pair.configs)


@pytest.fixture
def devices(_pair):
    """What mxha.srd.redundancy_config reads back from a pair that holds the intent (key masked)."""
    return {name: chassis_to_dict(config) for name, config in _pair.configs.items()}


@pytest.fixture
def same_key():
    return {"pair1-mx1": False, "pair1-mx2": False}


def live(role: str, routes=(), iccp: bool = True, daemon: str = "enabled") -> dict:
    """srd_state facts of one chassis, as mxha.srd.redundancy_state returns them."""
    return {"daemon": daemon, "redundancy_sets": {"1": role} if role else {}, "signal_routes": list(routes),
            "peer": {}, "details": {"iccp": {"up": iccp, "peers": []}}, "problems": []}


@pytest.fixture
def healthy():
    return {"pair1-mx1": live("primary", [ROUTE]), "pair1-mx2": live("standby")}


@pytest.fixture
def copy_of():
    return copy.deepcopy
