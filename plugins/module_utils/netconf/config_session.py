# -*- coding: utf-8 -*-
# Copyright: mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Junos configuration operations on top of :class:`Transport`, and the one transaction a change takes.

The RPCs, in the order a changing task sends them (connection already up)::

    get-configuration (filtered, committed)   # the task's only read; check mode/gathered stop here
    lock            | open-configuration <private/>
    load-configuration (one XML payload for every resource of the task)
    commit-configuration <check/>
    get-configuration compare="rollback" rollback="0" format="text"
    commit-configuration <log/> [<confirmed/><confirm-timeout/>]
    unlock          | close-configuration

On any failure :class:`Transaction` sends ``discard-changes`` and releases the lock, then re-raises
a :class:`TransactionFailed` carrying every ``<rpc-error>``. A dirty shared candidate is detected
for free: Junos (RFC 6241 section 7.5) refuses ``<lock>`` on a candidate with uncommitted changes,
and the compare after the load must show only statements inside the task's own hierarchies.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import asdict, dataclass
from typing import Iterable, Optional

from ansible_collections.mxha.srd.plugins.module_utils.srd.junos.scope import foreign_statements
from ansible_collections.mxha.srd.plugins.module_utils.srd.live.replies import NAMES
from ansible_collections.mxha.srd.plugins.module_utils.netconf.transport import (
    NetconfError,
    RpcError,
    RpcErrorDetail,
    SessionLost,
    Transport,
    local_name,
)

EXCLUSIVE = "exclusive"
PRIVATE = "private"
CONFIG_MODES = (EXCLUSIVE, PRIVATE)


class TransactionFailed(Exception):
    """A configuration change did not go through; ``step`` says where, ``errors`` lists every rpc-error."""

    def __init__(self, step: str, message: str, errors: Optional[list[RpcErrorDetail]] = None,
                 cleanup: Optional[list[str]] = None, reason: str = "rpc-error"):
        self.step = step
        self.errors = list(errors or [])
        self.cleanup = list(cleanup or [])
        self.reason = reason
        super().__init__(message)

    def as_dict(self) -> dict:
        return {"step": self.step, "reason": self.reason, "rpc_errors": [e.as_dict() for e in self.errors],
                "cleanup": self.cleanup}


def _el(tag: str, text: Optional[str] = None, **attrib: str) -> ET.Element:
    elem = ET.Element(tag, attrib)
    if text is not None:
        elem.text = text
    return elem


def _sub(parent: ET.Element, tag: str, text: Optional[str] = None) -> ET.Element:
    elem = ET.SubElement(parent, tag)
    if text is not None:
        elem.text = text
    return elem


def _candidate_target(tag: str) -> ET.Element:
    rpc = _el(tag)
    _sub(_sub(rpc, "target"), "candidate")
    return rpc


def _has_attr(payload: ET.Element, name: str) -> bool:
    return any(name in node.attrib for node in payload.iter())


@dataclass(frozen=True)
class CommitEntry:
    """One entry of ``show system commit`` (``<commit-history>``); entry 0 is what the router runs."""

    sequence: int
    user: str = ""
    client: str = ""
    date_time: str = ""
    comment: str = ""
    log: str = ""

    @property
    def awaits_confirmation(self) -> bool:
        """Junos marks an unconfirmed commit confirmed "commit confirmed, rollback in Nmins". A later
        commit (the confirmation) or the automatic rollback becomes the new entry 0, so only entry 0
        can still be waiting. Wording only: the commit history carries no structured flag for it
        (docs/srd-operational-replies.md)."""
        return self.sequence == 0 and "commit confirmed" in self.comment and "rollback in" in self.comment

    def describe(self) -> str:
        when, who, how = self.date_time or "time unknown", self.user or "?", self.client or "?"
        text = "commit %d (%s by %s via %s" % (self.sequence, when, who, how)
        return text + (", %s)" % self.comment if self.comment else ")")

    def as_dict(self) -> dict:
        return asdict(self)


def _field(node: ET.Element, meaning: str) -> str:
    for name in NAMES[meaning]:
        found = node.findtext(name)
        if found is not None:
            return found.strip()
    return ""


