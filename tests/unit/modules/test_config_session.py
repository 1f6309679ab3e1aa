"""The transaction's RPC sequence and its guarantees (discard + unlock on any failure, clear
reasons), driven by a scripted sender that records what was sent."""
from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from ansible_collections.mxha.srd.plugins.module_utils.netconf.config_session import (
    ConfigSession, Transaction, TransactionFailed,
)
from ansible_collections.mxha.srd.plugins.module_utils.netconf.transport import Transport

OK = "<rpc-reply><ok/></rpc-reply>"
COMMIT_OK = "<rpc-reply><commit-results><routing-engine><name>re0</name><commit-success/></routing-engine></commit-results></rpc-reply>"
COMPARE = ("<rpc-reply><configuration-information><configuration-output>[edit event-options]\n"
           "+   redundancy-event E1;\n</configuration-output></configuration-information></rpc-reply>")
FOREIGN = ("<rpc-reply><configuration-information><configuration-output>[edit event-options]\n"
           "+   redundancy-event E1;\n[edit system]\n-  host-name mx1;\n+  host-name other;\n"
           "</configuration-output></configuration-information></rpc-reply>")


def error(message, severity="error", tag="operation-failed"):
    return ("<rpc-reply><rpc-error><error-severity>%s</error-severity><error-tag>%s</error-tag>"
            "<error-message>%s</error-message></rpc-error></rpc-reply>" % (severity, tag, message))


class Device:
    """Answers by RPC name; ``script`` overrides the answer of the n-th RPC (an exception is raised)."""

    def __init__(self, **script):
        self.script = script
        self.sent: list[str] = []

    def __call__(self, xml: str) -> str:
        root = ET.fromstring(xml)
        name = root.tag
        if name == "commit-configuration" and root.find("check") is not None:
            name = "commit-check"
        if name == "get-configuration" and root.get("compare"):
            name = "compare"
        self.sent.append(name)
        answer = self.script.get(name.replace("-", "_"))
        if isinstance(answer, list):
            answer = answer.pop(0) if answer else None
        if isinstance(answer, Exception):
            raise answer
        if answer is not None:
            return answer
        return {"commit-configuration": COMMIT_OK, "commit-check": COMMIT_OK, "compare": COMPARE}.get(name, OK)


def payload():
    return ET.fromstring("<configuration><event-options><redundancy-event><name>E1</name></redundancy-event>"
                         "</event-options></configuration>")


def transact(device, mode="exclusive", confirm_timeout=None):
    session = ConfigSession(Transport(device), "mx1")
    tx = Transaction(session, ["redundancy_events"], mode)
    with tx:
        tx.load(payload())
        tx.check()
        text = tx.compare()
        tx.commit("mxha.srd test", confirm_timeout)
    return tx, text


def test_a_change_is_lock_load_check_compare_commit_unlock():
    device = Device()
    tx, text = transact(device)
    assert device.sent == ["lock", "load-configuration", "commit-check", "compare", "commit-configuration", "unlock"]
    assert tx.committed and "redundancy-event E1" in text


def test_confirmed_commit_carries_timeout_and_log():
    sent = []
    device = Device()
    original = device.__call__

    def spy(xml):
        sent.append(xml)
        return original(xml)
    transact(spy, confirm_timeout=5)
    commit = ET.fromstring(sent[4])
    assert commit.find("confirmed") is not None and commit.findtext("confirm-timeout") == "5"
    assert commit.findtext("log") == "mxha.srd test"


def test_private_mode_opens_and_closes_a_private_candidate_and_refuses_confirmed():
    device = Device()
    transact(device, mode="private")
    assert device.sent[0] == "open-configuration" and device.sent[-1] == "close-configuration"
    device = Device()
    with pytest.raises(TransactionFailed) as info:
        transact(device, mode="private", confirm_timeout=5)
    assert "not possible with config_mode: private" in str(info.value)
    assert device.sent[-2:] == ["discard-changes", "close-configuration"]


@pytest.mark.parametrize("step", ["load_configuration", "commit_check", "commit_configuration"])
def test_any_failure_discards_and_unlocks_and_reports_every_error(step):
    two = ("<rpc-reply><rpc-error><error-severity>error</error-severity><error-path>[edit services]</error-path>"
           "<error-info><bad-element>x</bad-element></error-info><error-message>first</error-message></rpc-error>"
           "<rpc-error><error-severity>error</error-severity><error-message>second</error-message></rpc-error></rpc-reply>")
    device = Device(**{step: two})
    with pytest.raises(TransactionFailed) as info:
        transact(device)
    assert [e.message for e in info.value.errors] == ["first", "second"]
    assert info.value.errors[0].path == "[edit services]" and info.value.errors[0].element == "x"
    assert device.sent[-2:] == ["discard-changes", "unlock"]
    assert info.value.cleanup == ["discard-changes: ok", "unlock: ok"]


def test_lock_held_elsewhere_is_named_and_nothing_else_is_sent():
    device = Device(lock=error("configuration database locked by:\n  phantom terminal p90001", tag="lock-denied"))
    with pytest.raises(TransactionFailed) as info:
        transact(device)
    assert info.value.reason == "lock-held" and "locked by another session" in str(info.value)
    assert device.sent == ["lock"]


def test_lock_held_is_known_by_its_structured_fields_whatever_the_wording():
    """RFC 6241 7.5: lock-denied with the holder's session-id in error-info. A release that words the
    message otherwise (or words it like a modified database) is still a held lock."""
    for message in ("the candidate is in use", "configuration database modified"):
        device = Device(lock="<rpc-reply><rpc-error><error-severity>error</error-severity><error-tag>lock-denied"
                             "</error-tag><error-message>%s</error-message><error-info><session-id>4711</session-id>"
                             "</error-info></rpc-error></rpc-reply>" % message)
        with pytest.raises(TransactionFailed) as info:
            transact(device)
        assert info.value.reason == "lock-held", message
        assert info.value.errors[0].info_value("session-id") == "4711"
        assert info.value.as_dict()["rpc_errors"][0]["info"] == {"session-id": "4711"}


