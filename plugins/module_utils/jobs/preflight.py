# -*- coding: utf-8 -*-
# Copyright: mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The compatibility check of one pair, as a fleet job: every read the collection depends on, on both
chassis, and how far each reply matches what the parser expects. Read-only: no lock, no load, no
commit, nothing a deploy would leave behind.

Why: nobody can try the collection against a real MX before a user does. Before trusting a deploy,
a user runs this on their own pair; its report (JSON) says per chassis the Junos version and model,
which replies parsed, every element a reply held that the parser did not expect and every expected
element that was missing (``srd.live.survey``), whether SRD is configured and running, and which form
of the verbosity argument the chassis took. It keeps each reply as received (the ICCP key masked),
so the report attached to a bug can be replayed against the parser (tests/unit/preflight).

The reads, per chassis, in order (each timed):

1. ``get-software-information``: host name, model, Junos version;
2. ``get-configuration`` (committed, the SRD hierarchies only): the configuration read of every job;
3. ``get-commit-information``: the commit history the deploy proves its commits from;
4. ``get-services-redundancy-group-information`` terse, then extensive (the verbosity forms are tried
   as ``netconf.live_reader`` does; a reply without the known names is read again as CLI text);
5. ``get-inter-chassis-control-protocol-information``: the ICCP peers;
6. ``get-route-information`` (static routes, every table): the signal routes.
"""
from __future__ import annotations

import re
import time
import xml.etree.ElementTree as ET
from typing import Callable, Mapping, Optional

from ansible_collections.mxha.srd.plugins.module_utils.fleet.links import ChassisLink
from ansible_collections.mxha.srd.plugins.module_utils.fleet.report import FAILED, OK, PairOutcome
from ansible_collections.mxha.srd.plugins.module_utils.jobs.pair_reads import both
from ansible_collections.mxha.srd.plugins.module_utils.netconf.config_session import (
    ConfigSession, parse_commit_information,
)
from ansible_collections.mxha.srd.plugins.module_utils.netconf.live_reader import (
    groups_form, needs_text, read_groups, read_groups_text,
)
from ansible_collections.mxha.srd.plugins.module_utils.netconf.transport import (
    NetconfError, RpcError, SessionLost, Transport,
)
from ansible_collections.mxha.srd.plugins.module_utils.srd.engine.state import route_key
from ansible_collections.mxha.srd.plugins.module_utils.srd.intent.fleet import PairSpec
from ansible_collections.mxha.srd.plugins.module_utils.srd.junos.scope import read_filter
from ansible_collections.mxha.srd.plugins.module_utils.srd.junos.xml.parse import parse_element
from ansible_collections.mxha.srd.plugins.module_utils.srd.live import replies
from ansible_collections.mxha.srd.plugins.module_utils.srd.live.survey import summary as survey_summary
from ansible_collections.mxha.srd.plugins.module_utils.srd.live.survey import survey
from ansible_collections.mxha.srd.plugins.module_utils.srd.model.config import RESOURCES, ChassisConfig
from ansible_collections.mxha.srd.plugins.module_utils.srd.model.secret import MASK

SCHEMA = "mxha.srd/preflight"
VERSION = 1

_KEY = re.compile(r"(<(?:[\w.-]+:)?authentication-key\b[^>]*>)(.*?)(</(?:[\w.-]+:)?authentication-key>)", re.S)


def mask(text: Optional[str]) -> Optional[str]:
    """A reply with every ICCP authentication key replaced by the mask (the rest is kept as received)."""
    return _KEY.sub(lambda m: m.group(1) + MASK + m.group(3), text) if text else text


def _xml(elem: ET.Element) -> str:
    return ET.tostring(elem, encoding="unicode")


class ChassisCheck:
    """The reads of one chassis and what was found; ``run`` never raises for a device's answer."""

    def __init__(self, name: str, transport: Transport, intent: Optional[ChassisConfig] = None,
                 keep_replies: bool = True, clock: Callable[[], float] = time.monotonic):
        self.name = name
        self.transport = transport
        self.intent = intent
        self.keep_replies = keep_replies
        self.clock = clock
        self.reads: list[dict] = []
        self.problems: list[str] = []
        self.notes: list[str] = []
        self.device: dict = {}
        self.srd: dict = {"configured": None, "running": None}
        self.config: Optional[ChassisConfig] = None

    # -- one read ----------------------------------------------------------------------------------

    def _read(self, label: str, request: ET.Element, work: Callable[[ET.Element], dict],
              sender: Optional[Callable[[], ET.Element]] = None) -> Optional[ET.Element]:
        """Send ``request`` (or run ``sender``), then ``work(reply)`` for what it parsed; recorded as one read."""
        entry: dict = {"read": label, "rpc": request.tag, "request": _xml(request), "ok": False, "parsed": False,
                       "seconds": 0.0, "error": None}
        before = self.transport.stats.rpcs
        started = self.clock()
        reply = None
        try:
            reply = sender() if sender is not None else self.transport.rpc(request)
            entry["ok"] = True
        except SessionLost:
            raise
        except RpcError as exc:
            entry["error"] = str(exc)
            entry["rpc_errors"] = [e.as_dict() for e in exc.errors]
        except NetconfError as exc:
            entry["error"] = str(exc)
        entry["seconds"] = round(self.clock() - started, 4)
        entry["rpcs"] = self.transport.stats.rpcs - before
        if self.keep_replies:
            entry["reply"] = mask(self.transport.last_reply)
        if reply is not None:
            try:
                entry.update(work(reply))
                entry["parsed"] = True
            except Exception as exc:  # pylint: disable=broad-except  # a parser failure is the finding
                entry["error"] = "the reply could not be parsed: %s: %s" % (type(exc).__name__, exc)
        self.reads.append(entry)
        return reply

    # -- the reads ---------------------------------------------------------------------------------

    def run(self) -> dict:
        started = self.clock()
        self._read("software", replies.software_request(), self._software)
        self._read("configuration", ET.Element("get-configuration"), self._configuration,
                   sender=lambda: ConfigSession(self.transport, self.name).get_configuration(read_filter(RESOURCES)))
        self._read("commit history", replies.commits_request(), self._commits)
        for level in ("terse", "extensive"):
            self._groups(level)
        self._read("iccp", replies.iccp_request(), self._iccp)
        self._read("routes", replies.route_request(None), self._routes)
        return self.report(self.clock() - started)

    def _software(self, reply: ET.Element) -> dict:
        info = replies.parse_software(reply)
        self.device = info.to_dict()
        return self._surveyed("software", reply, found="%s %s" % (info.model or "model ?", info.version or "version ?"))

    def _configuration(self, reply: ET.Element) -> dict:
        parsed = parse_element(reply)
        config = parsed.config.only(*RESOURCES)
        self.config = config
        self.srd["configured"] = bool(config.redundancy_sets)
        counts = {name: len(getattr(config, name)) for name in ("redundancy_events", "redundancy_policies",
                                                                "redundancy_sets", "service_sets", "vrrp_groups")}
        found = ", ".join("%d %s" % (n, k.replace("_", " ")) for k, n in counts.items() if n) or "no SRD statement"
        return {"unexpected": [{"element": s, "count": 1, "path": s} for s in parsed.unmodelled], "missing": [],
                "records": counts, "inactive": list(parsed.inactive),
                "violations": [str(v) for v in parsed.violations],
                "summary": found + ("; %d statement%s the model does not hold (listed, never dropped)" % (
                    len(parsed.unmodelled), "" if len(parsed.unmodelled) == 1 else "s") if parsed.unmodelled else "")}

    def _commits(self, reply: ET.Element) -> dict:
        entries = parse_commit_information(reply)
        newest = entries[0] if entries else None
        pending = bool(newest and newest.awaits_confirmation)
        if pending:
            self.notes.append("%s has a commit confirmed pending (%s): a deploy refuses to go on until it is "
                              "confirmed or rolled back" % (self.name, newest.describe()))
        return self._surveyed("commits", reply, found="%d entr%s%s" % (
            len(entries), "y" if len(entries) == 1 else "ies", ", a commit confirmed pending" if pending else ""),
            extra={"pending_commit_confirmed": pending})

    def _groups(self, level: str) -> None:
        label = "redundancy groups %s" % level
        request = replies.redundancy_group_request(level, form=groups_form(self.transport) or replies.EMPTY_ELEMENT)
        holder: dict = {}

        def send() -> ET.Element:
            reply, daemon_error = read_groups(self.transport, level)
            holder["daemon_error"] = daemon_error
            return reply if reply is not None else ET.Element("not-running")

        def work(reply: ET.Element) -> dict:
            form = groups_form(self.transport)
            if holder.get("daemon_error"):
                self.srd["running"] = False
                self.srd["daemon_message"] = holder["daemon_error"]
                return {"form": form, "summary": "srd is not running: %s" % holder["daemon_error"],
                        "unexpected": [], "missing": [], "records": {}}
            if self.srd["running"] is None:
                self.srd["running"] = True
            connection, groups, problems = replies.parse_redundancy_groups(reply)
            # without an argument Junos answers terse (the YANG default): judge the reply as what it is
            answered = "terse" if form == replies.NO_ARGUMENT else level
            out = self._surveyed("groups", reply, level=answered, extra={"form": form, "level": answered})
            if answered != level:
                self.notes.append("%s takes no verbosity argument: show services redundancy-group answers terse, so "
                                  "health, failed interfaces and service sets are not read" % self.name)
            text = None
            if needs_text(reply):
                text = read_groups_text(self.transport, level)
                connection, groups, problems = replies.parse_redundancy_groups_text(text)
                out["text_fallback"] = True
                if self.keep_replies:
                    out["text_reply"] = self.transport.last_reply
            sets = {str(s.id): s.local_state_text for g in groups for s in g.sets}
            if level == "extensive" or not self.srd.get("sets"):
                self.srd.update(iccp_process_connection=connection, sets=sets,
                                peer_sets={str(s.id): s.peer_state_text for g in groups for s in g.sets})
            out["problems"] = list(problems)
            out["summary"] = "%s; %d group%s, %d set%s%s; verbosity form %s" % (
                out["summary"], len(groups), "" if len(groups) == 1 else "s", len(sets), "" if len(sets) == 1 else "s",
                " (read as CLI text: the XML names differ)" if text is not None else "", form)
            return out

        self._read(label, request, work, sender=send)
        accepted = groups_form(self.transport)
        if accepted:  # the request that was answered, in the form the chassis took
            self.reads[-1]["request"] = _xml(replies.redundancy_group_request(level, form=accepted))

    def _iccp(self, reply: ET.Element) -> dict:
        status = replies.parse_iccp(reply)
        return self._surveyed("iccp", reply, found="%d peer%s, %s" % (
            len(status.peers), "" if len(status.peers) == 1 else "s", "up" if status.up else "not up"))

    def _routes(self, reply: ET.Element) -> dict:
        routes = replies.parse_routes(reply)
        config = self.intent if self.intent is not None else self.config
        wanted = []
        present = replies.read_routes(routes)
        if config is not None:
            seen = set()
            for _policy, route in config.signal_routes():
                key = route_key(route.prefix, route.routing_instance)
                if key not in seen:
                    seen.add(key)
                    wanted.append({"prefix": key[0], "routing_instance": key[1], "present": key in present})
        self.srd["signal_routes"] = wanted
        shown = ", ".join("%s (%s) %s" % (w["prefix"], w["routing_instance"], "present" if w["present"] else "absent")
                          for w in wanted) or "no signal route configured"
        return self._surveyed("routes", reply, found="%d static route%s; %s" % (
            len(present), "" if len(present) == 1 else "s", shown))

    def _surveyed(self, kind: str, reply: ET.Element, level: Optional[str] = None, found: str = "",
                  extra: Optional[dict] = None) -> dict:
        result = survey(kind, reply, level)
        out = {"unexpected": result["unexpected"], "missing": result["missing"], "records": result["records"],
               "summary": "; ".join(x for x in (found, survey_summary(result)) if x)}
        out.update(extra or {})
        return out

    # -- the verdict -------------------------------------------------------------------------------

    def report(self, seconds: float) -> dict:
        for read in self.reads:
            if not read["ok"]:
                self.problems.append("%s: %s failed: %s" % (self.name, read["read"], read["error"]))
            elif not read["parsed"]:
                self.problems.append("%s: %s: %s" % (self.name, read["read"], read["error"]))
            elif read.get("missing"):
                self.problems.append("%s: %s: expected element%s missing: %s" % (
                    self.name, read["read"], "" if len(read["missing"]) == 1 else "s",
                    ", ".join(m["element"] for m in read["missing"])))
            if read.get("unexpected") and read["read"] != "configuration":
                self.notes.append("%s: %s: element%s the parser does not know (ignored): %s" % (
                    self.name, read["read"], "" if len(read["unexpected"]) == 1 else "s",
                    ", ".join(u["element"] for u in read["unexpected"])))
        forms = {r.get("form") for r in self.reads if r.get("form")}
        return {"chassis": self.name, "device": self.device, "srd": dict(self.srd),
                "verbosity_form": sorted(forms)[0] if len(forms) == 1 else (sorted(forms) or None),
                "compatible": not self.problems, "problems": list(self.problems), "notes": list(self.notes),
                "reads": self.reads, "rpcs": self.transport.stats.rpcs, "seconds": round(seconds, 4),
                "locks": self.transport.stats.locks, "commits": self.transport.stats.commits}