def parse_commit_information(reply: ET.Element) -> list[CommitEntry]:
    """The ``<commit-history>`` entries of a (namespace-free) ``get-commit-information`` reply, newest first.

    Element names are ``srd.live.replies.NAMES``' (``commit_*``), where the compatibility check finds them too."""
    entries = []
    for node in reply.iter():
        if local_name(node.tag) not in NAMES["commit_entry"]:
            continue
        try:
            sequence = int(_field(node, "commit_sequence"))
        except ValueError:
            continue
        entries.append(CommitEntry(sequence, *(_field(node, meaning) for meaning in (
            "commit_user", "commit_client", "commit_date_time", "commit_comment", "commit_log"))))
    return sorted(entries, key=lambda e: e.sequence)


class ConfigSession:
    """The Junos configuration RPCs mxha.srd uses, each one RPC through the counted transport."""

    def __init__(self, transport: Transport, host: str = "the device"):
        self.transport = transport
        self.host = host

    # -- reads ---------------------------------------------------------------------------------

    def get_configuration(self, subtree: Optional[ET.Element] = None, database: str = "committed",
                          inherit: bool = True) -> ET.Element:
        """The ``<configuration>`` (namespace-free) selected by ``subtree``.

        ``database="committed"`` reads what the router runs (never someone's half-done candidate);
        ``inherit`` expands ``apply-groups`` so statements that come from groups are not mistaken for
        missing ones.
        """
        attrs = {"database": database, "format": "xml"}
        if inherit:
            attrs["inherit"] = "inherit"
        rpc = _el("get-configuration", **attrs)
        if subtree is not None:
            rpc.append(subtree)
        reply = self.transport.rpc(rpc)
        config = reply if local_name(reply.tag) == "configuration" else reply.find(".//configuration")
        if config is None:
            warnings = "; ".join(str(w) for w in self.transport.warnings) or "no configuration element"
            raise NetconfError("get-configuration", "%s answered get-configuration without a configuration (%s)"
                               % (self.host, warnings))
        return config

    def compare(self) -> str:
        """``show | compare`` of the candidate against the committed configuration (rollback 0)."""
        reply = self.transport.rpc(_el("get-configuration", compare="rollback", rollback="0", format="text"))
        out = reply.find(".//configuration-output")
        if out is None and local_name(reply.tag) == "configuration-output":
            out = reply
        return (out.text or "").strip("\n") if out is not None else ""

    def newest_commit(self) -> Optional[CommitEntry]:
        """Entry 0 of ``show system commit`` (one ``get-commit-information``), None if the history is empty."""
        entries = parse_commit_information(self.transport.rpc(_el("get-commit-information")))
        return entries[0] if entries and entries[0].sequence == 0 else None

    # -- writes --------------------------------------------------------------------------------

    def lock(self, mode: str = EXCLUSIVE) -> None:
        if mode == PRIVATE:
            rpc = _el("open-configuration")
            _sub(rpc, "private")
            before = len(self.transport.warnings)
            self.transport.rpc(rpc)
            # Junos always warns that a private candidate's changes are discarded on exit: not news.
            self.transport.warnings[before:] = [w for w in self.transport.warnings[before:]
                                                if "discarded on exit" not in w.message]
        else:
            self.transport.rpc(_candidate_target("lock"))

    def unlock(self, mode: str = EXCLUSIVE) -> None:
        if mode == PRIVATE:
            self.transport.rpc(_el("close-configuration"))
        else:
            self.transport.rpc(_candidate_target("unlock"))

    def load(self, payload: ET.Element) -> None:
        """Load one ``<configuration>`` payload.

        ``action="replace"`` when the payload marks elements ``replace="replace"`` (Junos honours that
        attribute only with this action; unmarked elements still merge), else ``merge``. ``delete``
        attributes work with both.
        """
        action = "replace" if _has_attr(payload, "replace") else "merge"
        rpc = _el("load-configuration", action=action, format="xml")
        rpc.append(payload)
        self.transport.rpc(rpc)

    def commit_check(self) -> None:
        rpc = _el("commit-configuration")
        _sub(rpc, "check")
        self.transport.rpc(rpc)

    def commit(self, log: Optional[str] = None, confirm_timeout: Optional[int] = None) -> None:
        rpc = _el("commit-configuration")
        if confirm_timeout:
            _sub(rpc, "confirmed")
            _sub(rpc, "confirm-timeout", str(int(confirm_timeout)))
        if log:
            _sub(rpc, "log", log)
        self.transport.rpc(rpc)

    def discard(self) -> None:
        self.transport.rpc(_el("discard-changes"))