def test_lock_held_by_wording_alone_still_counts():
    """A release that sends no error-tag or session-id: the message text is the fallback."""
    device = Device(lock=error("configuration database locked by:\n  lab terminal p0 (pid 1) on since 10:00"))
    with pytest.raises(TransactionFailed) as info:
        transact(device)
    assert info.value.reason == "lock-held"


def test_dirty_candidate_refused_at_lock_suggests_private_mode():
    device = Device(lock=error("configuration database modified", tag="lock-denied"))
    with pytest.raises(TransactionFailed) as info:
        transact(device)
    assert info.value.reason == "dirty-candidate"
    assert "show | compare" in str(info.value) and "commit confirmed is not possible" in str(info.value)
    assert device.sent == ["lock"]


def test_foreign_changes_in_the_compare_stop_the_commit():
    device = Device(compare=FOREIGN)
    with pytest.raises(TransactionFailed) as info:
        transact(device)
    assert info.value.reason == "dirty-candidate" and "system host-name" in str(info.value)
    assert "commit-configuration" not in device.sent
    assert device.sent[-2:] == ["discard-changes", "unlock"]


@pytest.mark.parametrize("step", ["load_configuration", "commit_configuration"])
def test_a_dropped_session_says_what_the_device_does_about_the_lock(step):
    device = Device(**{step: ConnectionError("socket path /x does not exist or cannot be found")})
    with pytest.raises(TransactionFailed) as info:
        transact(device)
    assert info.value.reason == "session-lost"
    assert "releases the lock when it notices the session is gone" in " ".join(info.value.cleanup)
    assert ("may or may not have taken effect" in " ".join(info.value.cleanup)) == (step == "commit_configuration")
    assert device.sent[-1] in ("load-configuration", "commit-configuration")  # no cleanup RPC on a dead session


def test_unlock_failure_after_commit_says_the_change_is_committed():
    device = Device(unlock=error("configuration database is not locked by this session"))
    with pytest.raises(TransactionFailed) as info:
        transact(device)
    assert info.value.reason == "unlock-failed" and "was committed" in str(info.value)


def test_get_configuration_reads_committed_with_groups_applied_and_the_filter():
    sent = []

    def device(xml):
        sent.append(ET.fromstring(xml))
        return "<rpc-reply><configuration><event-options/></configuration></rpc-reply>"
    filt = ET.fromstring("<configuration><event-options><redundancy-event/></event-options></configuration>")
    config = ConfigSession(Transport(device)).get_configuration(filt)
    assert config.tag == "configuration"
    rpc = sent[0]
    assert (rpc.get("database"), rpc.get("inherit"), rpc.get("format")) == ("committed", "inherit", "xml")
    assert rpc.find("configuration/event-options/redundancy-event") is not None


def test_a_reply_without_configuration_is_an_error_not_an_empty_device():
    warn = error("some warning", severity="warning")

    def device(xml):
        raise ConnectionError(warn)

    session = ConfigSession(Transport(device))
    with pytest.raises(Exception) as info:
        session.get_configuration()
    assert "without a configuration" in str(info.value)


# -- commit history: is a commit confirmed still waiting? ------------------------------------------

HISTORY = """<rpc-reply><commit-information>
  <commit-history><sequence-number>0</sequence-number><user>lab</user><client>netconf</client>
    <date-time seconds="1795600000">2026-11-25 10:00:00 UTC</date-time>
    <comment>commit confirmed, rollback in 5mins</comment><log>mxha.srd deploy</log></commit-history>
  <commit-history><sequence-number>1</sequence-number><user>root</user><client>other</client>
    <date-time seconds="1795590000">2026-11-25 07:13:20 UTC</date-time></commit-history>
</commit-information></rpc-reply>"""


def test_commit_history_entry_zero_marked_commit_confirmed_awaits_confirmation():
    from ansible_collections.mxha.srd.plugins.module_utils.netconf.config_session import parse_commit_information

    entries = parse_commit_information(ET.fromstring(HISTORY))
    assert [e.sequence for e in entries] == [0, 1]
    assert entries[0].awaits_confirmation and entries[0].log == "mxha.srd deploy"
    assert not entries[1].awaits_confirmation
    assert entries[1].describe() == "commit 1 (2026-11-25 07:13:20 UTC by root via other)"


def test_a_commit_confirmed_below_a_newer_commit_no_longer_waits():
    """The confirmation (or the automatic rollback) is the newer entry 0: entry 1 is history."""
    from ansible_collections.mxha.srd.plugins.module_utils.netconf.config_session import parse_commit_information

    shifted = (HISTORY.replace("<sequence-number>1<", "<sequence-number>2<")
               .replace("<sequence-number>0<", "<sequence-number>1<"))
    newer = ("<commit-history><sequence-number>0</sequence-number><user>root</user><client>other</client>"
             "</commit-history>")
    reply = ET.fromstring(shifted.replace("<commit-information>", "<commit-information>" + newer))
    entries = parse_commit_information(reply)
    assert [e.sequence for e in entries] == [0, 1, 2]
    assert not any(e.awaits_confirmation for e in entries)


def test_newest_commit_sends_one_get_commit_information():
    sent = []

    def sender(xml):
        sent.append(ET.fromstring(xml).tag)
        return HISTORY

    newest = ConfigSession(Transport(sender), "mx1").newest_commit()
    assert sent == ["get-commit-information"]
    assert newest is not None and newest.sequence == 0 and newest.awaits_confirmation
