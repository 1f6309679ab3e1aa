"""Commit, commit check and confirmed commit for one chassis.

Confirmed commits roll back by themselves (Chassis.rollback_pending) when the confirm timeout
(Junos minutes, scaled by `--confirm-minute-seconds`) expires or when the session that made the
commit ends; any later plain commit confirms. Every failure is reported inside <commit-results>,
as Junos does.
"""

from __future__ import annotations

import asyncio
import copy
import time
from typing import TYPE_CHECKING

from lxml import etree

from . import checks
from .confops import same
from .errors import Error, RpcFailure
from .state.chassis import Chassis, ConfirmedCommit
from .xmlutil import JUNOS_NS, junos_attr

if TYPE_CHECKING:
    from .state.session import SessionState

DEFAULT_CONFIRM_MINUTES = 10
CHECKOUT_FAILED = "\nconfiguration check-out failed\n"


def commit_results(check: bool, revision: tuple[str, str] | None = None) -> etree._Element:
    """<commit-results><routing-engine junos:style="normal"><name>re0</name><commit-success/>..."""
    res = etree.Element("commit-results")
    re0 = etree.SubElement(res, "routing-engine", nsmap={"junos": JUNOS_NS})
    re0.set(junos_attr("style"), "normal")
    etree.SubElement(re0, "name").text = "re0"
    etree.SubElement(re0, "commit-check-success" if check else "commit-success")
    if revision:
        info = etree.SubElement(re0, "commit-revision-information")
        etree.SubElement(info, "new-db-revision").text = revision[0]
        etree.SubElement(info, "old-db-revision").text = revision[1]
    return res


def failure(errors: list[Error]) -> RpcFailure:
    return RpcFailure(
        errors + [Error(CHECKOUT_FAILED, tag="operation-failed", type="protocol")], wrapper="commit-results"
    )


def validate(session: "SessionState", check_faults: bool = True) -> None:
    """What <validate> and commit check do: raise with every error found."""
    errors = checks.run(session.workspace())
    if check_faults:
        errors += session.chassis.faults.on_commit(session, True)
    if errors:
        raise failure(errors)


def commit(
    session: "SessionState",
    *,
    check: bool = False,
    confirmed: bool = False,
    minutes: float | None = None,
    log: str | None = None,
    persist: bool = False,
) -> etree._Element:
    """Commit the session's candidate (shared or private); returns the <commit-results> element."""
    chassis = session.chassis
    store = chassis.store
    session.require_unlocked_by_others()
    private = session.private_candidate()
    if private is not None:
        _private_rules(session, confirmed, check)
    config = session.workspace()
    errors = checks.run(config) + chassis.faults.on_commit(session, check)
    if errors:
        raise failure(errors)
    if check:
        return commit_results(True)
    previous = store.committed
    if private is not None and same(config, previous.config):
        return etree.Element("commit-results")  # Junos: an unchanged private copy commits nothing
    rev = store.push(config, session.user, log, int(minutes) if confirmed and minutes is not None else None)
    if private is not None:  # the private changes are merged into the shared configuration
        private.config = copy.deepcopy(rev.config)
        private.base_sequence = rev.sequence
        store.set_candidate(copy.deepcopy(rev.config))
    _settle_confirmation(chassis, session, previous.config, confirmed, minutes, persist)
    chassis.event("commit", session=session.id, confirmed=confirmed or None, sequence=rev.sequence)
    chassis.committed_changed()
    results = commit_results(
        False, (_revision_id(rev.seconds, rev.sequence), _revision_id(previous.seconds, previous.sequence))
    )
    if private is not None:
        results.insert(0, etree.Element("load-success"))
    return results


def _private_rules(session: "SessionState", confirmed: bool, check: bool) -> None:
    """Junos: no commit confirmed from a private copy; the shared configuration must be unmodified
    and unchanged since the copy was taken (else `update`/rollback the private copy first)."""
    store = session.chassis.store
    private = session.private_candidate()
    assert private is not None
    if confirmed:
        raise failure([Error("commit confirmed is not supported for a private copy of the configuration", path="[edit]")])
    if check:
        return
    if store.candidate_modified():
        raise failure([Error("shared configuration database modified", path="[edit]")])
    if private.base_sequence != store.committed.sequence:
        raise failure([Error("configuration database modified; the private copy is out of date", path="[edit]")])


def _revision_id(seconds: float, seq: int) -> str:
    return f"re0-{int(seconds)}-{seq}"


def _settle_confirmation(
    chassis: Chassis,
    session: "SessionState",
    previous: etree._Element,
    confirmed: bool,
    minutes: float | None,
    persist: bool,
) -> None:
    pending = chassis.pending
    if pending is not None:
        pending.handle.cancel()
        chassis.pending = None
    if not confirmed:
        return
    rollback_to = pending.rollback_to if pending is not None else copy.deepcopy(previous)
    minutes = DEFAULT_CONFIRM_MINUTES if minutes is None else minutes
    delay = max(0.0, minutes * chassis.options.confirm_minute_seconds)
    loop = asyncio.get_running_loop()
    handle = loop.call_later(delay, chassis.rollback_pending, "commit confirmed rollback (timeout)")
    chassis.pending = ConfirmedCommit(rollback_to, None if persist else session.id, time.time() + delay, handle)
