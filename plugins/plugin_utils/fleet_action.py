# -*- coding: utf-8 -*-
# Copyright: mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What every fleet action shares: the pairs of the play, their sessions, the report.

A fleet action runs once (``run_once``) on the controller for every pair among the play's hosts. It
finds the pairs (``srd.intent.fleet.resolve``) from intents given to it or held in the inventory,
validates each intent offline (a pair whose intent is invalid fails before its chassis is touched),
builds each chassis' session from its inventory variables, runs the job per pair
(``fleet.executor``) and returns one fleet report; with ``report_dir`` it also writes it as JSON,
JUnit XML and text. It prints the report itself and never fails for a pair: the job role's next task
fails the run (with one line per pair that failed) when ``ok`` is false.
"""
from __future__ import annotations

import datetime
import glob
import json
import os
import time
from collections.abc import Mapping
from typing import Any, Optional

from ansible import constants as C
from ansible.errors import AnsibleError
from ansible.module_utils.common.text.converters import to_bytes, to_text
from ansible.plugins.action import ActionBase
from ansible.utils.display import Display

from ansible_collections.mxha.srd.plugins.module_utils.fleet.executor import DEFAULT_MAX_SESSIONS, failed, run_fleet
from ansible_collections.mxha.srd.plugins.module_utils.fleet.report import FleetReport, PairOutcome
from ansible_collections.mxha.srd.plugins.module_utils.srd.errors import InputError, summarize
from ansible_collections.mxha.srd.plugins.module_utils.srd.intent import fleet as fleet_mod
from ansible_collections.mxha.srd.plugins.module_utils.srd.intent import pair as intent_mod
from ansible_collections.mxha.srd.plugins.module_utils.srd.plain import plain_copy

COMMON_SPEC = {
    "intent": {"type": "raw"},
    "intent_file": {"type": "path"},
    "intent_dir": {"type": "path"},
    "hosts": {"type": "list", "elements": "str"},
    "max_sessions": {"type": "int", "default": DEFAULT_MAX_SESSIONS},
    "report_dir": {"type": "path"},
    "report_name": {"type": "str"},
    "quiet": {"type": "bool", "default": False},
}

# Inventory variables a session is built from (templated, vaulted values decrypted), nothing else.
CONNECTION_VARS = (
    "ansible_host", "ansible_port", "ansible_ssh_port", "ansible_user", "ansible_ssh_user", "ansible_password",
    "ansible_ssh_pass", "ansible_pass", "ansible_ssh_private_key_file", "ansible_private_key_file",
    "ansible_host_key_checking", "ansible_netconf_host_key_checking", "ansible_ssh_host_key_checking",
    "ansible_connect_timeout", "ansible_command_timeout", "ansible_netconf_ssh_config",
)
INTENT_VARS = (fleet_mod.INTENT_VAR, fleet_mod.PAIR_CHASSIS_VAR) + fleet_mod.INTENT_KEYS


class FleetAction(ActionBase):
    """Base of the fleet actions; a subclass sets ``JOB``, ``ARGUMENT_SPEC`` and ``pair_job``."""

    TRANSFERS_FILES = False
    _requires_connection = False
    _supports_check_mode = True
    _supports_async = False

    JOB = "job"
    ARGUMENT_SPEC: dict = {}
    SHOW_OK_LINES = False  # print the lines of pairs that are ok too (a compatibility check's)
    DIFFS = False  # with --diff, return each pair's ``details["diff"]`` as the task's diff (a configuration change)

    def run(self, tmp=None, task_vars=None):
        result = super().run(tmp, task_vars)
        del tmp
        task_vars = task_vars or {}
        started = time.monotonic()
        stamp = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0).isoformat()
        try:
            _validation, args = self.validate_argument_spec(
                argument_spec=dict(COMMON_SPEC, **self.ARGUMENT_SPEC),
                mutually_exclusive=[["intent", "intent_file", "intent_dir"]])
            self.check_args(args)
            fleet, play = self._fleet(args, task_vars)
        except (AnsibleError, InputError, ValueError) as exc:
            return dict(result, failed=True, changed=False, msg="mxha.srd.%s: %s" % (self.JOB, to_text(exc)))
        report = FleetReport(job=self.JOB, check_mode=bool(self._task.check_mode), started=stamp,
                             problems=[p.to_dict() for p in fleet.problems], notes=list(fleet.notes),
                             options=self.report_options(args))
        self.intent_warnings = []
        runnable, offline = self._validate(fleet.pairs)
        report.pairs.extend(offline)
        report.notes.extend("intent warning, %s" % text for text in self.intent_warnings)
        job = self.pair_job(args, runnable)
        report.pairs.extend(run_fleet([spec for spec, _intent in runnable], job, max_sessions=args["max_sessions"]))
        report.seconds = time.monotonic() - started
        self.last_report = report
        fail_on_drift = bool(args.get("fail_on_drift"))
        failing = report.failing_hosts(fail_on_drift, play)
        table = report.table(every_pair=self.SHOW_OK_LINES)
        if not args.get("quiet"):
            # Printed here rather than by a debug task: it reads the same under every callback (AWX's too),
            # and a task more would cost its per-host overhead over every chassis of the fleet.
            Display().display("\n".join(table))
        result.update(changed=any(p.outcome in ("changed", "drift") for p in report.pairs), report=_compact(report),
                      table=table, msg=report.summary(), failed_hosts=failing,
                      failure=_failure(report, fail_on_drift),
                      pairs={p.pair: p.outcome for p in report.pairs}, ok=not report.failed(fail_on_drift))
        if self.DIFFS and self._task.diff:
            diffs = [d for pair in report.pairs for d in pair.details.get("diff", [])]
            if diffs:
                result["diff"] = diffs
        try:
            result["files"] = self._write(args, report)
        except OSError as exc:
            result.update(failed=True, msg="mxha.srd.%s: the report could not be written: %s" % (self.JOB, exc))
        return result

    # -- to override -----------------------------------------------------------------------------

    def check_args(self, args: dict) -> None:
        """Refuse bad options before any pair is touched (raise ValueError)."""
        if args["max_sessions"] < 2:
            raise ValueError("max_sessions must be at least 2 (a pair holds two sessions), got %d" % args["max_sessions"])

    def report_options(self, args: dict) -> dict:
        return {"max_sessions": args["max_sessions"]}

    def pair_job(self, args: dict, runnable: list):
        raise NotImplementedError

    # -- the pairs ---------------------------------------------------------------------------------

    def _fleet(self, args: dict, task_vars: dict) -> tuple:
        hostvars = task_vars.get("hostvars", {})
        play = list(args.get("hosts") or task_vars.get("ansible_play_hosts_all") or task_vars.get("ansible_play_hosts")
                    or [])
        unknown = [h for h in play if h not in hostvars]
        if unknown:
            raise ValueError("hosts names %s, which the inventory does not hold" % ", ".join(unknown))
        explicit = self._explicit_intents(args)
        inventory = list(hostvars.keys()) if hasattr(hostvars, "keys") else list(hostvars)
        names = set(play)
        if explicit is not None:
            for _source, intent in explicit:
                chassis = intent.get("chassis")
                if isinstance(chassis, Mapping):
                    names |= {str(n) for n in chassis if str(n) in hostvars}
        variables = {h: self._host_vars(hostvars[h], with_intent=explicit is None or h in play) for h in names}
        return fleet_mod.resolve(play, inventory, variables, explicit), play

    def _host_vars(self, host: Mapping, with_intent: bool) -> dict:
        """The connection variables (and intent variables) of one host, templated, as plain data."""
        out: dict[str, Any] = {}
        keys = CONNECTION_VARS + (INTENT_VARS if with_intent else ())
        for key in keys:
            if key not in host:
                continue
            value = plain_copy(self._templar.template(host[key]), path=key)
            if value is not None:
                out[key] = value
        if not any(k.endswith("host_key_checking") for k in out):  # as the netconf connection: ansible.cfg's
            out["ansible_host_key_checking"] = bool(C.HOST_KEY_CHECKING)
        return out

    def _explicit_intents(self, args: dict) -> Optional[list]:
        if args.get("intent") is not None:
            given = args["intent"]
            if isinstance(given, str):
                given = self._loader.load(given)
            items = given if isinstance(given, list) else [given]
            out = []
            for index, item in enumerate(items):
                if not isinstance(item, Mapping):
                    raise InputError("intent[%d] must be a mapping (docs/pair-intent.md), got %s"
                                     % (index, type(item).__name__))
                label = "intent" if len(items) == 1 else "intent[%d]" % index
                out.append((label, plain_copy(item, path=label)))
            return out
        if args.get("intent_file"):
            return [(args["intent_file"], self._load_file(args["intent_file"]))]
        if args.get("intent_dir"):
            folder = os.path.abspath(os.path.expanduser(args["intent_dir"]))
            if not os.path.isdir(folder):
                raise InputError("intent_dir %s is not a directory" % args["intent_dir"])
            files = sorted(glob.glob(os.path.join(folder, "*.yml")) + glob.glob(os.path.join(folder, "*.yaml")))
            if not files:
                raise InputError("intent_dir %s holds no .yml or .yaml file" % args["intent_dir"])
            return [(path, self._load_file(path)) for path in files]
        return None

    def _load_file(self, path: str) -> dict:
        # absolute: the loader would read a relative path against the playbook's directory, which is the
        # collection's own when a playbook is run by name (ansible-playbook mxha.srd.drift -e intent_file=x)
        found = os.path.abspath(os.path.expanduser(path))
        if not os.path.isfile(found):
            try:
                found = self._find_needle("files", path)
            except AnsibleError:
                raise InputError("intent file %s not found" % path) from None
        try:
            data = self._loader.load_from_file(found)
        except AnsibleError as exc:
            raise InputError("%s is not valid YAML: %s" % (path, " ".join(to_text(exc).split()[:40]))) from None
        if not isinstance(data, Mapping):
            raise InputError("%s must hold a pair intent, a mapping (docs/pair-intent.md)" % path)
        return plain_copy(data, path=path)

    def _validate(self, pairs) -> tuple[list, list]:
        """Load each pair's intent offline: runnable pairs with their loaded intent, and failed outcomes.

        The intents' warnings go into the report's notes, once per pair."""
        runnable, offline = [], []
        for spec in pairs:
            try:
                loaded = intent_mod.load(spec.intent)
            except InputError as exc:
                offline.append(_offline(spec, "the intent cannot be read: %s" % exc))
                continue
            errors = [v for v in loaded.violations if v.is_error]
            warnings = [v for v in loaded.violations if not v.is_error]
            self.intent_warnings.extend("%s: %s" % (spec.name, v) for v in warnings)
            if errors:
                offline.append(_offline(spec, "the intent is not valid (%d violation%s), nothing was sent:\n%s" % (
                    len(errors), "" if len(errors) == 1 else "s", summarize(errors)), [str(v) for v in errors]))
                continue
            runnable.append((spec, loaded))
        return runnable, offline

    # -- the report --------------------------------------------------------------------------------

    def _write(self, args: dict, report: FleetReport) -> dict:
        if not args.get("report_dir"):
            return {}
        folder = os.path.abspath(os.path.expanduser(args["report_dir"]))
        os.makedirs(folder, exist_ok=True)
        base = os.path.join(folder, args.get("report_name") or self.JOB)
        files = {"json": base + ".json", "junit": base + ".junit.xml", "text": base + ".txt"}
        texts = {"json": json.dumps(report.to_dict(), indent=2, sort_keys=True) + "\n", "junit": report.junit(),
                 "text": "\n".join(report.table()) + "\n"}
        for kind, path in files.items():
            with open(to_bytes(path), "wb") as handle:
                handle.write(to_bytes(texts[kind]))
        return files


def _compact(report: FleetReport) -> dict:
    """The report a task registers: every pair's outcome, findings and lines, but ``details`` only for the
    pairs that failed or drifted. A run_once result is registered on every host of the play and travels
    with each later task of each host, so a fleet's worth of details would slow every task after it;
    the files under ``report_dir`` hold the whole report."""
    data = report.to_dict()
    for pair in data["pairs"]:
        if pair["outcome"] not in ("failed", "drift"):
            pair["details"] = {}
    return data


def _failure(report: FleetReport, fail_on_drift: bool) -> str:
    """What a failed run says, one line per pair that failed (or drifted) and per problem; "" when it did not fail."""
    if not report.failed(fail_on_drift):
        return ""
    bad = [p for p in report.pairs if p.outcome == "failed" or (fail_on_drift and p.outcome == "drift")]
    lines = ["%s: %d of %d pair%s did not succeed%s" % (
        report.job, len(bad), len(report.pairs), "" if len(report.pairs) == 1 else "s",
        ", and %d inventory problem%s" % (len(report.problems), "" if len(report.problems) == 1 else "s")
        if report.problems else "")]
    lines += ["%s (%s): %s" % (p.pair, " + ".join(p.chassis), p.summary) for p in bad]
    lines += ["inventory %s: %s" % (pr.get("kind"), pr.get("message")) for pr in report.problems]
    return "\n".join(lines)


def _offline(spec, message: str, findings: Optional[list] = None) -> PairOutcome:
    outcome = failed(spec, message.split("\n", 1)[0])
    outcome.findings = findings or [message]
    outcome.lines = message.split("\n")[1:]
    outcome.rpcs = {name: 0 for name in spec.chassis}
    return outcome
