# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The ICCP key can not be printed by accident, anywhere."""

from __future__ import annotations

import copy
import json
import pickle

import pytest

from ansible_collections.mxha.srd.plugins.module_utils.srd import diff
from ansible_collections.mxha.srd.plugins.module_utils.srd.model import serialize
from ansible_collections.mxha.srd.plugins.module_utils.srd.errors import Violation
from ansible_collections.mxha.srd.plugins.module_utils.srd.model.config import Iccp
from ansible_collections.mxha.srd.plugins.module_utils.srd.model.secret import (
    MASK, Secret, decode_junos9, encode_junos9,
)
from ansible_collections.mxha.srd.plugins.module_utils.srd.junos.xml.render import render_set, render_xml_string

KEY = "example-iccp-key"


def test_every_printing_path_masks(mx1):
    secret = mx1.iccp.authentication_key
    shown = [repr(secret), str(secret), f"{secret}", "%s" % secret, "{:>20}".format(secret), repr(mx1),
             str(mx1.iccp), repr([mx1.iccp]), str(serialize.chassis_to_dict(mx1)),
             render_xml_string(mx1, mask_secrets=True), render_set(mx1, mask_secrets=True)]
    for text in shown:
        assert KEY not in text
    assert MASK in str(secret)


def test_json_refuses_the_secret():
    with pytest.raises(TypeError):
        json.dumps({"key": Secret(KEY)})


def test_device_payload_has_the_key(mx1):
    assert "<authentication-key>%s</authentication-key>" % KEY in render_xml_string(mx1)


def test_diff_masks_both_sides(mx1):
    other = mx1.replace(iccp=Iccp(mx1.iccp.local_ip_addr, None, Secret("another-key"), mx1.iccp.peers))
    changes = diff.diff(mx1, other).changes
    assert [c.path for c in changes] == ["iccp.authentication_key"]
    assert KEY not in str(changes) and "another-key" not in str(diff.diff(mx1, other).to_list())


def test_copy_pickle_and_immutability():
    secret = Secret(KEY)
    assert copy.deepcopy(secret) == secret and pickle.loads(pickle.dumps(secret)) == secret
    with pytest.raises(AttributeError):
        secret._value = "x"
    with pytest.raises(TypeError):
        Secret(42)


def test_junos9_known_vector_and_round_trip():
    assert decode_junos9("$9$FNkC3/t1IcevLuOWx") == "hello"
    assert encode_junos9("hello", "FNkC") == "$9$FNkC3/t1IcevLuOWx"
    for salt in ("Q", "zF", "iH", "7N-d", "B1I"):
        assert decode_junos9(encode_junos9(KEY, salt)) == KEY
    assert decode_junos9("plain") is None and decode_junos9("$9$") is None and decode_junos9("$9$!!!!") is None


def test_secret_equality_decodes_junos9():
    assert Secret(KEY) == Secret(encode_junos9(KEY, "Fn7V"))
    assert Secret(KEY) != Secret("other")
    assert len(Secret(encode_junos9(KEY, "x"))) == len(KEY)
    assert hash(Secret(KEY)) == hash(Secret(encode_junos9(KEY, "Fn7V")))


def test_violation_text_never_holds_the_key():
    data = {"iccp": {"authentication_key": "k" * 127}}
    config, issues = serialize.chassis_from_dict(data)
    assert issues == []
    from ansible_collections.mxha.srd.plugins.module_utils.srd.model.validate import validate_chassis
    found = validate_chassis(config)
    assert any(v.rule == "VALUE-AUTH-KEY" for v in found)
    assert all("k" * 20 not in str(v) for v in found)
    assert isinstance(found[0], Violation)


def test_masked_value_is_not_taken_as_a_key():
    _config, issues = serialize.chassis_from_dict({"iccp": {"authentication_key": MASK}})
    assert [v.rule for v in issues] == ["INPUT-TYPE"]
