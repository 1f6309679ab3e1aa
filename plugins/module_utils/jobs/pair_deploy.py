# -*- coding: utf-8 -*-
# Copyright: mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Deploy a pair intent as one pair transaction: both chassis end on the new configuration, or both
on the old, and the outcome says which, verified by re-reading (docs/pair-transaction.md).

The protocol, holding both sessions from the first read to the last:

1. read both chassis (one ``get-configuration`` each); nothing differs: done, no lock;
2. refuse if a chassis to change has a commit confirmed pending that is not ours (``takeover`` to go on);
3. on each chassis to change: lock, load, commit check, compare, commit confirmed; the lock is kept,
   so nobody's edit can slip in before the confirmation; the rollback deadline is measured on the
   controller from the moment the commit was sent;
4. health gate over the pair (live state of both, polled until settled, bounded by the deadline);
5. confirm chassis by chassis, each with time to spare, each proved from the commit history;
6. any failure after a commit: every chassis that holds the new configuration is restored (itself
   with commit confirmed, a re-read and a confirmation), then both are re-read and reported.

The one window this cannot close without a two-phase commit on Junos: the controller dies (or loses
both chassis for good) after one confirmation and before the other; the unconfirmed chassis rolls
back by itself and the pair stays split until the next deploy or drift check finds it.
"""
from __future__ import annotations

import time
import uuid
from dataclasses import dataclass
from typing import Callable, Mapping, Optional, Sequence

from ansible_collections.mxha.srd.plugins.module_utils.fleet.links import ChassisLink
from ansible_collections.mxha.srd.plugins.module_utils.fleet.report import CHANGED, FAILED, OK, PairOutcome
from ansible_collections.mxha.srd.plugins.module_utils.jobs import pair_chassis as chassis_steps
from ansible_collections.mxha.srd.plugins.module_utils.jobs.pair_chassis import NEW, OLD, Logs, StepFailed
from ansible_collections.mxha.srd.plugins.module_utils.jobs.pair_health import HealthGate
from ansible_collections.mxha.srd.plugins.module_utils.jobs.pair_reads import both, errors_of
from ansible_collections.mxha.srd.plugins.module_utils.netconf.config_session import TransactionFailed
from ansible_collections.mxha.srd.plugins.module_utils.srd.intent.fleet import PairSpec
from ansible_collections.mxha.srd.plugins.module_utils.srd.model.config import ChassisConfig

STATES = ("merged", "replaced", "overridden")


@dataclass
class DeployOptions:
    state: str = "overridden"
    confirm_timeout: int = 5            # Junos minutes
    minute_seconds: float = 60.0        # seconds in one of those minutes (the emulator can be faster)
    margin: float = 20.0                # never start a confirmation with less than this left
    health_timeout: float = 120.0
    health_interval: float = 5.0
    comment: str = ""
    takeover: bool = False
    check_mode: bool = False

    @property
    def window(self) -> float:
        return self.confirm_timeout * self.minute_seconds

    def problems(self) -> list[str]:
        out = []
        if self.state not in STATES:
            out.append("state must be one of %s, got %s" % (", ".join(STATES), self.state))
        if not 1 <= self.confirm_timeout <= 65535:
            out.append("confirm_timeout is in Junos minutes, 1 to 65535, got %s" % self.confirm_timeout)
        if self.minute_seconds <= 0 or self.health_interval <= 0 or self.health_timeout < 0 or self.margin < 0:
            out.append("minute_seconds and health_interval must be positive, health_timeout and margin not negative")
        elif self.margin >= self.window:
            out.append("margin (%s s) leaves no time to confirm in a window of %s s (confirm_timeout %s x "
                       "minute_seconds %s)" % (self.margin, self.window, self.confirm_timeout, self.minute_seconds))
        return out


class Extension:
    """A step the pair transaction runs at a fixed point: before the push (nothing sent yet but the reads,
    e.g. a backup) and after both chassis are confirmed and verified (e.g. putting sets where the intent
    places them). ``before_push`` returns lines for the outcome, or raises :class:`StepFailed` to stop the
    pair with nothing changed. ``after_push`` runs once the changed chassis hold the new configuration with
    commit confirmed, before the health gate (e.g. running an acquire policy again so a primary gets its
    changed signal route); it returns step lines, StepFailed restores the pair. ``after_confirm`` runs once
    both chassis hold the configuration (confirmed now, or already before) and returns (changed, lines);
    StepFailed fails the pair, whose configuration stays. ``predict`` is its check-mode twin: (would change,
    lines), nothing sent but reads."""

    def before_push(self, deploy: "PairDeploy") -> list:
        return []

    def after_push(self, deploy: "PairDeploy") -> list:
        return []

    def after_confirm(self, deploy: "PairDeploy") -> tuple:
        return False, []

    def predict(self, deploy: "PairDeploy") -> tuple:
        return False, []


class PairDeploy:
    """One pair transaction to ``configs`` (one ChassisConfig per chassis: a pair intent's, or a backup's);
    ``run`` returns the pair's outcome and never raises for a device fault."""

    def __init__(self, spec: PairSpec, configs: Mapping[str, ChassisConfig], links: Mapping[str, ChassisLink],
                 options: DeployOptions, token: Optional[str] = None, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep, extensions: Sequence[Extension] = ()):
        self.spec = spec
        self.configs = configs
        self.extensions = list(extensions)
        self.links = links
        self.options = options
        self.clock = clock
        self.sleep = sleep
        base = options.comment or "mxha.srd deploy %s" % spec.name
        self.logs = Logs("%s [%s]" % (base, token or uuid.uuid4().hex[:12]))
        self.names = spec.chassis
        self.plans: dict = {}
        self.pushed: dict = {}
        self.steps: list[str] = []
        self.proofs: dict = {}
        self.timings: dict = {}  # seconds per phase, in the result a user can attach to a report
        self._phase_started = clock()

    # -- the transaction ---------------------------------------------------------------------------

    def run(self) -> PairOutcome:
        opts = self.options
        results = both(self.names, lambda n: chassis_steps.plan(self.links[n], self.configs[n], opts.state))
        self._phase("read")
        failed = errors_of(results)
        if failed:
            return self._outcome(FAILED, "could not read or plan %s; nothing was changed" % _which(failed),
                                 {n: (OLD, "nothing was sent but reads") for n in self.names}, failed)
        self.plans = results
        changing = [n for n in self.names if self.plans[n].changing]
        if opts.check_mode:
            moves, lines = self._extensions("predict")
            if not changing:
                return self._outcome(CHANGED if moves else OK, "both chassis already hold the intent (check mode: "
                                     "one read each)", {n: (NEW, "already held the intent") for n in self.names},
                                     extra=lines, predicted=True)
            return self._outcome(CHANGED, "would change %s (check mode: one read per chassis, nothing sent)"
                                 % ", ".join(changing), {n: ("would-change", "%d statement%s would change" % (
                                     len(self.plans[n].commands.get("set", [])),
                                     "" if len(self.plans[n].commands.get("set", [])) == 1 else "s"))
                                     if n in changing else (NEW, "already held the intent") for n in self.names},
                                 extra=lines, predicted=True)
        if not changing:
            held = {n: (NEW, "already held the intent") for n in self.names}
            try:
                moved, lines = self._extensions("after_confirm")
            except StepFailed as exc:
                return self._outcome(FAILED, "both chassis already hold the intent, but then: %s" % exc, held)
            return self._outcome(CHANGED if moved else OK, "both chassis already hold the intent (one read each, no "
                                 "lock, no commit)", held, extra=lines)
        refused = self._foreign_pending(changing)
        if refused:
            return self._outcome(FAILED, "refused: " + refused, {n: (OLD, "nothing was changed") for n in self.names})
        try:
            for extension in self.extensions:
                self.steps.extend(extension.before_push(self))
        except StepFailed as exc:
            return self._outcome(FAILED, "refused before any change: %s" % exc,
                                 {n: (OLD, "nothing was changed") for n in self.names})
        self._phase("checks")
        pushes = both(changing, self._push)
        self._phase("push")
        failed = errors_of(pushes)
        self.pushed = {n: p for n, p in pushes.items() if not isinstance(p, Exception)}
        if failed:
            return self._abort("the push failed on %s" % _which(failed), failed)
        try:
            for extension in self.extensions:   # an extension written before this hook may not have it
                self.steps.extend(getattr(extension, "after_push", lambda deploy: [])(self))
        except StepFailed as exc:
            return self._abort("after the push: %s" % exc, {})
        gate = HealthGate(self.configs, self.links, opts.health_interval, self.clock, self.sleep)
        limit = min(p.deadline for p in self.pushed.values()) - opts.margin
        verdict = gate.wait(min(self.clock() + opts.health_timeout, limit))
        self._phase("health")
        self.steps.append("health gate: %s" % verdict.summary)
        if not verdict.healthy:
            return self._abort("the health gate failed: %s" % verdict.summary, {}, verdict.lines)
        for name in sorted(changing):
            try:
                self.proofs[name] = chassis_steps.confirm(self.links[name], self.pushed[name], self.logs, opts.margin,
                                                          self.clock)
                self.steps.append("%s: %s" % (name, self.proofs[name]))
            except StepFailed as exc:
                return self._abort("the confirmation of %s failed: %s" % (name, exc), {name: exc}, verdict.lines)
        self._phase("confirm")
        finals = self._verify(changing)
        self._phase("verify")
        if all(state == NEW for state, _how in finals.values()):
            try:
                _moved, after = self._extensions("after_confirm")
            except StepFailed as exc:
                return self._outcome(FAILED, "deployed (both chassis hold the intent, confirmed), then: %s" % exc,
                                     finals, extra=verdict.lines)
            return self._outcome(CHANGED, "deployed: both chassis hold the intent (confirmed, verified by "
                                 "re-reading)", finals, extra=verdict.lines + after)
        return self._abort("after the confirmations a re-read does not show the intent on %s"
                           % ", ".join(n for n, (s, _h) in finals.items() if s != NEW), {}, verdict.lines)

    def _phase(self, name: str) -> None:
        """Close the current phase under ``name`` (read, push, health, confirm, verify, restore ...)."""
        now = self.clock()
        self.timings[name] = round(self.timings.get(name, 0.0) + now - self._phase_started, 3)
        self._phase_started = now

    def _extensions(self, hook: str) -> tuple:
        """Run one hook of every extension: whether any changed (or would change) something, and their lines."""
        changed, lines = False, []
        for extension in self.extensions:
            did, more = getattr(extension, hook)(self)
            changed = changed or did
            lines.extend(more)
        return changed, lines

    def _foreign_pending(self, changing) -> str:
        """A commit confirmed pending on a chassis to change that this run did not make."""
        if self.options.takeover:
            return ""
        found = []
        for name in changing:
            try:
                entries = chassis_steps.history_again(self.links[name])
            except Exception as exc:  # pylint: disable=broad-except
                return "the commit history of %s could not be read (%s)" % (name, exc)
            newest = entries[0] if entries else None
            if newest is not None and newest.awaits_confirmation:
                left = chassis_steps.minutes_left(newest)
                remaining = "" if left is None else ", about %s min left" % left
                found.append("%s has a commit confirmed pending that this deploy did not make: %s%s" % (
                    name, newest.describe(), remaining))
        if not found:
            return ""
        return ("; ".join(found) + ". Deploying now would commit that change along with ours and make it permanent "
                "whatever happens. Let its owner confirm it (or let it roll back), then deploy; or set takeover: "
                "true to deploy over it.")

    def _push(self, name: str):
        plan = self.plans[name]
        try:
            return chassis_steps.push(self.links[name], plan, self.logs.base, self.options.confirm_timeout,
                                      self.options.window, self.clock)
        except TransactionFailed as exc:
            raise StepFailed("%s: %s" % (name, exc), exc.reason, step=exc.step, cleanup=exc.cleanup,
                             rpc_errors=[e.as_dict() for e in exc.errors]) from exc

    # -- when something failed ---------------------------------------------------------------------

    def _abort(self, reason: str, failed: Mapping[str, Exception], extra: Optional[list] = None) -> PairOutcome:
        """Bring every chassis that may hold the new configuration back, then say what each holds."""
        finals = {}
        for name in self.names:
            plan = self.plans[name]
            if not plan.changing:
                finals[name] = (OLD, "was not changed (its configuration already matched the intent)")
                continue
            state, how = chassis_steps.state_now(self.links[name], plan)
            if state == NEW:
                held = self.pushed[name].tx if name in self.pushed else None
                try:
                    done = chassis_steps.restore(self.links[name], plan, self.logs, self.options.confirm_timeout, held)
                    self.steps.append("%s: %s" % (name, done))
                except Exception as exc:  # pylint: disable=broad-except  # reported below, verified by re-read
                    self.steps.append("%s: the restore failed: %s" % (name, exc))
                state, how = chassis_steps.state_now(self.links[name], plan)
            else:
                self._release(name)
            finals[name] = (state, how)
        self._phase("restore")
        changed = [n for n in self.names if self.plans[n].changing]
        states = {finals[n][0] for n in changed}
        if states == {OLD}:
            verdict = "the pair is back on its old configuration (verified by re-reading)"
        elif states == {NEW}:
            verdict = "both chassis hold the new configuration after all (verified by re-reading)"
        else:
            verdict = "THE PAIR MAY BE SPLIT: check each chassis below"
        held = ", ".join("%s: %s" % (n, finals[n][0]) for n in self.names)
        return self._outcome(FAILED, "%s; %s [%s]" % (reason, verdict, held), finals, failed, extra=extra)

    def _release(self, name: str) -> None:
        pushed = self.pushed.get(name)
        if pushed is not None and pushed.tx.held:
            try:
                pushed.tx.release()
            except Exception:  # pylint: disable=broad-except  # the session may be gone; Junos then unlocks
                pass

    def _verify(self, changing) -> dict:
        finals = {}
        for name in self.names:
            if name in changing:
                self._release(name)
                finals[name] = chassis_steps.state_now(self.links[name], self.plans[name])
            else:
                finals[name] = (NEW, "already held the intent (read at the start)")
        return finals

    # -- the outcome -------------------------------------------------------------------------------

    def _outcome(self, outcome: str, summary: str, finals: Mapping, failed: Optional[Mapping] = None,
                 extra: Optional[list] = None, predicted: bool = False) -> PairOutcome:
        lines, findings, diffs, chassis = [], [], [], {}
        for name in self.names:
            state, how = finals.get(name, ("unknown", ""))
            plan = self.plans.get(name)
            lines.append("%s: %s%s" % (name, state, (" - " + how) if how else ""))
            if failed and name in failed:
                findings.append("%s: %s" % (name, failed[name]))
            entry = {"state": state, "how": how}
            if plan is not None:
                entry.update(changed=plan.changing, commands=plan.commands.get("set", []), changes=plan.changes)
                if plan.changing:
                    diffs.append({"prepared": "[%s]\n%s" % (name, plan.compare)})
                    if predicted:  # check mode shows the change itself; a run shows it with --diff
                        lines.extend("  %s" % line for line in plan.commands.get("set", []))
                    else:
                        lines.append("  %d statement%s in the change (--diff shows them)" % (
                            len(plan.commands.get("set", [])), "" if len(plan.commands.get("set", [])) == 1 else "s"))
                if plan.unmodelled:
                    entry["unmodelled"] = plan.unmodelled
            if failed and name in failed:
                error = failed[name]
                entry["error"] = str(error)
                entry.update(getattr(error, "details", {}) or {})
            chassis[name] = entry
        lines.extend(extra or [])
        lines.extend("step: %s" % step for step in self.steps)
        self._phase("report")
        details = {"chassis": chassis, "diff": diffs, "log": self.logs.base, "predicted": predicted,
                   "seconds": dict(self.timings)}
        return PairOutcome(self.spec.name, self.names, outcome, summary, findings=findings or (
            [summary] if outcome == FAILED else []), lines=lines, details=details)


def _which(failed: Mapping[str, Exception]) -> str:
    return "; ".join("%s (%s)" % (name, exc) for name, exc in sorted(failed.items()))