def check_chassis(name: str, transport: Transport, intent: Optional[ChassisConfig] = None,
                  keep_replies: bool = True) -> dict:
    """The compatibility report of one chassis (a session lost on the way raises SessionLost)."""
    return ChassisCheck(name, transport, intent, keep_replies).run()


def lines_of(report: Mapping) -> list:
    """One chassis' report as lines for the play output."""
    device = report.get("device") or {}
    srd = report.get("srd") or {}
    running = {True: "running", False: "NOT running", None: "state unknown"}[srd.get("running")]
    sets = ", ".join("set %s %s" % item for item in sorted((srd.get("sets") or {}).items())) or "no set"
    out = ["%s: %s, Junos %s; SRD %s, %s (%s); verbosity form %s; %s" % (
        report["chassis"], device.get("model") or "model ?", device.get("version") or "?",
        "configured" if srd.get("configured") else "not configured", running, sets,
        report.get("verbosity_form") or "-", "compatible" if report.get("compatible") else "NOT COMPATIBLE")]
    width = max([len(r["read"]) for r in report.get("reads", [])] + [4])
    for read in report.get("reads", []):
        state = "ok" if read["ok"] and read["parsed"] and not read.get("missing") else (
            "FAILED" if not read["ok"] else ("UNPARSED" if not read["parsed"] else "MISSING"))
        text = read.get("summary") or read.get("error") or ""
        out.append("  %s  %-8s %6.3f s  %s" % (read["read"].ljust(width), state, float(read["seconds"] or 0.0), text))
    return out


