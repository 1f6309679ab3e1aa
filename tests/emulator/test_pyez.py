"""PyEZ (junos-eznc) against the emulator: facts, Config load/diff/commit/rollback, confirmed commits."""

from __future__ import annotations

import pytest
from jnpr.junos.exception import ConfigLoadError
from jnpr.junos.utils.config import Config
from lxml import etree

CHASSIS = "pair1-mx1"


def committed(mx, chassis=CHASSIS):
    return etree.fromstring(mx.state(chassis)["committed"])


def test_facts(mx):
    with mx.pyez(CHASSIS, gather_facts=True) as dev:
        facts = dev.facts
        assert facts["hostname"] == CHASSIS
        assert facts["model"] == "MX480"
        assert facts["version"] == "24.4R1.9"
        assert facts["serialnumber"].startswith("JN")
        assert facts["personality"] == "MX"
        assert facts["RE0"]["mastership_state"] == "master"
    probes = mx.rpc_names(CHASSIS)
    assert "get-chassis-inventory" in probes and "get-route-engine-information" in probes
    cmds = [e["command"] for e in mx.rpcs(CHASSIS, "command")]
    assert "show version invoke-on all-routing-engines" in cmds


def test_open_sends_no_rpc(mx):
    with mx.pyez(CHASSIS):
        pass
    mx.wait_idle(CHASSIS)
    assert mx.rpc_names(CHASSIS) == ["close-session"]


@pytest.mark.parametrize(
    "fmt,payload",
    [
        ("xml", "<configuration><system><domain-name>pyez.example</domain-name></system></configuration>"),
        ("set", "set system domain-name pyez.example"),
        ("text", "system { domain-name pyez.example; }"),
    ],
)
def test_load_diff_commit(mx, fmt, payload):
    with mx.pyez(CHASSIS) as dev:
        cu = Config(dev)
        cu.lock()
        cu.load(payload, format=fmt, merge=True)
        diff = cu.diff()
        assert diff is not None and "+   domain-name pyez.example;" in diff
        assert cu.commit_check() is True
        assert cu.commit(comment=f"load {fmt}") is True
        assert cu.diff() is None
        cu.unlock()
    assert committed(mx).findtext("system/domain-name") == "pyez.example"
    assert mx.state(CHASSIS)["history"][0]["log"] == f"load {fmt}"
    mx.assert_clean(CHASSIS)


def test_load_replace_is_pyez_default(mx):
    with mx.pyez(CHASSIS) as dev:
        cu = Config(dev)
        cu.load("<configuration><system><host-name>renamed</host-name></system></configuration>", format="xml")
        assert "+   host-name renamed;" in cu.diff()
        cu.rollback(0)
        assert cu.diff() is None
    assert mx.rpcs(CHASSIS, "load-configuration")[0]["action"] == "replace"


def test_rollback_restores_previous_commit(mx):
    with mx.pyez(CHASSIS) as dev:
        cu = Config(dev)
        cu.load("set system domain-name first.example", format="set")
        cu.commit()
        cu.load("set system domain-name second.example", format="set")
        cu.commit()
        cu.rollback(1)
        diff = cu.diff()
        assert "-   domain-name second.example;" in diff and "+   domain-name first.example;" in diff
        cu.commit()
    assert committed(mx).findtext("system/domain-name") == "first.example"
    assert mx.state(CHASSIS)["commits"] == 4


def test_load_syntax_error_raises_and_changes_nothing(mx):
    with mx.pyez(CHASSIS) as dev:
        cu = Config(dev)
        with pytest.raises(ConfigLoadError) as err:
            cu.load("set interfaces lo0 no-such-statement 42", format="set")
        assert "no-such-statement" in str(err.value)
        assert cu.diff() is None
    mx.assert_clean(CHASSIS)


def test_private_mode(mx):
    with mx.pyez(CHASSIS) as dev:
        with Config(dev, mode="private") as cu:
            cu.load("set system domain-name private.example", format="set")
            assert mx.state(CHASSIS)["private"] == {str(dev._conn.session_id): True}
            assert not mx.state(CHASSIS)["candidate_modified"]  # the shared candidate is untouched
            cu.commit()
    assert committed(mx).findtext("system/domain-name") == "private.example"
    mx.assert_clean(CHASSIS)


def test_private_changes_die_with_session(mx):
    dev = mx.pyez(CHASSIS)
    dev.open()
    cu = Config(dev, mode="private")
    cu.__enter__()
    cu.load("set system domain-name lost.example", format="set")
    dev.close()  # no commit, no close-configuration
    mx.wait_idle(CHASSIS)
    mx.assert_clean(CHASSIS)


def test_commit_confirmed_then_confirmed(mx):
    with mx.pyez(CHASSIS) as dev:
        cu = Config(dev)
        cu.load("set system domain-name confirm.example", format="set")
        cu.commit(confirm=5)
        assert mx.state(CHASSIS)["confirmed_pending"]["owner"] == int(dev._conn.session_id)
        cu.commit()  # a plain commit confirms
        assert mx.state(CHASSIS)["confirmed_pending"] is None
    mx.wait_idle(CHASSIS)
    assert committed(mx).findtext("system/domain-name") == "confirm.example"
    assert mx.state(CHASSIS)["events"].get("confirmed-rollback") is None


def test_commit_confirmed_not_confirmed_rolls_back(mx):
    """confirm-timeout 2 "minutes" = 2 s with --confirm-minute-seconds 1."""
    with mx.pyez(CHASSIS) as dev:
        cu = Config(dev)
        cu.load("set system domain-name unconfirmed.example", format="set")
        cu.commit(confirm=2)
        assert committed(mx).findtext("system/domain-name") == "unconfirmed.example"
        mx.wait_event(CHASSIS, "confirmed-rollback", timeout=10)
        assert committed(mx).findtext("system/domain-name") is None
        assert cu.diff() is None  # the candidate follows the rolled-back configuration
    history = mx.state(CHASSIS)["history"]
    assert "timeout" in history[0]["log"]


def test_commit_confirmed_session_dies_rolls_back(mx):
    dev = mx.pyez(CHASSIS)
    dev.open()
    cu = Config(dev)
    cu.load("set system domain-name orphan.example", format="set")
    cu.commit(confirm=10)
    dev._conn._session.transport.close()  # the SSH connection dies, no close-session
    mx.wait_event(CHASSIS, "confirmed-rollback", timeout=10)
    assert committed(mx).findtext("system/domain-name") is None
    assert "ended" in mx.state(CHASSIS)["history"][0]["log"]
    mx.assert_clean(CHASSIS)
