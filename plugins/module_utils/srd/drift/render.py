# -*- coding: utf-8 -*-
# Copyright: mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A drift report as a change record can keep it: JSON by path, JUnit XML for CI, a text table.

JUnit has one test case per chassis x resource (the unit a CI dashboard tracks), plus one for the
pair's symmetry and one per chassis for its live state; a case fails with every difference it has.
"""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from typing import Optional

from ansible_collections.mxha.srd.plugins.module_utils.srd.drift.compare import (
    CONFIG, ERROR, OPERATIONAL, PLACEMENT, SYMMETRY, DriftReport, Finding, age_text, junos_default,
)
from ansible_collections.mxha.srd.plugins.module_utils.srd.model.config import RESOURCES

SCHEMA = "mxha.srd/drift-report/v1"


def _status(findings, checked: bool = True) -> str:
    if not checked:
        return "not-checked"
    if any(f.severity == ERROR for f in findings):
        return "drift"
    return "warning" if findings else "in-sync"


def to_json(report: DriftReport, generated: Optional[str] = None, seconds: Optional[float] = None) -> dict:
    """Structured, by path: ``chassis.<name>.resources.<resource>.changes[]`` and the pair's parts."""
    chassis = {}
    for name in report.chassis:
        if name in report.unread:
            chassis[name] = {"read": False, "error": report.unread[name], "resources": {}}
            continue
        resources = {}
        for resource in RESOURCES:
            found = report.config.get(name, {}).get(resource, [])
            resources[resource] = {"status": _status(found, name in report.config),
                                   "changes": [f.to_dict() for f in found]}
        chassis[name] = {"read": True, "resources": resources}
    out = {
        "schema": SCHEMA,
        "pair": report.pair,
        "chassis_names": list(report.chassis),
        "drift": report.drift,
        "counts": report.counts(),
        "chassis": chassis,
        "symmetry": {"status": _status(report.symmetry or [], report.symmetry is not None),
                     "findings": [f.to_dict() for f in report.symmetry or []]},
        "operational": {"status": _status(report.operational or [], report.operational is not None),
                        "findings": [f.to_dict() for f in report.operational or []],
                        "live": dict(report.live)},
        "placement": {"status": _status(report.placement or [], report.placement is not None),
                      "findings": [f.to_dict() for f in report.placement or []],
                      "sets": [dict(row) for row in report.placed]},
        "notes": list(report.notes),
    }
    if generated:
        out["generated"] = generated
    if seconds is not None:
        out["seconds"] = round(seconds, 3)
    return out


def to_json_text(report: DriftReport, **kwargs) -> str:
    return json.dumps(to_json(report, **kwargs), indent=2, sort_keys=False, default=str) + "\n"


# ---------------------------------------------------------------------------------------- JUnit


def _case(suite: ET.Element, classname: str, name: str, findings: list[Finding], error: Optional[str] = None,
          skipped: Optional[str] = None) -> tuple[int, int, int]:
    case = ET.SubElement(suite, "testcase", classname=classname, name=name, time="0")
    if error is not None:
        ET.SubElement(case, "error", message=error, type="not-read").text = error
        return 0, 1, 0
    if skipped is not None:
        ET.SubElement(case, "skipped", message=skipped)
        return 0, 0, 1
    errors = [f for f in findings if f.severity == ERROR]
    if errors:
        text = "\n".join(f.message for f in findings)
        ET.SubElement(case, "failure", message="%d difference%s" % (len(errors), "" if len(errors) == 1 else "s"),
                      type="drift").text = text
        return 1, 0, 0
    if findings:
        ET.SubElement(case, "system-out").text = "\n".join("warning: " + f.message for f in findings)
    return 0, 0, 0


def to_junit(report: DriftReport, generated: Optional[str] = None, seconds: Optional[float] = None) -> str:
    """JUnit XML: one test case per chassis x resource, plus symmetry and live state."""
    root = ET.Element("testsuites", name="mxha.srd drift")
    suite = ET.SubElement(root, "testsuite", name="drift %s" % report.pair)
    if generated:
        suite.set("timestamp", generated)
    totals = [0, 0, 0, 0]  # tests, failures, errors, skipped

    def add(result: tuple[int, int, int]) -> None:
        totals[0] += 1
        for index, value in enumerate(result, start=1):
            totals[index] += value

    for name in report.chassis:
        classname = "mxha.srd.drift.%s" % name
        for resource in RESOURCES:
            if name in report.unread:
                add(_case(suite, classname, resource, [], error="%s not read: %s" % (name, report.unread[name])))
            elif name not in report.config:
                add(_case(suite, classname, resource, [], skipped="configuration not checked"))
            else:
                add(_case(suite, classname, resource, report.config[name][resource]))
    pair_class = "mxha.srd.drift.pair"
    if report.symmetry is None:
        add(_case(suite, pair_class, "symmetry", [], skipped="needs the configuration of both chassis"))
    else:
        add(_case(suite, pair_class, "symmetry", report.symmetry))
    for name in report.chassis:
        classname = "mxha.srd.drift.%s" % name
        if report.operational is None:
            add(_case(suite, classname, "live state", [], skipped="live state not checked"))
        else:
            add(_case(suite, classname, "live state", [f for f in report.operational if name in f.chassis]))
    for row in report.placed:   # role drift: one case per placed set
        path = "redundancy_sets[id=%d].primary" % row["set"]
        add(_case(suite, pair_class, "placement of set %d" % row["set"],
                  [f for f in report.placement or [] if f.path == path]))
    for element in (root, suite):
        element.set("tests", str(totals[0]))
        element.set("failures", str(totals[1]))
        element.set("errors", str(totals[2]))
        element.set("skipped", str(totals[3]))
        element.set("time", "%.3f" % (seconds or 0.0))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


