"""Exclusive locks and sessions, with Junos' rules (see mxsim/rpc/locking.py)."""

from __future__ import annotations

import pytest
from ncclient.operations.rpc import RPCError

from emulator_helpers import rpc

CH = "pair1-mx1"
DESC = "<configuration><interfaces><interface><name>lo0</name><description>{}</description></interface></interfaces></configuration>"


def load(m, desc: str):
    return rpc(m, f'<load-configuration action="merge" format="xml">{DESC.format(desc)}</load-configuration>')


def test_second_session_cannot_lock_or_load(mx):
    with mx.ncclient(CH) as a, mx.ncclient(CH) as b:
        a.lock()
        with pytest.raises(RPCError) as err:
            b.lock()
        assert "configuration database locked by" in err.value.message
        assert err.value.tag == "lock-denied"
        with pytest.raises(RPCError) as err:
            load(b, "intruder")
        assert "locked" in err.value.message
        with pytest.raises(RPCError):
            rpc(b, "<commit-configuration/>")
        a.unlock()
        b.lock()
        b.unlock()
    mx.assert_clean(CH)


def test_lock_refused_while_candidate_modified(mx):
    with mx.ncclient(CH) as a, mx.ncclient(CH) as b:
        load(a, "unlocked edit")
        with pytest.raises(RPCError) as err:
            b.lock()
        assert err.value.message.strip() == "configuration database modified"
        a.discard_changes()
        b.lock()


def test_unlock_discards_changes_made_under_lock(mx):
    with mx.ncclient(CH) as m:
        m.lock()
        load(m, "under lock")
        assert mx.state(CH)["candidate_modified"]
        m.unlock()
    mx.assert_clean(CH)


def test_dead_session_releases_lock_and_its_changes(mx):
    m = mx.ncclient(CH)
    m.lock()
    load(m, "doomed")
    m._session.transport.close()  # connection lost without close-session
    mx.wait_idle(CH)
    mx.assert_clean(CH)


def test_unlocked_changes_of_dead_session_stay(mx):
    """As on Junos: the shared candidate keeps what an unlocked session loaded."""
    m = mx.ncclient(CH)
    load(m, "left behind")
    m._session.transport.close()
    mx.wait_idle(CH)
    st = mx.state(CH)
    assert st["lock"] is None and st["candidate_modified"]


def test_lock_configuration_junos_rpcs(mx):
    with mx.ncclient(CH) as m:
        rpc(m, "<lock-configuration/>")
        assert mx.state(CH)["lock"]["session"] == int(m.session_id)
        rpc(m, "<unlock-configuration/>")
        assert mx.state(CH)["lock"] is None
        with pytest.raises(RPCError):
            rpc(m, "<unlock-configuration/>")  # not locked by this session


def test_kill_session_frees_lock(mx):
    a = mx.ncclient(CH)
    with mx.ncclient(CH) as b:
        a.lock()
        load(a, "killed")
        rpc(b, f"<kill-session><session-id>{a.session_id}</session-id></kill-session>")
        st = mx.state(CH)
        assert st["lock"] is None and int(a.session_id) not in st["sessions"]
        b.lock()
        b.unlock()
    mx.wait_idle(CH)
    mx.assert_clean(CH)


def test_private_candidate_isolated_from_shared(mx):
    with mx.ncclient(CH) as a, mx.ncclient(CH) as b:
        with pytest.raises(RPCError) as warning:  # Junos answers with a warning, PyEZ expects it
            rpc(a, "<open-configuration><private/></open-configuration>")
        assert warning.value.severity == "warning"
        assert warning.value.message == "uncommitted changes will be discarded on exit"
        load(a, "private")
        st = mx.state(CH)
        assert not st["candidate_modified"] and st["private"] == {str(a.session_id): True}
        assert "private" not in (rpc(b, "<get-configuration/>").findtext(".//{*}description") or "")
        rpc(a, "<close-configuration/>")
    mx.assert_clean(CH)


def test_exec_fallback_xml_mode(mx):
    """ncclient's junos handler falls back to exec 'xml-mode netconf need-trailer'."""
    with mx.raw(CH, exec_command="xml-mode netconf need-trailer") as nc:
        assert nc.server_hello.startswith(b"<!-- No zombies were killed")
        assert b"<session-id>" in nc.server_hello
        nc.hello()
        assert b"<software-information>" in nc.rpc("<get-software-information/>")


def test_private_copy_rules(mx):
    with mx.raw(CH) as a, mx.ncclient(CH) as b:
        a.hello()
        assert b"uncommitted changes will be discarded on exit" in a.rpc("<open-configuration><private/></open-configuration>")
        a.rpc(f'<load-configuration action="merge" format="xml">{DESC.format("private")}</load-configuration>')
        refused = a.rpc("<commit-configuration><confirmed/><confirm-timeout>5</confirm-timeout></commit-configuration>")
        assert b"commit confirmed is not supported for a private copy" in refused
        load(b, "shared edit")  # someone else's uncommitted change in the shared candidate
        assert b"shared configuration database modified" in a.rpc("<commit-configuration/>")
        b.discard_changes()
        reply = a.rpc("<commit-configuration/>")
        assert b"<load-success/>" in reply and b"<commit-success/>" in reply
        assert a.rpc("<commit-configuration/>").count(b"<commit-results/>") == 1  # nothing left to commit
        a.rpc("<close-configuration/>")
    mx.assert_clean(CH)
    assert mx.state(CH)["commits"] == 2
