# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What we render is valid against Juniper's published YANG (24.4R1).

The schema is loaded once per test session (seconds); each validation then
takes milliseconds.  libyang checks element names, nesting, types and ranges,
not ``junos:must`` commit rules; those are the validator's job.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from hypothesis import HealthCheck, given, settings

from ansible_collections.mxha.srd.plugins.module_utils.srd.junos.xml.parse import parse_config
from ansible_collections.mxha.srd.plugins.module_utils.srd.junos.xml.render import render_delete_xml, render_xml

from .helpers import DATA, load_example
from .strategies import chassis_configs

yang = pytest.importorskip("mxsim.yang")


@pytest.fixture(scope="session")
def schema():
    return yang.JunosYang.shared()


def _errors(schema, elem):
    return [str(e) for e in schema.validate(elem)]


def test_example_pair_renders_schema_valid(schema):
    for hostname, config in load_example().configs.items():
        assert _errors(schema, render_xml(config)) == [], hostname


def test_delete_payload_is_schema_valid(schema):
    assert _errors(schema, render_delete_xml(load_example().configs["pair1-mx1"])) == []


@pytest.mark.parametrize("name", ["pair1-mx1.xml", "pair1-mx1.set", "pair1-mx1.conf"])
def test_parsed_device_configs_render_schema_valid(schema, name):
    config = parse_config((DATA / name).read_text()).config
    assert _errors(schema, render_xml(config)) == []


def test_schema_catches_a_wrong_element(schema):
    root = render_xml(load_example().configs["pair1-mx1"])
    rset = root.find("services/redundancy-set/rs-id-object")
    ET.SubElement(rset, "keepalive-typo").text = "5"
    root.find("services/redundancy-set/rs-id-object/redundancy-group").text = "17"
    assert len(_errors(schema, root)) >= 1


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(config=chassis_configs())
def test_generated_valid_configs_are_schema_valid(schema, config):
    assert _errors(schema, render_xml(config)) == []
