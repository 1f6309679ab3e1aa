"""srd on the emulated pair: initial roles, manual switchovers, refusals, wait/warned and force.

The CGNAT example pair (docs/examples/cgnat-pair.yml) is committed on both chassis over NETCONF
(fixture srd_pair); everything is observed through the operational RPCs, as a client would.
"""

from __future__ import annotations

import time

import pytest
from lxml import etree
from ncclient.operations.rpc import RPCError

from emulator_helpers import rpc
from mxsim.testing import SWITCHOVER, srd_pair  # noqa: F401 pylint: disable=unused-import

MX1, MX2 = "pair1-mx1", "pair1-mx2"
SIGNAL = "203.0.113.100/32"
RELEASE, ACQUIRE = "RELS_MSHIP_MANUAL_EV", "ACQU_MSHIP_MANUAL_EV"


def rs(m, level: str = "terse") -> etree._Element:
    return rpc(m, f"<get-services-redundancy-group-information><{level}/></get-services-redundancy-group-information>")


def states(m) -> tuple[str, str, str]:
    x = rs(m)
    return x.findtext(".//local-rs-state"), x.findtext(".//peer-rs-state"), x.findtext(".//rs-status")


def trigger(m, event: str, set_id: int = 1, force: bool = False) -> etree._Element:
    f = "<force/>" if force else ""
    return rpc(
        m,
        f"<request-services-redundancy-set><id>{set_id}</id><trigger/>"
        f"<redundancy-event>{event}</redundancy-event>{f}</request-services-redundancy-set>",
    )


def signal_routes(m) -> list[str]:
    x = rpc(m, "<get-route-information><table>HA.inet.0</table></get-route-information>")
    assert x.findtext(".//route-table/table-name") == "HA.inet.0"
    return [rt.findtext("rt-destination") for rt in x.iterfind(".//rt")]


def watch_until_master(m1, m2, timeout: float = 5.0) -> list[tuple[float, str, str]]:
    """Poll both chassis until pair1-mx2 is MASTER; every observation (t, mx1 state, mx2 state)."""
    seen = []
    t0 = time.monotonic()
    while time.monotonic() - t0 < timeout:
        a, b = states(m1)[0], states(m2)[0]
        seen.append((time.monotonic() - t0, a, b))
        if b == "MASTER":
            return seen
    raise AssertionError(f"pair1-mx2 never became MASTER: {seen[-3:]}")


def test_initial_election_gateway1_primary(srd_pair):
    with srd_pair.ncclient(MX1) as m1, srd_pair.ncclient(MX2) as m2:
        assert states(m1) == ("MASTER", "STANDBY", "Connected")
        assert states(m2) == ("STANDBY", "MASTER", "Connected")
        x = rs(m1)
        assert x.findtext(".//iccp-process-connection") == "Connected"
        assert (x.findtext(".//local-rg-ip"), x.findtext(".//peer-rg-ip")) == ("192.0.2.1", "192.0.2.2")
        assert x.findtext(".//number-of-peer-rg-connections") == "1"
        assert signal_routes(m1) == [SIGNAL]
        assert signal_routes(m2) == []
    assert [e["primary"] for e in srd_pair.events(MX1, "srd-election")] == [MX1]


def test_manual_release_switches_over_after_the_switchover_time(srd_pair):
    with srd_pair.ncclient(MX1) as m1, srd_pair.ncclient(MX2) as m2:
        t0 = time.monotonic()
        out = trigger(m1, RELEASE)
        assert out.findtext("output") == f"Triggered redundancy event {RELEASE} on redundancy set 1"
        seen = watch_until_master(m1, m2)
        elapsed = time.monotonic() - t0
        assert elapsed >= SWITCHOVER
        assert any(b == "INITIALIZING" for _, _, b in seen), seen
        assert all((a, b).count("MASTER") <= 1 for _, a, b in seen), seen
        # the releasing side is STANDBY from the moment the request is accepted
        assert all(a == "STANDBY" for _, a, _ in seen), seen
        assert states(m1) == ("STANDBY", "MASTER", "Connected")
        assert signal_routes(m1) == [] and signal_routes(m2) == [SIGNAL]
    decision = srd_pair.events(MX1, "srd-decision")[-1]
    assert (decision["rule"], decision["allowed"]) == ("release.ok", True)
    assert srd_pair.rpcs(MX1, "request-services-redundancy-set")[-1]["rule"] == "release.ok"
    srd_pair.wait_event(MX2, "srd-switchover-done")


def test_route_of_the_taking_over_chassis_appears_only_when_it_is_master(srd_pair):
    with srd_pair.ncclient(MX1) as m1, srd_pair.ncclient(MX2) as m2:
        trigger(m1, RELEASE)
        assert states(m2)[0] == "INITIALIZING"
        assert signal_routes(m1) == [] and signal_routes(m2) == []
        srd_pair.wait_event(MX2, "srd-switchover-done")
        assert signal_routes(m2) == [SIGNAL]


def test_acquire_on_the_standby(srd_pair):
    with srd_pair.ncclient(MX1) as m1, srd_pair.ncclient(MX2) as m2:
        trigger(m2, ACQUIRE)
        assert states(m1)[0] == "STANDBY"
        srd_pair.wait_event(MX2, "srd-switchover-done")
        assert states(m2) == ("MASTER", "STANDBY", "Connected")
        assert states(m1) == ("STANDBY", "MASTER", "Connected")
    assert srd_pair.events(MX2, "srd-decision")[-1]["rule"] == "acquire.ok"


