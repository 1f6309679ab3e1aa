# -*- coding: utf-8 -*-
# Copyright: mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Action plugin for mxha.srd.simulate: what srd on a pair would do, decided offline.

Runs on the controller only (the SRD engine is pure), so it behaves the same in check mode and
never reports a change. A refused action is a normal answer (``allowed: false``); only input that
cannot be read or does not fit together fails the task.
"""
from __future__ import annotations

import time

from ansible.errors import AnsibleError
from ansible.module_utils.common.text.converters import to_text
from ansible.plugins.action import ActionBase

from ansible_collections.mxha.srd.plugins.module_utils.jobs.decision_result import decision_to_result, reason_text
from ansible_collections.mxha.srd.plugins.module_utils.srd.engine.decide import decide
from ansible_collections.mxha.srd.plugins.module_utils.srd.engine.index import compile_pair
from ansible_collections.mxha.srd.plugins.module_utils.srd.engine.plan import SwitchoverPlan, plan_primary
from ansible_collections.mxha.srd.plugins.module_utils.srd.engine.result import (
    Decision, DisableDaemon, EnableDaemon, EventFired, Step, Trigger,
)
from ansible_collections.mxha.srd.plugins.module_utils.srd.errors import InputError, SrdError, errors, summarize
from ansible_collections.mxha.srd.plugins.module_utils.srd.live.facts import pair_state_from_facts, pair_state_to_facts
from ansible_collections.mxha.srd.plugins.plugin_utils.pair_input import (  # noqa: F401  load_pair: tests import it here
    default_state, load_pair, yaml_value,
)
from ansible_collections.mxha.srd.plugins.module_utils.srd.plain import plain_copy

ACTION_KINDS = ["trigger", "event", "disable_daemon", "enable_daemon", "primary_role"]

ARGUMENT_SPEC = {
    "config": {"type": "raw", "required": True},
    "state": {"type": "raw"},
    "validate": {"type": "bool", "default": True},
    "action": {
        "type": "dict",
        "required": True,
        "options": {
            "trigger": {"type": "dict", "options": {
                "chassis": {"type": "str", "required": True},
                "redundancy_set": {"type": "int", "required": True},
                "event": {"type": "str", "required": True},
                "force": {"type": "bool", "default": False},
            }},
            "event": {"type": "dict", "options": {
                "chassis": {"type": "str", "required": True},
                "name": {"type": "str", "required": True},
            }},
            "disable_daemon": {"type": "str"},
            "enable_daemon": {"type": "str"},
            "primary_role": {"type": "dict", "options": {
                "chassis": {"type": "str", "required": True},
                "redundancy_set": {"type": "int", "required": True},
                "force": {"type": "bool", "default": False},
            }},
        },
        "mutually_exclusive": [ACTION_KINDS],
        "required_one_of": [ACTION_KINDS],
    },
}


def parse_action(spec: dict):
    """The action option -> an engine action (or ('primary_role', ...) for planning)."""
    if spec.get("trigger"):
        t = spec["trigger"]
        return Trigger(t["chassis"], t["redundancy_set"], t["event"], bool(t.get("force")))
    if spec.get("event"):
        return EventFired(spec["event"]["chassis"], spec["event"]["name"])
    if spec.get("disable_daemon"):
        return DisableDaemon(spec["disable_daemon"])
    if spec.get("enable_daemon"):
        return EnableDaemon(spec["enable_daemon"])
    p = spec["primary_role"]
    return ("primary_role", p["chassis"], p["redundancy_set"], bool(p.get("force")))


def simulate(config, state, action_spec: dict, check_config: bool = True) -> dict:
    """The whole simulation as a result dict (raises InputError for malformed input)."""
    start = time.perf_counter()
    configs, violations = load_pair(config, check_config)
    problems = errors(violations)
    if problems and check_config:
        raise InputError("the configuration breaks %d SRD rule(s), so a simulation would not describe a "
                         "working pair (validate: false simulates it anyway):\n%s" % (len(problems), summarize(problems)))
    loaded = time.perf_counter()
    try:
        pair = compile_pair(configs)
    except ValueError as exc:  # the engine's word for a pair it cannot take (validate: false lets one through)
        raise InputError("the configuration is not one pair: %s" % exc) from None
    result = {"config_warnings": [str(v) for v in violations]}
    if state is None:
        pair_state, primary = default_state(pair)
        result["state_source"] = "default: every set primary on %s (gateway 1), standby on the peer" % primary
    else:
        pair_state = pair_state_from_facts(state, pair)
        result["state_source"] = "given"
    action = parse_action(action_spec)
    ready = time.perf_counter()
    dual = pair_state.dual_primaries()
    if dual:
        result.update(_split_brain(pair_state, action, dual))
        result["seconds"] = _seconds(start, loaded, ready, time.perf_counter())
        return result
    if isinstance(action, tuple):
        result.update(_plan(pair, pair_state, *action[1:]))
        result["seconds"] = _seconds(start, loaded, ready, time.perf_counter())
        return result
    decision = decide(pair, pair_state, action)
    decided = time.perf_counter()
    result.update(decision_to_result(decision))
    if isinstance(action, Trigger) and not decision.allowed and not action.force:
        forced = decide(pair, pair_state, Trigger(action.chassis, action.redundancy_set, action.event, True))
        result["force_would_allow"] = forced.allowed
        if forced.allowed:
            result["force_would_override"] = [o.to_dict() for o in forced.overridden]
    result["seconds"] = _seconds(start, loaded, ready, decided)
    return result


def _seconds(start: float, loaded: float, ready: float, decided: float) -> dict:
    """Reading (and checking) the configuration, building the state, and the engine's decision."""
    return {"load": round(loaded - start, 4), "state": round(ready - loaded, 4), "decide": round(decided - ready, 4)}