def lock_holder(errors: list[RpcErrorDetail]) -> Optional[str]:
    """The session holding the lock, from the structured fields: RFC 6241 (section 7.5) answers a lock
    held by another session with ``error-tag`` lock-denied and the holder's ``session-id`` in
    ``error-info`` (0 when the holder is not a NETCONF session, a CLI user's ``configure exclusive``)."""
    for error in errors:
        holder = error.info_value("session-id")
        if error.tag == "lock-denied" and holder is not None:
            return holder
    return None


def _is_lock_held(errors: list[RpcErrorDetail]) -> bool:
    """Structured first (lock-denied naming the holder's session); the wording "locked by" as a fallback
    for a release that sends neither. A bare lock-denied without either is taken as held, too."""
    if lock_holder(errors) is not None:
        return True
    return any("locked by" in e.message.lower() or (e.tag == "lock-denied" and not _dirty_wording(e))
               for e in errors)


def _dirty_wording(error: RpcErrorDetail) -> bool:
    text = error.message.lower()
    return "database modified" in text and "locked by" not in text


def _is_dirty(errors: list[RpcErrorDetail]) -> bool:
    """Junos: "configuration database modified" (lock) / "shared configuration database modified" (private).

    Wording only: no structured field tells an uncommitted shared candidate apart (Junos answers it with
    lock-denied too, but without a holder's ``session-id``), so an error naming a holder is never this."""
    return lock_holder(errors) is None and any(_dirty_wording(e) for e in errors)


