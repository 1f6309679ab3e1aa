# -*- coding: utf-8 -*-
# Copyright: mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The pair input that mxha.srd.simulate and mxha.srd.audit share.

Why one place: both plugins take the same ``config`` (a pair intent, or both chassis' Junos
configurations as XML, ``set`` lines or text, or their SRD models) and the same ``state`` (the
facts of ``redundancy_state``), so reading them, and the default steady state, must not differ
between a prediction and an audit of the same pair.
"""
from __future__ import annotations

from ansible.errors import AnsibleError
from ansible.module_utils.common.text.converters import to_text

from ansible_collections.mxha.srd.plugins.module_utils.srd.engine.decide import initial_state
from ansible_collections.mxha.srd.plugins.module_utils.srd.errors import InputError, Violation, merge_chassis
from ansible_collections.mxha.srd.plugins.module_utils.srd.intent import pair as intent_mod
from ansible_collections.mxha.srd.plugins.module_utils.srd.junos.xml.parse import parse_config
from ansible_collections.mxha.srd.plugins.module_utils.srd.model.secret import MASK
from ansible_collections.mxha.srd.plugins.module_utils.srd.model.serialize import chassis_from_dict
from ansible_collections.mxha.srd.plugins.module_utils.srd.model.validate import validate_configs
from ansible_collections.mxha.srd.plugins.module_utils.srd.plain import plain_copy, type_name

__all__ = ["plain", "yaml_value", "load_pair", "default_state", "intent_placement"]


def plain(value):
    """Tagged/vaulted Ansible values -> plain Python, bounded (srd.plain.plain_copy)."""
    return plain_copy(value)


def yaml_value(loader, value, what: str):
    """A string option holding YAML (a pair intent pasted or looked up as text) -> data."""
    if not isinstance(value, str):
        return value
    try:
        return loader.load(value)
    except AnsibleError as exc:
        raise InputError("%s is a string but not YAML: %s" % (what, " ".join(to_text(exc).split())[:300])) from None


def load_pair(config, check: bool = True) -> tuple:
    """``config`` (pair intent, or {chassis: configuration}) -> (configs, violations).

    ``check=False`` skips the pair's rule checks (what cannot be read is still reported).
    """
    if not isinstance(config, dict):
        raise InputError("config must be a pair intent or a mapping {chassis: Junos configuration}, got %s"
                         % type_name(config))
    if "chassis" in config:
        pair = intent_mod.load(config)
        return pair.configs, list(pair.violations)
    if len(config) != 2:
        raise InputError("config must map the pair's two chassis to their configurations (%d given: %s); "
                         "a pair intent has a 'chassis' key" % (len(config), ", ".join(map(str, config)) or "none"))
    configs, found = {}, []
    for name, value in config.items():
        name = str(name)
        if isinstance(value, dict) and "config" in value:
            text, fmt = value.get("config"), value.get("format") or "auto"
            if not isinstance(text, str):
                raise InputError("config.%s.config must be the configuration text" % name)
            value = text
        else:
            fmt = "auto"
        if isinstance(value, str):
            parsed = parse_config(value, fmt, source="config.%s" % name)
            configs[name] = parsed.config
            found.extend(Violation(v.path, v.rule, v.message, v.severity, (name,)) for v in parsed.violations)
        elif isinstance(value, dict):  # the model's per-chassis shape (e.g. redundancy_config's gathered)
            model, issues = chassis_from_dict(_without_masked_key(value), "config.%s" % name)
            configs[name] = model
            found.extend(Violation(v.path, v.rule, v.message, v.severity, (name,)) for v in issues)
        else:
            raise InputError("config.%s must be the chassis' Junos configuration (XML, set or text) or its SRD "
                             "model as a mapping, got %s" % (name, type_name(value)))
    if check:
        found.extend(validate_configs(configs).violations)
    return configs, merge_chassis(found)


def _without_masked_key(model: dict) -> dict:
    """A gathered model shows the ICCP key masked; srd's decisions never read the key, so a masked one
    is left out rather than refused (the SRD rules that need a key are the deploy's business)."""
    def strip(value):
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if not (k == "authentication_key" and v == MASK)}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    return dict(model, iccp=strip(model["iccp"])) if isinstance(model.get("iccp"), dict) else model


def default_state(pair):
    """The engine's steady state with gateway 1 (lower ICCP address) primary for every set."""
    gateway = pair.gateway or {}
    first = [name for name, number in gateway.items() if number == 1]
    primary = first[0] if first else pair.names[0]
    return initial_state(pair, primary), primary


def intent_placement(config) -> dict:
    """``{set id: hostname}`` from the ``primary`` of a pair intent's redundancy sets (docs/pair-intent.md).

    Read as the intent reader reads it (``srd.intent.pair``); a primary the pair does not have is the
    intent's validation finding (PLACEMENT-CHASSIS), not a placement.
    """
    if not isinstance(config, dict) or "chassis" not in config:
        return {}
    unused_name, chassis, shared, unused_issues = intent_mod.read(config)
    hostnames = {item.hostname for item in chassis}
    return {set_id: name for set_id, name in shared.placement.items() if name in hostnames}