def check(spec: PairSpec, links: Mapping[str, ChassisLink], intent: Optional[Mapping[str, ChassisConfig]] = None,
          keep_replies: bool = True) -> PairOutcome:
    """The compatibility check of one pair: both chassis at once; a chassis not reached fails the pair."""
    names = spec.chassis

    def one(name: str) -> dict:
        link = links[name]
        transport = link.transport
        report = check_chassis(name, transport, (intent or {}).get(name), keep_replies)
        report["connect_seconds"] = round(link.connect_seconds, 4)
        return report

    results = both(names, one)
    chassis, findings, lines, notes = {}, [], [], []
    for name in names:
        value = results[name]
        if isinstance(value, Exception):
            chassis[name] = {"chassis": name, "compatible": False, "reachable": False,
                             "problems": ["%s could not be read: %s" % (name, value)]}
            findings.append("%s could not be read: %s" % (name, value))
            lines.append("%s: NOT READ: %s" % (name, value))
            continue
        value["reachable"] = True
        chassis[name] = value
        findings.extend(value["problems"])
        notes.extend(value["notes"])
        lines.extend(lines_of(value))
    lines.extend("note: %s" % note for note in notes)
    compatible = all(c.get("compatible") for c in chassis.values())
    if compatible:
        summary = "compatible: both chassis answered every read the collection depends on as expected"
    else:
        summary = "NOT COMPATIBLE: %d problem%s: %s" % (
            len(findings), "" if len(findings) == 1 else "s", "; ".join(findings[:3]))
    details = {"schema": SCHEMA, "version": VERSION, "chassis": chassis}
    return PairOutcome(spec.name, names, OK if compatible else FAILED, summary, findings=findings, lines=lines,
                       details=details)


__all__ = ["SCHEMA", "VERSION", "ChassisCheck", "check", "check_chassis", "lines_of", "mask"]
