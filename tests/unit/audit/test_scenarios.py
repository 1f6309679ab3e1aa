# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the audit enumerates for the example pair: every kind the issue names, with stable ids, and
what each does (written from docs/examples/cgnat-pair.yml by hand)."""

from __future__ import annotations

from collections import Counter

import pytest

from ansible_collections.mxha.srd.plugins.module_utils.srd.audit.design import Design, card_of, physical
from ansible_collections.mxha.srd.plugins.module_utils.srd.audit.scenarios import KINDS, failures, starting_states
from ansible_collections.mxha.srd.plugins.module_utils.srd.errors import InputError

from .audit_helpers import MX1, MX2, audit, configs


@pytest.fixture(scope="module")
def example():
    return audit("cgnat-pair")


def test_interface_names():
    assert physical("xe-0/0/1.0") == "xe-0/0/1" and card_of("xe-0/0/1.0") == (0, 0)
    assert card_of("vms-12/3/0") == (12, 3) and card_of("ae0") is None and card_of("lo0.0") is None


def test_starting_states_are_each_chassis_primary(example):
    assert [s.id for s in example.starts] == ["primary:%s" % MX1, "primary:%s" % MX2]
    assert example.starts[0].label == "every set primary on pair1-mx1 (gateway 1)"


def test_failures_of_the_example():
    design = Design(configs("cgnat-pair"))
    listed = failures(design, starting_states(design)[0].state)
    kinds = Counter(f.kind for f in listed)
    # 3 links per chassis; PIC 0/0 of mx1 and 1/0 of mx2 carry two each (a PIC with one link, or an FPC
    # with one such PIC, fails as that link does); rpd restart and abort per chassis; the standby held
    assert kinds == {"steady": 1, "link-down": 6, "pic-down": 2, "rpd-restart": 2, "rpd-abort": 2,
                     "srd-disable": 2, "iccp-down": 1, "hold-wait": 1, "hold-warned": 1, "peer-event": 2,
                     "trigger": 12}
    assert set(kinds) == set(KINDS) - {"fpc-down"}
    ids = [f.id for f in listed]
    assert "link-down(pair1-mx1,xe-0/0/0)" in ids and "pic-down(pair1-mx2,1/0)" in ids
    assert "hold-warned(pair1-mx2)" in ids and "hold-warned(pair1-mx1)" not in ids   # mx1 is primary
    assert "trigger(pair1-mx1,1,RELS_MSHIP_MANUAL_EV,force)" in ids
    assert "peer-event(pair1-mx2,1,ACQU_MSHIP_CRIT_EV)" in ids
    assert not any("ACQU_MSHIP_CRIT_EV" in i for i in ids if i.startswith("trigger("))   # peer events are not requests
    pic = next(f for f in listed if f.id == "pic-down(pair1-mx1,0/0)")
    assert pic.interfaces == ("xe-0/0/0", "xe-0/0/1") and pic.card == (0, 0)


def test_a_card_across_pics_is_an_fpc_failure():
    assert [c[0] for c in Design(configs("cgnat-pair")).cards(MX1)] == ["pic"]
    from engine.engine_cases import build_pair  # tests/unit/engine: links on PIC 0/0 and 0/1 of FPC 0

    cards = Design(build_pair("std")).cards("A")
    assert [(kind, card) for kind, card, unused in cards] == [("pic", (0, 0)), ("pic", (0, 1)), ("fpc", (0,))]


def test_what_each_kind_does_on_the_example(example):
    outcome = {s.id: s.outcome(1) for s in example.scenarios}

    def of(scenario):
        found = outcome["primary:%s/%s" % (MX1, scenario)]
        return (found.outcome, found.rule_id, found.after) if found else None

    assert of("steady") == ("stays", "state.unchanged", MX1)
    assert of("link-down(pair1-mx1,xe-0/0/1)") == ("switches", "release.ok", MX2)
    assert of("link-down(pair1-mx2,xe-1/0/1)") == ("stays", "release.not-primary", MX1)
    assert of("pic-down(pair1-mx1,0/0)") == ("switches", "release.ok", MX2)
    assert of("rpd-restart(pair1-mx1)") == ("switches", "release.ok", MX2)
    assert of("rpd-abort(pair1-mx2)") == ("stays", "release.not-primary", MX1)
    assert of("srd-disable(pair1-mx1)") == ("switches", "daemon.gw1-switchover", MX2)       # S19
    assert of("srd-disable(pair1-mx2)") == ("stays", "daemon.off-standby", MX1)
    assert of("iccp-down") == ("stays", "iccp.peer-down", MX1)
    assert of("hold-warned(pair1-mx2)") == ("stays", "hold.warned", MX1)
    assert of("peer-event(pair1-mx2,1,ACQU_MSHIP_CRIT_EV)") == ("switches", "acquire.ok", MX2)
    assert of("trigger(pair1-mx1,1,RELS_MSHIP_MANUAL_EV)") == ("switches", "release.ok", MX2)
    assert of("trigger(pair1-mx2,1,RELS_MSHIP_MANUAL_EV,force)") == ("stays", "release.not-primary", MX1)
    gw2 = {s.id: s.outcome(1) for s in example.scenarios}["primary:%s/srd-disable(%s)" % (MX2, MX2)]
    assert (gw2.outcome, gw2.rule_id, gw2.after) == ("stays", "daemon.gw2-no-switchover", MX2)   # S20


def test_a_switchover_carries_routes_vrrp_advertisement_and_sync(example):
    scenario = next(s for s in example.scenarios if s.id == "primary:pair1-mx1/link-down(pair1-mx1,xe-0/0/1)")
    part = scenario.parts[0]
    assert part.routes == {MX1: ((), (("203.0.113.100/32", "HA"),)), MX2: ((("203.0.113.100/32", "HA"),), ())}
    assert [(v.group, v.winner, dict(v.priorities)) for v in part.vrrp] == [(10, MX2, {MX1: 50, MX2: 190})]
    assert sorted((a.chassis, a.after) for a in part.advertisement) == [(MX1, False), (MX2, True)]
    assert [(s.redundancy_set, s.source, s.target) for s in part.sync] == [(1, MX2, MX1)]


def test_depth2_chains_the_second_failure_after_the_first():
    result = audit("cgnat-pair", depth=2)
    assert result.counts["depth2_pairs"] == 2 * 17 * 16     # 17 failures per starting state, ordered pairs
    warned = next(s for s in result.deep if s.id == "primary:pair1-mx1/hold-warned(pair1-mx2)+link-down(pair1-mx1,xe-0/0/0)")
    assert (warned.outcome(1).outcome, warned.outcome(1).rule_id) == ("refused", "release.peer-warned")
    assert "AUDIT-BLACKHOLE" in warned.findings


def test_iccp_down_then_a_link_down_cannot_release():
    result = audit("cgnat-pair", depth=2)
    scenario = next(s for s in result.deep if s.id == "primary:pair1-mx1/iccp-down+link-down(pair1-mx1,xe-0/0/0)")
    assert (scenario.outcome(1).outcome, scenario.outcome(1).rule_id) == ("refused", "release.no-peer")
    assert "ICCP is down" in scenario.outcome(1).reason


def test_live_state_and_placement_start_too():
    from ansible_collections.mxha.srd.plugins.module_utils.srd.engine.decide import initial_state

    design = Design(configs("clean-pair"))
    live = initial_state(design.pair, MX2)
    starts = starting_states(design, live, {1: MX2})
    assert [s.id for s in starts] == ["primary:%s" % MX1, "primary:%s" % MX2, "live"]   # placement = primary:mx2


def test_placement_is_checked():
    with pytest.raises(InputError, match="no redundancy set 7"):
        audit("clean-pair", placement={7: MX1})
    with pytest.raises(InputError, match="not a chassis of the pair"):
        audit("clean-pair", placement={"1": "pair9-mx1"})
    with pytest.raises(InputError, match="depth must be 1 or 2"):
        audit("clean-pair", depth=3)
