# -*- coding: utf-8 -*-
# Copyright: mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Action plugin for mxha.srd.audit: every failure a pair can meet, decided offline, judged.

Thin on purpose: the input is read as mxha.srd.simulate reads it (plugin_utils/pair_input.py), the
audit is ``srd.audit.run``, the table, JSON and JUnit ``srd.audit.render``, the HTML and Markdown
``srd.audit.report``; this file only adds what needs Ansible (the loader, files, the picture).
Runs on the controller only and contacts no device, so check mode behaves the same; it never
reports a change.
"""
from __future__ import annotations

import datetime
import os
import time

from ansible.errors import AnsibleError
from ansible.module_utils.common.text.converters import to_bytes, to_text
from ansible.plugins.action import ActionBase

from ansible_collections.mxha.srd.plugins.module_utils.srd.audit import render, report
from ansible_collections.mxha.srd.plugins.module_utils.srd.audit.run import run_audit
from ansible_collections.mxha.srd.plugins.module_utils.srd.engine.index import compile_pair
from ansible_collections.mxha.srd.plugins.module_utils.srd.errors import InputError, SrdError, errors, summarize
from ansible_collections.mxha.srd.plugins.module_utils.srd.live.facts import pair_state_from_facts
from ansible_collections.mxha.srd.plugins.plugin_utils.pair_input import (
    intent_placement, load_pair, plain, yaml_value,
)
from ansible_collections.mxha.srd.plugins.plugin_utils.topology import mermaid, svg
from ansible_collections.mxha.srd.plugins.plugin_utils.topology.graph import TopologyError, build

FAIL_ON = ["error", "warning", "never"]
ARGUMENT_SPEC = {
    "config": {"type": "raw", "required": True},
    "state": {"type": "raw"},
    "depth": {"type": "int", "default": 1, "choices": [1, 2]},
    "placement": {"type": "dict"},
    "validate": {"type": "bool", "default": True},
    "fail_on": {"type": "str", "default": "error", "choices": FAIL_ON},
    "detail": {"type": "str", "default": "summary", "choices": list(render.DETAILS)},
    "json_file": {"type": "path"},
    "junit_file": {"type": "path"},
    "report_file": {"type": "path"},
    "pair": {"type": "str"},
}
REPORT_FORMATS = {".html": "html", ".htm": "html", ".md": "markdown", ".markdown": "markdown"}


def _picture(config, state, kind: str):
    """The pair's topology (SVG or Mermaid) when the config is a pair intent, else None."""
    if not isinstance(config, dict) or "chassis" not in config:
        return None
    try:
        topology = build(config, state if isinstance(state, dict) else None)
    except TopologyError:
        try:
            topology = build(config)
        except TopologyError:
            return None
    return svg.render(topology) if kind == "html" else mermaid.render(topology)


def audit_pair(args: dict, config, state) -> dict:
    """The audit as a result dict, plus what the files need (raises SrdError for input it cannot use)."""
    started = time.perf_counter()
    configs, violations = load_pair(config, args.get("validate", True))
    unreadable = [v for v in errors(violations) if v.rule.startswith("INPUT-")]
    if not args.get("validate", True):
        violations = []   # a pair intent is always checked as it is read; validate=false does not report it
    if unreadable:
        raise InputError("the configuration cannot be read as a pair (%d problem%s):\n%s" % (
            len(unreadable), "" if len(unreadable) == 1 else "s", summarize(unreadable)))
    live = pair_state_from_facts(state, compile_pair(configs)) if state is not None else None
    placement = dict(intent_placement(config))
    placement.update(args.get("placement") or {})
    loaded = time.perf_counter()
    audit = run_audit(configs, live=live, placement=placement, depth=args.get("depth", 1))
    label = args.get("pair") or (config.get("name") if isinstance(config.get("name"), str) else None) or " + ".join(
        audit.design.names)
    validation = [v.to_dict() for v in violations]
    counts = render.severity_counts(audit)
    validation_errors = len(errors(violations))
    result = {
        "ok": not audit.errors and not validation_errors,
        "msg": render.summary(audit, label) + ("; %d SRD rule error%s" % (
            validation_errors, "" if validation_errors == 1 else "s") if validation_errors else ""),
        "pair": label,
        "depth": audit.depth,
        "counts": dict(audit.counts, findings=counts, validation_errors=validation_errors),
        "seconds": dict({k: round(v, 4) for k, v in audit.seconds.items()}, load=round(loaded - started, 4)),
        "findings": [f.to_dict() for f in audit.findings],
        "validation": validation,
        "starting_states": [{"id": s.id, "label": s.label} for s in audit.starts],
        "matrix": audit.matrix.to_dict(),
        "table": render.table(audit, label, validation),
    }
    if args.get("detail") == "scenarios":
        result["scenarios"] = render.to_json(audit, label, detail="scenarios")["scenarios"]
    return {"result": result, "audit": audit, "label": label, "validation": validation}


def failing(result: dict, fail_on: str) -> bool:
    counts = result["counts"]["findings"]
    if fail_on == "never":
        return False
    if fail_on == "warning" and counts["warning"]:
        return True
    return bool(counts["error"] or result["counts"]["validation_errors"])


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
            result.update(failed=True, msg="mxha.srd.audit: %s" % to_text(exc))
            return result
        try:
            config = yaml_value(self._loader, plain(args["config"]), "config")
            state = yaml_value(self._loader, plain(args.get("state")), "state")
            done = audit_pair(args, config, state)
            generated = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0).isoformat()
            files = self._files(args, done, config, state, generated)
        except (SrdError, ValueError) as exc:
            result.update(failed=True, msg="mxha.srd.audit: %s" % to_text(exc))
            return result
        except OSError as exc:
            result.update(failed=True, msg="mxha.srd.audit: cannot write the report: %s" % exc)
            return result
        result.update(done["result"], files=files)
        if failing(done["result"], args["fail_on"]):
            result["failed"] = True
        return result

    def _files(self, args: dict, done: dict, config, state, generated: str) -> dict:
        audit, label, validation = done["audit"], done["label"], done["validation"]
        files = {}
        if args.get("json_file"):
            files["json"] = self._write(args["json_file"], render.to_json_text(
                audit, label, generated=generated, detail="scenarios", validation=validation))
        if args.get("junit_file"):
            files["junit"] = self._write(args["junit_file"], render.to_junit(audit, label, generated, validation))
        if args.get("report_file"):
            kind = REPORT_FORMATS.get(os.path.splitext(args["report_file"])[1].lower())
            if kind is None:
                raise InputError("report_file must end in .html or .md (got %s)" % args["report_file"])
            picture = _picture(config, state, kind)
            text = (report.to_html(audit, label, picture, generated, validation) if kind == "html"
                    else report.to_markdown(audit, label, picture, generated, validation))
            files["report"] = self._write(args["report_file"], text)
        return files

    @staticmethod
    def _write(path: str, text: str) -> str:
        path = os.path.abspath(os.path.expanduser(path))
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(to_bytes(path), "wb") as handle:
            handle.write(to_bytes(text))
        return path
