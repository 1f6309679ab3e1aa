"""Injected faults: the client sees the failure, and the chassis is left with no stale lock and
no uncommitted change."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest
from jnpr.junos.exception import CommitError, LockError
from jnpr.junos.utils.config import Config
from ncclient.operations.errors import TimeoutExpiredError
from ncclient.operations.rpc import RPCError
from ncclient.transport.errors import SSHError, TransportError

from emulator_helpers import config_of, rpc

CH = "pair1-mx1"
DESC = "<configuration><interfaces><interface><name>lo0</name><description>{}</description></interface></interfaces></configuration>"
LOAD = '<load-configuration action="merge" format="xml">' + DESC + "</load-configuration>"
LOST = (TransportError, OSError, EOFError)


def test_drop_session_during_load(mx):
    m = mx.ncclient(CH)
    m.lock()
    mx.inject(CH, "drop-session", rpc="load-configuration")
    with pytest.raises(LOST):
        rpc(m, LOAD.format("never"))
    mx.wait_idle(CH)
    mx.assert_clean(CH)
    entry = mx.rpcs(CH, "load-configuration")[-1]
    assert entry["dropped"] and not entry["ok"]


def test_drop_session_after_n_rpcs(mx):
    m = mx.ncclient(CH)
    mx.inject(CH, "drop-session", after=2)
    rpc(m, "<get-software-information/>")
    rpc(m, "<get-software-information/>")
    with pytest.raises(LOST):
        rpc(m, "<get-software-information/>")
    mx.wait_idle(CH)
    assert [e["ok"] for e in mx.rpcs(CH)] == [True, True, False]
    assert mx.state(CH)["faults"] == []  # one-shot


def test_drop_session_mid_commit_after_applying(mx):
    """The commit happens but its reply is lost: committed, lock gone, candidate clean."""
    m = mx.ncclient(CH)
    m.lock()
    rpc(m, LOAD.format("applied"))
    mx.inject(CH, "drop-session", rpc="commit-configuration", apply=True)
    with pytest.raises(LOST):
        m.commit()
    mx.wait_idle(CH)
    mx.assert_clean(CH)
    assert config_of(mx, CH).findtext(".//interface[name='lo0']/description") == "applied"


def test_drop_session_mid_confirmed_commit_rolls_back(mx):
    with mx.pyez(CH) as dev:
        cu = Config(dev)
        cu.lock()
        cu.load("set interfaces lo0 description confirmed-then-lost", format="set")
        mx.inject(CH, "drop-session", rpc="commit-configuration", apply=True)
        with pytest.raises(Exception):
            cu.commit(confirm=5)
        mx.wait_event(CH, "confirmed-rollback")
    mx.wait_idle(CH)
    mx.assert_clean(CH)
    assert config_of(mx, CH).find(".//interface[name='lo0']/description") is None


def test_fail_commit(mx):
    mx.inject(CH, "fail-commit", message="commit failed: daemon dumped core")
    with mx.pyez(CH) as dev:
        cu = Config(dev)
        cu.lock()
        cu.load("set interfaces lo0 description wont-commit", format="set")
        assert cu.commit_check() is True  # check=false: only real commits fail
        with pytest.raises(CommitError) as err:
            cu.commit()
        assert "daemon dumped core" in str(err.value)
        assert mx.state(CH)["candidate_modified"]  # Junos keeps the candidate after a failed commit
        cu.unlock()  # ...and the unlock discards what was loaded under the lock
    mx.assert_clean(CH)
    assert mx.state(CH)["commits"] == 1
    assert mx.state(CH)["faults"] == []


def test_hold_lock(mx):
    fault = mx.inject(CH, "hold-lock")
    assert mx.state(CH)["lock"]["phantom"]
    with mx.pyez(CH) as dev:
        cu = Config(dev)
        with pytest.raises(LockError) as err:
            cu.lock()
        assert "phantom" in str(err.value.rpc_error["message"])
    with mx.ncclient(CH) as m:
        with pytest.raises(RPCError):
            rpc(m, LOAD.format("blocked"))
    mx.control.clear(CH, "hold-lock")
    assert fault["fault"] == "hold-lock"
    mx.assert_clean(CH)
    with mx.ncclient(CH) as m:
        m.lock()
        m.unlock()


def test_delay_replies(mx):
    with mx.ncclient(CH) as m:
        t0 = time.monotonic()
        rpc(m, "<get-software-information/>")
        fast = time.monotonic() - t0
        mx.inject(CH, "delay", ms=400)
        t0 = time.monotonic()
        rpc(m, "<get-software-information/>")
        assert time.monotonic() - t0 >= 0.4 > fast
        m.timeout = 0.1
        with pytest.raises(TimeoutExpiredError):
            m.lock()  # the lock is taken; only its reply is late
        mx.control.clear(CH)
        m.timeout = 30
    mx.wait_idle(CH)
    mx.assert_clean(CH)


def test_refuse_connections_via_cli(mx):
    env = {**os.environ, "MXSIM_STATE_DIR": str(mx.state_dir)}
    cli = [sys.executable, "-m", "mxsim.cli"]
    with mx.ncclient(CH) as existing:
        subprocess.run(cli + ["inject", CH, "refuse-connections"], check=True, env=env, capture_output=True)
        assert not mx.state(CH)["listening"]
        with pytest.raises((SSHError, OSError)):
            mx.ncclient(CH, timeout=5)
        rpc(existing, "<get-software-information/>")  # sessions already open keep working
        out = subprocess.run(cli + ["clear", CH], check=True, env=env, capture_output=True, text=True)
        assert "cleared 1" in out.stdout
    with mx.ncclient(CH) as m:
        rpc(m, "<get-software-information/>")
    mx.assert_clean(CH)


def test_unknown_fault_is_refused(mx):
    from mxsim.control import ControlError

    with pytest.raises(ControlError, match="unknown fault"):
        mx.inject(CH, "no-such-fault")
    with pytest.raises(ControlError, match="unknown parameter"):
        mx.inject(CH, "delay", seconds=3)
