# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The case tables of docs/srd-semantics.md, run against the engine.

Each row of the doc is one test (parametrized in conftest.py). Expected values come only from
the row, which was written by hand from the seed; the engine is only ever the thing under test.
"""

from __future__ import annotations

import re

from ansible_collections.mxha.srd.plugins.module_utils.srd.engine.decide import (
    DisableDaemon,
    EnableDaemon,
    EventFired,
    Trigger,
    compile_pair,
    decide,
    state_from_device,
    state_to_device,
)
from ansible_collections.mxha.srd.plugins.module_utils.srd.engine.effects import advertisements, vrrp_priorities
from ansible_collections.mxha.srd.plugins.module_utils.srd.engine.plan import plan_primary
from ansible_collections.mxha.srd.plugins.module_utils.srd.engine.rules import RULES
from ansible_collections.mxha.srd.plugins.module_utils.srd.engine.state import RoleState

from .engine_cases import doc_table, parse_after, parse_given, parse_routes


def parse_action(text: str):
    words = text.split()
    if words[0] == "trigger":
        return Trigger(words[1], int(words[2]), words[3], force=words[4:] == ["force"])
    if words[0] == "event":
        return EventFired(words[1], words[2])
    if words[0] == "disable":
        return DisableDaemon(words[1])
    if words[0] == "enable":
        return EnableDaemon(words[1])
    raise ValueError("bad action %r" % text)


def yes(cell: str) -> bool:
    assert cell in ("yes", "no"), cell
    return cell == "yes"


def check_also(row, decision, configs):
    items = [i.strip() for i in row["also"].split(";") if i.strip()]
    overrides = [i.split(None, 1)[1] for i in items if i.startswith("override ")]
    if overrides == ["none"]:
        overrides = []
    assert sorted(o.rule_id for o in decision.overridden) == sorted(overrides), decision.overridden
    warns = [i.split(None, 1)[1] for i in items if i.startswith("warn ")]
    assert sorted(w.rule_id for w in decision.warnings) == sorted(warns), decision.warnings
    pair = compile_pair(configs)
    for item in items:
        kind, unused, arg = item.partition(" ")
        if kind == "vrrp":
            m = re.match(r"^([AB])(\d+)=(\d+)$", arg)
            chassis, group, expected = m.group(1), int(m.group(2)), int(m.group(3))
            found = [v.effective for (c, unused), v in vrrp_priorities(pair, decision.after).items() if c == chassis and v.group == group]
            assert found == [expected], (item, found)
        elif kind == "sync":
            m = re.match(r"^(\d+)=([AB])>([AB])$", arg)
            set_id, source, target = int(m.group(1)), m.group(2), m.group(3)
            reported = {s.redundancy_set: (s.source, s.target) for s in decision.sync_roles}
            assert reported.get(set_id) == (source, target), (item, decision.sync_roles)
            moved = [s for s in decision.switchovers if s.redundancy_set == set_id]
            assert moved and moved[-1].sync_source == source and moved[-1].sync_target == target
        elif kind == "peer":
            got = ["%s<%s/%d" % (m.to_chassis, m.message, m.redundancy_set) for m in decision.peer_messages]
            assert got == ([] if arg == "none" else arg.split()), (item, got)
        elif kind == "step":
            assert arg in {s.rule_id for s in decision.steps}, (item, [s.rule_id for s in decision.steps])
        elif kind == "adv":
            m = re.match(r"^([AB])/(\w+)=(yes|no)$", arg)
            adv = advertisements(pair, decision.after)[(m.group(1), m.group(2))]
            assert adv.advertises is (m.group(3) == "yes"), item
        elif kind == "switchovers":
            assert len(decision.switchovers) == int(arg), decision.switchovers
        else:
            assert kind in ("override", "warn"), "unknown check %r" % item


def test_case(case_row, pair_configs):
    row = case_row
    configs = pair_configs(row["pair"])
    before = parse_given(row["pair"], row["given"])
    decision = decide(configs, before, parse_action(row["action"]))

    assert decision.allowed is yes(row["allowed"]), decision.reason
    assert decision.rule_id == row["rule"], decision.reason
    assert decision.rule_id in RULES
    assert decision.reason
    assert decision.before == before

    sets, daemons = parse_after(row["after"])
    if sets is None:
        assert decision.after == before
    else:
        for name in before.chassis:
            for set_id, role in before[name].roles.items():
                expected = sets.get(set_id, {}).get(name, role)
                assert decision.after.role(name, set_id) is expected, (name, set_id)
            assert decision.after[name].daemon_enabled is daemons.get(name, before[name].daemon_enabled)

    expected_routes = parse_routes(row["routes"])
    for name in before.chassis:
        added, removed = expected_routes.get(name, (set(), set()))
        assert decision.after[name].signal_routes - before[name].signal_routes == added, name
        assert before[name].signal_routes - decision.after[name].signal_routes == removed, name
        reported = decision.signal_routes.get(name)
        assert set(reported.added if reported else ()) == added
        assert set(reported.removed if reported else ()) == removed

    check_also(row, decision, configs)
    for step in decision.steps:
        assert step.rule_id in RULES, step


def test_case_cites_a_source(case_row):
    cited = re.findall(r"\b([SJR]\d+)\b", case_row["source"])
    assert cited or case_row["source"], case_row["id"]
    known = {r["id"] for heading in ("1.1 Seed sentences (the source of truth)", "1.2 Juniper pages and schema (secondary)",
                                     "5. Readings where the sources are open") for r in doc_table(heading)}
    assert set(cited) <= known, set(cited) - known


def test_plan(plan_row, pair_configs):
    row = plan_row
    configs = pair_configs(row["pair"])
    state = parse_given(row["pair"], row["given"])
    plan = plan_primary(configs, state, int(row["set"]), row["target"], force=yes(row["force"]))
    assert plan.allowed is yes(row["allowed"]), plan.reason
    assert plan.rule_id == row["rule"], plan.reason
    if row["trigger"] == "-":
        assert plan.trigger is None
    else:
        words = row["trigger"].split()
        assert plan.trigger == Trigger(words[0], int(row["set"]), words[1], force=words[2:] == ["force"])
        assert plan.decision.allowed and plan.decision.after.role(row["target"], int(row["set"])) is RoleState.PRIMARY


def test_device_state(device_row):
    state = RoleState(device_row["engine state"])
    assert state_from_device(device_row["device text"]) is state
    assert state_to_device(state) == device_row["device text"]


def test_rule_ids_match_doc():
    doc = {r["rule id"] for r in doc_table("6. Rule ids")}
    assert doc == set(RULES), {"only in doc": doc - set(RULES), "only in engine": set(RULES) - doc}


def test_every_engine_rule_is_exercised_by_the_tables(pair_configs):
    """A rule nobody can reach from the documented cases is either dead or untested."""
    seen = set()
    for row in doc_table("8. Case table"):
        d = decide(pair_configs(row["pair"]), parse_given(row["pair"], row["given"]), parse_action(row["action"]))
        seen.add(d.rule_id)
        seen.update(s.rule_id for s in d.steps)
        seen.update(w.rule_id for w in d.warnings)
        seen.update(o.rule_id for o in d.outcomes)
    for row in doc_table("9. Planning a switchover"):
        seen.add(row["rule"])
    missing = set(RULES) - seen
    assert not missing, sorted(missing)
