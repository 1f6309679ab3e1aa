# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""An audit as data and text: the JSON report (schema ``mxha.srd/audit-report/v1``), a table of
lines for the play output, and JUnit XML for CI.

Why lines and not one string: Ansible's default callback (and AWX) print a list one item per line
but show a string's line breaks as ``\\n``; the table is a list so ``debug: var=`` reads well.
JUnit has one test case per audit rule: it fails when the rule has an error finding, and lists
warnings as output, so a CI dashboard tracks each rule over time.
"""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from typing import List, Optional, Sequence

from ansible_collections.mxha.srd.plugins.module_utils.srd.audit.apply import READINGS
from ansible_collections.mxha.srd.plugins.module_utils.srd.audit.findings import ERROR, RULES, SEVERITIES
from ansible_collections.mxha.srd.plugins.module_utils.srd.audit.matrix import SHORT
from ansible_collections.mxha.srd.plugins.module_utils.srd.audit.outcome import route_text
from ansible_collections.mxha.srd.plugins.module_utils.srd.audit.run import Audit, Scenario
from ansible_collections.mxha.srd.plugins.module_utils.srd.live.facts import pair_state_to_facts

__all__ = ["SCHEMA", "DETAILS", "to_json", "to_json_text", "scenario_to_dict", "table", "summary", "to_junit",
           "severity_counts"]

SCHEMA = "mxha.srd/audit-report/v1"
DETAILS = ("summary", "scenarios")


def severity_counts(audit: Audit) -> dict:
    return {sev: sum(1 for f in audit.findings if f.severity == sev) for sev in SEVERITIES}


def scenario_to_dict(scenario: Scenario) -> dict:
    """One scenario: what happened, and per set, routes, VRRP, advertisement and sync what followed."""
    routes: dict = {}
    for part in scenario.parts:
        for name, (added, removed) in part.routes.items():
            entry = routes.setdefault(name, {"added": [], "removed": []})
            entry["added"] += [route_text(r) for r in added]
            entry["removed"] += [route_text(r) for r in removed]
    return {
        "id": scenario.id,
        "start": scenario.start,
        "depth": scenario.depth,
        "failures": [f.to_dict() for f in scenario.failures],
        "findings": sorted(set(scenario.findings)),
        "steps": _steps(scenario),
        "redundancy_sets": {str(s.set_id): s.to_dict() for s in sorted(scenario.sets, key=lambda s: s.set_id)},
        "signal_routes": routes,
        "vrrp": [v.to_dict() for part in scenario.parts for v in part.vrrp],
        "advertisement": [a.to_dict() for part in scenario.parts for a in part.advertisement],
        "sync_roles": [s.to_dict() for part in scenario.parts for s in part.sync],
    }


def _steps(scenario: Scenario) -> list:
    """Per failure of the scenario: the rules that decided for the sets it acted on, and those sets."""
    out = []
    for index, failure in enumerate(scenario.failures):
        applied = [part.steps[index] for part in scenario.parts if len(part.steps) > index]
        rules = sorted({t.rule_id for a in applied for t in a.touches} or {a.rule_id for a in applied})
        out.append({"failure": failure.id, "rule_ids": rules,
                    "reason": applied[0].reason if applied else "no redundancy set is acted on",
                    "redundancy_sets": sorted({t.set_id for a in applied for t in a.touches})})
    return out


def to_json(audit: Audit, pair: str, generated: Optional[str] = None, detail: str = "scenarios",
            validation: Sequence[dict] = ()) -> dict:
    """The whole audit as data; ``detail='summary'`` leaves out the scenario list (findings name them)."""
    design = audit.design
    out = {
        "schema": SCHEMA,
        "pair": pair,
        "depth": audit.depth,
        "ok": not audit.errors,
        "chassis": {name: {"gateway": design.gateway.get(name) if design.gateway else None,
                           "iccp_address": design.pair.chassis[name].iccp_address} for name in design.names},
        "counts": dict(audit.counts, findings=severity_counts(audit)),
        "seconds": {k: round(v, 4) for k, v in audit.seconds.items()},
        "placement": {str(k): v for k, v in sorted(audit.placement.items())},
        "starting_states": [{"id": s.id, "label": s.label, "state": pair_state_to_facts(s.state)}
                            for s in audit.starts],
        "findings": [f.to_dict() for f in audit.findings],
        "validation": list(validation),
        "matrix": audit.matrix.to_dict(),
        "rules": [{"id": r.id, "severity": r.severity, "title": r.title, "source": r.source, "hint": r.hint}
                  for r in RULES.values()],
        "readings": dict(READINGS),
    }
    if generated:
        out["generated"] = generated
    if detail == "scenarios":
        out["scenarios"] = [scenario_to_dict(s) for s in audit.scenarios] + [scenario_to_dict(s) for s in audit.deep]
    return out


def to_json_text(audit: Audit, pair: str, **kwargs) -> str:
    return json.dumps(to_json(audit, pair, **kwargs), indent=2, default=str) + "\n"


# ---------------------------------------------------------------------------------------- text


def summary(audit: Audit, pair: str) -> str:
    counts = severity_counts(audit)
    scenarios = "%d scenarios" % audit.counts["depth1"]
    if audit.depth == 2:
        scenarios += " and %d pairs of failures (%d evaluated)" % (
            audit.counts["depth2_pairs"], audit.counts["depth2_evaluated"])
    found = ", ".join("%d %s%s" % (counts[s], s, "" if counts[s] == 1 or s == "info" else "s")
                      for s in SEVERITIES if counts[s]) or "no findings"
    return "%s: audit depth %d: %s from %d starting states in %.3f s: %s" % (
        pair, audit.depth, scenarios, len(audit.starts), audit.seconds["total"], found)


def table(audit: Audit, pair: str, validation: Sequence[dict] = ()) -> List[str]:
    """The play output: the verdict, each finding with an example scenario and its fix, the matrix."""
    out = [summary(audit, pair)]
    for item in validation:
        out.append("  validation %s %s: %s" % (item.get("severity", "error").upper(), item.get("rule"),
                                               item.get("text") or item.get("message")))
    if audit.findings:
        out.append("findings:")
    for f in audit.findings:
        where = "set %d%s" % (f.redundancy_set, " on %s" % f.chassis if f.chassis else "")
        out.append("  %-7s %s %s: %s" % (f.severity.upper(), f.rule_id, where, f.message))
        out.append("          %d scenario%s, e.g. %s" % (f.count, "" if f.count == 1 else "s", f.scenarios[0]))
        out.append("          fix: %s" % f.hint)
    columns = audit.matrix.used_columns()
    rows = audit.matrix.ordered()
    if rows:
        out.append("matrix (%s, * with a finding, . nothing acts on the set):" % ", ".join(
            "%s %s" % (code, name) for name, code in SHORT.items()))
        starts = {s.id: s for s in audit.starts}
        labels = ["%d %s" % (row.set_id, _start_label(starts, row.start, row.primary)) for row in rows]
        width = max(len(label) for label in labels + ["set, start"])
        widths = [max(len(short), max(len(row.cells[cid].short()) if cid in row.cells else 1 for row in rows))
                  for cid, short, unused in columns]
        out.append("  %-*s  %s" % (width, "set, start", "  ".join("%-*s" % (w, c[1]) for w, c in zip(widths, columns))))
        for label, row in zip(labels, rows):
            cells = [row.cells[cid].short() if cid in row.cells else "." for cid, unused, unused2 in columns]
            out.append(("  %-*s  %s" % (width, label, "  ".join("%-*s" % (w, c) for w, c in zip(widths, cells)))).rstrip())
    return out


def _start_label(starts, start_id: str, primary) -> str:
    if start_id.startswith("primary:"):
        return "primary %s" % start_id[len("primary:"):]
    return "%s (primary %s)" % (start_id, primary or "none")


# ---------------------------------------------------------------------------------------- JUnit


def to_junit(audit: Audit, pair: str, generated: Optional[str] = None, validation: Sequence[dict] = ()) -> str:
    """One test case per audit rule (failing on error findings), plus one for the SRD rules."""
    root = ET.Element("testsuites", name="mxha.srd audit")
    suite = ET.SubElement(root, "testsuite", name="audit %s" % pair)
    if generated:
        suite.set("timestamp", generated)
    failures = 0
    cases = [("validation", "SRD rules (mxha.srd.validate)", [
        (v.get("severity", ERROR), "%s %s: %s" % (v.get("rule"), v.get("path", ""), v.get("text") or v.get("message")))
        for v in validation])]
    for rule in RULES.values():
        cases.append((rule.id, rule.title, [(f.severity, "%s set %d%s: %s (%d scenarios, e.g. %s); fix: %s" % (
            f.severity, f.redundancy_set, " on %s" % f.chassis if f.chassis else "", f.message, f.count,
            f.scenarios[0], f.hint)) for f in audit.findings if f.rule_id == rule.id]))
    for name, title, items in cases:
        case = ET.SubElement(suite, "testcase", classname="mxha.srd.audit.%s" % pair, name="%s: %s" % (name, title),
                             time="0")
        errors = [text for sev, text in items if sev == ERROR]
        if errors:
            failures += 1
            ET.SubElement(case, "failure", message="%d error finding%s" % (len(errors), "" if len(errors) == 1 else "s"),
                          type=name).text = "\n".join(text for unused, text in items)
        elif items:
            ET.SubElement(case, "system-out").text = "\n".join(text for unused, text in items)
    for element in (root, suite):
        element.set("tests", str(len(cases)))
        element.set("failures", str(failures))
        element.set("errors", "0")
        element.set("skipped", "0")
        element.set("time", "%.3f" % audit.seconds["total"])
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
