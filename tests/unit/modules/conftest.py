"""Shared data for the module-layer unit tests: the chassis model of the CGNAT example pair."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from ansible_collections.mxha.srd.plugins.module_utils.srd.intent import pair as intent

EXAMPLE = Path(__file__).resolve().parents[3] / "docs" / "examples" / "cgnat-pair.yml"


@pytest.fixture(scope="session")
def cgnat():
    """pair1-mx1's ChassisConfig from docs/examples/cgnat-pair.yml."""
    pair = intent.load(yaml.safe_load(EXAMPLE.read_text()))
    return pair.configs["pair1-mx1"]