# ---------------------------------------------------------------------------------------- text


def _short(value, width: int = 60) -> str:
    text = json.dumps(value, sort_keys=True, default=str) if not isinstance(value, str) else value
    return text if len(text) <= width else text[: width - 3] + "..."


def _value(value, path: str, side: str) -> str:
    """One side of a difference; an unset side says so, with what Junos uses then."""
    if value is not None:
        return "%s %s" % (side, _short(value))
    default = junos_default(path)
    return "%s leaves it unset%s" % (side, " (Junos then uses %s)" % default if default else "")


def _line(finding: Finding) -> str:
    sign = {"missing": "+", "unexpected": "-", "differs": "~"}.get(finding.change, "!")
    if finding.kind == CONFIG and finding.change == "differs" and "authentication_key" not in finding.path:
        return "%s %s: %s, %s" % (sign, finding.path, _value(finding.device, finding.path, "device"),
                                  _value(finding.intent, finding.path, "intent"))
    if finding.kind == CONFIG:
        return "%s %s (%s on the device)" % (sign, finding.path, finding.change)
    if finding.kind == SYMMETRY and isinstance(finding.device, dict):
        values = ", ".join("%s %s" % (k, "absent" if v is None else _short(v, 40)) for k, v in finding.device.items())
        return "~ %s: %s" % (finding.path, values)
    return "%s %s" % ("!" if finding.severity == ERROR else "?", finding.message)


def table(report: DriftReport) -> list[str]:
    """A readable table for the play output: one row per chassis x resource, then the pair."""
    rows: list[tuple[str, str, str, list[str]]] = []
    for name in report.chassis:
        if name in report.unread:
            rows.append((name, "configuration", "NOT READ", [report.unread[name]]))
            continue
        for resource in RESOURCES:
            found = report.config.get(name, {}).get(resource)
            if found is None:
                continue
            rows.append((name, resource, _status(found).upper() if found else "in sync", [_line(f) for f in found]))
    if report.symmetry is not None:
        rows.append(("pair", "symmetry", _status(report.symmetry).upper() if report.symmetry else "in sync",
                     [_line(f) for f in report.symmetry]))
    if report.operational is not None:
        for name in report.chassis:
            found = [f for f in report.operational if name in f.chassis]
            status = {"drift": "PROBLEM", "warning": "WARNING"}.get(_status(found), "ok")
            lines = [report.live[name]] if report.live.get(name) else []
            rows.append((name, "live state", status, lines + [_line(f) for f in found]))
    for row in report.placed:
        rows.append(("pair", "placement of set %d" % row["set"], _placement_status(row), _placement_lines(row, report)))
    width = max([len(r[0]) for r in rows] + [7])
    out = ["%-*s  %-20s %-9s %s" % (width, "chassis", "checked", "status", "details")]
    for chassis, what, status, details in rows:
        first = details[0] if details else ""
        out.append(("%-*s  %-20s %-9s %s" % (width, chassis, what, status, first)).rstrip())
        out.extend("%-*s  %-20s %-9s %s" % (width, "", "", "", more) for more in details[1:])
    out.extend("note: " + note for note in report.notes)
    return out


def _placement_status(row: dict) -> str:
    return {"role drift": "DRIFT", "in place": "in place"}.get(row["status"], "not judged")


def _placement_lines(row: dict, report: DriftReport) -> list[str]:
    if row["status"] == "not judged":
        return ["intended on %s; %s" % (row["intended"], row.get("why", "not judged"))]
    held = "" if row.get("role_age_seconds") is None else ", held for %s" % age_text(row["role_age_seconds"])
    if row["status"] == "in place":
        return ["primary on %s as intended%s" % (row["primary"], held)]
    path = "redundancy_sets[id=%d].primary" % row["set"]
    return ["! " + f.message for f in report.placement or [] if f.path == path]


def summary(report: DriftReport) -> str:
    counts = report.counts()
    if not report.drift:
        checked = [k for k, v in ((CONFIG, report.config or None), (SYMMETRY, report.symmetry),
                                  (OPERATIONAL, report.operational), (PLACEMENT, report.placement)) if v is not None]
        return "%s: no drift (%s checked)." % (report.pair, ", ".join(checked) or "nothing")
    parts = []
    if counts["unread"]:
        parts.append("%d chassis not read" % counts["unread"])
    for kind in (CONFIG, SYMMETRY, OPERATIONAL):
        if counts[kind]:
            parts.append("%d %s finding%s" % (counts[kind], kind, "" if counts[kind] == 1 else "s"))
    if counts[PLACEMENT]:
        plural = "" if counts[PLACEMENT] == 1 else "s"
        parts.append("%d set%s on the wrong chassis (role drift)" % (counts[PLACEMENT], plural))
    return "%s: DRIFT: %s." % (report.pair, ", ".join(parts))
