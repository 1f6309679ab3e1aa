# -*- coding: utf-8 -*-
# Copyright: mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Action plugin for mxha.srd.drift_report: judge what was read from a pair against its intent.

Runs on the controller only and never contacts a device: the reads are earlier tasks
(mxha.srd.redundancy_config, mxha.srd.redundancy_state) whose registered results it is given.
The judging is module_utils.drift, the rendering module_utils.drift_render.
"""
from __future__ import annotations

import datetime
import os
import time
from collections.abc import Mapping

from ansible.errors import AnsibleError
from ansible.module_utils.common.text.converters import to_bytes, to_text
from ansible.plugins.action import ActionBase

from ansible_collections.mxha.srd.plugins.module_utils.srd.drift import compare as drift, render as drift_render
from ansible_collections.mxha.srd.plugins.module_utils.srd.intent import pair as intent_mod
from ansible_collections.mxha.srd.plugins.module_utils.srd.errors import InputError, SrdError, summarize
from ansible_collections.mxha.srd.plugins.module_utils.srd.model.serialize import CHASSIS_KEYS
from ansible_collections.mxha.srd.plugins.module_utils.srd.plain import plain_copy, type_name

ARGUMENT_SPEC = {
    "intent": {"type": "raw"},
    "intent_file": {"type": "path"},
    "configs": {"type": "dict"},
    "states": {"type": "dict"},
    "checks": {"type": "list", "elements": "str", "choices": list(drift.KINDS)},
    "json_file": {"type": "path"},
    "junit_file": {"type": "path"},
    "fail_on_drift": {"type": "bool", "default": False},
    "pair": {"type": "str"},
}


def _why_not(result) -> str | None:
    """Why a registered result carries nothing to judge (unreachable, failed, skipped), else None."""
    if not isinstance(result, Mapping):
        return None
    if result.get("unreachable"):
        return "unreachable: %s" % result.get("msg", "")
    if result.get("failed"):
        return "read failed: %s" % result.get("msg", "")
    if result.get("skipped"):
        return "the read was skipped"
    return None


def device_config(result):
    """The SRD configuration in a registered read: ``before`` (check mode), ``gathered``, or a model dict."""
    reason = _why_not(result)
    if reason:
        return reason, None
    if not isinstance(result, Mapping):
        return "not read (got %s)" % type_name(result), None
    for key in ("before", "gathered"):
        if key in result:
            return result[key] or {}, drift.key_verdict(result.get("changes")) if key == "before" else None
    if set(result) <= set(CHASSIS_KEYS):
        return result, None
    return "the result holds no configuration (register mxha.srd.redundancy_config with state gathered, or " \
           "check mode)", None


def _state(result, where: str = "states"):
    """The live state in a registered read; a read that ran out of retries still holds its last state."""
    if isinstance(result, Mapping) and isinstance(result.get("ansible_facts"), Mapping) \
            and isinstance(result["ansible_facts"].get("srd_state"), Mapping):
        return plain_copy(result["ansible_facts"]["srd_state"], path=where)
    if isinstance(result, Mapping) and "msg" in result and "redundancy_sets" not in result:
        return _why_not(result) or "read failed: %s" % result["msg"]
    return _why_not(result) or plain_copy(result, path=where)


class ActionModule(ActionBase):
    TRANSFERS_FILES = False
    _requires_connection = False
    _supports_check_mode = True
    _supports_async = False

    def run(self, tmp=None, task_vars=None):
        result = super().run(tmp, task_vars)
        result["changed"] = False
        started = time.monotonic()
        try:
            _validation, args = self.validate_argument_spec(
                argument_spec=ARGUMENT_SPEC, mutually_exclusive=[["intent", "intent_file"]],
                required_one_of=[["intent", "intent_file"], ["configs", "states"]])
        except AnsibleError as exc:
            result.update(failed=True, msg="mxha.srd.drift_report: %s" % to_text(exc))
            return result
        try:
            report = self._report(args)
        except SrdError as exc:
            result.update(failed=True, msg="mxha.srd.drift_report: %s" % to_text(exc))
            return result
        seconds = time.monotonic() - started
        generated = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0).isoformat()
        files = {}
        try:
            if args.get("json_file"):
                files["json"] = self._write(args["json_file"], drift_render.to_json_text(
                    report, generated=generated, seconds=seconds))
            if args.get("junit_file"):
                files["junit"] = self._write(args["junit_file"], drift_render.to_junit(
                    report, generated=generated, seconds=seconds))
        except OSError as exc:
            result.update(failed=True, msg="mxha.srd.drift_report: cannot write the report: %s" % exc)
            return result
        result.update(
            changed=report.drift,
            drift=report.drift,
            counts=report.counts(),
            errors=len(report.errors()) + len(report.unread),
            report=drift_render.to_json(report, generated=generated),
            table=drift_render.table(report),
            files=files,
            msg=drift_render.summary(report),
        )
        if report.drift and args["fail_on_drift"]:
            result["failed"] = True
        return result

    # -- inputs ---------------------------------------------------------------------

    def _intent(self, args) -> dict:
        if args.get("intent_file"):
            try:
                found = self._find_needle("files", args["intent_file"])
            except AnsibleError:
                found = args["intent_file"]
            if not os.path.isfile(found):
                raise InputError("intent file %s not found" % args["intent_file"])
            try:
                data = self._loader.load_from_file(found)
            except AnsibleError as exc:
                raise InputError("the pair intent is not valid YAML: %s" % " ".join(to_text(exc).split()[:40])) from None
        else:
            data = args["intent"]
            if isinstance(data, str):
                data = self._loader.load(data)
        if not isinstance(data, Mapping):
            raise InputError("the pair intent must be a mapping (docs/pair-intent.md)")
        return plain_copy(data, path="intent_file %s" % args["intent_file"] if args.get("intent_file") else "intent")

    def _report(self, args) -> drift.DriftReport:
        pair = intent_mod.load(self._intent(args))
        errors = [v for v in pair.violations if v.is_error]
        if errors:
            raise InputError("the pair intent is not valid (%d violation%s):\n%s" % (
                len(errors), "" if len(errors) == 1 else "s", summarize(errors)))
        names = set(pair.configs)
        devices, verdicts, states = {}, {}, None
        for label, given in (("configs", args.get("configs")), ("states", args.get("states"))):
            if given is not None and not set(given) <= names:
                raise InputError("%s names %s, which the intent does not (its chassis: %s)" % (
                    label, ", ".join(sorted(set(given) - names)), ", ".join(sorted(names))))
        for name, value in (args.get("configs") or {}).items():
            devices[name], verdicts[name] = device_config(plain_copy(value, path="configs.%s" % name))
        if args.get("states") is not None:
            states = {name: _state(value, "states.%s" % name) for name, value in args["states"].items()}
        checks = args.get("checks")
        if not checks:
            checks = [drift.CONFIG, drift.SYMMETRY] if args.get("configs") is not None else []
            if states is not None:
                checks.append(drift.OPERATIONAL)
                if pair.placement:
                    checks.append(drift.PLACEMENT)
        if (drift.CONFIG in checks or drift.SYMMETRY in checks) and args.get("configs") is None:
            raise InputError("checks %s need configs: the registered reads of both chassis" % ", ".join(checks))
        if (drift.OPERATIONAL in checks or drift.PLACEMENT in checks) and states is None:
            raise InputError("the operational and placement checks need states: the registered "
                             "mxha.srd.redundancy_state results")
        label = args.get("pair") or pair.name or " + ".join(sorted(names))
        return drift.check_pair(label, pair.configs, devices, states,
                                key_verdicts=verdicts if args.get("configs") is not None else None, checks=checks,
                                placement=pair.placement)

    def _write(self, path: str, text: str) -> str:
        path = os.path.abspath(os.path.expanduser(path))
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(to_bytes(path), "wb") as handle:
            handle.write(to_bytes(text))
        return path
