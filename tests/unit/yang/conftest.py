"""The YANG models are loaded once for the whole test session (about a second)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from mxsim.yang import JunosYang

SYNTAX_FIXTURES = Path(__file__).parent.parent / "syntax" / "fixtures"


@pytest.fixture(scope="session")
def yang() -> JunosYang:
    return JunosYang.shared()


def fixture(name: str) -> ET.Element:
    return ET.parse(SYNTAX_FIXTURES / name).getroot()
