# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""srd/plain.py: user input as plain Python, bounded however much it is aliased."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from ansible.parsing.dataloader import DataLoader

from ansible_collections.mxha.srd.plugins.module_utils.srd.errors import InputError
from ansible_collections.mxha.srd.plugins.module_utils.srd.plain import MAX_NODES, plain_copy

from .helpers import EXAMPLE, example_data

BOMB = Path(__file__).resolve().parents[2] / "playbooks" / "validate" / "files" / "anchor-bomb.yml"


def _exact_types(value):
    """Every type in ``value``, exactly (a subclass of str is not str)."""
    found = {type(value)}
    if isinstance(value, dict):
        for key, item in value.items():
            found |= _exact_types(key) | _exact_types(item)
    elif isinstance(value, list):
        for item in value:
            found |= _exact_types(item)
    return found


def test_tagged_ansible_values_come_out_plain_and_equal():
    tagged = DataLoader().load_from_file(str(EXAMPLE))
    assert type(tagged).__name__ != "dict"          # ansible-core 2.19 tags what it loads
    copied = plain_copy(tagged)
    assert copied == example_data()
    assert _exact_types(copied) <= {dict, list, str, int, float, bool, type(None)}


def test_tuples_and_sets_become_lists_other_keys_their_text():
    assert plain_copy({"a": (1, 2), "b": {3}, (4, 5): None, 6: b"x"}) == \
        {"a": [1, 2], "b": [3], "(4, 5)": None, 6: "b'x'"}


def test_an_anchor_bomb_from_yaml_stops_at_the_limit_at_once():
    bomb = DataLoader().load_from_file(str(BOMB))    # aliases load as shared references: instant
    started = time.monotonic()
    with pytest.raises(InputError) as caught:
        plain_copy(bomb, path="intent_file anchor-bomb.yml")
    assert time.monotonic() - started < 5
    message = str(caught.value)
    assert message.startswith("intent_file anchor-bomb.yml expands to more than %d values" % MAX_NODES)
    assert "aliases" in message and "stopped at a" in message


def test_shared_references_count_each_time_they_are_reached():
    leaf = ["x"] * 10
    shared = {"a": [leaf] * 10}                     # 100 strings through 1 list of 10
    assert plain_copy(shared, max_nodes=200)["a"][9] == leaf
    with pytest.raises(InputError, match=r"intent expands to more than 100 values.*stopped at a\[8\]\[\d\]"):
        plain_copy(shared, max_nodes=100, path="intent")


def test_a_structure_that_contains_itself_stops_at_the_depth_limit():
    loop: list = []
    loop.append(loop)
    with pytest.raises(InputError, match="state nests deeper than 64 levels"):
        plain_copy(loop, path="state")
    assert plain_copy([[[1]]], max_depth=3) == [[[1]]]
    with pytest.raises(InputError, match="deeper than 2 levels"):
        plain_copy([[[1]]], max_depth=2)


def test_a_value_that_cannot_be_read_is_an_input_error():
    class Vaulted:
        def __str__(self):
            raise ValueError("no vault secret")

    with pytest.raises(InputError, match="cannot read a value of the input.*no vault secret"):
        plain_copy({"key": Vaulted()})
