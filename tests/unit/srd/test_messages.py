# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What findings and errors say about the user's values: never a huge value repeated in full."""

from __future__ import annotations

import json

import pytest

from ansible_collections.mxha.srd.plugins.module_utils.resource.runner import Request, RunFailed, run
from ansible_collections.mxha.srd.plugins.module_utils.srd.errors import InputError, Violation, shorten
from ansible_collections.mxha.srd.plugins.module_utils.srd.intent.report import from_intent
from ansible_collections.mxha.srd.plugins.module_utils.srd.model.serialize import chassis_from_dict

from .helpers import example_data

BIG = "E" * 5_000_000


def test_a_5mb_event_name_is_cut_in_every_finding_but_path_and_rule_stay():
    data = example_data()
    data["redundancy_events"].append({"name": BIG, "link_down": ["xe-0/0/9"]})
    data["redundancy_policies"][0]["events"].append(BIG)
    report = from_intent(data)
    findings = report.violations
    assert [v.rule for v in findings] == ["VALUE-NAME"]
    finding = findings[0]
    assert finding.path.startswith("redundancy_events[name=EEEE") and finding.path.endswith("].name")
    assert "(5000000 characters)" in finding.path and "5000000 characters long" in finding.message
    assert len(finding.path) < 200 and len(finding.message) < 300
    assert len(report.summary()) < 1000
    assert len(json.dumps([v.to_dict() for v in findings])) < 1000


def test_unknown_keys_and_wrong_values_are_cut_too():
    _config, issues = chassis_from_dict({"redundancy_events": [{"name": "E1", BIG: 1, "peer": BIG}]})
    assert {v.rule for v in issues} == {"INPUT-UNKNOWN-KEY", "VALUE-ENUM"}
    assert all(len(v.path) < 300 and len(v.message) < 1000 for v in issues), [str(v)[:400] for v in issues]


def test_the_resource_modules_fail_with_a_short_message():
    request = Request("redundancy_events", "rendered", [{"name": BIG, "link_down": ["xe-0/0/9"]}])
    with pytest.raises(RunFailed) as caught:
        run(request, lambda: None)
    assert "VALUE-NAME" in str(caught.value) and len(str(caught.value)) < 1000
    assert len(json.dumps(caught.value.details)) < 2000


def test_shorten_keeps_short_text_paths_and_sentences():
    text = "redundancy_policies[name=ACQU_MSHIP_POL].events[2]: policy P reacts to event E, which is not defined."
    assert shorten(text) == text
    assert shorten("x" * 100) == "x" * 100
    cut = shorten("name %r is long" % ("A" * 101))
    assert cut == "name '%s...%s (101 characters)' is long" % ("A" * 60, "A" * 20)
    assert shorten(cut) == cut


def test_a_long_value_with_spaces_is_cut_in_the_middle():
    violation = Violation("redundancy_events[name=x]", "VALUE-NAME", "the name %r is bad." % ("a b " * 1_000_000))
    assert len(violation.message) <= 2000
    assert violation.message.startswith("the name 'a b") and violation.message.endswith("is bad.")
    assert "characters left out" in violation.message


def test_input_errors_are_cut_and_keep_their_source():
    error = InputError("cannot read %s" % BIG, "pair1-mx1", 3)
    assert str(error).startswith("pair1-mx1:3: cannot read EEEE") and len(str(error)) < 300


# -- type names ---------------------------------------------------------------------------------

def _tagged(text: str):
    """YAML loaded as Ansible loads a file: ansible-core 2.19 tags every value (_AnsibleTaggedInt ...)."""
    from ansible.parsing.dataloader import DataLoader

    return DataLoader().load(text)


def test_type_name_says_int_list_str_for_ansible_tagged_values():
    from ansible_collections.mxha.srd.plugins.module_utils.srd.plain import type_name

    tagged = _tagged("{i: 1, l: [1], s: x, f: 1.5, m: {a: 1}, b: true, n: null}")
    assert type(tagged["i"]).__name__ == "_AnsibleTaggedInt"      # what messages used to show
    assert {key: type_name(value) for key, value in tagged.items()} == {
        "i": "int", "l": "list", "s": "str", "f": "float", "m": "dict", "b": "bool", "n": "NoneType"}
    assert type_name(tagged) == "dict"

    class Mine:
        pass

    assert type_name(Mine()) == "Mine" and type_name((1,)) == "tuple" and type_name(b"x") == "bytes"


def _messages_of(call) -> str:
    """What ``call`` says: its violations, or the error it raises."""
    try:
        found = call()
    except Exception as exc:  # pylint: disable=broad-except
        return str(exc)
    if isinstance(found, tuple):
        found = found[-1]
    return "\n".join(str(item) for item in getattr(found, "violations", found))


def test_messages_on_tagged_input_name_plain_types():
    from ansible_collections.mxha.srd.plugins.action.simulate import load_pair
    from ansible_collections.mxha.srd.plugins.module_utils.srd.drift.compare import device_model
    from ansible_collections.mxha.srd.plugins.module_utils.srd.engine.index import compile_pair
    from ansible_collections.mxha.srd.plugins.module_utils.srd.intent import pair as intent
    from ansible_collections.mxha.srd.plugins.module_utils.srd.live.facts import pair_state_from_facts
    from ansible_collections.mxha.srd.plugins.module_utils.srd.model.config import ChassisConfig
    from ansible_collections.mxha.srd.plugins.plugin_utils.topology.graph import TopologyError, build

    from .helpers import load_example

    chassis = _tagged("{redundancy_events: [{name: [1], link_down: 5, peer: 3}, 7], redundancy_sets: {1: [2]}, "
                      "iccp: [1]}")
    pair = compile_pair(load_example().configs)
    said = {
        "chassis_from_dict": _messages_of(lambda: chassis_from_dict(chassis)),
        "intent": _messages_of(lambda: intent.load(_tagged("{chassis: {a: [1], b: 2}, iccp: [x], "
                                                           "redundancy_events: 4}"))),
        "intent top": _messages_of(lambda: intent.load(_tagged("[1]"))),
        "facts": _messages_of(lambda: pair_state_from_facts(_tagged("[1]"), pair)),
        "facts chassis": _messages_of(lambda: pair_state_from_facts(_tagged("{pair1-mx1: [1], pair1-mx2: 3}"), pair)),
        "drift": _messages_of(lambda: device_model(_tagged("[1]"), ChassisConfig())),
        "simulate": _messages_of(lambda: load_pair(_tagged("{a: 5, b: [1]}"))),
        "simulate top": _messages_of(lambda: load_pair(_tagged("[1]"))),
    }
    for call in (lambda: build(_tagged("[1]")), lambda: build(example_data(), _tagged("[1]"))):
        with pytest.raises(TopologyError) as caught:
            call()
        said["topology"] = said.get("topology", "") + str(caught.value)
    for where, text in said.items():
        assert "_Ansible" not in text and "Tagged" not in text, (where, text)
        assert any(word in text for word in ("list", "int", "a number", "a mapping")), (where, text)
