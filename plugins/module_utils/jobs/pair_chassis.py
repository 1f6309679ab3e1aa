# -*- coding: utf-8 -*-
# Copyright: mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""One chassis' part of a pair transaction: plan, push with commit confirmed, confirm, restore.

Why apart from the pair logic (``pair_deploy``): each step here is about one session and says
exactly what it proved (a commit history entry, a re-read), so the pair logic can decide from facts,
never from a reply that may be lost or late.

How a commit is recognised as ours: the ``log`` of every commit the run makes carries its ``token``
(``mxha.srd deploy <pair> [<token>]``), and ``get-commit-information`` shows that log. A commit
confirmed still pending is entry 0 with the comment "commit confirmed, rollback in Nmins"; once it
is confirmed our confirmation is entry 0 and the commit confirmed entry 1; after an automatic
rollback entry 0 is Junos' own ("by root via other").
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Callable, Optional

from ansible_collections.mxha.srd.plugins.module_utils.fleet.links import ChassisLink
from ansible_collections.mxha.srd.plugins.module_utils.jobs.pair_reads import read_again, read_candidate, read_config
from ansible_collections.mxha.srd.plugins.module_utils.netconf.config_session import (
    CommitEntry, ConfigSession, Transaction, TransactionFailed, parse_commit_information,
)
from ansible_collections.mxha.srd.plugins.module_utils.netconf.transport import NetconfError, SessionLost
from ansible_collections.mxha.srd.plugins.module_utils.resource.payload import build_payload
from ansible_collections.mxha.srd.plugins.module_utils.resource.runner import commands_of, model_compare
from ansible_collections.mxha.srd.plugins.module_utils.resource.states import compute_want
from ansible_collections.mxha.srd.plugins.module_utils.srd.diff import diff as model_diff
from ansible_collections.mxha.srd.plugins.module_utils.srd.model.config import RESOURCES, ChassisConfig
from ansible_collections.mxha.srd.plugins.module_utils.srd.model.validate import validate_chassis, vrrp_groups_to_create

OLD = "old"
NEW = "new"
NEITHER = "neither"
UNKNOWN = "unknown"


class StepFailed(Exception):
    """A chassis step did not go through; ``reason`` is a stable word, the message says what happened."""

    def __init__(self, message: str, reason: str = "failed", **details):
        super().__init__(message)
        self.reason = reason
        self.details = details


@dataclass
class ChassisPlan:
    """What one chassis holds and what it should hold; ``payload`` is None when nothing differs."""

    name: str
    before: ChassisConfig
    want: ChassisConfig
    payload: object = None
    commands: dict = field(default_factory=dict)
    compare: str = ""
    changes: list = field(default_factory=list)
    unmodelled: list = field(default_factory=list)

    @property
    def changing(self) -> bool:
        return self.payload is not None


def plan(link: ChassisLink, given: ChassisConfig, state: str) -> ChassisPlan:
    """Read the chassis once and work out the change (no lock)."""
    parsed = read_again(link, lambda transport: read_config(transport, link.name))
    have = parsed.config
    want = compute_want(state, have, given, RESOURCES)
    already = {(v.path, v.rule) for v in validate_chassis(have)}
    bad = [v for v in validate_chassis(want) if v.is_error and (v.path, v.rule) not in already]
    bad += vrrp_groups_to_create(have, want, parsed.vrrp_groups_present, link.name)
    if bad:
        raise StepFailed("the change would leave %s with %d SRD rule violation%s: %s" % (
            link.name, len(bad), "" if len(bad) == 1 else "s", "; ".join(str(v) for v in bad[:5])), "invalid-change")
    changes = model_diff(have, want, RESOURCES)
    payload = build_payload(have, want) if changes else None
    return ChassisPlan(link.name, have, want, payload, commands_of(payload),
                       model_compare(have, want) if payload is not None else "", changes.to_list(),
                       list(parsed.unmodelled))


def history(link: ChassisLink) -> list[CommitEntry]:
    return parse_commit_information(link.transport.rpc("<get-commit-information/>"))


