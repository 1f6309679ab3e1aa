# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The audit's example designs (docs/examples/audit) and small builders the audit tests share."""

from __future__ import annotations

import copy
from pathlib import Path

import yaml

from ansible_collections.mxha.srd.plugins.module_utils.srd.audit.run import run_audit
from ansible_collections.mxha.srd.plugins.module_utils.srd.intent import pair as intent

ROOT = Path(__file__).resolve().parents[3]
EXAMPLES = ROOT / "docs" / "examples" / "audit"
CGNAT = ROOT / "docs" / "examples" / "cgnat-pair.yml"
MX1, MX2 = "pair1-mx1", "pair1-mx2"


def data(name: str) -> dict:
    """An example intent as data (a fresh copy)."""
    path = CGNAT if name == "cgnat-pair" else EXAMPLES / ("%s.yml" % name)
    return copy.deepcopy(yaml.safe_load(path.read_text()))


def configs(source) -> dict:
    """{chassis: ChassisConfig} of an example name or intent data."""
    return intent.load(data(source) if isinstance(source, str) else copy.deepcopy(source)).configs


def audit(source, **kwargs):
    return run_audit(configs(source), **kwargs)


def rules(result) -> set:
    return {f.rule_id for f in result.findings}


def by_rule(result, rule_id: str) -> list:
    return [f for f in result.findings if f.rule_id == rule_id]
