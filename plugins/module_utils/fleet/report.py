# -*- coding: utf-8 -*-
# Copyright: mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The fleet report: one outcome per pair, as a table, versioned JSON and JUnit XML, and their merge.

Why its own schema (documented in docs/fleet.md): CI jobs, monitoring and AWX job slices read it, so
it must stay stable and mergeable. A report from each slice of a sliced job merges into the report
one run over every pair would have written (pairs are disjoint across slices).
"""
from __future__ import annotations

import datetime
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping, Optional

SCHEMA = "mxha.srd/fleet-report"
VERSION = 1

OK = "ok"
CHANGED = "changed"
DRIFT = "drift"
FAILED = "failed"
OUTCOMES = (OK, CHANGED, DRIFT, FAILED)
FAILING = (FAILED,)


@dataclass
class PairOutcome:
    """What one job did on one pair; ``lines`` is the pair's own report (shown when it is not ok)."""

    pair: str
    chassis: tuple
    outcome: str
    summary: str
    findings: list = field(default_factory=list)
    lines: list = field(default_factory=list)
    details: dict = field(default_factory=dict)
    rpcs: dict = field(default_factory=dict)
    seconds: float = 0.0

    def to_dict(self) -> dict:
        return {"pair": self.pair, "chassis": list(self.chassis), "outcome": self.outcome, "summary": self.summary,
                "findings": list(self.findings), "lines": list(self.lines), "rpcs": dict(self.rpcs),
                "seconds": round(self.seconds, 3), "details": self.details}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "PairOutcome":
        return cls(pair=str(data["pair"]), chassis=tuple(data.get("chassis", ())), outcome=str(data["outcome"]),
                   summary=str(data.get("summary", "")), findings=list(data.get("findings", [])),
                   lines=list(data.get("lines", [])), details=dict(data.get("details", {})),
                   rpcs=dict(data.get("rpcs", {})), seconds=float(data.get("seconds", 0.0)))