def history_again(link: ChassisLink) -> list[CommitEntry]:
    """The commit history, read once more on a fresh session if the session was lost."""
    return read_again(link, lambda transport: parse_commit_information(transport.rpc("<get-commit-information/>")))


def minutes_left(entry: CommitEntry) -> Optional[int]:
    """The minutes Junos says are left of a pending commit confirmed ("rollback in 3mins")."""
    text = entry.comment.split("rollback in", 1)[-1].strip()
    digits = "".join(ch for ch in text if ch.isdigit())
    return int(digits) if digits else None


@dataclass
class Push:
    """A chassis' commit confirmed: when it was sent (controller clock) and the transaction holding the lock."""

    name: str
    sent: float
    deadline: float
    tx: Transaction


def push(link: ChassisLink, chassis_plan: ChassisPlan, log: str, minutes: int, window: float,
         clock: Callable[[], float] = time.monotonic) -> Push:
    """lock, load, commit check, compare, read the candidate back, commit confirmed; keep the lock. The
    deadline is measured on the controller from the moment the commit was *sent* (the timer cannot start
    earlier).

    Why read the candidate back (one RPC): a load can leave the candidate short of what was asked without
    an error, for instance when it deletes a statement a configuration group provides (apply-groups), which
    only the group can take away; committing it would leave the chassis on neither configuration."""
    session = ConfigSession(link.transport, link.name)
    tx = Transaction(session, RESOURCES, hold=True)
    with tx:
        tx.load(chassis_plan.payload)
        tx.check()
        if not tx.compare().strip():
            raise TransactionFailed("compare", "%s reports no difference after loading the change; nothing was "
                                    "committed (a value is probably stored in another form on the device)" % link.name,
                                    reason="no-difference")
        loaded = tx.step("candidate-read", read_candidate, link.transport, link.name).config
        short = model_diff(loaded, chassis_plan.want, RESOURCES)
        if short:
            paths = [c.path for c in short.changes]
            raise TransactionFailed("candidate-read", "after loading the change, the candidate of %s still differs from "
                                    "what the deploy wants at %s%s; nothing was committed. A statement a configuration "
                                    "group provides (apply-groups) cannot be removed by a deploy: take it out of the "
                                    "group by hand, or keep it in the intent" % (
                                        link.name, ", ".join(paths[:5]), " and %d more" % (len(paths) - 5)
                                        if len(paths) > 5 else ""), reason="candidate-differs")
        sent = clock()
        tx.commit(log, minutes)
    return Push(link.name, sent, sent + window, tx)


@dataclass(frozen=True)
class Logs:
    """The commit logs of one run: each names the run's token, so the history tells our commits apart."""

    base: str

    @property
    def confirm(self) -> str:
        return self.base + " confirm"

    @property
    def restore(self) -> str:
        return self.base + " restore"

    @property
    def restore_confirm(self) -> str:
        return self.base + " restore confirm"


def _log(entry: Optional[CommitEntry]) -> str:
    return (entry.log or "").strip() if entry is not None else ""


def pending_is_ours(entry: Optional[CommitEntry], logs: Logs) -> bool:
    return entry is not None and _log(entry) == logs.base and entry.awaits_confirmation


def confirm(link: ChassisLink, pushed: Push, logs: Logs, margin: float,
            clock: Callable[[], float] = time.monotonic) -> str:
    """Confirm our pending commit, then prove it from the commit history. Returns the proof.

    Refuses (StepFailed ``too-late``) unless more than ``margin`` seconds are left, judged on the
    controller's clock both before asking and after the answer (a late answer may be stale). A
    session lost on the way is reopened and the history decides: our confirmation is there (its
    reply was lost), our commit is still pending (confirm again, time allowing), or it rolled back.
    """
    for attempt in (1, 2):
        _time_left(link, pushed, margin, clock, "")
        try:
            entries = history(link)
            newest = entries[0] if entries else None
            if _log(newest) == logs.confirm:
                return _proved(entries, logs, link.name)
            if not pending_is_ours(newest, logs):
                raise StepFailed("%s no longer has our commit confirmed pending: the newest commit is %s (it rolled "
                                 "back, or someone committed since)" % (
                                     link.name, newest.describe() if newest else "missing"), "rolled-back")
            _time_left(link, pushed, margin, clock, "the commit history answered late: ")
            session = ConfigSession(link.transport, link.name)
            with Transaction(session, RESOURCES, locked=pushed.tx.held) as tx:
                tx.commit(logs.confirm)
            pushed.tx.held = False  # the confirming transaction released the lock
            return _proved(history(link), logs, link.name)
        except (SessionLost, TransactionFailed) as exc:
            if attempt == 2 or (isinstance(exc, TransactionFailed) and exc.reason != "session-lost"):
                raise StepFailed("confirming %s failed: %s" % (link.name, exc), "confirm-failed") from exc
            pushed.tx.held = False  # the lock went with the session
            link.reopen()
    raise StepFailed("confirming %s failed" % link.name, "confirm-failed")  # pragma: no cover


