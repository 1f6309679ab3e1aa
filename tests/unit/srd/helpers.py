# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Shared helpers of the SRD domain tests."""

from __future__ import annotations

import copy
import functools
from pathlib import Path

import yaml

from ansible_collections.mxha.srd.plugins.module_utils.srd.intent import pair as intent

ROOT = Path(__file__).resolve().parents[3]
EXAMPLE = ROOT / "docs" / "examples" / "cgnat-pair.yml"
DATA = Path(__file__).resolve().parent / "data"


@functools.lru_cache(maxsize=None)
def _example_data():
    return yaml.safe_load(EXAMPLE.read_text())


def example_data():
    return copy.deepcopy(_example_data())


def load_example():
    return intent.load(example_data())


def rules_of(violations, severity=None):
    return {v.rule for v in violations if severity is None or v.severity == severity}


def find(violations, rule):
    return [v for v in violations if v.rule == rule]
