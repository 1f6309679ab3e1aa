# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Offline validation of any input, as one result (what ``mxha.srd.validate`` returns).

Inputs: a pair intent (dict), or one or two Junos configurations (XML, set or
text).  The result is plain data: the normalized model per chassis (ICCP key
masked), errors, warnings, unmodelled and inactive statements, and gateway 1 /
gateway 2 when two chassis are known.  Broken input raises
:class:`~errors.InputError` with a sentence; nothing else escapes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from ansible_collections.mxha.srd.plugins.module_utils.srd.intent import pair as intent_mod
from ansible_collections.mxha.srd.plugins.module_utils.srd.errors import (
    InputError, Violation, errors, merge_chassis, summarize, warnings,
)
from ansible_collections.mxha.srd.plugins.module_utils.srd.model.config import ChassisConfig
from ansible_collections.mxha.srd.plugins.module_utils.srd.model.serialize import chassis_to_dict
from ansible_collections.mxha.srd.plugins.module_utils.srd.model.validate import validate_configs
from ansible_collections.mxha.srd.plugins.module_utils.srd.junos.xml.parse import parse_config
from ansible_collections.mxha.srd.plugins.module_utils.srd.plain import type_name


@dataclass
class Report:
    configs: dict[str, ChassisConfig] = field(default_factory=dict)
    violations: list[Violation] = field(default_factory=list)
    unmodelled: dict[str, list[str]] = field(default_factory=dict)
    inactive: dict[str, list[str]] = field(default_factory=dict)
    gateways: list = field(default_factory=list)
    source: str = "intent"

    @property
    def errors(self) -> list[Violation]:
        return errors(self.violations)

    @property
    def warnings(self) -> list[Violation]:
        return warnings(self.violations)

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        count = len(self.errors)
        if not count:
            return "SRD configuration of %s is valid (%d warning%s)." % (
                ", ".join(self.configs) or "nothing", len(self.warnings), "" if len(self.warnings) == 1 else "s")
        return "%d SRD rule violation%s:\n%s" % (count, "" if count == 1 else "s", summarize(self.errors))

    def to_result(self) -> dict:
        """Plain data for an Ansible result (no secrets)."""
        return {
            "source": self.source,
            "chassis": {name: chassis_to_dict(config) for name, config in self.configs.items()},
            "violations": [item.to_dict() for item in self.errors],
            "findings": [item.to_dict() for item in self.warnings],
            "unmodelled": self.unmodelled,
            "inactive": self.inactive,
            "gateways": [gateway.to_dict() for gateway in self.gateways],
            "valid": self.ok,
        }


def from_intent(data) -> Report:
    pair = intent_mod.load(data)
    return Report(pair.configs, pair.violations, {}, {}, pair.gateways, "intent")


def from_configs(texts: dict[str, tuple[str, str]]) -> Report:
    """``{hostname: (text, format)}`` -> report; InputError names the chassis whose input is broken."""
    report = Report(source="config")
    found: list[Violation] = []
    if not isinstance(texts, Mapping):
        raise InputError("the configurations must map each hostname to (text, format), got %s" % type_name(texts))
    for hostname, given in texts.items():
        if not isinstance(given, (tuple, list)) or len(given) != 2:
            raise InputError("the configuration of %s must be (text, format), got %s" % (hostname, type_name(given)))
        text, fmt = given
        parsed = parse_config(text, fmt, source=hostname)
        report.configs[hostname] = parsed.config
        report.unmodelled[hostname] = parsed.unmodelled
        report.inactive[hostname] = parsed.inactive
        found.extend(Violation(v.path, v.rule, v.message, v.severity, (hostname,)) for v in parsed.violations)
    pair = validate_configs(report.configs)
    report.violations = merge_chassis(found + pair.violations)
    report.gateways = pair.gateways
    return report