def _plan(pair, state, chassis: str, set_id: int, force: bool) -> dict:
    plan = plan_primary(pair, state, set_id, chassis, force)
    out = {"plan": plan.to_dict(), "allowed": plan.allowed}
    if plan.decision is not None:
        out.update(decision_to_result(plan.decision))
        out["action"] = {"kind": "primary_role", "chassis": chassis, "redundancy_set": set_id, "force": force,
                         "trigger": plan.to_dict()["trigger"]}
    else:
        facts = pair_state_to_facts(state)
        out.update(action={"kind": "primary_role", "chassis": chassis, "redundancy_set": set_id, "force": force,
                           "trigger": None},
                   before=facts, after=facts, state_changed=False, switchovers=[],
                   signal_routes={n: {"added": [], "removed": []} for n in sorted(state.chassis)},
                   vrrp=[], advertisement=[], sync_roles=[], overridden=[], peer_messages=[], outcomes=[],
                   steps=[{"rule_id": c.rule_id, "text": c.reason, "chassis": c.trigger.chassis,
                           "redundancy_set": set_id} for c in plan.candidates])
    out["rule_id"] = plan.rule_id
    out["reason"] = reason_text(plan.rule_id, plan.reason)
    if not plan.allowed and not force and plan.rule_id == "plan.all-refused":
        forced = plan_primary(pair, state, set_id, chassis, True)
        out["force_would_allow"] = forced.allowed
        if forced.allowed and forced.decision is not None:
            out["force_would_override"] = [o.to_dict() for o in forced.decision.overridden]
    return out


def _split_brain(state, action, dual: list) -> dict:
    """The answer for a state with sets primary on both chassis: refused, whatever the action.

    srd never has two primaries for a set, so nothing it would do from such a state can be predicted (the
    engine refuses the actions on that set, ``state.dual-primary``, but would judge the others, or say the
    chassis "is already primary", as if the pair were sound). The state stays as given.
    """
    names = " and ".join(sorted(state.chassis))
    reason = ("the given state has redundancy set%s %s primary on both %s (a split brain, which srd never makes); "
              "nothing is predicted from it: check the pair's ICCP link and roles, or give the state you mean"
              % ("" if len(dual) == 1 else "s", ", ".join(map(str, dual)), names))
    if isinstance(action, tuple):
        _kind, chassis, set_id, force = action
        facts = pair_state_to_facts(state)
        out = {"action": {"kind": "primary_role", "chassis": chassis, "redundancy_set": set_id, "force": force,
                          "trigger": None},
               "allowed": False, "rule_id": "state.dual-primary", "reason": reason_text("state.dual-primary", reason),
               "before": facts, "after": facts, "state_changed": False, "switchovers": [],
               "signal_routes": {n: {"added": [], "removed": []} for n in sorted(state.chassis)},
               "vrrp": [], "advertisement": [], "sync_roles": [], "overridden": [], "peer_messages": [],
               "outcomes": [], "consistency_warnings": [],
               "steps": [{"rule_id": "state.dual-primary", "text": reason, "chassis": chassis, "redundancy_set": set_id}],
               "plan": SwitchoverPlan(set_id, chassis, False, "state.dual-primary", reason).to_dict()}
    else:
        step = Step("state.dual-primary", reason, getattr(action, "chassis", None),
                    getattr(action, "redundancy_set", None))
        out = decision_to_result(Decision(action=action, allowed=False, rule_id="state.dual-primary", reason=reason,
                                          before=state, after=state, steps=(step,)))
    out["dual_primary"] = dual
    return out


class ActionModule(ActionBase):
    TRANSFERS_FILES = False
    _requires_connection = False
    _supports_check_mode = True
    _supports_async = False

    def run(self, tmp=None, task_vars=None):
        result = super().run(tmp, task_vars)
        result["changed"] = False
        try:
            _validation, args = self.validate_argument_spec(argument_spec=ARGUMENT_SPEC)
        except AnsibleError as exc:
            result.update(failed=True, msg=to_text(exc))
            return result
        try:
            config = plain_copy(yaml_value(self._loader, args["config"], "config"), path="config")
            state = plain_copy(yaml_value(self._loader, args.get("state"), "state"), path="state")
            out = simulate(config, state, args["action"], args["validate"])
        except (SrdError, ValueError, KeyError) as exc:
            result.update(failed=True, msg="mxha.srd.simulate: %s" % to_text(exc))
            return result
        warnings = ([out["reason"]] if out.get("dual_primary") else []) + out.pop("config_warnings", []) + [
            "%s: %s" % (w["rule_id"], w["text"]) for w in out.get("consistency_warnings", [])]
        result.update(out)
        if warnings:
            result["warnings"] = warnings
        verdict = "allowed" if out["allowed"] else "refused"
        result["msg"] = "%s: %s" % (verdict, out["reason"])
        return result
