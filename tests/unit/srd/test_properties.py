# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Property-based tests: valid configurations validate and round-trip; junk never crashes."""

from __future__ import annotations

import dataclasses
import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ansible_collections.mxha.srd.plugins.module_utils.srd import diff
from ansible_collections.mxha.srd.plugins.module_utils.srd.intent import pair as intent
from ansible_collections.mxha.srd.plugins.module_utils.srd.model import rules, serialize
from ansible_collections.mxha.srd.plugins.module_utils.srd.errors import InputError
from ansible_collections.mxha.srd.plugins.module_utils.srd.model.validate import validate_chassis
from ansible_collections.mxha.srd.plugins.module_utils.srd.junos.xml.parse import parse_config, parse_element, parse_xml
from ansible_collections.mxha.srd.plugins.module_utils.srd.junos.xml.render import (
    render_set, render_text, render_xml_string,
)

from .strategies import JSONISH, SRDISH, build_xml, chassis_configs, xml_trees

SETTINGS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(chassis_configs())
def test_generated_valid_configs_have_no_errors(config):
    errors = [str(v) for v in validate_chassis(config) if v.is_error]
    assert errors == []


@SETTINGS
@given(chassis_configs())
def test_xml_round_trip(config):
    text = render_xml_string(config)
    result = parse_xml(text)
    assert result.config == config
    assert (result.unmodelled, result.inactive, result.violations) == ([], [], [])
    assert render_xml_string(result.config) == text
    assert diff.diff(config, result.config).empty


@SETTINGS
@given(chassis_configs())
def test_set_and_text_round_trip(config):
    assert parse_config(render_set(config), "set").config == config
    assert parse_config(render_text(config), "text").config == config


@SETTINGS
@given(chassis_configs())
def test_dict_round_trip(config):
    again, issues = serialize.chassis_from_dict(serialize.chassis_to_dict(config, reveal=True))
    assert issues == [] and again == config


@SETTINGS
@given(chassis_configs(), st.randoms(use_true_random=False))
def test_rendering_does_not_depend_on_insertion_order(config, rnd):
    def shuffled(mapping):
        items = list(mapping.items())
        rnd.shuffle(items)
        return dict(items)
    other = config.replace(**{f.name: shuffled(getattr(config, f.name)) for f in dataclasses.fields(config)
                              if f.name != "iccp"})
    assert render_xml_string(other) == render_xml_string(config)


def _mangle(config, rnd: random.Random):
    """Break a valid config in random ways the model's types allow at runtime."""
    junk = [None, -1, 0, 101, 99999, "", "x y", "bad/24", "300.1.1.1", True, "A" * 70]
    config = dataclasses.replace(config)
    for _ in range(rnd.randint(1, 4)):
        field = rnd.choice(["redundancy_events", "redundancy_policies", "redundancy_sets", "service_sets",
                            "vrrp_groups", "conditions", "redundancy_options"])
        entries = dict(getattr(config, field))
        if not entries:
            continue
        key = rnd.choice(list(entries))
        entry = entries[key]
        attr = rnd.choice([f.name for f in dataclasses.fields(entry)])
        entries[key] = dataclasses.replace(entry, **{attr: rnd.choice(junk)})
        config = config.replace(**{field: entries})
    return config


@settings(max_examples=50, deadline=None)
@given(chassis_configs(), st.randoms(use_true_random=False))
def test_mangled_configs_are_reported_not_crashed(config, rnd):
    broken = _mangle(config, rnd)
    for violation in validate_chassis(broken):
        assert violation.rule in rules.RULES and violation.path is not None and violation.message


@settings(max_examples=100, deadline=None)
@given(JSONISH | SRDISH)
def test_any_data_as_chassis_dict_never_raises(data):
    config, issues = serialize.chassis_from_dict(data)
    for violation in issues + validate_chassis(config):
        assert violation.rule in rules.RULES


@settings(max_examples=100, deadline=None)
@given(st.dictionaries(st.sampled_from(intent.TOP_KEYS + ("bogus",)), SRDISH, max_size=6))
def test_any_intent_never_raises(data):
    result = intent.load(data)
    assert all(v.rule in rules.RULES for v in result.violations)


@settings(max_examples=100, deadline=None)
@given(xml_trees())
def test_random_xml_never_raises(tree):
    try:
        result = parse_element(build_xml(tree))
    except InputError:
        return
    for violation in result.violations + validate_chassis(result.config):
        assert violation.rule in rules.RULES


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200), st.sampled_from(["auto", "xml", "set", "text"]))
def test_random_text_raises_only_input_errors(text, fmt):
    try:
        parse_config(text, fmt)
    except InputError as exc:
        assert str(exc)
