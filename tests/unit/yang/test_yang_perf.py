"""Figures for the report: model load time and the cost of validating/converting a big SRD config
(100 redundancy sets, 256 policies, 256 events). Bounds are generous; the figures are printed."""

from __future__ import annotations

import time
import xml.etree.ElementTree as ET

from ansible_collections.mxha.srd.plugins.module_utils.srd.junos.syntax import (
    SRD_GRAMMAR,
    compare_text,
    parse_set,
    parse_text,
    to_set,
    to_text,
)
from mxsim.yang import JunosYang


def big_config(sets: int = 100, policies: int = 256) -> ET.Element:
    root = ET.Element("configuration")
    events = ET.SubElement(root, "event-options")
    policy_options = ET.SubElement(root, "policy-options")
    redundancy_set = ET.SubElement(ET.SubElement(root, "services"), "redundancy-set")
    for index in range(policies):
        event = ET.SubElement(events, "redundancy-event")
        ET.SubElement(event, "name").text = f"EV_{index}"
        link = ET.SubElement(ET.SubElement(event, "monitor"), "link-down")
        ET.SubElement(link, "name").text = f"xe-{index // 48}/0/{index % 48}"
        policy = ET.SubElement(policy_options, "redundancy-policy")
        ET.SubElement(policy, "name").text = f"POL_{index}"
        ET.SubElement(policy, "redundancy-events").text = f"EV_{index}"
        then = ET.SubElement(policy, "then")
        ET.SubElement(then, "mship-actions").text = "release-mastership" if index % 2 else "acquire-mastership"
        route = ET.SubElement(then, "add-static-route" if index % 2 == 0 else "delete-static-route")
        ET.SubElement(route, "name").text = f"10.{index // 250}.{index % 250}.1/32"
        if index % 2 == 0:
            ET.SubElement(route, "receive")
        ET.SubElement(route, "routing-instance").text = "HA"
    for number in range(1, sets + 1):
        rs = ET.SubElement(redundancy_set, "rs-id-object")
        ET.SubElement(rs, "name").text = str(number)
        ET.SubElement(rs, "redundancy-group").text = str(1 + number % 16)
        for offset in (0, 1):
            ET.SubElement(rs, "redundancy-policy").text = f"POL_{(2 * number + offset) % policies}"
    return root


def timed(action):
    started = time.perf_counter()
    result = action()
    return result, time.perf_counter() - started


def test_figures(yang, capsys):
    _fresh, load = timed(JunosYang)  # a fresh instance: what the first shared() call costs
    config = big_config()
    errors, validate = timed(lambda: yang.validate(config))
    assert errors == []
    lines, set_out = timed(lambda: to_set(config))
    parsed, set_in = timed(lambda: parse_set(lines))
    text, text_out = timed(lambda: to_text(config))
    _parsed_text, text_in = timed(lambda: parse_text(text))
    diff, compare = timed(lambda: compare_text(config, parsed))
    assert diff == ""
    yang_lines, yang_set_out = timed(lambda: to_set(config, yang.grammar))
    _parsed_yang, yang_set_in = timed(lambda: parse_set(yang_lines, yang.grammar))
    broken = big_config()
    broken.find("services/redundancy-set/rs-id-object/name").text = "101"
    bad, validate_bad = timed(lambda: yang.validate(broken))
    assert len(bad) == 1
    figures = {
        "model load (s)": load, "validate big config (s)": validate, "validate with 1 error (s)": validate_bad,
        f"to_set {len(lines)} lines (s)": set_out, "parse_set (s)": set_in, "to_text (s)": text_out,
        "parse_text (s)": text_in, "compare_text equal (s)": compare,
        "to_set, YANG grammar (s)": yang_set_out, "parse_set, YANG grammar (s)": yang_set_in,
    }
    with capsys.disabled():
        print("\n" + "\n".join(f"  {name}: {value:.3f}" for name, value in figures.items()))
    assert load < 30 and validate < 10 and set_in < 10 and text_in < 10
    assert len(lines) == len(yang_lines) and SRD_GRAMMAR is not yang.grammar
