# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Intents the topology filter tests draw: the shipped CGNAT example and a deliberately odd pair."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[3]
HERE = Path(__file__).resolve().parent


@pytest.fixture
def cgnat() -> dict:
    """docs/examples/cgnat-pair.yml, freshly loaded (tests may change it)."""
    return yaml.safe_load((ROOT / "docs" / "examples" / "cgnat-pair.yml").read_text())


@pytest.fixture
def two_groups() -> dict:
    """Three sets in two groups, only_on, and a policy that a set names but nothing defines."""
    return yaml.safe_load((HERE / "two_groups_intent.yml").read_text())