def _time_left(link: ChassisLink, pushed: Push, margin: float, clock, prefix: str) -> None:
    left = pushed.deadline - clock()
    if left <= margin:
        raise StepFailed("%sonly %.1f s were left before %s rolls back by itself, less than the margin of %.0f s: "
                         "too late to confirm safely" % (prefix, max(left, 0.0), link.name, margin), "too-late")


def _proved(entries: list[CommitEntry], logs: Logs, name: str) -> str:
    """Our confirmation is entry 0 and our commit confirmed entry 1: nothing rolled back in between."""
    if len(entries) >= 2 and _log(entries[0]) == logs.confirm and _log(entries[1]) == logs.base:
        return "confirmed: %s follows %s" % (entries[0].describe(), entries[1].describe())
    raise StepFailed("%s: the commit history does not show our confirmation right after our commit confirmed "
                     "(newest: %s)" % (name, "; ".join(e.describe() for e in entries[:3]) or "none"), "unproved")


def state_now(link: ChassisLink, chassis_plan: ChassisPlan) -> tuple[str, str]:
    """What the chassis holds now, verified by a re-read (reconnecting if the session is gone)."""
    try:
        try:
            now = read_config(link.transport, link.name).config
        except (SessionLost, NetconfError):
            now = read_config(link.reopen(), link.name).config
    except Exception as exc:  # pylint: disable=broad-except  # unreachable: say so, never guess
        return UNKNOWN, "could not be re-read: %s" % exc
    if not model_diff(now, chassis_plan.want, RESOURCES):
        return NEW, "holds the new configuration (verified by re-reading)"
    if not model_diff(now, chassis_plan.before, RESOURCES):
        return OLD, "holds its configuration from before the deploy (verified by re-reading)"
    return NEITHER, "holds neither the new configuration nor the one from before (CHECK IT BY HAND)"


def restore(link: ChassisLink, chassis_plan: ChassisPlan, logs: Logs, minutes: int,
            held: Optional[Transaction] = None) -> str:
    """Bring a chassis back to its configuration from before the deploy, itself safely: the reverse
    change with commit confirmed, a re-read that must equal the old configuration, then the
    confirmation. Returns what was done; raises StepFailed when it could not be done."""
    try:
        now = read_config(link.transport, link.name).config
    except (SessionLost, NetconfError):
        held = None
        now = read_config(link.reopen(), link.name).config
    payload = build_payload(now, chassis_plan.before)
    session = ConfigSession(link.transport, link.name)
    if payload is None:
        if held is not None:
            held.release()
        return "already held its configuration from before the deploy (verified by re-reading)"
    locked = held is not None and held.held
    if locked:
        held.held = False  # handed over to the restore's transaction
    tx = Transaction(session, RESOURCES, hold=True, locked=locked)
    with tx:
        tx.load(payload)
        tx.check()
        tx.commit(logs.restore, minutes)
    try:
        back = read_config(link.transport, link.name).config
        if model_diff(back, chassis_plan.before, RESOURCES):
            raise StepFailed("%s: after the restore's commit confirmed the configuration still differs from before "
                             "the deploy; not confirmed, it rolls back by itself" % link.name, "restore-unverified")
        session.commit(logs.restore_confirm)
    finally:
        try:
            tx.release()
        except NetconfError:
            pass
    return "restored to its configuration from before the deploy (commit confirmed, re-read, confirmed)"
