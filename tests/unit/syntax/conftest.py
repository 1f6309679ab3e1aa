"""Shared fixtures for the Junos syntax tests: the XML configurations under fixtures/."""

from __future__ import annotations

import copy
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
CONFIG_FILES = ("srd-reference.xml", "cgnat-mx-a.xml", "cgnat-mx-b.xml")
# Parts of the CGNAT fixtures that SRD_GRAMMAR does not describe (the YANG grammar covers them).
NON_SRD_PATHS = ("chassis", "protocols/bgp", "services/nat")


def load(name: str) -> ET.Element:
    return ET.parse(FIXTURES / name).getroot()


def srd_only(config: ET.Element) -> ET.Element:
    """A copy without the hierarchies SRD_GRAMMAR leaves to heuristics."""
    result = copy.deepcopy(config)
    for path in NON_SRD_PATHS:
        parent_path, _sep, name = path.rpartition("/")
        parent = result.find(parent_path) if parent_path else result
        for elem in parent.findall(name):
            parent.remove(elem)
    return result


@pytest.fixture(params=CONFIG_FILES)
def fixture_config(request) -> ET.Element:
    return load(request.param)
