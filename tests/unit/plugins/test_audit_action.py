# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The audit action's core (``audit_pair``): every config form simulate takes gives the same audit, the
live state and placement options, validation, and when the task fails."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from ansible_collections.mxha.srd.plugins.action.audit import audit_pair, failing
from ansible_collections.mxha.srd.plugins.module_utils.srd.errors import InputError
from ansible_collections.mxha.srd.plugins.module_utils.srd.junos.xml.render import render_set, render_xml_string
from ansible_collections.mxha.srd.plugins.module_utils.srd.model.serialize import chassis_to_dict
from srd_fake_pair import MX1, MX2, example

ROOT = Path(__file__).resolve().parents[3]
EXAMPLE = yaml.safe_load((ROOT / "docs" / "examples" / "cgnat-pair.yml").read_text())
CLEAN = yaml.safe_load((ROOT / "docs" / "examples" / "audit" / "clean-pair.yml").read_text())
SPLIT = yaml.safe_load((ROOT / "docs" / "examples" / "audit" / "split-brain-state.yml").read_text())
ARGS = {"validate": True, "depth": 1, "detail": "summary"}


def _findings(result: dict) -> list:
    return [(f["rule_id"], f["redundancy_set"], f["chassis"], f["cause"]) for f in result["findings"]]


@pytest.mark.parametrize("form", ["xml", "set", "model"])
def test_every_config_form_audits_alike(form):
    configs = example()
    config = {"xml": {n: render_xml_string(c) for n, c in configs.items()},
              "set": {MX1: render_set(configs[MX1]), MX2: {"config": render_set(configs[MX2]), "format": "set"}},
              "model": {n: chassis_to_dict(c, reveal=True) for n, c in configs.items()}}[form]
    reference = audit_pair(ARGS, EXAMPLE, None)["result"]
    result = audit_pair(ARGS, config, None)["result"]
    assert _findings(result) == _findings(reference) and result["counts"] == reference["counts"]
    assert result["pair"] == "pair1-mx1 + pair1-mx2" and reference["pair"] == "cgnat-pair1"


def test_result_shape():
    result = audit_pair(dict(ARGS, detail="scenarios"), EXAMPLE, None)["result"]
    assert result["ok"] is False and result["msg"].endswith(": 3 errors")
    assert result["counts"]["findings"] == {"error": 3, "warning": 0, "info": 0}
    assert isinstance(result["table"], list) and all("\n" not in line for line in result["table"])
    assert len(result["scenarios"]) == 64 and result["validation"] == []
    assert set(result["seconds"]) == {"load", "prepare", "depth1", "depth2", "total"}
    assert "example-iccp-key" not in repr(result)


def test_live_state_from_facts_and_placement():
    result = audit_pair(dict(ARGS, placement={"1": MX2}), CLEAN, SPLIT)["result"]
    assert [s["id"] for s in result["starting_states"]] == ["primary:pair1-mx1", "primary:pair1-mx2", "live"]
    assert {f["rule_id"] for f in result["findings"]} == {"AUDIT-PRIMARY-COUNT", "AUDIT-GW2-DISABLE"}


def test_placement_from_the_intent_and_the_option_wins():
    from ansible_collections.mxha.srd.plugins.plugin_utils import pair_input

    assert pair_input.intent_placement(CLEAN) == {}   # the clean pair names no primary
    placed = dict(CLEAN, redundancy_sets=[dict(CLEAN["redundancy_sets"][0], primary=MX2)])
    assert pair_input.intent_placement(placed) == {1: MX2}
    result = audit_pair(ARGS, placed, None)["result"]
    assert [f["rule_id"] for f in result["findings"]] == ["AUDIT-GW2-DISABLE"]
    result = audit_pair(dict(ARGS, placement={1: MX1}), placed, None)["result"]   # the option wins
    assert result["findings"] == []


def test_validation_is_reported_and_the_audit_still_runs():
    data = yaml.safe_load((ROOT / "docs" / "examples" / "audit" / "vrrp-cost-too-small.yml").read_text())
    result = audit_pair(ARGS, data, None)["result"]
    assert [v["rule"] for v in result["validation"]] == ["PAIR-ROUTING-ORDER"]
    assert result["counts"]["validation_errors"] == 1 and "1 SRD rule error" in result["msg"]
    assert [f["rule_id"] for f in result["findings"]] == ["AUDIT-VRRP-ORDER"]
    assert audit_pair(dict(ARGS, validate=False), data, None)["result"]["validation"] == []


@pytest.mark.parametrize("config, words", [
    ({"chassis": {MX1: {"iccp_address": "192.0.2.1", "colour": "red"}, MX2: {"iccp_address": "192.0.2.2"}}},
     "cannot be read as a pair"),
    ("not a mapping", "config must be a pair intent"),
    ({MX1: "set services redundancy-set 1 redundancy-group 1"}, "must map the pair's two chassis"),
])
def test_input_it_cannot_use(config, words):
    with pytest.raises(InputError, match=words):
        audit_pair(ARGS, config, None)


def test_state_must_match_the_pair():
    with pytest.raises(InputError, match="state must give both chassis"):
        audit_pair(ARGS, CLEAN, {MX1: SPLIT[MX1]})


@pytest.mark.parametrize("fail_on, counts, expected", [
    ("error", {"error": 1, "warning": 0, "info": 0}, True),
    ("error", {"error": 0, "warning": 3, "info": 2}, False),
    ("warning", {"error": 0, "warning": 1, "info": 0}, True),
    ("warning", {"error": 0, "warning": 0, "info": 5}, False),
    ("never", {"error": 9, "warning": 0, "info": 0}, False),
])
def test_failing(fail_on, counts, expected):
    assert failing({"counts": {"findings": counts, "validation_errors": 0}}, fail_on) is expected


def test_validation_errors_fail_on_error():
    assert failing({"counts": {"findings": {"error": 0, "warning": 0, "info": 0}, "validation_errors": 1}}, "error")


def test_a_gathered_model_with_the_key_masked_is_read():
    """redundancy_config's gathered result masks the ICCP key; the audit (and simulate) never need it."""
    model = {n: chassis_to_dict(c) for n, c in example().items()}
    assert model[MX1]["iccp"]["authentication_key"] == "********"
    result = audit_pair(ARGS, model, None)["result"]
    assert _findings(result) == _findings(audit_pair(ARGS, EXAMPLE, None)["result"])