@dataclass
class FleetReport:
    job: str
    pairs: list = field(default_factory=list)
    problems: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    check_mode: bool = False
    started: str = ""
    seconds: float = 0.0
    options: dict = field(default_factory=dict)

    # -- verdicts --------------------------------------------------------------------------------

    def counts(self) -> dict:
        out = {name: 0 for name in OUTCOMES}
        for pair in self.pairs:
            out[pair.outcome] = out.get(pair.outcome, 0) + 1
        out["pairs"] = len(self.pairs)
        out["problems"] = len(self.problems)
        return out

    @property
    def failed_pairs(self) -> list:
        return [p for p in self.pairs if p.outcome in FAILING]

    @property
    def drifted_pairs(self) -> list:
        return [p for p in self.pairs if p.outcome == DRIFT]

    def failed(self, fail_on_drift: bool = False) -> bool:
        return bool(self.failed_pairs or self.problems or (fail_on_drift and self.drifted_pairs))

    def failing_hosts(self, fail_on_drift: bool = False, play: Optional[list] = None) -> list:
        """The chassis (and pair hosts) whose pair failed, or drifted when that fails the run.

        Given the play's hosts, a problem that names none of them fails the first play host, so that
        the run's exit status still says something was wrong.
        """
        bad = [p for p in self.pairs if p.outcome in FAILING or (fail_on_drift and p.outcome == DRIFT)]
        hosts = {h for p in bad for h in p.chassis} | {p.details.get("via") for p in bad if p.details.get("via")}
        hosts |= {h for problem in self.problems for h in problem.get("hosts", [])}
        if play is not None:
            hosts &= set(play)
            if self.problems and play and not hosts & {h for pr in self.problems for h in pr.get("hosts", [])}:
                hosts.add(play[0])
        return sorted(hosts)

    def summary(self) -> str:
        c = self.counts()
        parts = ["%d pair%s" % (c["pairs"], "" if c["pairs"] == 1 else "s")]
        parts += ["%d %s" % (c[name], name) for name in OUTCOMES if c[name]]
        if c["problems"]:
            parts.append("%d inventory problem%s" % (c["problems"], "" if c["problems"] == 1 else "s"))
        mode = " (check mode)" if self.check_mode else ""
        return "%s%s: %s in %.1f s" % (self.job, mode, ", ".join(parts), self.seconds)

    # -- forms -----------------------------------------------------------------------------------

    def to_dict(self) -> dict:
        return {"schema": SCHEMA, "version": VERSION, "job": self.job, "check_mode": self.check_mode,
                "started": self.started, "seconds": round(self.seconds, 3), "summary": self.counts(),
                "options": dict(self.options), "pairs": [p.to_dict() for p in sorted(self.pairs, key=_key)],
                "problems": list(self.problems), "notes": list(self.notes)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "FleetReport":
        if data.get("schema") != SCHEMA:
            raise ValueError("not a fleet report (schema %r, expected %r)" % (data.get("schema"), SCHEMA))
        if int(data.get("version", 0)) > VERSION:
            raise ValueError("fleet report version %s is newer than this collection reads (%d)"
                             % (data.get("version"), VERSION))
        return cls(job=str(data["job"]), pairs=[PairOutcome.from_dict(p) for p in data.get("pairs", [])],
                   problems=list(data.get("problems", [])), notes=list(data.get("notes", [])),
                   check_mode=bool(data.get("check_mode")), started=str(data.get("started", "")),
                   seconds=float(data.get("seconds", 0.0)), options=dict(data.get("options", {})))

    def table(self, detail: bool = True, every_pair: bool = False) -> list:
        """Lines that read well under any callback: a header, one row per pair, then what went wrong
        (with ``every_pair``, the lines of every pair: a compatibility check's are worth reading when ok)."""
        rows = [("pair", "chassis", "outcome", "findings", "RPCs", "seconds")]
        for pair in sorted(self.pairs, key=_key):
            rpcs = "/".join(str(pair.rpcs.get(name, 0)) for name in pair.chassis)
            rows.append((pair.pair, " + ".join(pair.chassis), pair.outcome, str(len(pair.findings)), rpcs,
                         "%.1f" % pair.seconds))
        widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
        lines = [self.summary()]
        lines += ["  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip() for row in rows]
        for problem in self.problems:
            lines.append("INVENTORY %s: %s" % (problem.get("kind", "problem"), problem.get("message", "")))
        if detail:
            for pair in sorted(self.pairs, key=_key):
                if pair.outcome != OK or (every_pair and pair.lines):
                    lines.append("-- %s: %s" % (pair.pair, pair.summary))
                    lines.extend("   " + line for line in pair.lines)
        lines.extend("note: %s" % note for note in self.notes)
        return lines

    def junit(self) -> str:
        """One testcase per pair (failing on failure or drift) and one per inventory problem."""
        suite = ET.Element("testsuite", name="mxha.srd.%s" % self.job, timestamp=self.started or _now())
        failures = 0
        for pair in sorted(self.pairs, key=_key):
            case = ET.SubElement(suite, "testcase", classname="mxha.srd.%s" % self.job, name=pair.pair,
                                 time="%.3f" % pair.seconds)
            if pair.outcome in (FAILED, DRIFT):
                failures += 1
                node = ET.SubElement(case, "failure", type=pair.outcome, message=pair.summary[:1000])
                node.text = "\n".join(list(pair.findings) + list(pair.lines))
            else:
                ET.SubElement(case, "system-out").text = pair.summary
        for problem in self.problems:
            failures += 1
            case = ET.SubElement(suite, "testcase", classname="mxha.srd.%s.inventory" % self.job,
                                 name=", ".join(problem.get("hosts", [])) or problem.get("kind", "problem"))
            ET.SubElement(case, "failure", type=problem.get("kind", "problem"), message=problem.get("message", ""))
        suite.set("tests", str(len(self.pairs) + len(self.problems)))
        suite.set("failures", str(failures))
        suite.set("errors", "0")
        suite.set("time", "%.3f" % self.seconds)
        return ET.tostring(suite, encoding="unicode") + "\n"


def _key(pair: PairOutcome):
    return pair.pair


def _now() -> str:
    return datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")


def merge(reports: Iterable[Mapping[str, Any]]) -> FleetReport:
    """One report from the reports of several runs of the same job over disjoint pairs (job slices).

    A pair reported twice is an error (two slices held the same pair: the inventory splits pairs
    badly); problems and notes are joined, the wall time is the longest run's.
    """
    loaded = [FleetReport.from_dict(r) for r in reports]
    if not loaded:
        raise ValueError("no report to merge")
    jobs = {r.job for r in loaded}
    if len(jobs) > 1:
        raise ValueError("cannot merge reports of different jobs: %s" % ", ".join(sorted(jobs)))
    merged = FleetReport(job=loaded[0].job, check_mode=any(r.check_mode for r in loaded),
                         started=min((r.started for r in loaded if r.started), default=""),
                         seconds=max(r.seconds for r in loaded), options=loaded[0].options)
    seen: dict[str, int] = {}
    for index, report in enumerate(loaded):
        for pair in report.pairs:
            if pair.pair in seen:
                raise ValueError("pair %s is in reports %d and %d: the runs were not over disjoint pairs"
                                 % (pair.pair, seen[pair.pair] + 1, index + 1))
            seen[pair.pair] = index
            merged.pairs.append(pair)
        for problem in report.problems:
            if problem not in merged.problems:
                merged.problems.append(problem)
        merged.notes.extend(n for n in report.notes if n not in merged.notes)
    merged.pairs.sort(key=_key)
    return merged


def comparable(report: Mapping[str, Any]) -> dict:
    """A report without what differs from run to run (times, RPC counts): for equality checks."""
    data = dict(report)
    for key in ("started", "seconds", "options"):
        data.pop(key, None)
    data["pairs"] = [dict({k: v for k, v in p.items() if k not in ("seconds", "rpcs")},
                          details={k: v for k, v in p.get("details", {}).items() if k not in _TIMINGS})
                     for p in data.get("pairs", [])]
    return data


_TIMINGS = ("seconds", "connect_seconds")


__all__ = ["SCHEMA", "VERSION", "OK", "CHANGED", "DRIFT", "FAILED", "OUTCOMES", "PairOutcome", "FleetReport",
           "merge", "comparable"]