def _refused(m, event: str, set_id: int = 1, force: bool = False) -> str:
    with pytest.raises(RPCError) as exc:
        trigger(m, event, set_id, force)
    return str(exc.value)


@pytest.mark.parametrize(
    "event,set_id,rule",
    [("NOT_BOUND_EV", 1, "manual.not-bound"), (RELEASE, 7, "manual.unknown-set")],
)
def test_refused_trigger_changes_nothing(srd_pair, event, set_id, rule):
    with srd_pair.ncclient(MX1) as m1, srd_pair.ncclient(MX2) as m2:
        message = _refused(m1, event, set_id)
        assert f"redundancy event {event} not triggered on redundancy set {set_id}" in message
        assert f"({rule})" in message
        assert states(m1)[0] == "MASTER" and states(m2)[0] == "STANDBY"
        assert signal_routes(m1) == [SIGNAL]
    assert srd_pair.events(MX1, "srd-switchover-start") == []
    last = srd_pair.events(MX1, "srd-decision")[-1]
    assert (last["allowed"], last["rule"]) == (False, rule)
    assert srd_pair.rpcs(MX1, "request-services-redundancy-set")[-1]["ok"] is False


def test_peer_in_wait_refuses_a_release_even_forced(srd_pair):
    srd_pair.inject(MX2, "srd-wait")
    with srd_pair.ncclient(MX1) as m1, srd_pair.ncclient(MX2) as m2:
        assert states(m2)[0] == "INITIALIZING"
        assert states(m1)[1] == "INITIALIZING"
        assert "(release.peer-wait)" in _refused(m1, RELEASE)
        assert "(release.peer-wait)" in _refused(m1, RELEASE, force=True)
        assert states(m1)[0] == "MASTER"
        srd_pair.control.clear(MX2, "srd-wait")
        assert states(m2)[0] == "STANDBY"
        trigger(m1, RELEASE)
        srd_pair.wait_event(MX2, "srd-switchover-done")
        assert states(m2)[0] == "MASTER"


def test_standby_in_wait_cannot_acquire_unless_forced(srd_pair):
    srd_pair.inject(MX2, "srd-wait", set=1)
    with srd_pair.ncclient(MX2) as m2:
        assert "(acquire.local-wait)" in _refused(m2, ACQUIRE)
        trigger(m2, ACQUIRE, force=True)
        srd_pair.wait_event(MX2, "srd-switchover-done")
        assert states(m2)[0] == "MASTER"
    assert srd_pair.events(MX2, "srd-decision")[-1]["rule"] == "acquire.force-over-wait"


def test_warned_standby_needs_force(srd_pair):
    srd_pair.inject(MX2, "srd-warned")
    with srd_pair.ncclient(MX1) as m1, srd_pair.ncclient(MX2) as m2:
        assert states(m2)[0] == "STANDBY (WARNED)"
        assert states(m1)[1] == "STANDBY (WARNED)"
        assert "(release.peer-warned)" in _refused(m1, RELEASE)
        trigger(m1, RELEASE, force=True)
        assert states(m2)[0] == "INITIALIZING"
        srd_pair.wait_event(MX2, "srd-switchover-done")
        assert states(m2)[0] == "MASTER"
        assert states(m1)[0] == "STANDBY"
    assert srd_pair.events(MX1, "srd-decision")[-1]["rule"] == "release.force-over-warned"
    assert srd_pair.state(MX2)["faults"] == []  # the warning did not survive becoming primary


def test_trigger_during_a_switchover_is_refused(srd_pair):
    with srd_pair.ncclient(MX1) as m1, srd_pair.ncclient(MX2) as m2:
        trigger(m1, RELEASE)
        assert "(switchover.in-progress)" in _refused(m2, RELEASE)
        srd_pair.wait_event(MX2, "srd-switchover-done")
        assert states(m2)[0] == "MASTER"


def test_command_form_of_the_request(srd_pair):
    with srd_pair.ncclient(MX1) as m1:
        out = m1.command(f"request services redundancy-set id 1 trigger redundancy-event {RELEASE}", format="text")
        assert f"Triggered redundancy event {RELEASE} on redundancy set 1" in etree.fromstring(out.tostring).findtext(
            ".//output"
        )
        with pytest.raises(RPCError, match=r"manual\.not-bound"):
            m1.command("request services redundancy-set id 1 trigger redundancy-event NOPE force", format="text")
    srd_pair.wait_event(MX2, "srd-switchover-done")


def test_reset_cancels_a_switchover_and_clears_srd(srd_pair):
    with srd_pair.ncclient(MX1) as m1:
        trigger(m1, RELEASE)
    srd_pair.reset()
    with srd_pair.ncclient(MX1) as m1:
        x = rs(m1)
        assert x.findtext(".//iccp-process-connection") == "Not connected"
        assert x.find(".//services-rg-information") is None
    assert srd_pair.state(MX1)["srd"]["switchovers"] == []
    assert srd_pair.events(MX2) == []