class Transaction:
    """One locked edit of the candidate, committed or fully undone.

    ``with Transaction(session, resources=...) as tx: tx.load(payload); tx.check(); text = tx.compare();
    tx.commit(log)``. Leaving the block early (any exception) discards the candidate changes and
    releases the lock; if the session itself is gone that is impossible, and the error says what
    the device does about it. With ``hold=True`` a block that ends normally keeps the lock: a pair
    transaction holds it from its commit confirmed to its confirmation, then calls :meth:`release`.
    """

    def __init__(self, session: ConfigSession, resources: Iterable[str], mode: str = EXCLUSIVE, hold: bool = False,
                 locked: bool = False):
        if mode not in CONFIG_MODES:
            raise ValueError("config_mode must be one of %s" % ", ".join(CONFIG_MODES))
        self.session = session
        self.resources = tuple(resources)
        self.mode = mode
        self.steps: list[str] = []
        self.committed = False
        self.hold = hold
        self.held = False
        self._locked = locked  # the lock is already this session's (a held transaction before it)
        self._step = "lock"

    # -- steps ---------------------------------------------------------------------------------

    def __enter__(self) -> "Transaction":
        if self._locked:
            self._step = "locked"
            self.steps.append("(lock held)")
            return self
        try:
            self._run("lock", self.session.lock, self.mode)
        except Exception as exc:  # __exit__ does not run when __enter__ fails
            failure = exc if isinstance(exc, TransactionFailed) else self._translate("lock", exc)
            if failure is exc:
                raise
            raise failure from exc
        return self

    def load(self, payload: ET.Element) -> None:
        self._run("load", self.session.load, payload)

    def check(self) -> None:
        self._run("commit-check", self.session.commit_check)

    def compare(self, verify_scope: bool = True) -> str:
        """The device's compare text; refuse to go on if it holds changes outside our hierarchies."""
        text = self._run("compare", self.session.compare)
        if verify_scope:
            foreign = foreign_statements(text, self.resources)
            if foreign:
                raise TransactionFailed(
                    "compare", "The candidate configuration of %s holds changes this task did not make, "
                    "outside the SRD hierarchies it manages (someone else's uncommitted edit): %s. Nothing "
                    "was committed; the task discarded the candidate. Commit or discard that edit on the "
                    "device first, or use config_mode: private." % (self.session.host, "; ".join(foreign[:10])),
                    reason="dirty-candidate")
        return text

    def step(self, name: str, func, *args):
        """Another step of the transaction (a read-back, say): on failure it is cleaned up like the others."""
        return self._run(name, func, *args)

    def commit(self, log: Optional[str], confirm_timeout: Optional[int] = None) -> None:
        if confirm_timeout and self.mode == PRIVATE:
            raise TransactionFailed("commit", "commit confirmed is not possible with config_mode: private "
                                    "(Junos refuses it in a private candidate); use config_mode: exclusive.",
                                    reason="invalid-option")
        self._run("commit-confirmed" if confirm_timeout else "commit", self.session.commit, log, confirm_timeout)
        self.committed = True

    def release(self) -> None:
        """Unlock a held transaction (``hold=True``)."""
        if self.held:
            self.held = False
            self._run("unlock", self.session.unlock, self.mode)

    def __exit__(self, exc_type, exc, tb) -> bool:
        if exc is None and self.hold:
            self.held = True
            return False
        if exc is None:
            try:
                self._run("unlock", self.session.unlock, self.mode)
            except NetconfError as err:
                raise TransactionFailed(
                    "unlock", "The change was committed on %s, but releasing the lock failed: %s" % (
                        self.session.host, err), list(getattr(err, "errors", []) or []),
                    reason="unlock-failed") from err
            return False
        failure = exc if isinstance(exc, TransactionFailed) else self._translate(self._step, exc)
        if isinstance(exc, SessionLost):
            failure.cleanup.append(
                "the NETCONF session was lost during %s, so the task could not discard or unlock: Junos discards "
                "uncommitted changes and releases the lock when it notices the session is gone; until then the "
                "candidate of %s may stay locked.%s" % (
                    self._step, self.session.host,
                    " The commit may or may not have taken effect: run state gathered to see." if
                    self._step.startswith("commit") and self._step != "commit-check" else ""))
        else:
            self._cleanup(failure)
        if failure is exc:
            return False
        raise failure from exc

    # -- internals -----------------------------------------------------------------------------

    def _run(self, step: str, func, *args):
        self._step = step
        self.steps.append(step)
        try:
            return func(*args)
        except (NetconfError, TransactionFailed):
            raise
        except Exception as exc:  # a reply we could not read, for instance
            raise NetconfError(step, "%s: %s" % (step, exc)) from exc

    def _cleanup(self, failure: TransactionFailed) -> None:
        if self.committed:
            return
        locked = self._step != "lock"
        actions = []
        if locked:
            actions.append(("discard-changes", self.session.discard))
        if locked:
            actions.append(("unlock" if self.mode == EXCLUSIVE else "close-configuration",
                            lambda: self.session.unlock(self.mode)))
        for name, action in actions:
            self.steps.append(name)
            try:
                action()
                failure.cleanup.append("%s: ok" % name)
            except SessionLost as exc:
                failure.cleanup.append("%s: failed, session lost (%s); the device releases the lock when it "
                                       "notices the session is gone" % (name, exc))
                break
            except NetconfError as exc:
                failure.cleanup.append("%s: failed (%s)" % (name, exc))

    def _translate(self, step: str, exc: BaseException) -> TransactionFailed:
        host = self.session.host
        errors = list(getattr(exc, "errors", []) or [])
        if isinstance(exc, SessionLost):
            return TransactionFailed(step, "The NETCONF session to %s was lost during %s: %s" % (host, step, exc),
                                     reason="session-lost")
        if step == "lock" and _is_dirty(errors):
            return TransactionFailed(
                step, "The shared candidate configuration of %s holds uncommitted changes made by someone else "
                "(%s). Nothing was changed: mxha.srd will not commit them along with its own. Commit or discard "
                "them on the device (they show in 'show | compare'), then run the task again. config_mode: "
                "private edits a private copy and so works alongside other users' private edits, but Junos "
                "refuses it too while the shared candidate holds changes, and commit confirmed is not possible "
                "there." % (host, "; ".join(str(e) for e in errors)), errors, reason="dirty-candidate")
        if step == "lock" and _is_lock_held(errors):
            return TransactionFailed(
                step, "The candidate configuration of %s is locked by another session (%s). Nothing was changed; "
                "run the task again when that session has released the lock (Junos releases it when the session "
                "ends)." % (host, "; ".join(str(e) for e in errors)), errors, reason="lock-held")
        if isinstance(exc, RpcError):
            return TransactionFailed(step, "%s failed on %s with %d error%s: %s" % (
                step, host, len(errors), "" if len(errors) == 1 else "s", "; ".join(str(e) for e in errors)),
                errors)
        return TransactionFailed(step, "%s failed on %s: %s" % (step, host, exc), errors)
